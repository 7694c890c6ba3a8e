/**
 * One event report panel's work, apart from VS Code: runs `runEventReport` for the panel's target, streams rows and
 * progress to the webview, keeps the last result so a reloaded webview gets it again, restores the rows kept in the
 * ReportStore (after a window reload), cancels, resumes and retries failed attendees. Speaks only the protocol of
 * src/protocol/report.ts. No `vscode` import.
 */
import { isAbortError, type BrellaClient } from '../brella';
import type { ReportAction, ReportMode, ReportPanelTarget, ToReportWebview } from '../protocol/report';
import {
  dailyCounts, reportStoreKey, runEventReport, summarize,
  type ReportAttendee, type ReportFailure, type ReportProgress, type ReportRow, type ReportStore, type ReportSummary, type ReportTarget,
} from '../reports';
import type { Log } from './brella';
import { failedRun } from './failure';

export interface ReportSessionDeps {
  client(): Promise<BrellaClient>;
  store: ReportStore;
  post(message: ToReportWebview): void;
  log?: Log;
}

/** Rows per message when a result is sent again: a screenful first, then large chunks. */
const FIRST_CHUNK = 200;
const CHUNK = 2_000;

type Outcome =
  | { kind: 'done'; summary: ReportSummary; cancelled: boolean; restored?: boolean; stopped?: string }
  | { kind: 'failed'; message: string; status?: number; actions: ReportAction[] };

export class ReportSession {
  private runId = 0;
  private readonly rows = new Map<string, ReportRow>();
  private readonly failures = new Map<string, ReportFailure>();
  private controller: AbortController | undefined;
  private outcome: Outcome | undefined;
  private lastProgress: ReportProgress | undefined;
  private restoring: Promise<void> | undefined;
  /** The run under way, until it has ended (its rows saved). */
  private underway: Promise<void> | undefined;

  /**
   * The store as runs use it: a store that cannot be read or written is logged, and the report still runs. The demo
   * organization's reports are kept apart (its id could be a real organization's too).
   */
  private readonly store: ReportStore;

  constructor(readonly target: ReportPanelTarget, private readonly deps: ReportSessionDeps) {
    const warn = (what: string) => (error: unknown): undefined => {
      deps.log?.warn(`Event report: could not ${what} the kept rows: ${(error as Error).message}`);
      return undefined;
    };
    const scope = target.demo ? 'demo:' : '';
    this.store = {
      load: (key) => deps.store.load(scope + key).catch(warn('read')),
      save: (key, value) => deps.store.save(scope + key, value).catch(warn('save')),
    };
  }

  get running(): boolean {
    return this.controller !== undefined;
  }

  /** The target as src/reports knows it. */
  get reportTarget(): ReportTarget {
    const { organizationId, eventId, eventName, timeZone } = this.target;
    return { organizationId, eventId, eventName, ...(timeZone ? { timeZone } : {}) };
  }

  get storeKey(): string {
    return reportStoreKey(this.reportTarget, this.target.kind, this.target.window);
  }

  get dayZone(): string {
    return this.target.timeZone ?? 'UTC';
  }

  /** The attendees the report covers, or undefined for every attendee Brella lists. */
  private attendees(): ReportAttendee[] | undefined {
    if (this.target.who !== 'configured') return undefined;
    return (this.target.attendees ?? []).map((a) => ({ id: a.id, name: a.name, email: null, company: null }));
  }

  /** The rows finished so far (in the order they came). */
  currentRows(): ReportRow[] {
    return [...this.rows.values()];
  }

  currentFailures(): ReportFailure[] {
    return [...this.failures.values()];
  }

  /**
   * Reads the rows kept for this report (after a window reload, or when the same report is opened again), so the
   * panel shows them without asking Brella. Only the attendees of this report count (configured ones for 'configured').
   */
  restore(): Promise<void> {
    this.restoring ??= this.load();
    return this.restoring;
  }

  private async load(): Promise<void> {
    const stored = await this.store.load(this.storeKey);
    if (!stored || stored.version !== 1 || this.runId !== 0) return;
    const only = this.attendees();
    const wanted = only ? new Set(only.map((a) => a.id)) : undefined;
    for (const [id, row] of Object.entries(stored.rows ?? {})) if (!wanted || wanted.has(id)) this.rows.set(id, row);
    for (const [id, failure] of Object.entries(stored.failures ?? {})) if (!wanted || wanted.has(id)) this.failures.set(id, failure);
    if (this.rows.size === 0 && this.failures.size === 0) return;
    for (const id of this.failures.keys()) this.rows.delete(id);
    this.outcome = { kind: 'done', summary: this.summary(this.rows.size, 0), cancelled: false, restored: true };
  }

  private summary(reused: number, asked: number): ReportSummary {
    return summarize([...this.rows.values()], [...this.failures.values()], { window: this.target.window, kind: this.target.kind, dayZone: this.dayZone, reused, asked });
  }

  /**
   * Runs the report in `mode`; rows stream to the webview as they finish. `onProgress` also gets every progress
   * report (the host shows it in a notification). Resolves when the run ends, however it ends.
   */
  run(mode: ReportMode, onProgress?: (p: ReportProgress) => void): Promise<void> {
    const run = this.runOnce(mode, onProgress);
    const underway = run.finally(() => {
      if (this.underway === underway) this.underway = undefined;
    });
    this.underway = underway;
    return underway;
  }

  /**
   * Cancels the run under way and waits until it has ended, its finished rows saved (the window is closing or
   * reloading: Resume then asks only for what is missing).
   */
  async stop(): Promise<void> {
    this.cancel();
    await this.underway?.catch(() => undefined);
  }

  private async runOnce(mode: ReportMode, onProgress?: (p: ReportProgress) => void): Promise<void> {
    await this.restore();
    this.cancel();
    const runId = ++this.runId;
    const controller = new AbortController();
    this.controller = controller;
    this.outcome = undefined;
    this.lastProgress = undefined;
    if (mode === 'full') {
      this.rows.clear();
      this.failures.clear();
    }
    this.deps.post({ type: 'started', runId, mode });
    if (mode === 'full') this.deps.post({ type: 'rows', runId, rows: [], failures: [], reset: true });
    const attendees = this.attendees();
    const started = performance.now();
    try {
      const client = await this.deps.client();
      const result = await runEventReport({
        client,
        target: this.reportTarget,
        kind: this.target.kind,
        window: this.target.window,
        ...(attendees ? { attendees } : {}),
        store: this.store,
        mode,
        dayZone: this.dayZone,
        signal: controller.signal,
        onProgress: (p) => {
          if (runId !== this.runId) return;
          this.lastProgress = p;
          this.deps.post({ type: 'progress', runId, progress: p });
          onProgress?.(p);
        },
        onRows: (rows, failures) => {
          if (runId !== this.runId) return;
          for (const r of rows) {
            this.rows.set(r.attendeeId, r);
            this.failures.delete(r.attendeeId);
          }
          for (const f of failures) {
            this.failures.set(f.attendeeId, f);
            this.rows.delete(f.attendeeId);
          }
          this.deps.post({ type: 'rows', runId, rows, failures });
        },
      });
      if (runId !== this.runId) return;
      // The result is the whole report: make the session (and the webview) hold exactly it.
      this.rows.clear();
      for (const r of result.rows) this.rows.set(r.attendeeId, r);
      this.failures.clear();
      for (const f of result.failures) this.failures.set(f.attendeeId, f);
      const stopped = (result as { stopped?: string }).stopped;
      this.logResult(mode, result.summary, result.cancelled, performance.now() - started);
      this.finish(runId, { kind: 'done', summary: result.summary, cancelled: result.cancelled, ...(stopped ? { stopped } : {}) }, true);
    } catch (error) {
      if (runId !== this.runId) return;
      if (isAbortError(error) && controller.signal.aborted) this.finish(runId, { kind: 'done', summary: this.summary(0, 0), cancelled: true }, true);
      else {
        const outcome = failedRun(error, 'resume');
        if (outcome.kind === 'failed') this.deps.log?.warn(`Event report ${this.target.eventName} (${this.target.eventId}) stopped: ${outcome.message}`);
        this.finish(runId, outcome, false);
      }
    }
  }

  /** One line per run and one per failed attendee, for Show Log (names and reasons as text; never the key). */
  private logResult(mode: ReportMode, s: ReportSummary, cancelled: boolean, ms: number): void {
    const log = this.deps.log;
    if (!log) return;
    const t = this.target;
    log.info(`Event report ${t.eventName} (${t.eventId}), ${t.kind}, ${mode}${cancelled ? ', cancelled' : ''}: ${s.attendees} rows, ${s.checkedIn} checked in, ${s.failures} failed; reused ${s.reused}, asked ${s.asked} in ${(ms / 1000).toFixed(1)} s`);
    for (const f of this.failures.values()) log.warn(`Event report: attendee ${f.attendeeId} (${f.name}) failed${f.status !== undefined ? ` with HTTP ${f.status}` : ''}: ${f.reason}`);
  }

  private finish(runId: number, outcome: Outcome, sendRows: boolean): void {
    this.controller = undefined;
    this.outcome = outcome;
    if (sendRows) this.deps.post({ type: 'rows', runId, rows: this.currentRows(), failures: this.currentFailures(), reset: true });
    this.postOutcome(runId, outcome);
    if (outcome.kind === 'done' && outcome.stopped) this.deps.post({ type: 'notice', text: outcome.stopped });
  }

  private postOutcome(runId: number, outcome: Outcome): void {
    if (outcome.kind === 'failed') {
      this.deps.post({ type: 'failed', runId, message: outcome.message, ...(outcome.status !== undefined ? { status: outcome.status } : {}), actions: outcome.actions });
      return;
    }
    this.deps.post({
      type: 'done', runId, summary: outcome.summary, daily: dailyCounts(this.currentRows()), failures: this.currentFailures(),
      cancelled: outcome.cancelled, ...(outcome.restored ? { restored: true } : {}),
    });
  }

  /** Stops the run in progress; every finished row stays (and is kept in the store). */
  cancel(): void {
    this.controller?.abort();
  }

  /** Sends everything again (a webview that was reloaded or hidden): rows in chunks, then progress or the outcome. */
  async replay(): Promise<void> {
    await this.restore();
    const runId = this.runId;
    const rows = this.currentRows();
    const failures = this.currentFailures();
    if (this.running) this.deps.post({ type: 'started', runId, mode: 'resume' });
    for (let start = 0, size = FIRST_CHUNK; start === 0 || start < rows.length; start += size, size = CHUNK) {
      if (runId !== this.runId) return;
      this.deps.post({ type: 'rows', runId, rows: rows.slice(start, start + size), failures: start === 0 ? failures : [], reset: start === 0 });
      if (start + size < rows.length) await new Promise((resolve) => setImmediate(resolve));
    }
    if (runId !== this.runId) return;
    if (this.running && this.lastProgress) this.deps.post({ type: 'progress', runId, progress: this.lastProgress });
    if (!this.running && this.outcome) this.postOutcome(runId, this.outcome);
  }
}
