/**
 * Entry point of the code that runs inside Brella Explorer's webviews. The host page says which view to
 * mount in `<body data-view="…">`; each view talks to the host only through the shared message protocol.
 */
declare function acquireVsCodeApi(): { postMessage(message: unknown): void; getState(): unknown; setState(state: unknown): void };

const vscode = acquireVsCodeApi();
const view = document.body.dataset.view ?? 'unknown';
vscode.postMessage({ type: 'ready', view });
