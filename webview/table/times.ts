/**
 * The instants of every time column as epoch milliseconds, parsed once per row (format.ts parseIsoMs) when its rows
 * arrive and kept in growing Float64Arrays (NaN for null and unparsable text). The sort keys, the filter's search
 * text, grouping by day and the timeline all read these numbers instead of parsing the ISO text again. DOM-free.
 */
import { parseIsoMs } from './format';
import type { Column, Row } from './types';

const NONE: ReadonlyMap<number, string> = new Map();

export class TimeStore {
  private readonly cols = new Map<string, { ms: Float64Array; n: number; unparsed: Map<number, string> }>();

  /**
   * Epoch ms of a time column for the first `n` rows, those not parsed yet parsed now. Valid up to `n` (the array
   * may be longer, and is replaced when it grows).
   */
  read(col: Column, rows: readonly Row[], n = rows.length): Float64Array {
    let t = this.cols.get(col.key);
    if (t === undefined) this.cols.set(col.key, (t = { ms: new Float64Array(0), n: 0, unparsed: new Map() }));
    if (t.n >= n) return t.ms;
    if (t.ms.length < n) {
      const grown = new Float64Array(Math.max(n, rows.length, t.ms.length * 2));
      grown.set(t.ms.subarray(0, t.n));
      t.ms = grown;
    }
    parseInto(t.ms, t.unparsed, col, rows, t.n, n);
    t.n = n;
    return t.ms;
  }

  /**
   * Parses the rows not parsed yet of every time column among `columns` (as a page arrives); with a time budget,
   * in blocks, stopping when it is spent. True when every row is parsed.
   */
  extend(rows: readonly Row[], columns: readonly Column[], budgetMs = Infinity, now = (): number => performance.now()): boolean {
    const start = budgetMs === Infinity ? 0 : now();
    let spent = false;
    for (const col of columns) {
      if (col.kind !== 'time') continue;
      for (let n = this.cols.get(col.key)?.n ?? 0; n < rows.length; ) {
        if (spent) return false;
        this.read(col, rows, (n = budgetMs === Infinity ? rows.length : Math.min(rows.length, n + 8192)));
        spent = budgetMs !== Infinity && now() - start > budgetMs;
      }
    }
    return true;
  }

  /** Epoch ms of a time column for the rows `order` lists, in that order (`all`: it lists every row, in order). */
  pick(col: Column, rows: readonly Row[], order: Uint32Array, all: boolean): Float64Array {
    const ms = this.read(col, rows);
    if (all) return ms.slice(0, order.length);
    const out = new Float64Array(order.length);
    for (let i = 0; i < order.length; i++) out[i] = ms[order[i]!]!;
    return out;
  }

  /** A row's parsed instant, or undefined while that row of that column is not parsed. */
  at(key: string, row: number): number | undefined {
    const t = this.cols.get(key);
    return t === undefined || row >= t.n ? undefined : t.ms[row];
  }

  /** The texts of a time column that did not parse (shown as given), by row. */
  unparsed(key: string): ReadonlyMap<number, string> {
    return this.cols.get(key)?.unparsed ?? NONE;
  }

  /** Other rows: forgets every column. */
  clear(): void {
    this.cols.clear();
  }
}

/** Its own function, so the engine optimizes this loop with feedback of its own. */
function parseInto(ms: Float64Array, unparsed: Map<number, string>, col: Column, rows: readonly Row[], from: number, to: number): void {
  for (let i = from; i < to; i++) {
    const v = col.get(rows[i]!);
    const t = (ms[i] = v === null ? NaN : typeof v === 'number' ? v : parseIsoMs(v));
    if (t !== t && typeof v === 'string' && v !== '') unparsed.set(i, v);
  }
}
