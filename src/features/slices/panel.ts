/**
 * The slices webview panels: one per attendee, reused, restored after a window reload (WebviewPanelSerializer).
 * A thin adapter: SlicesSession does the work; this file owns the panel, its HTML, dialogs and the clipboard.
 */
import * as vscode from 'vscode';
import type { PanelShortcut } from '../../protocol/shortcuts';
import { SLICE_FILTER_FIELDS, validateSliceFilters } from '../../brella';
import type { ConfiguredOrganization } from '../../config/organizations';
import { notificationText } from '../../explorer/markup';
import { panelState, VIEW_TYPE, type ExportTable, type PanelTarget, type ToWebview } from '../../protocol/slices';
import type { BrellaService } from '../../services/brella';
import type { RunHistory } from './history';
import { SlicesSession } from './session';
import { TrackingSessionsLoader } from './tracking-sessions';
import { timeZoneSetting } from '../kit/zone';
import { copyRequestAs, readEventZone, recentRunsOf, savedQueriesOf, saveQuery } from './extras';
import { parseSlicesMessage } from './messages';
import { exportToFile, loadPanelHtml, PanelRegistry } from '../kit/panels';
import { sliceQuery, tableRows, workbookBytes } from '../kit/xlsx';

export interface PanelDeps {
  extensionUri: vscode.Uri;
  brella: BrellaService;
  log: vscode.LogOutputChannel;
  /** The tree node of an organization, for commands run from the panel (e.g. Set API Key). */
  organizationNode(orgId: number): unknown;
  /** Starts the demo organization (for a restored panel of a demo attendee). */
  openDemo(): Promise<void>;
  /** Recent runs per attendee, in the extension's state. */
  history?: RunHistory;
}

const keyOf = (t: PanelTarget): string => `${t.organizationId}/${t.eventId}/${t.attendeeId}`;

export class SlicesPanels extends PanelRegistry<PanelTarget, SlicesPanel> {
  constructor(deps: PanelDeps) {
    super({
      viewType: VIEW_TYPE, what: 'A slices panel', state: panelState, keyOf, titleOf,
      create: (panel, target) => new SlicesPanel(panel, target, deps),
    }, deps);
  }

  /** Shows the attendee's panel, creating it when needed. */
  show(target: PanelTarget): SlicesPanel {
    return this.reveal(target);
  }

  /** Tells every panel the display time zone changed. */
  timeZoneChanged(): void {
    for (const p of this.open.values()) p.post({ type: 'timeZone', timeZone: timeZoneSetting() });
  }
}

function titleOf(t: PanelTarget): string {
  return vscode.l10n.t('Slices · {0} · {1}', t.attendeeName, t.eventName);
}

export class SlicesPanel {
  readonly session: SlicesSession;
  private readonly sessions: TrackingSessionsLoader;
  private recordedRun = 0;
  private zoneAsked = false;
  /** The webview asked for the run about to start, or the last result is being sent again: its form is right. */
  private formKnowsRun = false;
  /** The last run that finished, and when (for an Excel export's Query sheet). */
  private finished: { runId: number; at: string } | undefined;

  constructor(readonly panel: vscode.WebviewPanel, readonly target: PanelTarget, private readonly deps: PanelDeps) {
    this.session = new SlicesSession(target, {
      client: () => deps.brella.client(target.organizationId),
      post: (message) => {
        this.showRunFilters(message);
        this.post(message);
        this.recordRun(message);
        if (message.type === 'done' && message.runId !== this.finished?.runId) this.finished = { runId: message.runId, at: new Date().toISOString() };
      },
    });
    this.sessions = new TrackingSessionsLoader(target, { client: () => deps.brella.client(target.organizationId), post: (message) => this.post(message) });
    const settings = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('brella.organizations')) this.post({ type: 'savedQueries', queries: this.savedQueries() });
    });
    loadPanelHtml(panel, deps.extensionUri, 'slices', titleOf(target));
    const subscription = panel.webview.onDidReceiveMessage((raw: unknown) => void this.receive(raw));
    panel.onDidDispose(() => {
      subscription.dispose();
      settings.dispose();
      this.session.cancel();
      this.sessions.cancel();
    });
  }

  /** A keyboard shortcut pressed while the panel had the focus outside its page: the page does it. */
  shortcut(shortcut: PanelShortcut): boolean {
    this.post({ type: 'shortcut', shortcut });
    return true;
  }

  post(message: ToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  /** Fills the form with these filters (an event report's window and kind); the user presses Run. */
  prefill(filters: Record<string, unknown>): void {
    this.session.lastFilters = filters;
    this.post({ type: 'init', target: this.target, fields: SLICE_FILTER_FIELDS, timeZone: timeZoneSetting(), filters });
  }

  private async receive(raw: unknown): Promise<void> {
    const message = parseSlicesMessage(raw, (text) => this.deps.log.warn(text));
    if (!message) return;
    try {
      switch (message.type) {
        case 'ready':
          this.post({
            type: 'init', target: this.target, fields: SLICE_FILTER_FIELDS, timeZone: timeZoneSetting(), ...(this.session.lastFilters ? { filters: this.session.lastFilters } : {}),
            savedQueries: this.savedQueries(), recentRuns: recentRunsOf(this.deps.history, this.target),
          });
          this.formKnowsRun = true;
          await this.session.replay().finally(() => (this.formKnowsRun = false));
          return await this.askEventZone();
        case 'run':
          this.formKnowsRun = true;
          return await this.session.run(message.filters, message.requestId).finally(() => (this.formKnowsRun = false));
        case 'cancel': return this.session.cancel();
        case 'export': return await this.export(message.format, message.text, message.rows);
        case 'exportXlsx': return await this.exportXlsx(message.table);
        case 'copy':
          await vscode.env.clipboard.writeText(message.text);
          return;
        case 'copyCurl': {
          const curl = await this.session.curl(message.filters, message.requestId);
          if (curl === undefined) return;
          await vscode.env.clipboard.writeText(curl);
          this.post({ type: 'notice', text: vscode.l10n.t('Copied the request as cURL. The key is written as $BRELLA_API_KEY: set that variable before running it.') });
          return;
        }
        case 'openRaw': return await this.openRaw();
        case 'inspect': return this.post(this.session.resource(message.id));
        case 'command':
          if (message.command === 'setApiKey') await vscode.commands.executeCommand('brella.setApiKey', this.deps.organizationNode(this.target.organizationId));
          else this.deps.log.show();
          return;
        case 'timeZone':
          await vscode.workspace.getConfiguration('brella').update('timeZone', message.timeZone, vscode.ConfigurationTarget.Global);
          return;
        case 'copyAs': return await copyRequestAs(this.deps.brella, this.target, message, (m) => this.post(m));
        case 'saveQuery':
          if (await saveQuery(this.target, message, this.savedQueries(), (m) => this.post(m))) this.post({ type: 'savedQueries', queries: this.savedQueries() });
          return;
        case 'loadSessions': return await this.sessions.load();
      }
    } catch (error) {
      this.deps.log.error(`Slices panel: ${(error as Error).message}`);
      void vscode.window.showErrorMessage(notificationText((error as Error).message));
    }
  }

  private savedQueries() {
    const node = this.deps.organizationNode(this.target.organizationId) as { org?: ConfiguredOrganization } | undefined;
    return savedQueriesOf(node?.org, this.target);
  }

  /** Reads the event's time zone once, when the target came without it (from the tree, or an older saved state). */
  private async askEventZone(): Promise<void> {
    if (this.zoneAsked || this.target.timeZone !== undefined) return;
    this.zoneAsked = true;
    const zone = await readEventZone(this.deps.brella, this.target, this.deps.log);
    if (zone === undefined) return;
    this.target.timeZone = zone;
    this.post({ type: 'eventZone', timeZone: zone });
  }

  /** A run started from elsewhere (a saved query in the tree) first puts its filters in the form. */
  private showRunFilters(message: ToWebview): void {
    if (message.type !== 'started') return;
    const known = this.formKnowsRun;
    this.formKnowsRun = false;
    if (!known) this.post({ type: 'init', target: this.target, fields: SLICE_FILTER_FIELDS, timeZone: timeZoneSetting(), filters: message.filters });
  }

  /** A finished run goes into the attendee's recent runs (once: a replay after a reload repeats its `done`). */
  private recordRun(message: ToWebview): void {
    if (message.type !== 'done' || message.cancelled || message.runId === this.recordedRun || !this.deps.history || !this.session.lastFilters) return;
    this.recordedRun = message.runId;
    const history = this.deps.history;
    history
      .record(this.target, { filters: this.session.lastFilters, rows: message.rows, at: new Date().toISOString() })
      .then(() => this.post({ type: 'recentRuns', runs: history.list(this.target) }))
      .catch((error: unknown) => this.deps.log.warn(`Could not keep the run in the recent runs: ${(error as Error).message}`));
  }

  private async export(format: 'csv' | 'json', text: string, rows: number): Promise<void> {
    const { attendeeId, eventId } = this.target;
    await exportToFile(this.deps.log, { format, content: text, rows, noun: vscode.l10n.t('slices'), baseName: `slices-${eventId}-${attendeeId}` });
  }

  /** The shown rows as an Excel workbook, with a Query sheet: the request (its URL, never the key) and its filters. */
  private async exportXlsx(table: ExportTable): Promise<void> {
    const { attendeeId, eventId } = this.target;
    const content = async (): Promise<Uint8Array> => {
      const query = { target: this.target, url: await this.requestUrl(), filters: this.session.lastFilters, ranAt: this.finished?.at, exportedAt: new Date().toISOString() };
      return workbookBytes('Slices', table, sliceQuery(query, table));
    };
    await exportToFile(this.deps.log, { format: 'xlsx', content, rows: tableRows(table), noun: vscode.l10n.t('slices'), baseName: `slices-${eventId}-${attendeeId}` });
  }

  /** The URL of the last run's first request, as the client sends it (the key goes in a header); undefined when unknown. */
  private async requestUrl(): Promise<string | undefined> {
    const checked = this.session.lastFilters ? validateSliceFilters(this.session.lastFilters) : undefined;
    if (!checked?.ok) return undefined;
    const { organizationId, eventId, attendeeId } = this.target;
    try {
      return (await this.deps.brella.client(organizationId)).describeSliceRequest(organizationId, eventId, attendeeId, checked.filters).url;
    } catch (error) {
      this.deps.log.warn(`Excel export: the request could not be described: ${(error as Error).message}`);
      return undefined;
    }
  }


  private async openRaw(): Promise<void> {
    const pages = this.session.rawJson;
    if (pages.length === 0) {
      this.post({ type: 'notice', text: vscode.l10n.t('Run a query first: there are no raw pages yet.') });
      return;
    }
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: JSON.stringify(pages, null, 2) });
    await vscode.window.showTextDocument(document, { preview: false, viewColumn: vscode.ViewColumn.Beside });
  }
}
