/**
 * The demo organization's local Brella, as a scenario reaches it: VS Code is started with BRELLA_DEMO_PORT and
 * BRELLA_DEMO_KEY (read by src/services/demo.ts), so the test knows its origin and demo key and can drive its
 * `/_demo` control routes (src/demo/world-routes.ts) while the extension uses it. The key stays in this process:
 * it is sent only in the Brella-API-Access-Token header of these requests and never printed.
 */
import { randomBytes } from 'node:crypto';
import { freePort } from './code-server';

export interface NewSlice {
  trackingType: 'time_spent' | 'streamlink' | 'sponsor';
  startTime: string;
  durationSeconds: number;
  trackableType?: string;
  trackableId?: number;
}

export class LocalBrella {
  private constructor(readonly port: number, private readonly key: string) {}

  /** A free port and a fresh demo key for one scenario. */
  static async create(): Promise<LocalBrella> {
    return new LocalBrella(await freePort(), `demo_${randomBytes(16).toString('hex')}`);
  }

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The environment that makes the extension's local Brella listen on this port with this key. */
  get env(): Record<string, string> {
    return { BRELLA_DEMO_PORT: String(this.port), BRELLA_DEMO_KEY: this.key };
  }

  private async call<T>(method: 'GET' | 'POST', route: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetch(`${this.origin}${route}`, {
        method,
        headers: { 'Brella-API-Access-Token': this.key, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new Error(`the local Brella at ${this.origin} did not answer ${method} ${route}: ${(error as Error).message}`, { cause: error });
    }
    const text = await response.text();
    if (!response.ok) throw new Error(`the local Brella answered ${method} ${route} with HTTP ${response.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  }

  /** /_demo/info: the data's seed and events, to check the scenario computes its truths from the same data. */
  info(): Promise<{ baseUrl: string; organizationId: number; seed: number; events: Array<{ id: number; name: string }> }> {
    return this.call('GET', '/_demo/info');
  }

  /** Holds every API request once `after` more were answered 200, until `hold({ release: true })`. */
  hold(options: { after: number } | { release: true }): Promise<unknown> {
    return this.call('POST', '/_demo/world/hold', options);
  }

  /** Until `setKeyRevoked(false)`, the API answers the demo key as a wrong key (403); `after`: once that many more answers were 200. */
  setKeyRevoked(revoked: boolean, after?: number): Promise<{ keyRevoked: boolean }> {
    return this.call('POST', '/_demo/world/key', { revoked, ...(after === undefined ? {} : { after }) });
  }

  async addAttendee(eventId: number, attendee: { name?: string; email?: string; company?: string } = {}): Promise<string> {
    return (await this.call<{ id: string }>('POST', '/_demo/world/attendees', { eventId, ...attendee })).id;
  }

  async addSlices(eventId: number, attendeeId: number | string, slices: NewSlice[]): Promise<string[]> {
    return (await this.call<{ ids: string[] }>('POST', '/_demo/world/slices', { eventId, attendeeId, slices })).ids;
  }

  /** Forgets the API requests recorded so far. */
  async clearRequests(): Promise<void> {
    await this.call('POST', '/_demo/requests/clear');
  }

  /** The API requests the server answered (method, path, query, status), oldest first. */
  async requests(): Promise<Array<{ method: string; path: string; query: Record<string, string>; status: number }>> {
    return (await this.call<{ requests: Array<{ method: string; path: string; query: Record<string, string>; status: number }> }>('GET', '/_demo/requests')).requests;
  }
}
