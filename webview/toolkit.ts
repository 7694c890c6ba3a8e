/**
 * Registers the controls the webviews use: vscode-button, vscode-checkbox, vscode-dropdown with vscode-option,
 * vscode-progress-ring. They are small elements of our own (webview/controls.ts) under the tag names of the
 * deprecated @vscode/webview-ui-toolkit, whose components and framework were most of each webview script.
 * Text inputs are plain <input> elements (see slices/form.ts).
 */
import { defineControls } from './controls';

export function registerToolkit(): void {
  defineControls();
}
