/**
 * What a run tells its listeners: progress (done / total, failed, rate, ETA, and when it is listing or waiting for
 * Brella) and the rows and failures as they finish. Both are batched to at most one call per 250 ms, with a
 * trailing call so nothing that arrived is left unsaid, and always a last call when the run ends, however it ends.
 */
import type { ReportFailure, ReportProgress, ReportRow } from './types';

const EVERY_MS = 250;
/** While a run waits on Brella (a pause of the key), progress is repeated this often so the wait is visible. */
const TICK_MS = 1000;

export class Emitter {
  private total = 0;
  private done = 0;
  private failedCount = 0;
  private askedDone = 0;
  private started = performance.now();
  private phase: ReportProgress['phase'] = 'asking';
  private rows: ReportRow[] = [];
  private failures: ReportFailure[] = [];
  private lastProgress = -Infinity;
  private lastRows = -Infinity;
  private trailing: ReturnType<typeof setTimeout> | undefined;
  private ticker: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly onProgress: ((p: ReportProgress) => void) | undefined,
    private readonly onChange: ((rows: ReportRow[], failures: ReportFailure[]) => void) | undefined,
    private readonly pausedUntil: () => number | undefined,
  ) {}

  listing(): void {
    this.phase = 'listing';
    this.progress(true);
  }

  start(reused: number, asking: number): void {
    this.phase = 'asking';
    this.total = reused + asking;
    this.done = reused;
    this.started = performance.now();
    this.progress(true);
    this.ticker ??= setInterval(() => this.progress(true), TICK_MS);
  }

  row(row: ReportRow): void {
    this.rows.push(row);
    this.finished();
  }

  failed(failure: ReportFailure): void {
    this.failures.push(failure);
    this.failedCount++;
    this.finished();
  }

  private finished(): void {
    this.done++;
    this.askedDone++;
    this.changes(false);
    this.progress(false);
  }

  /** The last word: every row and the final progress. */
  end(): void {
    if (this.ticker) clearInterval(this.ticker);
    if (this.trailing) clearTimeout(this.trailing);
    this.ticker = undefined;
    this.trailing = undefined;
    this.changes(true);
    if (this.phase !== 'listing' || this.total > 0) this.progress(true);
  }

  private later(): void {
    this.trailing ??= setTimeout(() => {
      this.trailing = undefined;
      this.changes(true);
      this.progress(true);
    }, EVERY_MS);
  }

  private changes(force: boolean): void {
    const now = performance.now();
    if (!force && now - this.lastRows < EVERY_MS) return this.later();
    if (this.rows.length === 0 && this.failures.length === 0) return;
    this.lastRows = now;
    const rows = this.rows;
    const failures = this.failures;
    this.rows = [];
    this.failures = [];
    try {
      this.onChange?.(rows, failures);
    } catch {
      // a failing listener must not stop the run
    }
  }

  private progress(force: boolean): void {
    if (!this.onProgress) return;
    const now = performance.now();
    if (!force && now - this.lastProgress < EVERY_MS) return this.later();
    this.lastProgress = now;
    const seconds = (now - this.started) / 1000;
    const ratePerSecond = seconds > 0 ? this.askedDone / seconds : 0;
    const left = this.total - this.done;
    const until = this.pausedUntil();
    const waiting = this.phase === 'asking' && until !== undefined && until > Date.now();
    const p: ReportProgress = {
      done: this.done, total: this.total, failed: this.failedCount, ratePerSecond,
      etaSeconds: left === 0 ? 0 : ratePerSecond > 0 ? left / ratePerSecond : null,
      phase: waiting ? 'waiting' : this.phase,
      ...(waiting ? { waitingUntil: new Date(until).toISOString() } : {}),
    };
    try {
      this.onProgress(p);
    } catch {
      // a failing listener must not stop the run
    }
  }
}
