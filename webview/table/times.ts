/**
 * The instants of every time column as epoch milliseconds, parsed once per row (format.ts parseIsoMs) when its rows
 * arrive and kept in growing Float64Arrays (NaN for null and unparsable text). The sort keys, the filter's search
 * text, grouping by day and the timeline all read these numbers instead of parsing the ISO text again. Rows are
 * parsed in order (the first `n`), and a reader that needs a row further on first (the filter, right after the rows
 * arrive) has that one parsed and kept, marked so that the rows in order skip it. DOM-free.
 */
import { parseIsoMs } from './format';
import type { CellValue, Column, Row } from './types';

const NONE: ReadonlyMap<number, string> = new Map();

interface Parsed {
  /** Valid below `n`, and where `ahead` marks a row. */
  ms: Float64Array;
  n: number;
  /** Rows from `n` on parsed out of order (1), as long as `ms`; null when there are none. */
  ahead: Uint8Array | null;
  /** The texts that did not parse, by row. */
  unparsed: Map<number, string>;
}

/** A time cell's instant, as the store keeps it (epoch ms, NaN for null and unparsable text); unparsable text noted. */
function parseCell(v: CellValue, row: number, unparsed: Map<number, string>): number {
  const t = v === null ? NaN : typeof v === 'number' ? v : parseIsoMs(v);
  if (t !== t && typeof v === 'string' && v !== '') unparsed.set(row, v);
  return t;
}

export class TimeStore {
  private readonly cols = new Map<string, Parsed>();

  /**
   * Epoch ms of a time column for the first `n` rows, those not parsed yet parsed now. Valid up to `n` (the array
   * may be longer, and is replaced when it grows).
   */
  read(col: Column, rows: readonly Row[], n = rows.length): Float64Array {
    const t = this.entry(col.key, rows.length);
    if (t.n >= n) return t.ms;
    parseInto(t, col, rows, n);
    t.n = n;
    if (n >= rows.length) t.ahead = null; // no row further on
    return t.ms;
  }

  /** A function giving a time column's instant of a row, parsing (and keeping) one not parsed yet. */
  reader(col: Column, rows: readonly Row[]): (row: number) => number {
    const t = this.entry(col.key, rows.length);
    return (row) => {
      if (row < t.n) return t.ms[row]!;
      const ahead = (t.ahead ??= new Uint8Array(t.ms.length));
      if (ahead[row] === 1) return t.ms[row]!;
      ahead[row] = 1;
      return (t.ms[row] = parseCell(col.get(rows[row]!), row, t.unparsed));
    };
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
    return t === undefined || (row >= t.n && t.ahead?.[row] !== 1) ? undefined : t.ms[row];
  }

  /** The texts of a time column that did not parse (shown as given), by row. */
  unparsed(key: string): ReadonlyMap<number, string> {
    return this.cols.get(key)?.unparsed ?? NONE;
  }

  /** Other rows: forgets every column. */
  clear(): void {
    this.cols.clear();
  }

  /** A column's entry, with room for `size` rows. */
  private entry(key: string, size: number): Parsed {
    let t = this.cols.get(key);
    if (t === undefined) this.cols.set(key, (t = { ms: new Float64Array(0), n: 0, ahead: null, unparsed: new Map() }));
    if (t.ms.length < size) {
      const grown = new Float64Array(Math.max(size, t.ms.length * 2));
      grown.set(t.ms);
      t.ms = grown;
      if (t.ahead !== null) {
        const ahead = new Uint8Array(grown.length);
        ahead.set(t.ahead);
        t.ahead = ahead;
      }
    }
    return t;
  }
}

/** Its own function, so the engine optimizes this loop with feedback of its own. */
function parseInto({ ms, n, ahead, unparsed }: Parsed, col: Column, rows: readonly Row[], to: number): void {
  for (let i = n; i < to; i++) if (ahead === null || ahead[i] === 0) ms[i] = parseCell(col.get(rows[i]!), i, unparsed);
}
