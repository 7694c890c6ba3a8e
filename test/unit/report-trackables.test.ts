/**
 * Sponsors and streams across the event: the engagement report's rows, summed per trackable by src/model/trackables.ts,
 * against the truth computed straight from the local Brella's slices.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrellaClient } from '../../src/brella';
import { ALL_TRACKING_TYPES, DEFAULT_TRACKING_TYPES, type DemoAttendee, type DemoServer } from '../../src/demo';
import { dayRows, median, summarizeTrackables, viewersPerQuarter, visitorsOf } from '../../src/model/trackables';
import { runEventReport, type ReportTarget } from '../../src/reports';
import { closeReportDemo, openReportDemo } from './helpers/report-demo';
import { dayInZone } from './helpers/report-truth';

const FROM = { startFrom: '2023-05-10T00:00:00.000Z' };
let server: DemoServer;
let client: BrellaClient;
let target: ReportTarget;
let main: DemoAttendee[];

before(async () => {
  ({ server, client, target, main } = await openReportDemo({ rateLimit: false, attendeeCount: 80 }, { requestsPerSecond: 1000, maxConcurrentRequests: 16 }, 'Europe/Helsinki'));
});
after(() => closeReportDemo({ server, client }));

test('median: odd, even, none', () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1, 3, 10]), 3.5);
  assert.equal(median([]), 0);
});

test('each stream and booth: unique visitors, visits, total and median time, and its visitors, equal the local Brella\'s slices', async () => {
  const result = await runEventReport({ client, target, kind: 'engagement', window: FROM, mode: 'full' });
  const { trackables } = summarizeTrackables(result.rows);
  // The truth: every streamlink, sponsor and media-click slice the report asks for (in the window), by trackable.
  const from = Date.parse(FROM.startFrom);
  type Truth = { visitors: Map<number, number>; visits: number; seconds: number; clicks: number; first: number; last: number; quarters: Map<number, Set<number>> };
  const truth = new Map<string, Truth>();
  const Q = 15 * 60_000;
  for (const a of main) {
    for (const s of server.data.slicesByAttendee.get(a.id) ?? []) {
      if (!ALL_TRACKING_TYPES.includes(s.trackingType) || s.startMs < from || s.trackableId === null) continue;
      if (s.trackingType === 'time_spent') continue;
      const click = s.trackingType === 'sponsor_media_click';
      const key = `${s.trackingType === 'streamlink' ? 'stream' : 'sponsor'}|${s.trackableType ?? ''}|${s.trackableId}`;
      const t = truth.get(key) ?? { visitors: new Map(), visits: 0, seconds: 0, clicks: 0, first: Infinity, last: -Infinity, quarters: new Map() };
      const secs = !click && Number.isFinite(s.durationSeconds) && s.durationSeconds > 0 ? s.durationSeconds : 0;
      t.visitors.set(a.id, (t.visitors.get(a.id) ?? 0) + secs);
      truth.set(key, t);
      if (click) {
        t.clicks += 1;
        continue;
      }
      t.visits += 1;
      t.seconds += secs;
      const end = Math.max(s.startMs, s.endMs ?? s.startMs);
      t.first = Math.min(t.first, s.startMs);
      t.last = Math.max(t.last, end);
      // A viewer counts in every 15-minute bucket the watch touches.
      for (let q = Math.floor(s.startMs / Q); q <= Math.max(Math.floor(s.startMs / Q), Math.floor((end - 1) / Q)); q++) {
        t.quarters.set(q, (t.quarters.get(q) ?? new Set()).add(a.id));
      }
    }
  }
  assert.ok(truth.size >= 2, `the demo has streams and booths (${truth.size})`);
  assert.ok([...truth.values()].some((t) => t.clicks > 0), 'the demo has media clicks');
  assert.deepEqual(new Set(trackables.map((t) => t.key)), new Set(truth.keys()));
  for (const t of trackables) {
    const want = truth.get(t.key)!;
    assert.equal(t.visitors, want.visitors.size, `${t.key} visitors`);
    assert.equal(t.visits, want.visits, `${t.key} visits`);
    assert.equal(t.seconds, want.seconds, `${t.key} seconds`);
    assert.equal(t.clicks, want.clicks, `${t.key} clicks`);
    assert.equal(t.first, Number.isFinite(want.first) ? new Date(want.first).toISOString() : null, `${t.key} first`);
    assert.equal(t.last, Number.isFinite(want.last) ? new Date(want.last).toISOString() : null, `${t.key} last`);
    assert.equal(t.medianSeconds, median([...want.visitors.values()]), `${t.key} median`);
    if (t.kind === 'stream') {
      const peak = Math.max(0, ...[...want.quarters.values()].map((v) => v.size));
      const at = [...want.quarters].filter(([, v]) => v.size === peak).map(([q]) => q).sort((a, b) => a - b)[0];
      assert.deepEqual([t.peakViewers, t.peakAt], [peak, at === undefined ? null : new Date(at * Q).toISOString()], `${t.key} peak`);
      const chart = viewersPerQuarter(result.rows, t.key);
      assert.equal(Math.max(...chart.map((c) => c.viewers)), peak, `${t.key} chart peak`);
      assert.equal(chart.reduce((n, c) => n + c.viewers, 0), [...want.quarters.values()].reduce((n, v) => n + v.size, 0), `${t.key} chart total`);
    }
  }
  assert.ok(trackables.some((t) => t.kind === 'stream' && t.peakViewers > 1), 'some stream has more than one viewer at once');
  assert.deepEqual([...trackables].sort((a, b) => b.seconds - a.seconds || (a.key < b.key ? -1 : 1)), trackables, 'most time first');
  const top = trackables[0]!;
  const visitors = visitorsOf(result.rows, top.key);
  assert.deepEqual(new Set(visitors.map((v) => v.attendeeId)), new Set([...truth.get(top.key)!.visitors.keys()].map(String)));
  for (const v of visitors) assert.equal(v.seconds, truth.get(top.key)!.visitors.get(Number(v.attendeeId)));
});

test('the Days table: per day, attendees in the app, booth visitors and stream viewers, and the time of each kind, equal the local Brella\'s slices', async () => {
  const result = await runEventReport({ client, target, kind: 'engagement', window: FROM, mode: 'full' });
  const from = Date.parse(FROM.startFrom);
  type Truth = { app: Set<number>; booth: Map<number, number>; stream: Map<number, number>; appSeconds: number; sponsorSeconds: number; streamSeconds: number };
  const truth = new Map<string, Truth>();
  for (const a of main) {
    for (const s of server.data.slicesByAttendee.get(a.id) ?? []) {
      if (!DEFAULT_TRACKING_TYPES.includes(s.trackingType) || s.startMs < from) continue;
      const day = dayInZone(s.startMs, 'Europe/Helsinki');
      const t = truth.get(day) ?? { app: new Set(), booth: new Map(), stream: new Map(), appSeconds: 0, sponsorSeconds: 0, streamSeconds: 0 };
      const secs = Number.isFinite(s.durationSeconds) && s.durationSeconds > 0 ? s.durationSeconds : 0;
      if (s.trackingType === 'time_spent') {
        t.app.add(a.id);
        t.appSeconds += secs;
      } else if (s.trackingType === 'sponsor') {
        t.booth.set(a.id, (t.booth.get(a.id) ?? 0) + secs);
        t.sponsorSeconds += secs;
      } else if (s.trackingType === 'streamlink') {
        t.stream.set(a.id, (t.stream.get(a.id) ?? 0) + secs);
        t.streamSeconds += secs;
      }
      truth.set(day, t);
    }
  }
  const positive = (m: Map<number, number>): number => [...m.values()].filter((x) => x > 0).length;
  const expected = [...truth.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, t]) => ({
    day, inApp: t.app.size, boothVisitors: positive(t.booth), streamViewers: positive(t.stream),
    appSeconds: t.appSeconds, sponsorSeconds: t.sponsorSeconds, streamSeconds: t.streamSeconds,
  }));
  assert.ok(expected.length >= 2);
  assert.deepEqual(dayRows(result.rows), expected);
});
