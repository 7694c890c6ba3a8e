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
    rewrite: async (key: string, lines: readonly string[]) => {
      for (const l of lines) store.bytesWritten += l.length + 1;
      entries.set(key, lines.slice());
    },
  };
  return store;
}

/**
 * Appends a report's new lines at most once per `intervalMs` (a line per finished answer), never two appends at
 * once; flush() writes what is left and waits for it. A store that fails is reported once through onError and the
 * report goes on (its rows are still shown).
 */
export class LineWriter {
  private queued: string[] = [];
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
    for (const l of lines) this.queued.push(l);
    this.schedule();
  }

  private schedule(): void {
    if (this.running || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.start();
    }, this.intervalMs);
  }

  private start(): void {
    if (!this.store || this.running || this.queued.length === 0) return;
    const lines = this.queued;
    this.queued = [];
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
