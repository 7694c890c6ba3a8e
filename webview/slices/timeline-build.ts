/**
 * Building the timeline's geometry (timeline-model.ts says what it is) from the rows and their parsed times (no ISO
 * text parsed here). Four passes over the slices, each a plain loop over typed arrays, so that a first draw of
 * 100 000 rows stays quick before the engine has optimized it (its optimizing compiler runs on another thread, late
 * on a busy machine):
 * 1. each slice's parts per day (a slice across midnight has two), in pixels of the day's wall clock;
 * 2. a key per part (day, kind, pixel), counted; 3. a counting sort on the keys; 4. the parts of a day and kind
 * that share a pixel merged into bars, with the seconds and slices per day and kind.
 */
import type { TimeZone } from '../table/types';
import { DAY_MS, dayStart, offsetSpan } from '../table/zones';
import type { Bar, Lane, RowTimes, Timeline, TimelineRow } from './timeline-model';

/** time_spent → app, streamlink → stream, sponsor → sponsor, anything else → other. */
export function kindIndex(trackingType: string | null | undefined): number {
  switch (trackingType) {
    case 'time_spent': return 0;
    case 'streamlink': return 1;
    case 'sponsor': return 2;
    default: return 3;
  }
}

/** Parts of slices in one day, as columns: day, kind, pixels [p0, p1), row, instants [s, e), whether it is the slice's first. */
interface Parts {
  n: number; day: Int32Array; kind: Uint8Array; p0: Int32Array; p1: Int32Array; row: Int32Array; s: Float64Array; e: Float64Array; first: Uint8Array;
}

function parts(size: number, old?: Parts): Parts {
  const p: Parts = {
    n: old?.n ?? 0, day: new Int32Array(size), kind: new Uint8Array(size), p0: new Int32Array(size), p1: new Int32Array(size),
    row: new Int32Array(size), s: new Float64Array(size), e: new Float64Array(size), first: new Uint8Array(size),
  };
  if (old !== undefined) for (const k of ['day', 'kind', 'p0', 'p1', 'row', 's', 'e', 'first'] as const) p[k].set(old[k]);
  return p;
}

export function buildTimeline(rows: readonly TimelineRow[], times: RowTimes, zone: TimeZone, width: number): Timeline {
  const w = Math.max(1, Math.floor(width));
  const { p, skipped, minDay, maxDay } = collect(rows, times, zone, w);
  const { order, laneOf, days } = sortParts(p, minDay, maxDay, w);
  const merged = mergeBars(p, order, laneOf, minDay, days.length);
  const lanes: Lane[] = days.map((day, l) => ({
    day, seconds: Array.from(merged.laneSeconds.subarray(l * 4, l * 4 + 4)), counts: Array.from(merged.laneCounts.subarray(l * 4, l * 4 + 4)),
  }));
  return { zone, width: w, lanes, bars: merged.bars, kinds: merged.kinds, skipped, laneOf: new Map(days.map((d, i) => [d, i])), groups: merged.groups };
}

/** A zone's offsets and midnights, cached: rows in time order mostly fall in the span and the day of the row before. */
class Clock {
  private from = 0;
  private to = 0;
  private offset = 0;
  private day = NaN;
  private start = 0;
  private readonly starts = new Map<number, number>();

  constructor(private readonly zone: TimeZone) {}

  /** Milliseconds to add to `ms` for the zone's wall clock. */
  at(ms: number): number {
    if (!(ms >= this.from && ms < this.to)) {
      const o = offsetSpan(this.zone, ms);
      this.from = o.from;
      this.to = o.to;
      this.offset = o.offset;
    }
    return this.offset;
  }

  /** The instant of 00:00 of `day` in the zone. */
  midnight(day: number): number {
    if (day !== this.day) {
      this.day = day;
      this.start = this.starts.get(day) ?? dayStart(this.zone, day);
      this.starts.set(day, this.start);
    }
    return this.start;
  }
}

/** A slice's end: its end time, else start + duration; never before its start. */
function endOf(row: TimelineRow, s: number, e: number): number {
  const secs = row.durationSeconds;
  const alt = s + (typeof secs === 'number' && secs - secs === 0 ? secs * 1000 : 0); // computed for every row: no path goes untried
  const end = e === e ? e : alt;
  return end < s ? s : end;
}

/**
 * Pass 1: each slice as its parts per day, in pixels of the day's wall clock: the part on its first day for every
 * slice (a loop whose every path the first rows take, so the engine's optimized code is not thrown away halfway),
 * then the parts after midnight of the slices that cross it.
 */
function collect(rows: readonly TimelineRow[], { start, end }: RowTimes, zone: TimeZone, w: number) {
  const clock = new Clock(zone);
  const p = parts(rows.length + (rows.length >> 3) + 16); // room for the parts after midnight: growing would copy them all
  const { day: dayA, kind: kindA, p0: p0A, p1: p1A, row: rowA, s: sA, e: eA, first: firstA } = p;
  const crosses = new Uint8Array(rows.length);
  const last = w - 1;
  let n = 0;
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let r = 0; r < rows.length; r++) {
    const s = start[r]!;
    if (!(s - s === 0)) continue; // no start, or not finite: skipped
    const row = rows[r]!;
    const e = endOf(row, s, end[r]!);
    const wall = s + clock.at(s);
    const day = Math.floor(wall / DAY_MS);
    const next = clock.midnight(day + 1);
    const to = e < next ? e : next;
    const wallTo = to + clock.at(to);
    dayA[n] = day;
    kindA[n] = kindIndex(row.trackingType);
    const p0 = Math.min(last, Math.max(0, Math.round(((wall - day * DAY_MS) / DAY_MS) * w)));
    p0A[n] = p0;
    p1A[n] = Math.min(w, Math.max(p0 + 1, Math.round(to >= next ? w : ((wallTo - day * DAY_MS) / DAY_MS) * w)));
    rowA[n] = r;
    sA[n] = s;
    eA[n] = to;
    firstA[n] = 1;
    crosses[n] = e > next ? 1 : 0;
    n++;
    if (day < minDay) minDay = day;
    if (day > maxDay) maxDay = day;
  }
  const skipped = rows.length - n;
  p.n = n;
  const spilt = spill(p, crosses, rows, end, clock, w);
  return { p: spilt.p, skipped, minDay, maxDay: Math.max(maxDay, spilt.maxDay) };
}

/** The parts after midnight of the slices that cross it (at most 400 days a slice), added after the first ones. */
function spill(p: Parts, crosses: Uint8Array, rows: readonly TimelineRow[], end: ArrayLike<number>, clock: Clock, w: number): { p: Parts; maxDay: number } {
  const firsts = p.n;
  let maxDay = -Infinity;
  for (let i = 0; i < firsts; i++) {
    if (crosses[i] === 0) continue;
    const r = p.row[i]!;
    const e = endOf(rows[r]!, p.s[i]!, end[r]!);
    const kind = p.kind[i]!;
    let day = p.day[i]! + 1;
    let from = clock.midnight(day);
    for (let guard = 1; guard < 400; guard++) {
      const next = clock.midnight(day + 1);
      const to = e < next ? e : next;
      const x0 = ((from + clock.at(from) - day * DAY_MS) / DAY_MS) * w;
      const x1 = to >= next ? w : ((to + clock.at(to) - day * DAY_MS) / DAY_MS) * w;
      const p0 = Math.min(w - 1, Math.max(0, Math.round(x0)));
      if (p.n === p.day.length) p = parts(p.n * 2, p);
      const n = p.n++;
      p.day[n] = day; p.kind[n] = kind; p.p0[n] = p0; p.p1[n] = Math.min(w, Math.max(p0 + 1, Math.round(x1)));
      p.row[n] = r; p.s[n] = from; p.e[n] = to; p.first[n] = 0;
      if (day > maxDay) maxDay = day;
      if (e <= next) break;
      from = next;
      day++;
    }
  }
  return { p, maxDay };
}

/**
 * Passes 2 and 3: the parts in order of (day, kind, p0), in their own order within a key, by a counting sort over
 * the keys (a comparison sort when the results span so many days that the buckets would take too much memory); and
 * the lanes, the days that have a part, with the lane of each day (by day - minDay).
 */
function sortParts(p: Parts, minDay: number, maxDay: number, w: number): { order: Int32Array; laneOf: Int32Array; days: number[] } {
  const { n, day, kind, p0 } = p;
  const laneOf = new Int32Array(n === 0 ? 0 : maxDay - minDay + 1).fill(-1);
  const buckets = laneOf.length * 4 * w;
  const big = buckets > 8_000_000;
  const keys = big ? new Float64Array(n) : new Int32Array(n);
  const next = new Int32Array(big ? 0 : buckets + 1);
  for (let i = 0; i < n; i++) {
    const d = day[i]! - minDay;
    laneOf[d] = 0;
    const k = (d * 4 + kind[i]!) * w + p0[i]!;
    keys[i] = k;
    if (!big) next[k + 1]!++;
  }
  const days: number[] = [];
  for (let d = 0; d < laneOf.length; d++) if (laneOf[d] === 0) laneOf[d] = days.push(minDay + d) - 1;
  if (big) return { order: Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b), laneOf, days };
  for (let b = 0; b < buckets; b++) next[b + 1]! += next[b]!;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[next[keys[i]!]!++] = i;
  return { order, laneOf, days };
}

/**
 * Pass 4: bars, the parts of one lane and kind that share a pixel merged; and per lane and kind, seconds and slices.
 * The bar being merged lives in locals, every update computed for every part (no path the first parts leave untried).
 */
function mergeBars(p: Parts, order: Int32Array, laneOf: Int32Array, minDay: number, laneCount: number) {
  const { day, kind, p0, p1, row, s, e, first } = p;
  // Typed arrays while counting (plain arrays would change their element kind mid-loop).
  const laneSeconds = new Float64Array(laneCount * 4);
  const laneCounts = new Int32Array(laneCount * 4);
  const bars: Bar[] = [];
  let key = -1;
  let x0 = 0;
  let x1 = 0;
  let count = 0;
  let barRow = 0; // the row of its earliest slice
  let startMs = 0;
  let endMs = 0;
  let seconds = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const g = laneOf[day[i]! - minDay]! * 4 + kind[i]!;
    const si = s[i]!;
    const ei = e[i]!;
    const ri = row[i]!;
    const a = p0[i]!;
    const b = p1[i]!;
    const secs = (ei - si) / 1000;
    laneSeconds[g]! += secs;
    laneCounts[g]! += first[i]!;
    if (g === key && a < x1) {
      const tie = ri < barRow;
      const earlier = si < startMs || (si === startMs && tie);
      count++;
      x1 = b > x1 ? b : x1;
      seconds += secs;
      endMs = ei > endMs ? ei : endMs;
      barRow = earlier ? ri : barRow;
      startMs = earlier ? si : startMs;
      continue;
    }
    if (count > 0) bars.push({ lane: key >> 2, kind: key & 3, x0, x1, count, row: barRow, startMs, endMs, seconds });
    key = g;
    x0 = a;
    x1 = b;
    count = 1;
    barRow = ri;
    startMs = si;
    endMs = ei;
    seconds = secs;
  }
  if (count > 0) bars.push({ lane: key >> 2, kind: key & 3, x0, x1, count, row: barRow, startMs, endMs, seconds });
  const groups = new Map<number, [number, number]>();
  const kinds = [false, false, false, false];
  bars.forEach((bar, i) => {
    const g = groups.get(bar.lane * 4 + bar.kind);
    if (g === undefined) groups.set(bar.lane * 4 + bar.kind, [i, i + 1]);
    else g[1] = i + 1;
    kinds[bar.kind] = true;
  });
  return { bars, groups, kinds, laneSeconds, laneCounts };
}
