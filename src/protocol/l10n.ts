/**
 * How the webviews get their texts in VS Code's UI language: the host embeds the extension's l10n bundle
 * (`vscode.l10n.bundle`, English message → translation) in the page as a JSON data block, which
 * webview/shared/l10n.ts reads once, so a webview has its texts before it builds any DOM. The block is data, never
 * run: the CSP stays as strict as it is. No DOM, no `vscode`.
 */

/** The id of the page's `<script type="application/json">` element that holds the bundle. */
export const L10N_BUNDLE_ID = 'l10n-bundle';

/** What `vscode.l10n.bundle` holds: the English message (as l10n.t is called with it) → its translation. */
export type L10nBundle = { [message: string]: string };

/**
 * The bundle as a JSON data block for the page, empty when there is none (English, or no translation). The JSON is
 * escaped for a script element's content: `<`, `>`, `&` and the two line separators as \u escapes, so no
 * message can end the element (`</script>`) or open a comment; JSON.parse reads the same bundle back.
 */
export function bundleScript(bundle: L10nBundle | undefined, nonce: string): string {
  if (bundle === undefined || Object.keys(bundle).length === 0) return '';
  const json = JSON.stringify(bundle).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `<script type="application/json" id="${L10N_BUNDLE_ID}" nonce="${nonce}">${json}</script>`;
}

/** The page with the bundle's data block at the end of its head (before the view's script); as it was when none. */
export function withBundle(html: string, bundle: L10nBundle | undefined, nonce: string): string {
  const script = bundleScript(bundle, nonce);
  // A function as the replacement, so no `$&` of a message is read as a pattern.
  return script === '' ? html : html.replace('</head>', () => `${script}\n</head>`);
}
