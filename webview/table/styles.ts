/**
 * The grid's CSS, delivered from JS: `installGridStyles` adds it to the document as a
 * constructable stylesheet (document.adoptedStyleSheets), which a webview CSP without
 * 'unsafe-inline' allows; where that API is missing it falls back to a <style> element carrying
 * `nonce`. Hosts that prefer a file can write `GRID_CSS` out and link it instead. Colors and fonts
 * come only from VS Code theme variables, with fallbacks for use outside VS Code.
 *
 * Rows and header cells paint `--bt-row-bg` (hover, selection). Pinned cells are sticky at the offset their
 * element.style.left names and opaque: that colour over the background. Their text carries the bold or the
 * editor font, so the cell's own `ch` is the row's, the unit of the column widths and offsets. Group header rows
 * (`bt-group`) take the section header colour and show a toggle (`bt-toggle`) before their label.
 */

export const GRID_CSS = `
.bt-grid { position: relative; height: 100%; min-height: 120px; outline: none; overflow: hidden;
  background: var(--vscode-editor-background, #1e1e1e); color: var(--vscode-foreground, #cccccc);
  font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px); }
.bt-grid:focus-visible, .bt-grid:focus { outline: 1px solid var(--vscode-focusBorder, #007fd4); outline-offset: -1px; }
.bt-scroll { position: absolute; inset: 0; overflow: auto; overscroll-behavior: contain; }
.bt-head { position: sticky; top: 0; z-index: 2; width: var(--bt-width); min-width: 100%;
  background: var(--vscode-editorGroupHeader-tabsBackground, #252526);
  border-bottom: 1px solid var(--vscode-editorGroup-border, rgba(128, 128, 128, 0.35)); box-sizing: border-box; }
.bt-row { display: grid; grid-template-columns: var(--bt-template); width: var(--bt-width); min-width: 100%;
  box-sizing: border-box; }
.bt-body { position: relative; width: var(--bt-width); min-width: 100%; contain: layout paint; }
.bt-body > .bt-row { position: absolute; top: 0; left: 0; contain: layout paint style;
  --bt-row-bg: transparent; background: var(--bt-row-bg); }
.bt-row.bt-group { font-weight: 600;
  --bt-row-bg: var(--vscode-sideBarSectionHeader-background, rgba(128, 128, 128, 0.12)); }
.bt-toggle { margin-right: 6px; cursor: pointer; }
.bt-toggle::before { content: "▸"; }
.bt-group[aria-expanded="true"] .bt-toggle::before { content: "▾"; }
.bt-body > .bt-row:hover { --bt-row-bg: var(--vscode-list-hoverBackground, rgba(128, 128, 128, 0.15)); }
.bt-cell, .bt-hcell { padding: 0 8px; overflow: hidden; white-space: nowrap; box-sizing: border-box; min-width: 0;
  line-height: var(--bt-row-h); }
.bt-cell { text-overflow: ellipsis;
  font-family: var(--vscode-editor-font-family, monospace); font-size: var(--vscode-editor-font-size, 13px); }
.bt-num { text-align: right; font-variant-numeric: tabular-nums; }
.bt-hcell { display: flex; align-items: center; gap: 4px; cursor: pointer; user-select: none;
  line-height: var(--bt-head-h); --bt-row-bg: transparent; background: var(--bt-row-bg); }
.bt-hcell.bt-num { justify-content: flex-end; }
.bt-label { overflow: hidden; text-overflow: ellipsis; min-width: 0; font-weight: 600; }
.bt-hcell:hover { --bt-row-bg: var(--vscode-list-hoverBackground, rgba(128, 128, 128, 0.15)); }
.bt-arrow { flex: none; font-size: 0.8em; opacity: 0.9; }
.bt-body > .bt-row.bt-selected { --bt-row-bg: var(--vscode-list-inactiveSelectionBackground, rgba(128, 128, 128, 0.25));
  color: var(--vscode-list-inactiveSelectionForeground, var(--vscode-foreground, #cccccc)); }
.bt-grid:focus-within .bt-body > .bt-row.bt-selected {
  --bt-row-bg: var(--vscode-list-activeSelectionBackground, #04395e); color: var(--vscode-list-activeSelectionForeground, #ffffff); }
.bt-pin { position: sticky; z-index: 1;
  background: linear-gradient(var(--bt-row-bg), var(--bt-row-bg)), var(--vscode-editor-background, #1e1e1e); }
.bt-hcell.bt-pin { background: linear-gradient(var(--bt-row-bg), var(--bt-row-bg)),
  var(--vscode-editorGroupHeader-tabsBackground, #252526); }
.bt-pin-last { border-right: 1px solid var(--vscode-editorGroup-border, rgba(128, 128, 128, 0.35)); }
.bt-cell.bt-pin { font-family: inherit; font-size: inherit; }
.bt-pin > .bt-text { font-family: var(--vscode-editor-font-family, monospace); font-size: var(--vscode-editor-font-size, 13px); }
.bt-grid:focus-within .bt-active { outline: 1px solid var(--vscode-focusBorder, #007fd4); outline-offset: -1px; }
.bt-empty { position: absolute; left: 12px; top: 8px; opacity: 0.7; font-style: italic; }
`;

const adopted = new WeakSet<Document>();

export function installGridStyles(doc: Document, nonce?: string): void {
  if (adopted.has(doc)) return;
  adopted.add(doc);
  const view = doc.defaultView;
  if (view !== null && 'adoptedStyleSheets' in doc && typeof view.CSSStyleSheet?.prototype.replaceSync === 'function') {
    const sheet = new view.CSSStyleSheet();
    sheet.replaceSync(GRID_CSS);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    return;
  }
  const style = doc.createElement('style');
  if (nonce !== undefined) style.nonce = nonce;
  style.textContent = GRID_CSS;
  doc.head.appendChild(style);
}
