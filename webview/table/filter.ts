/**
 * Text filter: one lowercased search string per row (the visible cells' display text, times without ' UTC', joined
 * by U+0001 so a match never spans two cells; empty cells left out), kept until the columns or the zone change. The
 * strings are built ahead in slices while the grid is idle (TableModel.prepare), and a filter pass builds those of
 * the rows it tests that are not built yet, so a keystroke right after the rows arrive builds no more than it tests.
 * Times come from the instants parsed when the rows arrived (times.ts); a row not parsed yet is parsed there and
 * then, and kept for the others. A pass may stop when its time is spent and go on later (FilterPass), showing the rows
 * found so far: they are the first rows of the result, in order. A query that contains the previous one only
 * re-tests the rows that matched it (and those the previous pass had not tested yet).
 */
import { formatTimeMs, formatValue } from './format';
import type { Column, Row, TimeZone } from './types';

/** Separates cells in a row's search string. */
export const SEARCH_SEP = '\u0001';

/** Rows a pass tests between two looks at the clock. */
export const SLICE = 64;

export function normalizeQuery(text: string): string {
  return text.trim().toLowerCase();
}

/** What the index reads: the visible columns, the rows, the zone, and a time column's instants (times.ts `reader`). */
export interface SearchSource {
  columns: readonly Column[];
  rows: readonly Row[];
  tz: TimeZone;
  instants(col: Column): (row: number) => number;
  /** A time column's texts that did not parse, by row (as far as `instants` has read). */
  unparsed(col: Column): ReadonlyMap<number, string>;
}

const lower = (v: string | number | null | undefined): string => (v == null ? '' : String(v).toLowerCase());

/** A function giving a row's search string, specialised once for the source's columns and zone. */
function rowText({ columns, rows, tz, instants, unparsed }: SearchSource): (row: number) => string {
  const cells = columns.map((col): ((row: number, r: Row) => string) => {
    if (col.kind === 'time') {
      const instant = instants(col);
      const raw = unparsed(col);
      return (row) => {
        const t = instant(row);
        return t === t ? formatTimeMs(t, tz, false) : lower(raw.get(row)); // unparsable text shows as given
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

/** One run of the filter over candidate rows in display order; `SearchIndex.run` tests them, all at once or a slice at a time. */
export class FilterPass {
  /** The rows that passed, in order: the first `count` entries. */
  readonly found: Uint32Array;
  count = 0;
  /** Candidates before this one are tested. */
  next = 0;

  constructor(
    readonly query: string,
    readonly candidates: Uint32Array,
  ) {
    this.found = new Uint32Array(candidates.length);
  }

  get done(): boolean {
    return this.next >= this.candidates.length;
  }

  /** The rows found so far, in order: the first rows of the result (all of it when done). */
  view(): Uint32Array {
    return this.found.slice(0, this.count);
  }

  /** The rows that can still pass this query or a narrower one: those found so far and those not tested yet, in order. */
  rest(): Uint32Array {
    const { candidates, next, count } = this;
    const out = new Uint32Array(count + candidates.length - next);
    out.set(this.found.subarray(0, count));
    out.set(candidates.subarray(next), count);
    return out;
  }
}

export class SearchIndex {
  /** The rows' search strings, built in row order: row i's is `texts[i]`. */
  private texts: string[] = [];
  /** Strings of rows further on, built out of order by a pass (a sorted view): taken into `texts` when it gets there. */
  private ahead = new Map<number, string>();
  /** Per row, 1 when it matched the last query it was tested against. */
  private match: Uint8Array = new Uint8Array(0);

  /** `source()` gives the columns, rows and zone to index; read again after `invalidate`. */
  constructor(private readonly source: () => SearchSource) {}

  invalidate(): void {
    this.texts = [];
    this.ahead.clear();
  }

  /** Builds strings for rows up to `n`; with a time budget, stops when it is spent (after 256 rows at least). True when done. */
  build(n: number, budgetMs = Infinity, now: () => number = () => performance.now()): boolean {
    const { texts, ahead } = this;
    if (texts.length >= n) return true;
    const start = budgetMs === Infinity ? 0 : now();
    const text = rowText(this.source());
    for (let i = texts.length; i < n; i++) {
      const built = ahead.size === 0 ? undefined : ahead.get(i);
      if (built === undefined) texts.push(text(i));
      else {
        texts.push(built);
        ahead.delete(i);
      }
      if (budgetMs !== Infinity && (i & 255) === 255 && now() - start > budgetMs) return i + 1 >= n;
    }
    return true;
  }

  /**
   * Tests a pass's candidates in order from where it stopped, building the strings they lack, and keeps each row's
   * match; with a time budget, stops once it is spent (looking every SLICE rows, so at least that many are tested;
   * a budget of 0 tests one slice). True when the pass is done.
   */
  run(pass: FilterPass, budgetMs = Infinity, now: () => number = () => performance.now()): boolean {
    const { query, candidates, found } = pass;
    const end = candidates.length;
    if (pass.next >= end) return true;
    const source = this.source();
    if (this.match.length < source.rows.length) this.match = grow(this.match, source.rows.length);
    const { texts, match } = this;
    const start = budgetMs === Infinity ? 0 : now();
    let text: ((row: number) => string) | null = null;
    let w = pass.count;
    for (let i = pass.next; i < end; ) {
      const stop = Math.min(end, i + SLICE);
      for (; i < stop; i++) {
        const row = candidates[i]!;
        const ok = (row < texts.length ? texts[row]! : this.textOf(row, (text ??= rowText(source)))).includes(query);
        match[row] = ok ? 1 : 0;
        if (ok) found[w++] = row;
      }
      pass.count = w;
      pass.next = i;
      if (budgetMs !== Infinity && i < end && now() - start >= budgetMs) return false;
    }
    return true;
  }

  /** Rows of `candidates` (in order) whose string holds `query`, all tested now (see `run`). */
  filter(query: string, candidates: Uint32Array): Uint32Array {
    const pass = new FilterPass(query, candidates);
    this.run(pass);
    return pass.view();
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

  /** The string of a row not in `texts` yet: kept there when it is the next, else ahead. */
  private textOf(row: number, text: (row: number) => string): string {
    let s = this.ahead.get(row);
    if (s !== undefined) return s;
    s = text(row);
    if (row === this.texts.length && this.ahead.size === 0) this.texts.push(s);
    else this.ahead.set(row, s);
    return s;
  }
}

function grow(a: Uint8Array, n: number): Uint8Array {
  const grown = new Uint8Array(Math.max(n, a.length * 2));
  grown.set(a);
  return grown;
}

/**
 * The model's text filter: its query, the index, and a pass left part way. Each method gives the rows that pass in
 * the order given (those found so far while `pending`); with a budget a new pass runs that long at first.
 */
export class TextFilter {
  query = '';
  /** How long (ms) a new pass tests rows before it returns those found so far. */
  budgetMs = Infinity;
  readonly index: SearchIndex;
  private pass: FilterPass | null = null;

  constructor(source: () => SearchSource) {
    this.index = new SearchIndex(source);
  }

  /** True while a pass has tested only some of its rows. */
  get pending(): boolean {
    return this.pass !== null;
  }

  /** Another query, or null when it normalizes to the same one. `order`: every row in display order; `view`: the rows shown. */
  set(text: string, order: Uint32Array, view: Uint32Array): Uint32Array | null {
    const q = normalizeQuery(text);
    if (q === this.query) return null;
    const prev = this.query;
    this.query = q;
    return this.start(prev !== '' && q.includes(prev) ? (this.pass?.rest() ?? view) : order);
  }

  /** A pass over these rows (in display order) from the start: other rows, columns or zone, or another order under a pass. */
  start(candidates: Uint32Array): Uint32Array {
    this.pass = null;
    if (this.query === '') return candidates;
    this.pass = new FilterPass(this.query, candidates);
    return this.step(this.budgetMs)!;
  }

  /** Goes on with the pass for about `budgetMs` (to its end by default); null when there is none. */
  step(budgetMs = Infinity): Uint32Array | null {
    const pass = this.pass;
    if (pass === null) return null;
    if (this.index.run(pass, budgetMs)) this.pass = null;
    return pass.view();
  }

  /** The rows in a new order (a sort): those that passed, or a new pass when one was under way. */
  reorder(order: Uint32Array): Uint32Array {
    if (this.query === '') return order;
    return this.pass === null ? this.index.matched(order) : this.start(order);
  }

  /** Rows were added (`added`) and merged into `order`. */
  appended(added: Uint32Array, order: Uint32Array): Uint32Array {
    if (this.query === '' || this.pass !== null) return this.start(order);
    this.index.filter(this.query, added);
    return this.index.matched(order);
  }
}
