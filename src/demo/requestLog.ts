/** What the local Brella received. No header is ever recorded (the key travels in a header). */
import { EventEmitter } from 'node:events';

export interface DemoRequestRecord {
  method: string;
  path: string;
  /** Query parameters; a repeated parameter gives an array. */
  query: Record<string, string | string[]>;
  /** The status answered; 0 when the fault injector dropped the connection. */
  status: number;
  /** ISO 8601 time the request arrived. */
  time: string;
  durationMs: number;
}

export function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return out;
}

export class DemoRequestLog extends EventEmitter<{ request: [DemoRequestRecord] }> {
  private entries: DemoRequestRecord[] = [];

  get count(): number {
    return this.entries.length;
  }

  list(): DemoRequestRecord[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }

  add(entry: DemoRequestRecord): void {
    this.entries.push(entry);
    this.emit('request', entry);
  }

  /** The first recorded request (already received, or to come) that matches; rejects after timeoutMs. */
  waitFor(predicate: (r: DemoRequestRecord) => boolean = () => true, timeoutMs = 5000): Promise<DemoRequestRecord> {
    const found = this.entries.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onRequest = (r: DemoRequestRecord): void => {
        if (!predicate(r)) return;
        clearTimeout(timer);
        this.off('request', onRequest);
        resolve(r);
      };
      const timer = setTimeout(() => {
        this.off('request', onRequest);
        reject(new Error(`no matching request within ${timeoutMs} ms`));
      }, timeoutMs);
      this.on('request', onRequest);
    });
  }

  /** Resolves once at least `count` requests are recorded. */
  async waitForCount(count: number, timeoutMs = 5000): Promise<void> {
    if (this.entries.length >= count) return;
    await this.waitFor(() => this.entries.length >= count, timeoutMs);
  }
}
