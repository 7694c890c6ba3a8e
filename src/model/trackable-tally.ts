/**
 * The sums of src/model/trackables.ts kept while rows come and go: the report panel holds every attendee's row and
 * each message replaces a few, so each change takes the old row's visits off and adds the new row's, in the time of
 * their visits rather than of every row's. What needs all of a trackable's visits (median time per visitor, first
 * and last, the peak) is worked out when it is read, only for the trackables changed since. What it reads equals
 * `summarizeTrackables`, `visitorsOf` and `viewersPerQuarter` over the same rows in the same order, field by field.
 * Plain rows only (the panel's): a packed row would build its visits on each read.
 */
import type { ReportRow, ReportVisit } from './report';
import {
  bySecondsThenKey, median, peakOf, quarterChart, trackableKey, visitorOf,
  type QuarterCount, type TrackableRow, type TrackableSummary, type VisitorRow,
} from './trackables';

export interface TrackableTally {
  /** Every row taken again: now `rows`, in their order. */
  reset(rows: Iterable<ReportRow>): void;
  /** The attendee's row is now `row` (undefined: none). A new attendee comes after the others, as in a Map. */
  set(attendeeId: string, row: ReportRow | undefined): void;
  /** `summarizeTrackables` of the rows. */
  summary(): TrackableSummary;
  /** `visitorsOf` and `viewersPerQuarter` of the rows. */
  visitorsOf(key: string): VisitorRow[];
  viewersPerQuarter(key: string): QuarterCount[];
}

/** An attendee's row, its place in the rows' order and where each of its visits sits in its trackable's lists. */
interface Held { row: ReportRow; seq: number; slots: Int32Array }

/** One trackable's visits, in lists of the same order: visit i is at[i] of holders[i]'s row, of perVisit[i] seconds. */
interface Tally {
  key: string;
  /** What its key is made of (its type as text, null as ''). */
  kind: ReportVisit['kind']; type: string;
  holders: Held[]; at: number[]; perVisit: number[];
  /** Its sums, as the row shows them (visitors: its visits, as `summarizeTrackables` counts them). */
  visitors: number; slices: number; seconds: number; clicks: number;
  /** Visits with a figure not whole from 0 to 2³² (sums that depend on their order): `resum` once one came or went. */
  odd: number; resum: boolean;
  /** Visits with no trackable type (the others have the same one, as text). */
  untyped: number;
  /** Visits after the first of their row's of it, and the change that added or took off the last one. */
  repeats: number; stamp: number;
  /** Earliest start and latest end; `edges` false when the visit that had one was taken off. */
  first: string | null; last: string | null; edges: boolean;
  quarters: Quarters;
  /** Its row, until a visit of it changes. */
  row: TrackableRow | undefined;
}

/** Viewers per 15-minute bucket: in an array from `base` while they span at most SPAN buckets, else in a map. */
interface Quarters { base: number; dense: Int32Array; sparse: Map<number, number> | undefined }

const SPAN = 8192;

function asMap(c: Quarters): Map<number, number> {
  if (c.sparse) return c.sparse;
  const out = new Map<number, number>();
  c.dense.forEach((n, i) => n !== 0 && out.set(c.base + i, n));
  return out;
}

/** Makes room for `q`: a longer array, or the map once they span too many buckets. */
function widen(c: Quarters, q: number): void {
  const lo = Math.min(c.base, q);
  const hi = Math.max(c.base + c.dense.length, q + 1);
  if (c.dense.length === 0) [c.base, c.dense] = [q - 64, new Int32Array(256)];
  else if (hi - lo > SPAN) c.sparse = asMap(c);
  else {
    const size = Math.min(SPAN, Math.max(2 * c.dense.length, hi - lo));
    const base = q < c.base ? hi - size : lo;
    const dense = new Int32Array(size);
    dense.set(c.dense, c.base - base);
    [c.base, c.dense] = [base, dense];
  }
}

function bump(c: Quarters, q: number, sign: 1 | -1): void {
  if (!c.sparse && (q < c.base || q >= c.base + c.dense.length)) widen(c, q);
  if (c.sparse) {
    const n = (c.sparse.get(q) ?? 0) + sign;
    if (n === 0) c.sparse.delete(q);
    else c.sparse.set(q, n);
  } else {
    c.dense[q - c.base]! += sign;
  }
}

const WHOLE = 2 ** 32;
const whole = (n: number): boolean => Number.isInteger(n) && n >= 0 && n <= WHOLE;
const isOdd = (v: ReportVisit): boolean => !(whole(v.seconds) && whole(v.slices) && whole(v.clicks ?? 0));

const visitAt = (t: Tally, i: number): ReportVisit => t.holders[i]!.row.visits![t.at[i]!]!;

const tallyOf = (v: ReportVisit): Tally => ({
  key: trackableKey(v)!, kind: v.kind, type: v.trackableType ?? '', holders: [], at: [], perVisit: [],
  visitors: 0, slices: 0, seconds: 0, clicks: 0, odd: 0, resum: false, untyped: 0, repeats: 0, stamp: 0,
  first: null, last: null, edges: true, quarters: { base: 0, dense: new Int32Array(0), sparse: undefined }, row: undefined,
});

/** Adds visit `i` of the held row to the lists. */
function push(t: Tally, held: Held, i: number, v: ReportVisit): void {
  held.slots[i] = t.at.length;
  t.holders.push(held);
  t.at.push(i);
  t.perVisit.push(v.seconds);
}

/** Takes visit `i` of the held row off the lists: the last one takes its place. */
function pull(t: Tally, held: Held, i: number): void {
  const slot = held.slots[i]!;
  const last = t.at.length - 1;
  if (slot !== last) {
    t.holders[slot] = t.holders[last]!;
    t.at[slot] = t.at[last]!;
    t.perVisit[slot] = t.perVisit[last]!;
    t.holders[slot]!.slots[t.at[slot]!] = slot;
  }
  t.holders.pop();
  t.at.pop();
  t.perVisit.pop();
}

/** Moves the trackable's first and last out to the visit's. */
function reach(t: Tally, v: ReportVisit): void {
  if (v.first !== undefined && (t.first === null || v.first < t.first)) t.first = v.first;
  if (v.last !== undefined && (t.last === null || v.last > t.last)) t.last = v.last;
}

/** Visit `i` of the held row in (sign 1) or out of (-1) the trackable's lists and sums, in change `stamp`. */
function count(t: Tally, held: Held, i: number, v: ReportVisit, sign: 1 | -1, stamp: number): void {
  if (sign === 1) push(t, held, i, v);
  else pull(t, held, i);
  t.visitors += sign;
  t.slices += sign * v.slices;
  t.seconds += sign * v.seconds;
  t.clicks += sign * (v.clicks ?? 0);
  if (isOdd(v)) {
    t.odd += sign;
    t.resum = true;
  }
  if (v.trackableType === null) t.untyped += sign;
  if (t.stamp === stamp) t.repeats += sign;
  t.stamp = stamp;
  if (sign === 1) reach(t, v);
  else if ((v.first !== undefined && v.first === t.first) || (v.last !== undefined && v.last === t.last)) t.edges = false;
  for (const q of v.quarters ?? []) bump(t.quarters, q, sign);
  t.row = undefined;
}

/** The trackable's visits in row order. */
function inRowOrder(t: Tally): ReportVisit[] {
  const { holders, at } = t;
  return Array.from(at.keys()).sort((a, b) => holders[a]!.seq - holders[b]!.seq || at[a]! - at[b]!).map((i) => visitAt(t, i));
}

/** Sums again what depends on the visits' order, or on the one taken off. */
function settle(t: Tally, ordered: readonly ReportVisit[] | undefined): void {
  if (t.resum) {
    [t.slices, t.seconds, t.clicks] = [0, 0, 0];
    for (const v of ordered!) {
      t.slices += v.slices;
      t.seconds += v.seconds;
      t.clicks += v.clicks ?? 0;
    }
    t.resum = t.odd > 0;
  }
  if (!t.edges) {
    [t.first, t.last] = [null, null];
    for (let i = 0; i < t.at.length; i++) reach(t, visitAt(t, i));
    t.edges = true;
  }
}

function rowOf(t: Tally): TrackableRow {
  const ordered = t.resum || (t.untyped > 0 && t.untyped < t.visitors) ? inRowOrder(t) : undefined;
  settle(t, ordered);
  // The first visit names the kind, type and id (of the same key, types differ only as null and '').
  const v = ordered?.[0] ?? visitAt(t, 0);
  return {
    key: t.key, kind: v.kind, trackableType: v.trackableType, trackableId: v.trackableId!, visitors: t.visitors, visits: t.slices,
    seconds: t.seconds, medianSeconds: medianOf(new Float64Array(t.perVisit), Number.isNaN(t.seconds)), clicks: t.clicks,
    first: t.first, last: t.last, ...(v.kind === 'stream' ? peakOf(asMap(t.quarters)) : { peakViewers: 0, peakAt: null }),
  };
}

/** Each visitor's first visit of it (as `visitorsOf` takes it), as indexes of its lists. */
function firstVisits(t: Tally): number[] {
  const all = Array.from(t.at.keys());
  if (t.repeats === 0) return all;
  const firsts = new Map<Held, number>();
  for (const i of all) {
    const had = firsts.get(t.holders[i]!);
    if (had === undefined || t.at[i]! < t.at[had]!) firsts.set(t.holders[i]!, i);
  }
  return [...firsts.values()];
}

/** Puts the k-th smallest of `a` at index `k`, none larger before it and none smaller after (Hoare's selection). */
function select(a: Float64Array, k: number): void {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const x = a[i]!;
        a[i++] = a[j]!;
        a[j--] = x;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/** `median` without sorting; NaN, and zeros (whose sign the sort orders), go to `median` itself. */
function medianOf(values: Float64Array, hasNaN: boolean): number {
  const n = values.length;
  if (n === 0 || hasNaN) return median(values);
  const mid = n >> 1;
  select(values, mid);
  let m = values[mid]!;
  if (n % 2 === 0) m = (values.subarray(0, mid).reduce((a, b) => (b > a ? b : a), -Infinity) + m) / 2;
  return m === 0 ? median(values) : m;
}

export function trackableTally(): TrackableTally {
  const rows = new Map<string, Held>();
  const tallies = new Map<string, Tally>();
  // Also by trackable id, then kind and type: no key is built per visit (ids hold no '|', so each key is one of these).
  // A trackable whose visits all went is kept, with none (it is not shown).
  const byId = new Map<string, Tally[]>();
  const find = (v: ReportVisit): Tally => {
    const type = v.trackableType ?? '';
    let same = byId.get(v.trackableId!);
    if (!same) byId.set(v.trackableId!, (same = []));
    for (const t of same) if (t.kind === v.kind && t.type === type) return t;
    const t = tallyOf(v);
    same.push(t);
    tallies.set(t.key, t);
    return t;
  };
  let unnamed = { stream: 0, sponsor: 0 };
  let next = 0;
  let stamp = 0;

  const take = (held: Held, sign: 1 | -1): void => {
    const visits = held.row.visits ?? [];
    stamp++;
    for (let i = 0; i < visits.length; i++) {
      const v = visits[i]!;
      if (v.trackableId === null) {
        unnamed[v.kind] += sign;
        continue;
      }
      count(find(v), held, i, v, sign, stamp);
    }
  };

  const tally: TrackableTally = {
    reset(all) {
      rows.clear();
      tallies.clear();
      byId.clear();
      unnamed = { stream: 0, sponsor: 0 };
      for (const row of all) tally.set(row.attendeeId, row);
    },
    set(id, row) {
      const had = rows.get(id);
      if (had) take(had, -1);
      if (row) {
        const held: Held = { row, seq: had?.seq ?? next++, slots: new Int32Array(row.visits?.length ?? 0) };
        rows.set(id, held);
        take(held, 1);
      } else {
        rows.delete(id);
      }
    },
    summary() {
      const trackables = [...tallies.values()].filter((t) => t.visitors > 0).map((t) => ({ ...(t.row ??= rowOf(t)) }));
      return { trackables: trackables.sort(bySecondsThenKey((t) => t.key)), unnamed: { ...unnamed } };
    },
    visitorsOf(key) {
      const t = tallies.get(key);
      if (!t) return [];
      return firstVisits(t).map((i) => visitorOf(t.holders[i]!.row, visitAt(t, i))).sort(bySecondsThenKey((r) => r.attendeeId));
    },
    viewersPerQuarter(key) {
      const t = tallies.get(key);
      return quarterChart(t ? asMap(t.quarters) : new Map());
    },
  };
  return tally;
}
