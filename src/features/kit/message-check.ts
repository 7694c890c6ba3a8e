/**
 * The first thing a panel's host does with a message from its webview: check it against the panel's protocol.
 * A message that does not fit is dropped and logged (where, and what was wrong, in English), never acted on.
 * No `vscode` import, so tests reach it.
 */
import type { ZodMiniType } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/** zod/mini sets no language of its own; given per parse, the English messages need no global setting. */
const english = en().localeError;

export function checkMessage<T>(schema: ZodMiniType<T>, raw: unknown, webview: string, warn: (message: string) => void): T | undefined {
  const parsed = schema.safeParse(raw, { error: english });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` (at ${issue.path.map(String).join('.')})` : '';
  warn(`Ignored a message from the ${webview} webview that does not fit the protocol: ${issue?.message ?? 'unknown shape'}${where}`);
  return undefined;
}
