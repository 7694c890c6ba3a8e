/**
 * The event report webview panels: one per report (event, kind, window, who), restored after a window reload with
 * its rows (WebviewPanelSerializer + the ReportStore). A thin adapter: ReportSession does the work; this file owns
 * the panel, its HTML, the progress notification with Cancel, dialogs and the clipboard.
 */
import * as vscode from 'vscode';
import type { PanelShortcut } from '../../protocol/shortcuts';
import {
  fromReportWebview, progressText, REPORT_VIEW_TYPE, reportPanelState, type ExportTable, type ReportMode, type ReportPanelTarget, type ReportSummary,
  type ToReportWebview,
} from '../../protocol/report';
import { notificationText } from '../../explorer/markup';
import type { PanelTarget } from '../../protocol/slices';
import { reportColumns, reportSliceFilters, windowOpen, type ReportStore } from '../../reports';
import type { BrellaService } from '../../services/brella';
import { ReportSession } from './session';
import { windowText } from './window';
import { shownZone } from '../../model/zone';
import { timeZoneSetting } from '../kit/zone';
import { checkMessage } from '../kit/message-check';
import { copyRequest } from '../kit/copy-request';
import { exportSponsorVisitorLists } from './visitor-lists';
import { TrackableNamer } from './naming-panel';
import { exportToFile, loadPanelHtml, PanelRegistry } from '../kit/panels';
import { reportQuery, tableRows, workbookBytes } from '../kit/xlsx';

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

export class ReportPanels extends PanelRegistry<ReportPanelTarget, ReportPanel> {
  constructor(deps: ReportPanelDeps) {
    super({
      viewType: REPORT_VIEW_TYPE, what: 'An event report panel', state: reportPanelState, keyOf, titleOf,
      create: (panel, target) => new ReportPanel(panel, target, deps),
    }, deps);
  }

  /** Stops every run under way and waits until their finished rows are saved (the extension is deactivating). */
  async stopAll(): Promise<void> {
    await Promise.all([...this.open.values()].map((p) => p.session.stop()));
  }

  /** Shows the report's panel (creating it when needed) and runs it in `mode`. */
  async show(target: ReportPanelTarget, mode: ReportMode): Promise<ReportPanel> {
    const report = this.reveal(target);
    void report.run(mode);
    return report;
  }

  timeZoneChanged(): void {
    for (const p of this.open.values()) p.post({ type: 'timeZone', timeZone: p.tableZone() });
  }
}

function titleOf(t: ReportPanelTarget): string {
  return vscode.l10n.t('Report · {0} · {1}', t.kind === 'presence' ? vscode.l10n.t('Presence') : vscode.l10n.t('Engagement'), t.eventName);
}

export class ReportPanel {
  readonly session: ReportSession;
  private readonly namer: TrackableNamer;
  /** The summary last shown, and this panel's last run and when it finished (for an Excel export's Query sheet). */
  private shown: { summary?: ReportSummary; runId?: number; ranAt?: string } = {};

  constructor(readonly panel: vscode.WebviewPanel, readonly target: ReportPanelTarget, private readonly deps: ReportPanelDeps) {
    this.session = new ReportSession(target, {
      client: () => deps.brella.client(target.organizationId),
      store: deps.store,
      post: (message) => this.post(message),
      log: deps.log,
    });
    this.namer = new TrackableNamer(target, {
      store: deps.store, client: () => deps.brella.client(target.organizationId), log: deps.log, post: (message) => this.post(message),
      rows: async () => (await this.session.ledger()).view().rows, found: () => this.session.foundNames,
    });
    loadPanelHtml(panel, deps.extensionUri, 'report', titleOf(target));
    const subscription = panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw));
    panel.onDidDispose(() => {
      subscription.dispose();
      this.session.cancel();
      this.namer.cancel();
    });
  }

  /** Where the table shows times: the setting, with "event" meaning the event's zone (this computer's without one). */
  tableZone(): string {
    return shownZone(timeZoneSetting(), this.target.timeZone);
  }

  post(message: ToReportWebview): void {
    if ((message.type === 'rows' || message.type === 'done') && message.summary) this.shown.summary = message.summary;
    // A replay after a reload repeats the last run's `done`; rows from storage come with `restored`.
    if (message.type === 'done' && !message.restored && message.runId !== this.shown.runId) Object.assign(this.shown, { runId: message.runId, ranAt: new Date().toISOString() });
    void this.panel.webview.postMessage(message);
  }

  /** Runs the report with a notification that shows progress and offers Cancel. */
  async run(mode: ReportMode): Promise<void> {
    const t = this.target;
    await vscode.window.withProgress(
      // The event's name comes from Brella: as text, never as a link.
      { location: vscode.ProgressLocation.Notification, title: notificationText(vscode.l10n.t('Event report: {0}', t.eventName)), cancellable: true },
      async (progress, token) => {
        const cancel = token.onCancellationRequested(() => this.session.cancel());
        let shown = 0;
        try {
          await this.session.run(mode, (p) => {
            const percent = p.total > 0 ? (p.done / p.total) * 100 : 0;
            progress.report({ message: notificationText(progressText(p)), increment: Math.max(0, percent - shown) });
            shown = Math.max(shown, percent);
          });
        } finally {
          cancel.dispose();
        }
      },
    );
    // A complete engagement report names what it found, in the status bar (only the names not kept yet are asked).
    if (t.kind === 'engagement' && this.shown.summary && !this.shown.summary.estimate && this.shown.summary.attendees > 0) void this.namer.name(true);
  }

  private async receive(raw: unknown): Promise<void> {
    const message = checkMessage(fromReportWebview, raw, 'event report', (m) => this.deps.log.warn(m));
    if (message === undefined) return;
    try {
      switch (message.type) {
        case 'ready':
          this.post({
            type: 'init', target: this.target, columns: reportColumns(this.target.kind), windowText: windowText(this.target.window, this.target.timeZone),
            dayZone: this.session.dayZone, timeZone: this.tableZone(), open: windowOpen(this.target.window, Date.now()),
          });
          await this.session.replay();
          if (this.target.kind === 'engagement') await this.namer.showKept();
          return;
        case 'run': return await this.run(message.mode);
        case 'cancel': return this.session.cancel();
        case 'export': return await this.export(message.format, message.text, message.rows);
        case 'exportXlsx': return await this.exportXlsx(message.table);
        case 'copy':
          await vscode.env.clipboard.writeText(message.text);
          return;
        case 'openSlices': return this.openSlices(message.attendeeId, message.name, message.trackingType);
        case 'copyCurl': return await this.copyCurl(message.attendeeId);
        case 'nameTrackables': return await this.namer.name(false);
        case 'exportVisitorLists':
          return await exportSponsorVisitorLists((await this.session.ledger()).view().rows, this.target, this.deps.log, await this.namer.namesForLists(), this.session.dayZone);
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

  /** The attendee's slice request with the report's kind and window, as cURL; the key stays in $BRELLA_API_KEY. */
  private async copyCurl(attendeeId: string): Promise<void> {
    const t = this.target;
    const outcome = await copyRequest(this.deps.brella, { organizationId: t.organizationId, eventId: t.eventId, attendeeId: Number(attendeeId) }, { ...reportSliceFilters(t.kind, t.window) }, 'curl');
    if (outcome.ok) void vscode.window.showInformationMessage(notificationText(outcome.notice));
    else this.deps.log.warn(`Copy as cURL: ${outcome.errors.map((e) => e.message).join('; ')}`);
  }

  /** Ctrl/Cmd+F focuses the table's filter; the report has no query to run or copy from the keyboard. */
  shortcut(shortcut: PanelShortcut): boolean {
    if (shortcut !== 'focusFilter') return false;
    this.post({ type: 'shortcut', shortcut });
    return true;
  }

  private openSlices(attendeeId: string, name: string, trackingType?: 'streamlink' | 'sponsor'): void {
    const t = this.target;
    const target: PanelTarget = {
      organizationId: t.organizationId, eventId: t.eventId, attendeeId: Number(attendeeId), attendeeName: name, eventName: t.eventName,
      eventStart: t.window.startFrom.slice(0, 10),
      ...(t.window.startTo ? { eventEnd: t.window.startTo.slice(0, 10) } : {}),
      ...(t.demo ? { demo: true } : {}),
    };
    this.deps.openSlices(target, { ...reportSliceFilters(t.kind, t.window), ...(trackingType ? { tracking_type: [trackingType] } : {}) });
  }

  private async export(format: 'csv' | 'json', text: string, rows: number): Promise<void> {
    const { eventId, kind } = this.target;
    await exportToFile(this.deps.log, { format, content: text, rows, noun: vscode.l10n.t('report rows'), baseName: `report-${eventId}-${kind}` });
  }

  /** The shown rows as an Excel workbook, with a Query sheet: the report's window, who, kind and summary. */
  private async exportXlsx(table: ExportTable): Promise<void> {
    const { eventId, kind } = this.target;
    const content = (): Promise<Uint8Array> => {
      const query = { target: this.target, summary: this.shown.summary, ranAt: this.shown.ranAt, exportedAt: new Date().toISOString() };
      return workbookBytes('Report', table, reportQuery(query, table));
    };
    await exportToFile(this.deps.log, { format: 'xlsx', content, rows: tableRows(table), noun: vscode.l10n.t('report rows'), baseName: `report-${eventId}-${kind}` });
  }

}
