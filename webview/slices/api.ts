/** The webview side of VS Code's webview API, typed with the slices protocol. */
import type { FromWebview } from '../../src/protocol/slices';

export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

/** Posts only messages of the protocol (the host ignores anything else). */
export type Post = (message: FromWebview) => void;
