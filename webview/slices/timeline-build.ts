/**
 * Building the timeline's geometry (timeline-model.ts says what it is) from the rows and their parsed times (no ISO
 * text parsed here): one loop over the slices (timeline-pass.ts) puts each slice's part on its first day into runs
 * (rows far from time order are put in time order first); the same loop then runs over the slices that cross
 * midnight, as if each started at that midnight, round after round for those that cross another; the few parts that
 * end past a change of the zone's offset take a slower path; then the runs, sorted, merge into bars (timeline-runs.ts).
 */
import type { TimeZone } from '../table/types';
import { DAY_MS } from '../table/zones';
import { Clock } from './timeline-clock';
import type { RowTimes, Timeline, TimelineRow } from './timeline-model';
import { firstParts, type Leftover } from './timeline-pass';
import { mergeRuns, Runs } from './timeline-runs';

/** time_spent → app, streamlink → stream, sponsor → sponsor, anything else → other. */
export function kindIndex(trackingType: string | null | undefined): number {
  switch (trackingType) {
    case 'time_spent': return 0;
    case 'streamlink': return 1;
    case 'sponsor': return 2;
    default: return 3;
  }
}

/** A slice's end: its end time, else start + duration; never before its start. */
function endOf(row: TimelineRow, s: number, e: number): number {
  if (!(e === e)) {
    const secs = row.durationSeconds;
    e = s + (typeof secs === 'number' && secs - secs === 0 ? secs * 1000 : 0);
  }
  return e < s ? s : e;
}

/** At most this many days a slice (its first and the 399 after). */
const MAX_DAYS = 400;

export function buildTimeline(rows: readonly TimelineRow[], times: RowTimes, zone: TimeZone, width: number): Timeline {
  const w = Math.max(1, Math.floor(width));
  // Keys count days from the UTC date of the first start: those of a few centuries around it fit in 32 bits.
  let r0 = 0;
  while (r0 < rows.length && !(times.start[r0]! - times.start[r0]! === 0)) r0++;
  const base = r0 < rows.length ? Math.floor(times.start[r0]! / DAY_MS) : 0;
  const runs = new Runs(rows.length + 16);
  const clock = new Clock(zone);
  let left = firstParts(rows, times, clock, runs, base, w);
  if (left.unordered) {
    // Far from time order (a table sorted by another column): the same in time order, the runs named by their rows.
    runs.n = 0;
    const order = timeOrder(times.start, rows.length);
    const sorted = inOrder(rows, times, order);
    left = firstParts(sorted.rows, sorted.times, clock, runs, base, w, -1);
    for (let i = 0; i < runs.n; i++) runs.row[i] = order[runs.row[i]!]!;
    byRow(left, order);
  }
  laterParts(rows, times, left, clock, runs, base, w);
  const m = mergeRuns(runs, base, w);
  return { zone, width: w, lanes: m.lanes, bars: m.bars, kinds: m.kinds, skipped: left.skipped, laneOf: new Map(m.lanes.map((l, i) => [l.day, i])), groups: m.groups };
}

/**
 * The rows by start (to the millisecond, or coarser for starts very far apart), rows of one start in their order,
 * those without a start last: key and row in one number each, sorted by the engine's numeric sort.
 */
function timeOrder(start: ArrayLike<number>, n: number): Int32Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (let r = 0; r < n; r++) {
    const s = start[r]!;
    lo = s < lo ? s : lo;
    hi = s > hi ? s : hi;
  }
  const unit = Math.max(1, Math.ceil(((hi - lo + 2) * n) / 2 ** 52));
  const none = Math.floor((hi - lo) / unit) + 1;
  const keys = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const step = Math.floor((start[r]! - lo) / unit);
    keys[r] = (step === step ? step : none) * n + r;
  }
  keys.sort();
  return Int32Array.from(keys, (k) => k % n);
}

/** The rows and their times in `order`. */
function inOrder(rows: readonly TimelineRow[], { start, end }: RowTimes, order: Int32Array): { rows: TimelineRow[]; times: RowTimes } {
  const n = order.length;
  const some: TimelineRow[] = []; // filled in order, as the table's rows are (an array with holes would be another kind)
  const s = new Float64Array(n);
  const e = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = order[i]!;
    some.push(rows[r]!);
    s[i] = start[r]!;
    e[i] = end[r]!;
  }
  return { rows: some, times: { start: s, end: e } };
}

/**
 * Names the leftovers of rows in `order` by the rows themselves, in their order: the parts after midnight, which all
 * start at the same instant, then go in the rows' order, the earliest row first (as a bar names it).
 */
function byRow(left: Leftover, order: Int32Array): void {
  const named = Array.from(left.rows, (x) => (x < 0 ? ~order[~x]! : order[x]!));
  const by = named.map((_, j) => j).sort((a, b) => (named[a]! ^ (named[a]! >> 31)) - (named[b]! ^ (named[b]! >> 31)));
  const { at, end } = left;
  left.rows = Int32Array.from(by, (j) => named[j]!);
  left.at = Float64Array.from(by, (j) => at[j]!);
  left.end = Float64Array.from(by, (j) => end[j]!);
}

/**
 * The parts after midnight, and all the parts of the slices not in (see firstParts). Round k puts in the k-th day
 * after their first of the slices still going: the loop over the slices again, each taken as starting at the midnight
 * it went on from, its runs then counted as parts after a midnight and named by the rows they came from.
 */
function laterParts(rows: readonly TimelineRow[], times: RowTimes, first: Leftover, clock: Clock, log: Runs, base: number, w: number): void {
  let left = first;
  let ids: number[] | undefined; // the rows of the slices `left` names, when they are not the rows themselves
  let from: ArrayLike<number> = times.start; // where those slices' last parts started
  for (let round = 1; round <= MAX_DAYS; round++) {
    const some: TimelineRow[] = [];
    const rowsOf: number[] = [];
    const at: number[] = [];
    const end: number[] = [];
    for (let j = 0; j < left.rows.length; j++) {
      const x = left.rows[j]!;
      const v = x < 0 ? ~x : x;
      const r = ids === undefined ? v : ids[v]!;
      if (x < 0) {
        slowParts(rows, times, r, from[v]!, round - 1, clock, log, base, w);
        continue;
      }
      some.push(rows[r]!);
      rowsOf.push(r);
      at.push(left.at[j]!);
      end.push(left.end[j]!);
    }
    if (some.length === 0 || round === MAX_DAYS) return;
    const logged = log.n;
    from = Float64Array.from(at);
    const next = firstParts(some, { start: from, end: Float64Array.from(end) }, clock, log, base, w, -1);
    for (let i = logged; i < log.n; i++) {
      log.later[i] = log.count[i]!;
      log.row[i] = rowsOf[log.row[i]!]!;
    }
    left = next;
    ids = rowsOf;
  }
}

/**
 * The slower path, by the zone's offset at each end: the parts of row `r`'s slice from instant `from` on, the first
 * of them its `guard`-th day (0: its first).
 */
function slowParts(rows: readonly TimelineRow[], { start, end }: RowTimes, r: number, from: number, guard: number, clock: Clock, log: Runs, base: number, w: number): void {
  const e = endOf(rows[r]!, start[r]!, end[r]!);
  const kind = kindIndex(rows[r]!.trackingType);
  let day = Math.floor((from + clock.at(from)) / DAY_MS);
  for (; guard < MAX_DAYS; guard++) {
    const next = clock.midnight(day + 1);
    const to = e < next ? e : next;
    const x0 = ((from + clock.at(from) - day * DAY_MS) / DAY_MS) * w;
    const x1 = to >= next ? w : ((to + clock.at(to) - day * DAY_MS) / DAY_MS) * w;
    const p0 = Math.min(w - 1, Math.max(0, Math.round(x0)));
    log.add(((day - base) * 4 + kind) * w + p0, Math.min(w, Math.max(p0 + 1, Math.round(x1))), from, to, r, guard > 0 ? 1 : 0);
    if (e <= next) break;
    from = next;
    day++;
  }
}
