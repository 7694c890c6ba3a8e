/**
 * The event report webview panels: one per report (event, kind, window, who), restored after a window reload with
 * its rows (WebviewPanelSerializer + the ReportStore). A thin adapter: ReportSession does the work; this file owns
 * the panel, its HTML, the progress notification with Cancel, dialogs and the clipboard.
 */
import { homedir } from 'node:os';
import * as vscode from 'vscode';
import {
  fromReportWebview, progressText, REPORT_VIEW_TYPE, reportPanelState, type ReportMode, type ReportPanelTarget, type ToReportWebview,
} from '../protocol/report';
import { notificationText } from '../explorer/markup';
import type { PanelTarget } from '../protocol/slices';
import { reportColumns, type ReportStore } from '../reports';
import type { BrellaService } from '../services/brella';
import { ReportSession } from '../services/report-session';
import { reportFiltersFor, windowText } from './report-window';
import { timeZoneSetting } from './slices-extras';
import { webviewHtml } from './webview-html';

export interface ReportPanelDeps {
  extensionUri: vscode.Uri;
  brella: BrellaService;
  store: ReportStore;
  log: vscode.LogOutputChannel;
  /** The tree node of an organization, for Set API Key. */
  organizationNode(orgId: number): unknown;
  /** Starts the demo organization (for a restored panel of a demo event). */
  openDemo(): Promise<void>;
  /** Opens an attendee's slices panel with its form filled with these filters. */
  openSlices(target: PanelTarget, filters: Record<string, unknown>): void;
}

const keyOf = (t: ReportPanelTarget): string =>
  `${t.organizationId}/${t.eventId}/${t.kind}/${t.window.startFrom}/${t.window.startTo ?? ''}/${t.who}/${(t.attendees ?? []).map((a) => a.id).join(',')}`;

export class ReportPanels implements vscode.WebviewPanelSerializer<unknown> {
  private readonly open = new Map<string, ReportPanel>();

  constructor(private readonly deps: ReportPanelDeps) {}

  /** Shows the report's panel (creating it when needed) and runs it in `mode`. */
  async show(target: ReportPanelTarget, mode: ReportMode): Promise<ReportPanel> {
    let report = this.open.get(keyOf(target));
    if (report) report.panel.reveal();
    else {
      const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, titleOf(target), vscode.ViewColumn.Active, panelOptions(this.deps.extensionUri));
      report = this.adopt(panel, target);
    }
    void report.run(mode);
    return report;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const parsed = reportPanelState.safeParse(state);
    if (!parsed.success) {
      this.deps.log.warn('An event report panel could not be restored: its saved state is not valid.');
      panel.dispose();
      return;
    }
    panel.webview.options = panelOptions(this.deps.extensionUri);
    if (parsed.data.target.demo) {
      await this.deps.openDemo().catch((error: unknown) => this.deps.log.error(`Could not reopen the demo organization: ${(error as Error).message}`));
    }
    this.adopt(panel, parsed.data.target);
  }

  private adopt(panel: vscode.WebviewPanel, target: ReportPanelTarget): ReportPanel {
    const report = new ReportPanel(panel, target, this.deps);
    this.open.set(keyOf(target), report);
    panel.onDidDispose(() => {
      if (this.open.get(keyOf(target)) === report) this.open.delete(keyOf(target));
    });
    return report;
  }

  timeZoneChanged(): void {
    for (const p of this.open.values()) p.post({ type: 'timeZone', timeZone: p.tableZone() });
  }
}

function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    retainContextWhenHidden: false,
    enableFindWidget: true,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

function titleOf(t: ReportPanelTarget): string {
  return `Report · ${t.kind === 'presence' ? 'Presence' : 'Engagement'} · ${t.eventName}`;
}

export class ReportPanel {
  readonly session: ReportSession;

  constructor(readonly panel: vscode.WebviewPanel, readonly target: ReportPanelTarget, private readonly deps: ReportPanelDeps) {
    this.session = new ReportSession(target, {
      client: () => deps.brella.client(target.organizationId),
      store: deps.store,
      post: (message) => this.post(message),
      log: deps.log,
    });
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'brella.svg');
    const webview = panel.webview;
    const asset = (file: string): string => webview.asWebviewUri(vscode.Uri.joinPath(deps.extensionUri, 'dist', 'webview', file)).toString();
    webview.html = webviewHtml({ cspSource: webview.cspSource, scriptUri: asset('report.js'), styleUri: asset('report.css'), view: 'report', title: titleOf(target) });
    const subscription = webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw));
    panel.onDidDispose(() => {
      subscription.dispose();
      this.session.cancel();
    });
  }

  /** Where the table shows times: the setting, with "event" meaning the event's zone (this computer's without one). */
  tableZone(): string {
    const setting = timeZoneSetting();
    return setting === 'event' ? (this.target.timeZone ?? 'local') : setting;
  }

  post(message: ToReportWebview): void {
    void this.panel.webview.postMessage(message);
  }

  /** Runs the report with a notification that shows progress and offers Cancel. */
  async run(mode: ReportMode): Promise<void> {
    const t = this.target;
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Event report: ${t.eventName}`, cancellable: true },
      async (progress, token) => {
        const cancel = token.onCancellationRequested(() => this.session.cancel());
        let shown = 0;
        try {
          await this.session.run(mode, (p) => {
            const percent = p.total > 0 ? (p.done / p.total) * 100 : 0;
            progress.report({ message: progressText(p), increment: Math.max(0, percent - shown) });
            shown = Math.max(shown, percent);
          });
        } finally {
          cancel.dispose();
        }
      },
    );
  }

  private async receive(raw: unknown): Promise<void> {
    const parsed = fromReportWebview.safeParse(raw);
    if (!parsed.success) {
      this.deps.log.warn(`Ignored a message from the event report webview that does not fit the protocol: ${parsed.error.issues[0]?.message ?? 'unknown shape'}`);
      return;
    }
    const message = parsed.data;
    try {
      switch (message.type) {
        case 'ready':
          this.post({
            type: 'init', target: this.target, columns: reportColumns(this.target.kind), windowText: windowText(this.target.window, this.target.timeZone),
            dayZone: this.session.dayZone, timeZone: this.tableZone(),
          });
          await this.session.replay();
          return;
        case 'run': return await this.run(message.mode);
        case 'cancel': return this.session.cancel();
        case 'export': return await this.export(message.format, message.text, message.rows);
        case 'copy':
          await vscode.env.clipboard.writeText(message.text);
          return;
        case 'openSlices': return this.openSlices(message.attendeeId, message.name);
        case 'command':
          if (message.command === 'setApiKey') await vscode.commands.executeCommand('brella.setApiKey', this.deps.organizationNode(this.target.organizationId));
          else this.deps.log.show();
          return;
      }
    } catch (error) {
      this.deps.log.error(`Event report panel: ${(error as Error).message}`);
      void vscode.window.showErrorMessage(notificationText((error as Error).message));
    }
  }

  private openSlices(attendeeId: string, name: string): void {
    const t = this.target;
    const target: PanelTarget = {
      organizationId: t.organizationId, eventId: t.eventId, attendeeId: Number(attendeeId), attendeeName: name, eventName: t.eventName,
      eventStart: t.window.startFrom.slice(0, 10),
      ...(t.window.startTo ? { eventEnd: t.window.startTo.slice(0, 10) } : {}),
      ...(t.demo ? { demo: true } : {}),
    };
    this.deps.openSlices(target, reportFiltersFor(t.kind, t.window));
  }

  private async export(format: 'csv' | 'json', text: string, rows: number): Promise<void> {
    const { eventId, kind } = this.target;
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(homedir());
    const uri = await vscode.window.showSaveDialog({
      title: `Export ${rows} report rows as ${format.toUpperCase()}`,
      defaultUri: vscode.Uri.joinPath(folder, `report-${eventId}-${kind}.${format}`),
      filters: format === 'csv' ? { 'CSV': ['csv'] } : { 'JSON': ['json'] },
    });
    if (!uri) return;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    this.deps.log.info(`Exported ${rows} report rows to ${uri.fsPath}`);
    const choice = await vscode.window.showInformationMessage(notificationText(`Exported ${rows} report rows to ${vscode.workspace.asRelativePath(uri)}.`), 'Open');
    if (choice === 'Open') await vscode.window.showTextDocument(uri);
  }
}
