/**
 * The first thing the slices panel host does with a message from its webview: check it against the protocol.
 * A message that does not fit is dropped and logged, never acted on. No `vscode` import, so tests reach it.
 */
import { fromWebview, type FromWebview } from '../../protocol/slices';

export function parseSlicesMessage(raw: unknown, warn: (message: string) => void): FromWebview | undefined {
  const parsed = fromWebview.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? ` (at ${issue.path.join('.')})` : '';
  warn(`Ignored a message from the slices webview that does not fit the protocol: ${issue?.message ?? 'unknown shape'}${where}`);
  return undefined;
}
