/**
 * What every webview panel kind shares: one open panel per target (shown again rather than opened twice), restore
 * after a window reload with its saved state checked first, the panel options, the HTML shell and the export dialog.
 */
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { ZodMiniType } from 'zod/mini';
import { notificationText } from '../../explorer/markup';
import { withBundle } from '../../protocol/l10n';
import { newNonce, webviewHtml } from './webview-html';

export interface PanelRegistryDeps {
  extensionUri: vscode.Uri;
  log: vscode.LogOutputChannel;
  /** Starts the demo organization (for a restored panel of a demo target). */
  openDemo(): Promise<void>;
}

export interface PanelKind<T extends { demo?: boolean }, P extends { readonly panel: vscode.WebviewPanel }> {
  viewType: string;
  /** How the log names one panel: "A slices panel". */
  what: string;
  /** The saved state a restored panel must fit. */
  state: ZodMiniType<{ target: T }>;
  keyOf(target: T): string;
  titleOf(target: T): string;
  create(panel: vscode.WebviewPanel, target: T): P;
}

/** The open panels of one kind, and their serializer. */
export class PanelRegistry<T extends { demo?: boolean }, P extends { readonly panel: vscode.WebviewPanel }> implements vscode.WebviewPanelSerializer<unknown> {
  protected readonly open = new Map<string, P>();

  constructor(private readonly kind: PanelKind<T, P>, private readonly registryDeps: PanelRegistryDeps) {}

  /** The panel of this kind that is the active editor, if one is. */
  active(): P | undefined {
    for (const p of this.open.values()) if (p.panel.active) return p;
    return undefined;
  }

  /** The target's panel, revealed when it is open, created otherwise. */
  protected reveal(target: T): P {
    const existing = this.open.get(this.kind.keyOf(target));
    if (existing) {
      existing.panel.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(this.kind.viewType, this.kind.titleOf(target), vscode.ViewColumn.Active, panelOptions(this.registryDeps.extensionUri));
    return this.adopt(panel, target);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const { log, extensionUri, openDemo } = this.registryDeps;
    const parsed = this.kind.state.safeParse(state);
    if (!parsed.success) {
      log.warn(`${this.kind.what} could not be restored: its saved state is not valid.`);
      panel.dispose();
      return;
    }
    panel.webview.options = panelOptions(extensionUri);
    if (parsed.data.target.demo) {
      await openDemo().catch((error: unknown) => log.error(`Could not reopen the demo organization: ${(error as Error).message}`));
    }
    this.adopt(panel, parsed.data.target);
  }

  private adopt(panel: vscode.WebviewPanel, target: T): P {
    const key = this.kind.keyOf(target);
    const created = this.kind.create(panel, target);
    this.open.set(key, created);
    panel.onDidDispose(() => {
      if (this.open.get(key) === created) this.open.delete(key);
    });
    return created;
  }
}

export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    // Not retained when hidden: the webview keeps its form in setState and the host replays the last result.
    retainContextWhenHidden: false,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/**
 * Gives the panel its icon and the HTML shell of the front end `view` (dist/webview/<view>.js and .css), with the
 * extension's l10n bundle in it when VS Code has one (a UI language other than English), read by the webview's t().
 */
export function loadPanelHtml(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, view: string, title: string): void {
  panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'brella.svg');
  const webview = panel.webview;
  const asset = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', file)).toString();
  const nonce = newNonce();
  const html = webviewHtml({ cspSource: webview.cspSource, scriptUri: asset(`${view}.js`), styleUri: asset(`${view}.css`), view, title, nonce });
  webview.html = withBundle(html, vscode.l10n.bundle, nonce);
}

export type ExportFormat = 'csv' | 'json' | 'xlsx';

export interface ExportRequest {
  format: ExportFormat;
  /** The file's content: text, or bytes made once a file is chosen (a workbook, which takes a while to write). */
  content: string | (() => Promise<Uint8Array>);
  rows: number;
  /** What the rows are, after their count: "slices", "report rows". */
  noun: string;
  /** The proposed file name, without its extension. */
  baseName: string;
}

/** Each format's name and save-dialog filter label; a function, so the labels are localized when the dialog opens. */
const formats = (): Record<ExportFormat, { name: string; filter: string }> => ({
  csv: { name: 'CSV', filter: 'CSV' },
  json: { name: 'JSON', filter: 'JSON' },
  xlsx: { name: 'Excel', filter: vscode.l10n.t('Excel workbook') },
});

/** Asks where to save the export, writes it, logs it and offers to open it (a workbook in its own application). */
export async function exportToFile(log: vscode.LogOutputChannel, { format, content, rows, noun, baseName }: ExportRequest): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
  const { name, filter } = formats()[format];
  const uri = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export {0} {1} as {2}', rows, noun, name),
    defaultUri: vscode.Uri.joinPath(folder, `${baseName}.${format}`),
    filters: { [filter]: [format] },
  });
  if (!uri) return;
  const bytes = typeof content === 'string'
    ? new TextEncoder().encode(content)
    : await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: notificationText(vscode.l10n.t('Writing {0} {1} to {2}…', rows, noun, vscode.workspace.asRelativePath(uri))) }, content);
  await vscode.workspace.fs.writeFile(uri, bytes);
  log.info(`Exported ${rows} ${noun} to ${uri.fsPath}`);
  // A workbook opens in the spreadsheet application of this computer: only a file of this computer can.
  const openable = typeof content === 'string' || (uri.scheme === 'file' && vscode.env.remoteName === undefined);
  const open = vscode.l10n.t('Open');
  const choice = await vscode.window.showInformationMessage(notificationText(vscode.l10n.t('Exported {0} {1} to {2}.', rows, noun, vscode.workspace.asRelativePath(uri))), ...(openable ? [open] : []));
  if (choice !== open) return;
  if (typeof content === 'string') await vscode.window.showTextDocument(uri);
  else await vscode.env.openExternal(uri);
}
