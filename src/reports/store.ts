/**
 * Keeping a report's ledger: a store in memory (tests, benchmarks), and the writer that appends each finished
 * answer once, in batches, so writing costs O(rows finished), never O(rows kept).
 */
import type { ReportStore } from './types';

/** A ReportStore in memory; counts the bytes and lines written (the benchmark prints them per attendee). */
export function memoryReportStore(): ReportStore & { appends: number; bytesWritten: number; readonly entries: Map<string, string[]> } {
  const entries = new Map<string, string[]>();
  const store = {
    appends: 0,
    bytesWritten: 0,
    entries,
    load: async (key: string) => entries.get(key)?.slice(),
    append: async (key: string, lines: readonly string[]) => {
      store.appends++;
      for (const l of lines) store.bytesWritten += l.length + 1;
      entries.set(key, [...(entries.get(key) ?? []), ...lines]);
    },
    rewrite: async (key: string, lines: Iterable<string>) => {
      const kept = [...lines];
      for (const l of kept) store.bytesWritten += l.length + 1;
      entries.set(key, kept);
    },
  };
  return store;
}

/** Characters of lines queued that make a batch written at once, before `intervalMs` has passed. */
const BATCH_CHARS = 1 << 18;

/**
 * Appends a report's new lines at most once per `intervalMs` (a line per finished answer), or as soon as a batch
 * of BATCH_CHARS is queued, never two appends at once; flush() writes what is left and waits for it. A store that
 * fails is reported once through onError and the report goes on (its rows are still shown).
 */
export class LineWriter {
  private queued: string[] = [];
  private queuedChars = 0;
  private running: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly store: ReportStore | undefined,
    private readonly key: string,
    private readonly onError: (error: unknown) => void = () => undefined,
    private readonly intervalMs = 500,
  ) {}

  add(lines: readonly string[]): void {
    if (!this.store || lines.length === 0) return;
    for (const l of lines) {
      this.queued.push(l);
      this.queuedChars += l.length;
    }
    this.schedule();
  }

  private schedule(): void {
    if (this.running) return;
    // A full batch goes now: lines held longer outlive the young heap, and an event's worth of them add up.
    if (this.queuedChars >= BATCH_CHARS) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      return this.start();
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.start();
    }, this.intervalMs);
  }

  private start(): void {
    if (!this.store || this.running || this.queued.length === 0) return;
    const lines = this.queued;
    this.queued = [];
    this.queuedChars = 0;
    this.running = this.store.append(this.key, lines).catch((error: unknown) => this.onError(error)).finally(() => {
      this.running = undefined;
      if (this.queued.length > 0) this.schedule();
    });
  }

  async flush(): Promise<void> {
    for (;;) {
      if (this.timer) {
        clearTimeout(this.timer);
        this.timer = undefined;
      }
      if (this.running) {
        await this.running;
        continue;
      }
      if (this.queued.length === 0) return;
      this.start();
    }
  }
}
