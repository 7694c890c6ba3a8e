/**
 * One event report panel's work, apart from VS Code. The report's state has one owner, the ledger (src/reports):
 * this session opens it from the store, runs it in a mode, and tells the webview what changed; it keeps no rows of
 * its own. A reloaded or hidden webview gets everything again from the ledger (replay), the last outcome included.
 * Speaks only the protocol of src/protocol/report.ts. No `vscode` import.
 */
import { isAbortError, type BrellaClient } from '../../brella';
import type { ReportAction, ReportMode, ReportPanelTarget, ToReportWebview } from '../../protocol/report';
import {
  LineWriter, checkReportInput, defaultConcurrency, openLedger, reportStoreKey, runLedger, syncLedger, uniqueAttendees, withListedDetails,
  type Ledger, type LedgerSpec, type ReportAttendee, type ReportPause, type ReportProgress, type ReportStore, type ReportTarget,
} from '../../reports';
import type { Log } from '../../services/brella';
import { failedRun } from '../kit/failure';

export interface ReportSessionDeps {
  client(): Promise<BrellaClient>;
  store: ReportStore;
  post(message: ToReportWebview): void;
  log?: Log;
  /** The clock (tests). */
  now?: () => number;
}

/** Rows per message when the report is sent again: a screenful first, then large chunks. */
const FIRST_CHUNK = 200;
const CHUNK = 2_000;

type Outcome =
  | { kind: 'done'; cancelled: boolean; restored?: boolean; paused?: ReportPause }
  | { kind: 'failed'; message: string; status?: number; actions: ReportAction[] };

export class ReportSession {
  private runId = 0;
  private controller: AbortController | undefined;
  private outcome: Outcome | undefined;
  private lastProgress: ReportProgress | undefined;
  private last = { reused: 0, asked: 0 };
  /** Booth and stream names the answers carried (naming keys), for the naming to keep without asking. */
  readonly foundNames = new Map<string, string>();
  private opening: Promise<Ledger> | undefined;
  /** The run under way, until it has ended (its answers written). */
  private underway: Promise<void> | undefined;
  private readonly store: ReportStore;
  readonly storeKey: string;

  constructor(readonly target: ReportPanelTarget, private readonly deps: ReportSessionDeps) {
    const warn = (what: string) => (error: unknown): undefined => {
      deps.log?.warn(`Event report: could not ${what} the kept rows: ${(error as Error).message}`);
      return undefined;
    };
    // The demo organization's reports are kept apart (its id could be a real organization's too).
    const scope = target.demo ? 'demo:' : '';
    this.store = {
      load: (key) => deps.store.load(scope + key).catch(warn('read')),
      append: (key, lines) => deps.store.append(scope + key, lines).catch(warn('save')),
      rewrite: (key, lines) => deps.store.rewrite(scope + key, lines).catch(warn('compact')),
    };
    const configured = this.configured();
    this.storeKey = reportStoreKey(this.reportTarget, target.kind, target.window, configured ? { kind: 'configured', attendees: configured } : { kind: 'all' });
  }

  get running(): boolean {
    return this.controller !== undefined;
  }

  /** The target as src/reports knows it. */
  get reportTarget(): ReportTarget {
    const { organizationId, eventId, eventName, timeZone } = this.target;
    return { organizationId, eventId, eventName, ...(timeZone ? { timeZone } : {}) };
  }

  get dayZone(): string {
    return this.target.timeZone ?? 'UTC';
  }

  /** The configured attendees, or undefined for every attendee Brella lists. */
  private configured(): ReportAttendee[] | undefined {
    if (this.target.who !== 'configured') return undefined;
    return uniqueAttendees((this.target.attendees ?? []).map((a) => ({ id: a.id, name: a.name, email: null, company: null })));
  }

  /** The ledger, opened once from the store (every stored line checked; a damaged one dropped and counted). */
  ledger(): Promise<Ledger> {
    this.opening ??= this.open();
    return this.opening;
  }

  private async open(): Promise<Ledger> {
    const { kind, window } = this.target;
    checkReportInput({ target: this.reportTarget, kind, window, dayZone: this.dayZone });
    const spec: LedgerSpec = { kind, window, dayZone: this.dayZone };
    let configured = this.configured();
    if (configured) configured = await withListedDetails(this.store, this.reportTarget, configured, spec);
    const ledger = await openLedger(this.store, this.storeKey, { ...spec, ...(configured ? { configured } : {}) });
    const view = ledger.view();
    if (this.runId === 0 && (view.rows.length > 0 || view.failures.length > 0 || ledger.dropped > 0)) {
      this.outcome = { kind: 'done', cancelled: false, restored: true };
      // Restored rows were all reused: none was asked in this window.
      this.last = { reused: view.rows.length, asked: 0 };
    }
    return ledger;
  }

  /** Opens the ledger (after a window reload, or when the same report is opened again) so the panel shows it without asking Brella. */
  async restore(): Promise<void> {
    await this.ledger();
  }

  /**
   * Runs the report in `mode`; what changes streams to the webview. `onProgress` also gets every progress report
   * (the host shows it in a notification). Resolves when the run ends, however it ends, its answers written.
   */
  run(mode: ReportMode, onProgress?: (p: ReportProgress) => void): Promise<void> {
    const run = this.runOnce(mode, onProgress);
    const underway = run.finally(() => {
      if (this.underway === underway) this.underway = undefined;
    });
    this.underway = underway;
    return underway;
  }

  /** Cancels the run under way and waits until it has ended, its answers written (the window is closing or reloading). */
  async stop(): Promise<void> {
    this.cancel();
    await this.underway?.catch(() => undefined);
  }

  private async runOnce(mode: ReportMode, onProgress?: (p: ReportProgress) => void): Promise<void> {
    this.cancel();
    await this.underway?.catch(() => undefined);
    const runId = ++this.runId;
    const controller = new AbortController();
    this.controller = controller;
    this.outcome = undefined;
    this.lastProgress = undefined;
    this.deps.post({ type: 'started', runId, mode });
    const writer = new LineWriter(this.store, this.storeKey);
    try {
      const ledger = await this.ledger();
      // Answers another panel or window wrote since: the later answer of an attendee wins.
      await syncLedger(ledger, this.store, this.storeKey);
      await this.sendAll(runId, ledger);
      const client = await this.deps.client();
      let asked = 0;
      const started = performance.now();
      const outcome = await runLedger({
        client, target: this.reportTarget, ledger, mode, writer, signal: controller.signal,
        concurrency: defaultConcurrency(client), names: this.foundNames,
        ...(this.deps.now ? { now: this.deps.now } : {}),
        onProgress: (p) => {
          if (runId !== this.runId) return;
          this.lastProgress = p;
          this.deps.post({ type: 'progress', runId, progress: p });
          onProgress?.(p);
        },
        onChange: (rows, failures) => {
          if (runId !== this.runId) return;
          asked += rows.length + failures.length;
          const view = ledger.view();
          this.deps.post({ type: 'rows', runId, rows, failures, summary: ledger.summary({ reused: this.last.reused, asked }, view), daily: ledger.daily(view) });
        },
      });
      await writer.flush();
      this.last = { reused: outcome.reused, asked: outcome.asked };
      if (runId !== this.runId) return;
      this.logResult(ledger, mode, outcome.cancelled, performance.now() - started, outcome.paused);
      this.finish(runId, { kind: 'done', cancelled: outcome.cancelled, ...(outcome.paused ? { paused: outcome.paused } : {}) });
    } catch (error) {
      await writer.flush();
      if (runId !== this.runId) return;
      if (isAbortError(error) && controller.signal.aborted) return this.finish(runId, { kind: 'done', cancelled: true });
      const outcome = failedRun(error, 'resume');
      if (outcome.kind === 'failed') this.deps.log?.warn(`Event report ${this.target.eventName} (${this.target.eventId}) stopped: ${outcome.message}`);
      this.finish(runId, outcome);
    }
  }

  /** One line per run and one per failed attendee, for Show Log (names and reasons as text; never the key). */
  private logResult(ledger: Ledger, mode: ReportMode, cancelled: boolean, ms: number, paused: ReportPause | undefined): void {
    const log = this.deps.log;
    if (!log) return;
    const t = this.target;
    const view = ledger.view();
    const s = ledger.summary(this.last, view);
    log.info(`Event report ${t.eventName} (${t.eventId}), ${t.kind}, ${mode}${cancelled ? ', cancelled' : ''}${paused ? ', paused' : ''}: ${s.attendees} rows, ${s.checkedIn} checked in, ${s.failures} failed, ${s.missing} not asked; reused ${s.reused}, asked ${s.asked} in ${(ms / 1000).toFixed(1)} s`);
    if (paused) log.warn(`Event report paused: ${paused.message}`);
    for (const f of view.failures) log.warn(`Event report: attendee ${f.attendeeId} (${f.name}) failed${f.status !== undefined ? ` with HTTP ${f.status}` : ''}: ${f.reason}`);
  }

  private finish(runId: number, outcome: Outcome): void {
    this.controller = undefined;
    this.outcome = outcome;
    void this.postOutcome(runId, outcome);
  }

  private async postOutcome(runId: number, outcome: Outcome): Promise<void> {
    if (outcome.kind === 'failed') {
      this.deps.post({ type: 'failed', runId, message: outcome.message, ...(outcome.status !== undefined ? { status: outcome.status } : {}), actions: outcome.actions });
      return;
    }
    const ledger = await this.ledger();
    const view = ledger.view();
    this.deps.post({
      type: 'done', runId, summary: ledger.summary(this.last, view), daily: ledger.daily(view), failures: view.failures, cancelled: outcome.cancelled,
      ...(outcome.restored ? { restored: true } : {}), ...(outcome.paused ? { paused: outcome.paused } : {}),
    });
  }

  /** Stops the run in progress; every finished answer stays (and is kept in the store). */
  cancel(): void {
    this.controller?.abort();
  }

  /** The whole report, in chunks: a screenful first. */
  private async sendAll(runId: number, ledger: Ledger): Promise<boolean> {
    const { rows, failures } = ledger.view();
    for (let start = 0, size = FIRST_CHUNK; start === 0 || start < rows.length; start += size, size = CHUNK) {
      if (runId !== this.runId) return false;
      this.deps.post({ type: 'rows', runId, rows: rows.slice(start, start + size), failures: start === 0 ? failures : [], reset: start === 0 });
      if (start + size < rows.length) await new Promise((resolve) => setImmediate(resolve));
    }
    return runId === this.runId;
  }

  /** Sends everything again (a webview that was reloaded or hidden): rows in chunks, then progress or the outcome. */
  async replay(): Promise<void> {
    const ledger = await this.ledger();
    const runId = this.runId;
    if (this.running) this.deps.post({ type: 'started', runId, mode: 'resume' });
    if (!(await this.sendAll(runId, ledger))) return;
    if (this.running && this.lastProgress) this.deps.post({ type: 'progress', runId, progress: this.lastProgress });
    if (!this.running && this.outcome) await this.postOutcome(runId, this.outcome);
  }
}
