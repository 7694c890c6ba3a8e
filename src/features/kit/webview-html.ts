/** The HTML shell of a webview: a strict Content-Security-Policy with a per-load nonce, one script, one stylesheet. */
import { randomBytes } from 'node:crypto';

export interface WebviewHtmlOptions {
  /** webview.cspSource */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  /** Which front end webview/main.ts mounts. */
  view: string;
  title: string;
  nonce?: string;
}

export function newNonce(): string {
  return randomBytes(18).toString('base64url');
}

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function webviewHtml(options: WebviewHtmlOptions): string {
  const nonce = options.nonce ?? newNonce();
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    // No inline styles: the stylesheet comes from the extension; the toolkit's components use constructable
    // stylesheets, and the grid sets element.style from script, neither of which style-src restricts.
    `style-src ${options.cspSource} 'nonce-${nonce}'`,
    `font-src ${options.cspSource}`,
    `img-src ${options.cspSource} data:`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<meta property="csp-nonce" content="${nonce}">
<link rel="stylesheet" href="${escape(options.styleUri)}">
<title>${escape(options.title)}</title>
</head>
<body data-view="${escape(options.view)}">
<script nonce="${nonce}" src="${escape(options.scriptUri)}"></script>
</body>
</html>`;
}
