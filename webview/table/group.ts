/**
 * Grouping by a column (pure, no DOM). `groupRows` makes one pass over the filtered, sorted row indices: a
 * group id per position (typed array), counts and sums per group, then a counting sort that puts each group's
 * rows together in their current order. `groupByColumn` keys rows by a column: a time column by the day in the
 * grid's zone (zones.ts), any other by its display text. `Grouping` is the grid's state: the groups and which are
 * collapsed, and the lines shown (a header per group, then its rows unless collapsed).
 */
import { formatValue } from './format';
import { denseRanks, identity, intKeys, sortByKeys } from './sort';
import type { Column, Row, TimeZone } from './types';
import { dayNumber, dayText } from './zones';
import { t } from '../shared/l10n';

type Key = string | number;

/** What the groups of one grouping share: the grouped order, and each group's sums one after the other. */
interface Shared {
  order: Uint32Array;
  sumKeys: string[];
  acc: Float64Array;
}

export class RowGroup {
  constructor(
    /** The group's value: a time column's day (YYYY-MM-DD in the zone), else the display text; '' for none. */
    readonly key: string,
    /** Position of the group's first row in the grouped order. */
    readonly start: number,
    readonly count: number,
    private readonly id: number,
    private readonly shared: Shared,
  ) {}

  /** What the header shows: the key, or "(empty)". */
  get label(): string {
    return this.key || t('(empty)');
  }

  /** Row indices (among all loaded rows) in display order. */
  get rows(): Uint32Array {
    return this.shared.order.subarray(this.start, this.start + this.count);
  }

  /** Per numeric column key: the sum of its values (nulls left out). */
  get sums(): Record<string, number> {
    const { sumKeys, acc } = this.shared;
    const out: Record<string, number> = {};
    sumKeys.forEach((key, c) => (out[key] = acc[this.id * sumKeys.length + c]!));
    return out;
  }
}

export interface Grouped {
  groups: RowGroup[];
  /** Every row of `order` once, group by group. */
  order: Uint32Array;
}

/** The last i in [0, n) with at(i) <= v, for `at` ascending and at(0) <= v. */
function last(n: number, at: (i: number) => number, v: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (at(mid) <= v) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A group's place when groups are ordered by key: ascending, NaN last. */
export type Rank = (key: Key, firstRow: number) => number;

export const isNumeric = (col: Column): boolean => col.kind === 'number' || col.kind === 'duration';

/**
 * Groups `order` (row indices) by `keyOf(row)`. Groups come in first-seen order, or by `rank` (ties in that order)
 * when given; within a group rows keep their order. `sums` are per-row values (NaN for null) of numeric columns.
 */
export function groupRows(
  order: ArrayLike<number>,
  keyOf: (row: number) => Key,
  name: (key: Key) => string,
  sums: readonly { key: string; values: ArrayLike<number> }[],
  rank: Rank | null = null,
): Grouped {
  const n = order.length;
  const C = sums.length;
  const vals = sums.map((s) => s.values);
  const ids = new Map<Key, number>();
  const gid = new Uint32Array(n);
  const keys: Key[] = [];
  // At most one group per row: sized for that, not grown (the sums kept are cut to the groups found).
  const firsts = new Uint32Array(n);
  const counts = new Uint32Array(n);
  const acc = new Float64Array(n * C);
  for (let p = 0; p < n; p++) {
    const row = order[p]!;
    const k = keyOf(row);
    let g = ids.get(k);
    if (g === undefined) {
      g = keys.length;
      ids.set(k, g);
      keys.push(k);
      firsts[g] = row;
    }
    gid[p] = g;
    counts[g]++;
    for (let c = 0; c < C; c++) {
      const v = vals[c]![row]!;
      if (v === v) acc[g * C + c] += v;
    }
  }
  const G = keys.length;
  let seq = identity(G);
  if (rank !== null) {
    const ranks = Float64Array.from(keys, (k, g) => rank(k, firsts[g]!));
    seq = sortByKeys(seq, intKeys(ranks, G) ?? denseRanks(ranks, G), 'asc'); // NaN last, ties in first-seen order
  }
  const out = new Uint32Array(n);
  const shared: Shared = { order: out, sumKeys: sums.map((s) => s.key), acc: acc.slice(0, G * C) };
  const next = new Uint32Array(G);
  const groups: RowGroup[] = [];
  let start = 0;
  for (const g of seq) {
    groups.push(new RowGroup(name(keys[g]!), start, counts[g]!, g, shared));
    next[g] = start;
    start += counts[g]!;
  }
  for (let p = 0; p < n; p++) out[next[gid[p]!]!++] = order[p]!;
  return { groups, order: out };
}

/**
 * Groups `order` by a column: a time column by day in `tz`, others by display text. `values(col)` gives per-row
 * sort keys (epoch ms for times, numbers, ranks of texts; NaN for null). Groups follow the rows' order when they
 * are sorted by this column (`sorted`), else come by key ascending (as the column sorts), empty last.
 */
export function groupByColumn(
  col: Column,
  rows: readonly Row[],
  order: ArrayLike<number>,
  tz: TimeZone,
  values: (col: Column) => ArrayLike<number>,
  numeric: readonly Column[],
  sorted: boolean,
): Grouped {
  const sums = numeric.map((c) => ({ key: c.key, values: values(c) }));
  if (col.kind === 'time') {
    const ms = values(col);
    return groupRows(order, (r) => dayNumber(tz, ms[r]!), (d) => (d === d ? dayText(d as number) : ''), sums, sorted ? null : (d) => d as number);
  }
  const keys = sorted ? null : values(col);
  return groupRows(order, (r) => formatValue(col.kind, col.get(rows[r]!), tz), String, sums, keys && ((_k, row) => keys[row]!));
}

/**
 * What the grid shows while grouped: a header line per group, then its rows unless the group is collapsed.
 * Without grouping, lines are the filtered rows' positions.
 */
export class Grouping {
  /** The column grouped by, as set (kept while no such column exists); null for none. */
  key: string | null = null;
  readonly collapsed = new Set<string>();
  groups: readonly RowGroup[] = [];
  /** Row indices group by group while grouped, else null. */
  order: Uint32Array | null = null;
  lineCount = 0;
  private heads = new Uint32Array(0);

  get active(): boolean {
    return this.order !== null;
  }

  /** Groups by a column (null: none). `collapsed` names the groups shown closed; without it they are kept if the column stays. */
  use(key: string | null, collapsed?: Iterable<string>): void {
    if (collapsed !== undefined || key !== this.key) this.collapsed.clear();
    for (const k of collapsed ?? []) this.collapsed.add(k);
    this.key = key;
  }

  /** New groups (none when not grouped) over `n` filtered rows. */
  set(grouped: Grouped | null | undefined, n: number): void {
    this.groups = grouped?.groups ?? [];
    this.order = grouped?.order ?? null;
    this.lineCount = n;
    this.relines();
  }

  /** Opens, closes or (without `open`) toggles group g; false when that changes nothing. */
  toggle(g: number, open?: boolean): boolean {
    const key = this.groups[g]?.key;
    if (key === undefined || open === !this.collapsed.has(key)) return false;
    if (this.collapsed.has(key)) this.collapsed.delete(key);
    else this.collapsed.add(key);
    this.relines();
    return true;
  }

  isOpen(g: number): boolean {
    return !this.collapsed.has(this.groups[g]!.key);
  }

  /** The row position (in the model's order) a line shows, or -1 - g for group g's header line. */
  posAt(line: number): number {
    if (!this.active) return line;
    const heads = this.heads;
    const g = last(heads.length, (i) => heads[i]!, line);
    const off = line - heads[g]!;
    return off === 0 ? -1 - g : this.groups[g]!.start + off - 1;
  }

  /** The group holding a row position. */
  groupOf(pos: number): number {
    return last(this.groups.length, (i) => this.groups[i]!.start, pos);
  }

  /** The line showing a row position (its group's header when the group is collapsed). */
  lineOf(pos: number): number {
    if (!this.active) return pos;
    const g = this.groupOf(pos);
    return this.heads[g]! + (this.isOpen(g) ? pos - this.groups[g]!.start + 1 : 0);
  }

  private relines(): void {
    if (!this.active) return;
    const heads = (this.heads = new Uint32Array(this.groups.length));
    let line = 0;
    this.groups.forEach((group, g) => {
      heads[g] = line;
      line += this.collapsed.has(group.key) ? 1 : group.count + 1;
    });
    this.lineCount = line;
  }
}
