/**
 * Text filter: one lowercased search string per row (the visible cells' display text, times without ' UTC', joined
 * by U+0001 so a match never spans two cells; empty cells left out), built ahead in slices while the grid is idle
 * (TableModel.prepare), or when a keystroke needs it first, and kept until the columns or the zone change. Times come
 * from the instants parsed when the rows arrived (times.ts), never parsed again here. A query that contains the
 * previous one only re-tests the rows that matched it.
 */
import { formatTimeMs, formatValue } from './format';
import type { Column, Row, TimeZone } from './types';

/** Separates cells in a row's search string. */
export const SEARCH_SEP = '\u0001';

export function normalizeQuery(text: string): string {
  return text.trim().toLowerCase();
}

/** What the index reads: the visible columns, the rows, the zone, and a time column's parsed instants. */
export interface SearchSource {
  columns: readonly Column[];
  rows: readonly Row[];
  tz: TimeZone;
  times(col: Column): Float64Array;
  /** A time column's texts that did not parse, by row (after `times`). */
  unparsed(col: Column): ReadonlyMap<number, string>;
}

const lower = (v: string | number | null | undefined): string => (v == null ? '' : String(v).toLowerCase());

/** A function giving a row's search string, specialised once for the source's columns and zone. */
function rowText({ columns, rows, tz, times, unparsed }: SearchSource): (row: number) => string {
  const cells = columns.map((col): ((row: number, r: Row) => string) => {
    if (col.kind === 'time') {
      const ms = times(col);
      const raw = unparsed(col);
      return (row) => {
        const t = ms[row]!;
        return t === t ? formatTimeMs(t, tz, false) : lower(raw.get(row));
      };
    }
    if (col.kind === 'duration') return (_row, r) => formatValue('duration', col.get(r), tz);
    return (_row, r) => lower(col.get(r));
  });
  const parts: string[] = [];
  return (row) => {
    const r = rows[row]!;
    parts.length = 0;
    for (let c = 0; c < cells.length; c++) {
      const text = cells[c]!(row, r);
      if (text !== '') parts.push(text); // an empty cell matches nothing
    }
    return parts.join(SEARCH_SEP);
  };
}

export class SearchIndex {
  private texts: string[] = [];
  /** Per row, 1 when it matched the last query it was tested against. */
  private match = new Uint8Array(0);

  /** `source()` gives the columns, rows and zone to index; read again after `invalidate`. */
  constructor(private readonly source: () => SearchSource) {}

  invalidate(): void {
    this.texts = [];
  }

  /** Builds strings for rows up to `n`; with a time budget, stops when it is spent (after 256 rows at least). True when done. */
  build(n: number, budgetMs = Infinity, now: () => number = () => performance.now()): boolean {
    const texts = this.texts;
    if (texts.length >= n) return true;
    const start = budgetMs === Infinity ? 0 : now();
    const text = rowText(this.source());
    for (let i = texts.length; i < n; i++) {
      texts.push(text(i));
      if (budgetMs !== Infinity && (i & 255) === 255 && now() - start > budgetMs) return i + 1 >= n;
    }
    return true;
  }

  /**
   * Rows of `candidates` (in order, built) whose string holds `query`, each tested and its match kept; other rows keep
   * theirs (a narrower query only tests the rows that matched the wider one).
   */
  filter(query: string, candidates: Uint32Array): Uint32Array {
    if (this.match.length < this.texts.length) {
      const grown = new Uint8Array(Math.max(this.texts.length, this.match.length * 2));
      grown.set(this.match);
      this.match = grown;
    }
    const { texts, match } = this;
    const out = new Uint32Array(candidates.length);
    let w = 0;
    for (let i = 0; i < candidates.length; i++) {
      const row = candidates[i]!;
      const ok = texts[row]!.includes(query);
      match[row] = ok ? 1 : 0;
      if (ok) out[w++] = row;
    }
    return out.slice(0, w);
  }

  /** Rows of `order` that matched when last tested, in order. */
  matched(order: Uint32Array): Uint32Array {
    const out = new Uint32Array(order.length);
    let w = 0;
    for (let i = 0; i < order.length; i++) {
      const row = order[i]!;
      if (this.match[row] === 1) out[w++] = row;
    }
    return out.slice(0, w);
  }
}
