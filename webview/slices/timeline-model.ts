/**
 * The timeline's geometry, pure (no DOM): one lane per day (in the chosen zone) that the slices cover, one
 * sub-row per kind (app, stream, sponsor, other), and bars in whole pixels. A slice that crosses midnight is
 * split between its days. Slices of one lane and kind that share a pixel become one bar (so 100 000 slices
 * draw as at most lanes × kinds × width bars); a bar keeps its slice count, time span, seconds and the row of
 * its earliest slice, which a click selects in the table.
 */
import { parseIsoMs } from '../table/format';
import type { TimeZone } from '../table/types';
import { DAY_MS, dayNumber, dayStart, offsetSpan, zoneOffsetMs } from '../table/zones';

export type Kind = 'app' | 'stream' | 'sponsor' | 'other';
export const KINDS: readonly Kind[] = ['app', 'stream', 'sponsor', 'other'];
export const KIND_LABELS: Readonly<Record<Kind, string>> = { app: 'app', stream: 'stream', sponsor: 'sponsor', other: 'other' };

/** time_spent → app, streamlink → stream, sponsor → sponsor, anything else → other. */
export function kindIndex(trackingType: string | null | undefined): number {
  switch (trackingType) {
    case 'time_spent': return 0;
    case 'streamlink': return 1;
    case 'sponsor': return 2;
    default: return 3;
  }
}

export interface TimelineRow {
  startTime: string;
  endTime: string | null;
  durationSeconds: number;
  trackingType: string;
}

export interface Lane {
  /** Days since 1970-01-01 in the zone. */
  day: number;
  /** Seconds per kind (KINDS order) inside this day. */
  seconds: number[];
  /** Slices per kind that start on this day. */
  counts: number[];
}

export interface Bar {
  lane: number;
  kind: number;
  /** Pixels from the lane's 00:00; x1 > x0. */
  x0: number;
  x1: number;
  /** Slices in the bar. */
  count: number;
  /** Index (in the rows given) of the bar's earliest slice. */
  row: number;
  /** Earliest start and latest end of its slices (their parts on this day), ms. */
  startMs: number;
  endMs: number;
  /** Seconds of its slices on this day. */
  seconds: number;
}

export interface Timeline {
  zone: TimeZone;
  width: number;
  lanes: Lane[];
  /** Sorted by lane, kind, x0. */
  bars: Bar[];
  /** Which kinds have any bar. */
  kinds: boolean[];
  /** Rows that could not be placed (no parsable start). */
  skipped: number;
  /** Lane of a day number. */
  laneOf: Map<number, number>;
  /** [first, end) of the bars of `lane * 4 + kind`. */
  groups: Map<number, [number, number]>;
}

/** A slice's instants: its end, else start + duration; never before its start. NaN start when unparsable. */
export function span(row: TimelineRow): [number, number] {
  const s = parseIsoMs(row.startTime);
  let e = row.endTime ? parseIsoMs(row.endTime) : NaN;
  if (!(e === e)) e = s + (Number.isFinite(row.durationSeconds) ? row.durationSeconds * 1000 : 0);
  return [s, e < s ? s : e];
}

/** Pixel of instant `ms` in the lane of `day`: the wall-clock time of day, scaled to `width`. */
function px(zone: TimeZone, ms: number, day: number, width: number): number {
  return ((ms + zoneOffsetMs(zone, ms) - day * DAY_MS) / DAY_MS) * width;
}

/** Growable columns of segments (a slice's part in one day). */
class Segments {
  n = 0;
  day = new Int32Array(0); kind = new Uint8Array(0); p0 = new Int32Array(0); p1 = new Int32Array(0);
  row = new Int32Array(0); s = new Float64Array(0); e = new Float64Array(0); first = new Uint8Array(0);

  constructor(capacity: number) {
    this.grow(Math.max(16, capacity));
  }

  private grow(size: number): void {
    const copy = <T extends Int32Array | Uint8Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.day = copy(this.day, (k) => new Int32Array(k));
    this.kind = copy(this.kind, (k) => new Uint8Array(k));
    this.p0 = copy(this.p0, (k) => new Int32Array(k));
    this.p1 = copy(this.p1, (k) => new Int32Array(k));
    this.row = copy(this.row, (k) => new Int32Array(k));
    this.s = copy(this.s, (k) => new Float64Array(k));
    this.e = copy(this.e, (k) => new Float64Array(k));
    this.first = copy(this.first, (k) => new Uint8Array(k));
  }

  add(day: number, kind: number, p0: number, p1: number, row: number, s: number, e: number, first: boolean): void {
    if (this.n === this.day.length) this.grow(this.n * 2);
    const i = this.n++;
    this.day[i] = day; this.kind[i] = kind; this.p0[i] = p0; this.p1[i] = p1; this.row[i] = row; this.s[i] = s; this.e[i] = e; this.first[i] = first ? 1 : 0;
  }
}

/**
 * The geometry in three passes, each its own function so the engine optimizes each hot loop with feedback of
 * its own (one function with three loops was compiled, and thrown away, more than once on a first 100 000 rows).
 */
export function buildTimeline(rows: readonly TimelineRow[], zone: TimeZone, width: number): Timeline {
  const w = Math.max(1, Math.floor(width));
  const { seg, skipped, minDay, maxDay } = collectSegments(rows, zone, w);
  const n = seg.n;
  // Lanes: the days that have a segment, in order, looked up by day - minDay.
  const laneByOffset = new Int32Array(n === 0 ? 0 : maxDay - minDay + 1).fill(-1);
  for (let i = 0; i < n; i++) laneByOffset[seg.day[i]! - minDay] = 0;
  const days: number[] = [];
  for (let k = 0; k < laneByOffset.length; k++) if (laneByOffset[k] === 0) laneByOffset[k] = days.push(minDay + k) - 1;
  const laneOfSeg = new Int32Array(n);
  for (let i = 0; i < n; i++) laneOfSeg[i] = laneByOffset[seg.day[i]! - minDay]!;
  const order = orderSegments(seg, laneOfSeg, days.length, w);
  const merged = mergeBars(seg, laneOfSeg, order, days.length);
  const lanes: Lane[] = days.map((day, l) => ({
    day, seconds: Array.from(merged.laneSeconds.subarray(l * 4, l * 4 + 4)), counts: Array.from(merged.laneCounts.subarray(l * 4, l * 4 + 4)),
  }));
  return { zone, width: w, lanes, bars: merged.bars, kinds: merged.kinds, skipped, laneOf: new Map(days.map((d, i) => [d, i])), groups: merged.groups };
}

/** Each slice as its parts per day (a slice across midnight has two), in pixels of the day's wall clock. */
function collectSegments(rows: readonly TimelineRow[], zone: TimeZone, w: number): { seg: Segments; skipped: number; minDay: number; maxDay: number } {
  const starts = new Map<number, number>();
  let lastDay = NaN;
  let lastStart = 0;
  const dayStartOf = (day: number): number => {
    if (day === lastDay) return lastStart;
    let s = starts.get(day);
    if (s === undefined) starts.set(day, (s = dayStart(zone, day)));
    lastDay = day;
    lastStart = s;
    return s;
  };
  // The zone's offset over [spanFrom, spanTo): rows in time order mostly fall in the span of the row before.
  let spanFrom = 0;
  let spanTo = 0;
  let spanOffset = 0;
  const offsetAt = (ms: number): number => {
    if (ms >= spanFrom && ms < spanTo) return spanOffset;
    const o = offsetSpan(zone, ms);
    spanFrom = o.from;
    spanTo = o.to;
    return (spanOffset = o.offset);
  };
  const seg = new Segments(rows.length + 16);
  let skipped = 0;
  let minDay = Infinity;
  let maxDay = -Infinity;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    // span(row), inline: no array per row.
    const s = parseIsoMs(row.startTime);
    let e = row.endTime ? parseIsoMs(row.endTime) : NaN;
    if (!(e === e)) e = s + (Number.isFinite(row.durationSeconds) ? row.durationSeconds * 1000 : 0);
    if (e < s) e = s;
    if (!Number.isFinite(s)) {
      skipped++;
      continue;
    }
    const kind = kindIndex(row.trackingType);
    const wall = s + offsetAt(s);
    let day = Math.floor(wall / DAY_MS);
    let x0 = ((wall - day * DAY_MS) / DAY_MS) * w;
    let from = s;
    for (let guard = 0; guard < 400; guard++) {
      const next = dayStartOf(day + 1);
      const to = e < next ? e : next;
      const x1 = to >= next ? w : ((to + offsetAt(to) - day * DAY_MS) / DAY_MS) * w;
      const p0 = Math.min(w - 1, Math.max(0, Math.round(x0)));
      const p1 = Math.min(w, Math.max(p0 + 1, Math.round(x1)));
      seg.add(day, kind, p0, p1, r, from, to, from === s);
      if (day < minDay) minDay = day;
      if (day > maxDay) maxDay = day;
      if (e <= next) break;
      from = next;
      day++;
      x0 = ((from + offsetAt(from) - day * DAY_MS) / DAY_MS) * w;
    }
  }
  return { seg, skipped, minDay, maxDay };
}

/**
 * Segment indexes ordered by (lane, kind, p0), in their own order within a key: a counting sort over the pixel
 * keys (a comparison sort when the results span so many days that the buckets would take too much memory).
 */
function orderSegments(seg: Segments, laneOfSeg: Int32Array, laneCount: number, w: number): Int32Array {
  const n = seg.n;
  const buckets = laneCount * 4 * w;
  if (buckets > 8_000_000) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = (laneOfSeg[i]! * 4 + seg.kind[i]!) * w + seg.p0[i]!;
    return Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b);
  }
  const keys = new Int32Array(n);
  for (let i = 0; i < n; i++) keys[i] = (laneOfSeg[i]! * 4 + seg.kind[i]!) * w + seg.p0[i]!;
  const next = new Int32Array(buckets + 1);
  for (let i = 0; i < n; i++) next[keys[i]! + 1]!++;
  for (let b = 0; b < buckets; b++) next[b + 1]! += next[b]!;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[next[keys[i]!]!++] = i;
  return order;
}

/** Bars: segments of one lane and kind that share a pixel merged; and per lane and kind, seconds and slices. */
function mergeBars(seg: Segments, laneOfSeg: Int32Array, order: Int32Array, laneCount: number) {
  // Typed arrays while counting (plain arrays would change their element kind mid-loop).
  const laneSeconds = new Float64Array(laneCount * 4);
  const laneCounts = new Int32Array(laneCount * 4);
  const bars: Bar[] = [];
  const groups = new Map<number, [number, number]>();
  const kinds = [false, false, false, false];
  let bar: Bar | undefined;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const lane = laneOfSeg[i]!;
    const kind = seg.kind[i]!;
    const secs = (seg.e[i]! - seg.s[i]!) / 1000;
    laneSeconds[lane * 4 + kind]! += secs;
    if (seg.first[i] === 1) laneCounts[lane * 4 + kind]!++;
    if (bar !== undefined && bar.lane === lane && bar.kind === kind && seg.p0[i]! < bar.x1) {
      bar.count++;
      if (seg.p1[i]! > bar.x1) bar.x1 = seg.p1[i]!;
      bar.seconds += secs;
      if (seg.e[i]! > bar.endMs) bar.endMs = seg.e[i]!;
      if (seg.s[i]! < bar.startMs || (seg.s[i]! === bar.startMs && seg.row[i]! < bar.row)) {
        bar.startMs = seg.s[i]!;
        bar.row = seg.row[i]!;
      }
      continue;
    }
    bar = { lane, kind, x0: seg.p0[i]!, x1: seg.p1[i]!, count: 1, row: seg.row[i]!, startMs: seg.s[i]!, endMs: seg.e[i]!, seconds: secs };
    const key = lane * 4 + kind;
    const g = groups.get(key);
    if (g === undefined) groups.set(key, [bars.length, bars.length + 1]);
    else g[1] = bars.length + 1;
    kinds[kind] = true;
    bars.push(bar);
  }
  return { bars, groups, kinds, laneSeconds, laneCounts };
}

/** Index of the bar of `lane`/`kind` covering pixel `x`, or -1. */
export function barAt(t: Timeline, lane: number, kind: number, x: number): number {
  const g = t.groups.get(lane * 4 + kind);
  if (g === undefined) return -1;
  let lo = g[0];
  let hi = g[1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = t.bars[mid]!;
    if (x < b.x0) hi = mid - 1;
    else if (x >= b.x1) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Index of the bar that holds a row's start (for highlighting the table's selected row), or -1. */
export function barOfRow(t: Timeline, row: TimelineRow): number {
  const [s] = span(row);
  if (!Number.isFinite(s)) return -1;
  const day = dayNumber(t.zone, s);
  const lane = t.laneOf.get(day);
  if (lane === undefined) return -1;
  const p = Math.min(t.width - 1, Math.max(0, Math.round(px(t.zone, s, day, t.width))));
  return barAt(t, lane, kindIndex(row.trackingType), p);
}

/** Bars of one lane, left to right (all kinds), as indexes: for keyboard movement. */
export function laneBars(t: Timeline, lane: number): number[] {
  const out: number[] = [];
  for (let kind = 0; kind < 4; kind++) {
    const g = t.groups.get(lane * 4 + kind);
    if (g !== undefined) for (let i = g[0]; i < g[1]; i++) out.push(i);
  }
  return out.sort((a, b) => t.bars[a]!.x0 - t.bars[b]!.x0 || t.bars[a]!.kind - t.bars[b]!.kind);
}
