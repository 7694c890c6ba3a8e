/** The slices panel's check of what its webview sends (see kit/message-check.ts). No `vscode` import, so tests reach it. */
import { fromWebview, type FromWebview } from '../../protocol/slices';
import { checkMessage } from '../kit/message-check';

export function parseSlicesMessage(raw: unknown, warn: (message: string) => void): FromWebview | undefined {
  return checkMessage(fromWebview, raw, 'slices', warn);
}
