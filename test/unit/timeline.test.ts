/** The timeline's lanes and aggregation (webview/slices/timeline-model.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { barAt, barOfRow, buildTimeline, kindIndex, laneBars, span, type TimelineRow } from '../../webview/slices/timeline-model';
import { dayText } from '../../webview/table/zones';

const HEL = 'Europe/Helsinki';
const at = (iso: string) => new Date(iso).getTime();
function row(start: string, end: string | null, type = 'time_spent', seconds?: number): TimelineRow {
  return { startTime: start, endTime: end, trackingType: type, durationSeconds: seconds ?? (end ? (at(end) - at(start)) / 1000 : 0) };
}

test('one lane per day of the results, in the chosen zone', () => {
  const rows = [row('2023-05-10T07:00:00.000Z', '2023-05-10T08:00:00.000Z'), row('2023-05-10T22:30:00.000Z', '2023-05-10T22:45:00.000Z'), row('2023-05-12T09:00:00.000Z', '2023-05-12T09:10:00.000Z')];
  const utc = buildTimeline(rows, 'utc', 1440);
  assert.deepEqual(utc.lanes.map((l) => dayText(l.day)), ['2023-05-10', '2023-05-12']);
  const hel = buildTimeline(rows, HEL, 1440);
  // 22:30 UTC is 01:30 the next day in Helsinki (summer time, +3).
  assert.deepEqual(hel.lanes.map((l) => dayText(l.day)), ['2023-05-10', '2023-05-11', '2023-05-12']);
  const late = hel.bars.find((b) => b.lane === 1)!;
  assert.equal(late.x0, 90); // 01:30 at one pixel a minute
  assert.equal(late.x1, 105);
  assert.equal(hel.bars.find((b) => b.lane === 0)!.x0, 600); // 07:00 UTC = 10:00 in Helsinki
});

test('a slice across midnight is split between its two days, with its seconds on each', () => {
  const t = buildTimeline([row('2023-05-10T23:00:00.000Z', '2023-05-11T01:00:00.000Z')], 'utc', 1440);
  assert.equal(t.lanes.length, 2);
  assert.deepEqual(t.bars.map((b) => [b.lane, b.x0, b.x1, b.seconds]), [[0, 1380, 1440, 3600], [1, 0, 60, 3600]]);
  assert.deepEqual(t.lanes.map((l) => l.counts[0]), [1, 0], 'the slice counts on the day it starts');
  assert.deepEqual(t.lanes.map((l) => l.seconds[0]), [3600, 3600]);
});

test('slices of one kind that share a pixel become one bar that keeps their count, span, seconds and earliest row', () => {
  const rows: TimelineRow[] = [];
  // 300 one-second slices within half a minute (one pixel at 1440 px a day), given latest first.
  for (let i = 299; i >= 0; i--) rows.push(row(new Date(at('2023-05-10T10:00:00.000Z') + i * 100).toISOString(), new Date(at('2023-05-10T10:00:00.000Z') + i * 100 + 1000).toISOString()));
  rows.push(row('2023-05-10T12:00:00.000Z', '2023-05-10T12:30:00.000Z'));
  const t = buildTimeline(rows, 'utc', 1440);
  assert.equal(t.bars.length, 2);
  const [many, alone] = t.bars;
  assert.equal(many!.count, 300);
  assert.equal(many!.row, 299, 'the earliest slice is the last row given');
  assert.equal(many!.startMs, at('2023-05-10T10:00:00.000Z'));
  assert.equal(many!.endMs, at('2023-05-10T10:00:30.900Z'));
  assert.equal(many!.seconds, 300);
  assert.deepEqual([many!.x0, many!.x1], [600, 601]);
  assert.deepEqual([alone!.count, alone!.x0, alone!.x1, alone!.row], [1, 720, 750, 300]);
});

test('slices that only touch stay separate bars; kinds have their own rows and never merge', () => {
  const t = buildTimeline([
    row('2023-05-10T10:00:00.000Z', '2023-05-10T10:05:00.000Z'),
    row('2023-05-10T10:05:00.000Z', '2023-05-10T10:10:00.000Z'),
    row('2023-05-10T10:02:00.000Z', '2023-05-10T10:03:00.000Z', 'streamlink'),
    row('2023-05-10T10:02:00.000Z', null, 'sponsor', 0),
    row('2023-05-10T10:02:00.000Z', '2023-05-10T10:03:00.000Z', 'media_click'),
  ], 'utc', 1440);
  assert.deepEqual(t.bars.map((b) => [b.kind, b.x0, b.x1, b.count]), [[0, 600, 605, 1], [0, 605, 610, 1], [1, 602, 603, 1], [2, 602, 603, 1], [3, 602, 603, 1]]);
  assert.deepEqual(t.kinds, [true, true, true, true]);
  assert.deepEqual([kindIndex('time_spent'), kindIndex('streamlink'), kindIndex('sponsor'), kindIndex(null)], [0, 1, 2, 3]);
});

test('hit testing: a pixel finds its bar, a row finds the bar that holds it, a lane lists its bars left to right', () => {
  const rows = [row('2023-05-10T10:00:00.000Z', '2023-05-10T10:05:00.000Z'), row('2023-05-10T10:02:00.000Z', '2023-05-10T10:03:00.000Z'), row('2023-05-10T09:00:00.000Z', '2023-05-10T09:30:00.000Z', 'streamlink')];
  const t = buildTimeline(rows, 'utc', 1440);
  const merged = barAt(t, 0, 0, 603);
  assert.equal(t.bars[merged]!.count, 2);
  assert.equal(barAt(t, 0, 0, 610), -1);
  assert.equal(barAt(t, 0, 2, 603), -1);
  assert.equal(barOfRow(t, rows[1]!), merged);
  assert.equal(t.bars[barOfRow(t, rows[2]!)]!.kind, 1);
  assert.equal(barOfRow(t, row('2023-06-01T10:00:00.000Z', null)), -1);
  assert.deepEqual(laneBars(t, 0).map((i) => t.bars[i]!.x0), [540, 600]);
});

test('on the spring DST day in Helsinki the lane is the wall clock: 04:00 summer time is at 4/24 of the width', () => {
  const t = buildTimeline([row('2023-03-26T01:00:00.000Z', '2023-03-26T02:00:00.000Z')], HEL, 2400);
  assert.equal(dayText(t.lanes[0]!.day), '2023-03-26');
  assert.deepEqual([t.bars[0]!.x0, t.bars[0]!.x1], [400, 500]);
});

test('no end time: start plus duration; an end before the start is the start; an unparsable start is skipped', () => {
  assert.deepEqual(span(row('2023-05-10T10:00:00.000Z', null, 'time_spent', 60)), [at('2023-05-10T10:00:00.000Z'), at('2023-05-10T10:01:00.000Z')]);
  assert.deepEqual(span(row('2023-05-10T10:00:00.000Z', '2023-05-10T09:00:00.000Z')), [at('2023-05-10T10:00:00.000Z'), at('2023-05-10T10:00:00.000Z')]);
  const t = buildTimeline([row('soon', null), row('2023-05-10T10:00:00.000Z', null)], 'utc', 100);
  assert.equal(t.skipped, 1);
  assert.equal(t.bars.length, 1);
  assert.equal(t.bars[0]!.x1 - t.bars[0]!.x0, 1, 'a zero-length slice still gets a pixel');
});

test('100 000 slices over five days draw as at most lanes × kinds × width bars, and every slice is counted once', () => {
  const rows: TimelineRow[] = [];
  const types = ['time_spent', 'streamlink', 'sponsor'];
  const t0 = at('2023-05-10T05:00:00.000Z');
  for (let i = 0; i < 100_000; i++) {
    const s = t0 + Math.floor((i * 5 * 86_400_000) / 100_000);
    rows.push({ startTime: new Date(s).toISOString(), endTime: new Date(s + 3000).toISOString(), trackingType: types[i % 3]!, durationSeconds: 3 });
  }
  const t = buildTimeline(rows, HEL, 1000);
  assert.ok(t.bars.length <= t.lanes.length * 3 * 1000, `${t.bars.length} bars`);
  const parts = t.bars.reduce((sum, b) => sum + b.count, 0);
  assert.ok(parts >= 100_000 && parts <= 100_000 + t.lanes.length, `${parts} parts: each slice once, or twice when it crosses midnight`);
  assert.equal(t.lanes.reduce((sum, l) => sum + l.counts.reduce((a, b) => a + b, 0), 0), 100_000);
});

test('results over more than a thousand days (too many pixel buckets to count) are ordered by a comparison sort, with the same bars', () => {
  const rows: TimelineRow[] = [];
  const t0 = at('2020-01-01T10:00:00.000Z');
  for (let d = 1000; d >= 0; d--) {
    rows.push(row(new Date(t0 + d * 86_400_000 + 300_000).toISOString(), new Date(t0 + d * 86_400_000 + 420_000).toISOString()));
    rows.push(row(new Date(t0 + d * 86_400_000).toISOString(), new Date(t0 + d * 86_400_000 + 600_000).toISOString()));
  }
  const t = buildTimeline(rows, 'utc', 2000); // 1001 lanes × 4 kinds × 2000 px > 8 000 000 buckets
  assert.equal(t.lanes.length, 1001);
  assert.equal(t.bars.length, 1001);
  assert.ok(t.bars.every((b, i) => b.lane === i && b.count === 2 && b.row === 2 * (1000 - i) + 1), 'each day: one bar of both slices, the earlier one chosen');
});
