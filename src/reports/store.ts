/** Keeping finished rows: a store in memory, reading a stored report safely, and saving in batches. */
import type { ReportAttendee, ReportFailure, ReportRow, ReportStore, StoredReport } from './types';

/** A ReportStore in memory (tests, and hosts that keep reports only for a session). */
export function memoryReportStore(): ReportStore & { saves: number; readonly entries: Map<string, StoredReport> } {
  const entries = new Map<string, StoredReport>();
  const store = {
    saves: 0,
    entries,
    load: async (key: string) => entries.get(key),
    save: async (key: string, value: StoredReport) => {
      store.saves++;
      entries.set(key, value);
    },
  };
  return store;
}

/** A stored report of this version with rows and failures as records, else undefined (a newer or damaged one is ignored). */
export function readStored(value: unknown): StoredReport | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const v = value as Partial<StoredReport>;
  if (v.version !== 1 || !v.rows || typeof v.rows !== 'object' || !v.failures || typeof v.failures !== 'object') return undefined;
  return v as StoredReport;
}

export interface SaverState {
  rows: Map<string, ReportRow>;
  failures: Map<string, ReportFailure>;
  attendees: ReportAttendee[] | undefined;
}

/**
 * How long after a save the next may start: a save writes every row, so the wait grows with the rows kept
 * (`perRowMs` each, from `minMs` up to `maxMs`). Saving then writes about 1 / perRowMs rows a second however big
 * the event, instead of the whole report every second (5 MB a second at 20 000 attendees).
 */
export function saveIntervalMs(rows: number, minMs = 1000, perRowMs = 1, maxMs = 30_000): number {
  return Math.min(maxMs, Math.max(minMs, rows * perRowMs));
}

/**
 * Saves the whole report after a batch of rows, at most once per saveIntervalMs (a save copies every row, so it
 * is not done per row), never two at once; flush() saves what is left and waits for it.
 */
export class BatchSaver {
  private dirty = false;
  private running: Promise<void> | undefined;
  private lastAt = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;
  error: unknown;

  constructor(
    private readonly store: ReportStore | undefined,
    private readonly key: string,
    private readonly state: SaverState,
    private readonly intervalMs = 1000,
    private readonly perRowMs = 1,
  ) {}

  /** Marks the report changed; a save follows within the interval. */
  changed(): void {
    if (!this.store) return;
    this.dirty = true;
    if (this.running || this.timer) return;
    const interval = saveIntervalMs(this.state.rows.size + this.state.failures.size, this.intervalMs, this.perRowMs);
    const wait = Math.max(0, this.lastAt + interval - performance.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.start();
    }, wait);
  }

  private start(): void {
    if (!this.store || this.running || !this.dirty) return;
    this.dirty = false;
    this.lastAt = performance.now();
    const value: StoredReport = {
      version: 1,
      rows: Object.fromEntries(this.state.rows),
      failures: Object.fromEntries(this.state.failures),
      ...(this.state.attendees ? { attendees: this.state.attendees } : {}),
      updatedAt: new Date().toISOString(),
    };
    this.running = this.store.save(this.key, value).catch((error: unknown) => {
      this.error = error;
    }).finally(() => {
      this.running = undefined;
      if (this.dirty) this.changed();
    });
  }

  async flush(): Promise<void> {
    if (!this.store) return;
    for (;;) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = undefined;
      }
      if (this.running) {
        await this.running;
        continue;
      }
      if (!this.dirty) return;
      this.start();
    }
  }
}
