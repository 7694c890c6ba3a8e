/**
 * The timeline's geometry, pure (no DOM): one lane per day (in the chosen zone) that the slices cover, one
 * sub-row per kind (app, stream, sponsor, other), and bars in whole pixels. A slice that crosses midnight is
 * split between its days. Slices of one lane and kind that share a pixel become one bar (so 100 000 slices
 * draw as at most lanes × kinds × width bars); a bar keeps its slice count, time span, seconds and the row of
 * its earliest slice, which a click selects in the table.
 */
import { parseIsoMs } from '../table/format';
import type { TimeZone } from '../table/types';
import { DAY_MS, dayNumber, zoneOffsetMs } from '../table/zones';
import { buildTimeline as build, kindIndex } from './timeline-build';

export { kindIndex };

export type Kind = 'app' | 'stream' | 'sponsor' | 'other';
export const KINDS: readonly Kind[] = ['app', 'stream', 'sponsor', 'other'];
export const KIND_LABELS: Readonly<Record<Kind, string>> = { app: 'app', stream: 'stream', sponsor: 'sponsor', other: 'other' };

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

/**
 * Per row of the rows given, its start and end instants (epoch ms; NaN for none): the table's times, parsed once
 * when the rows arrived (webview/table/times.ts), or `parseTimes(rows)`.
 */
export interface RowTimes {
  start: ArrayLike<number>;
  end: ArrayLike<number>;
}

/** The rows' times, parsed here: for rows that come without the table's. */
export function parseTimes(rows: readonly TimelineRow[]): RowTimes {
  const start = new Float64Array(rows.length);
  const end = new Float64Array(rows.length);
  rows.forEach((row, i) => {
    start[i] = parseIsoMs(row.startTime);
    end[i] = row.endTime ? parseIsoMs(row.endTime) : NaN;
  });
  return { start, end };
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

/**
 * The geometry of `rows` in `zone` over `width` pixels a day, from the rows' parsed times (`parseTimes(rows)` when not
 * given); see timeline-build.ts.
 */
export function buildTimeline(rows: readonly TimelineRow[], zone: TimeZone, width: number, times: RowTimes = parseTimes(rows)): Timeline {
  return build(rows, times, zone, width);
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
