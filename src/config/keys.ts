/**
 * API keys, one per organization, in VS Code's SecretStorage under `brella.apiKey.<orgId>`.
 * Takes the SecretStorage as an interface so tests can hand in a fake; never logs or returns a key in text.
 */
import { keyProblem } from '../brella/key';

export interface SecretStorageLike {
  get(key: string): Thenable<string | undefined>;
  store(key: string, value: string): Thenable<void>;
  delete(key: string): Thenable<void>;
  onDidChange(listener: (e: { key: string }) => unknown): { dispose(): unknown };
}

const PREFIX = 'brella.apiKey.';

export function secretName(orgId: number): string {
  return `${PREFIX}${orgId}`;
}

/** Why a typed key cannot be a Brella key, or undefined when it can: the client's own rule. */
export const checkKeyInput: (value: string) => string | undefined = keyProblem;

export class ApiKeyStore {
  /** Keys that live outside SecretStorage for this session only (the demo organization's). */
  private readonly sessionKeys = new Map<number, string>();

  constructor(private readonly secrets: SecretStorageLike) {}

  async get(orgId: number): Promise<string | undefined> {
    return this.sessionKeys.get(orgId) ?? (await this.secrets.get(secretName(orgId)));
  }

  async has(orgId: number): Promise<boolean> {
    return (await this.get(orgId)) !== undefined;
  }

  async set(orgId: number, key: string): Promise<void> {
    const problem = checkKeyInput(key);
    if (problem) throw new Error(problem);
    await this.secrets.store(secretName(orgId), key);
  }

  async delete(orgId: number): Promise<void> {
    await this.secrets.delete(secretName(orgId));
  }

  setSessionKey(orgId: number, key: string | undefined): void {
    if (key === undefined) this.sessionKeys.delete(orgId);
    else this.sessionKeys.set(orgId, key);
  }

  /** Calls `listener` with the organization id whenever a Brella key changes (in any window). */
  onDidChange(listener: (orgId: number) => void): { dispose(): unknown } {
    return this.secrets.onDidChange((e) => {
      if (e.key.startsWith(PREFIX)) listener(Number(e.key.slice(PREFIX.length)));
    });
  }
}
