/** The webview side of VS Code's webview API, the same for every panel. */

export interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

/** Posts only messages of the protocol (the host ignores anything else). */
export type Post<Message> = (message: Message) => void;
