/**
 * The timeline's geometry as built by runs (webview/slices/timeline-build.ts and its parts) against the plainest
 * reading of what it is (timeline-model.ts): every slice cut into its parts per day by the zone's offset at each end,
 * the parts sorted by day, kind and first pixel, and merged while they share a pixel. Rows in time order, in no order,
 * slices across several midnights and across changes of the offset, and rows the timeline skips. Many slices start at
 * the same instant (each part after a midnight starts at it): a bar names the earliest row of those that start first.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTimeline, kindIndex, parseTimes, type Bar, type Lane, type TimelineRow } from '../../webview/slices/timeline-model';
import { DAY_MS, dayStart, zoneOffsetMs } from '../../webview/table/zones';

interface Part { day: number; kind: number; p0: number; p1: number; s: number; e: number; row: number; first: boolean }

/** The geometry by the definition: bars (lane given as its day) and lanes. */
function reference(rows: readonly TimelineRow[], zone: string, w: number): { bars: Bar[]; lanes: Lane[]; skipped: number } {
  const { start, end } = parseTimes(rows);
  const parts: Part[] = [];
  let skipped = 0;
  rows.forEach((row, r) => {
    const s = start[r]!;
    if (!Number.isFinite(s)) return void skipped++;
    const alt = s + (Number.isFinite(row.durationSeconds) ? row.durationSeconds * 1000 : 0);
    const e = Math.max(s, Number.isNaN(end[r]!) ? alt : end[r]!);
    let day = Math.floor((s + zoneOffsetMs(zone, s)) / DAY_MS);
    for (let from = s, n = 0; n < 400; n++, day++) {
      const next = dayStart(zone, day + 1);
      const to = Math.min(e, next);
      const x = (ms: number): number => ((ms + zoneOffsetMs(zone, ms) - day * DAY_MS) / DAY_MS) * w;
      const p0 = Math.min(w - 1, Math.max(0, Math.round(x(from))));
      const p1 = Math.min(w, Math.max(p0 + 1, Math.round(to >= next ? w : x(to))));
      parts.push({ day, kind: kindIndex(row.trackingType), p0, p1, s: from, e: to, row: r, first: n === 0 });
      if (e <= next) break;
      from = next;
    }
  });
  parts.sort((a, b) => a.day - b.day || a.kind - b.kind || a.p0 - b.p0);
  const bars: Bar[] = [];
  const lanes: Lane[] = [];
  let bar: Bar | undefined;
  for (const p of parts) {
    if (lanes.at(-1)?.day !== p.day) lanes.push({ day: p.day, seconds: [0, 0, 0, 0], counts: [0, 0, 0, 0] });
    const lane = lanes.at(-1)!;
    lane.seconds[p.kind]! += (p.e - p.s) / 1000;
    lane.counts[p.kind]! += p.first ? 1 : 0;
    if (bar !== undefined && bar.lane === p.day && bar.kind === p.kind && p.p0 < bar.x1) {
      bar.count++;
      bar.x1 = Math.max(bar.x1, p.p1);
      bar.seconds += (p.e - p.s) / 1000;
      bar.endMs = Math.max(bar.endMs, p.e);
      if (p.s < bar.startMs || (p.s === bar.startMs && p.row < bar.row)) Object.assign(bar, { startMs: p.s, row: p.row });
    } else {
      bars.push((bar = { lane: p.day, kind: p.kind, x0: p.p0, x1: p.p1, count: 1, row: p.row, startMs: p.s, endMs: p.e, seconds: (p.e - p.s) / 1000 }));
    }
  }
  return { bars, lanes, skipped };
}

/** Deterministic rows: `gap` ms apart at most, some slices days long, some without an end or a start. */
function rows(n: number, seed: number, from: string, gap: number): TimelineRow[] {
  let x = seed;
  const rand = (): number => ((x = (Math.imul(x, 1_664_525) + 1_013_904_223) >>> 0) / 4_294_967_296);
  const types = ['time_spent', 'streamlink', 'sponsor', 'sponsor_media_click'];
  const out: TimelineRow[] = [];
  for (let i = 0, t = Date.parse(from); i < n; i++) {
    t += Math.floor(rand() * gap);
    const long = rand() < 0.03 ? rand() * 4 * DAY_MS : rand() * 3 * 3_600_000;
    const ms = Math.floor(long);
    out.push({
      startTime: rand() < 0.01 ? 'soon' : new Date(t).toISOString(),
      endTime: rand() < 0.15 ? null : new Date(t + (rand() < 0.03 ? -ms : ms)).toISOString(),
      durationSeconds: Math.floor(ms / 1000),
      trackingType: types[Math.floor(rand() * types.length)]!,
    });
  }
  return out;
}

/** Seconds to the millisecond: the reference adds seconds, the timeline milliseconds (exact for whole ones). */
const ms = (seconds: number): number => Math.round(seconds * 1000);

function same(rows: readonly TimelineRow[], zone: string, w: number, what: string): void {
  const got = buildTimeline(rows, zone, w);
  const want = reference(rows, zone, w);
  const lanes = (ls: Lane[]) => ls.map((l) => ({ ...l, seconds: l.seconds.map(ms) }));
  assert.equal(got.skipped, want.skipped, `${what}: skipped`);
  assert.deepEqual(lanes(got.lanes), lanes(want.lanes), `${what}: lanes`);
  assert.deepEqual(got.bars.map((b) => ({ ...b, lane: got.lanes[b.lane]!.day, seconds: ms(b.seconds) })), want.bars.map((b) => ({ ...b, seconds: ms(b.seconds) })), `${what}: bars`);
}

const CASES = [
  ['Europe/Helsinki', '2023-03-24T18:00:00Z'],
  ['Europe/Helsinki', '2023-10-27T18:00:00Z'],
  ['America/New_York', '2023-11-03T12:00:00Z'],
  ['Australia/Lord_Howe', '2023-09-29T10:00:00Z'],
  ['Asia/Kathmandu', '2023-05-10T10:00:00Z'],
  ['utc', '2023-05-10T10:00:00Z'],
] as const;

for (const [zone, from] of CASES) {
  test(`${zone} from ${from}: the same bars and lanes as by the definition, rows in time order or not`, () => {
    // 6 000 rows: past the first 4 096, after which rows far from time order are sorted and taken again.
    for (const [n, gap, w] of [[3000, 120_000, 1440], [400, 3_600_000, 97], [6000, 40_000, 1000]] as const) {
      const inOrder = rows(n, n + w, from, gap);
      same(inOrder, zone, w, `${n} rows in time order, ${w} px`);
      let x = 7;
      const shuffled = inOrder.map((r) => [r, (x = (x * 48_271) % 2_147_483_647)] as const).sort((a, b) => a[1] - b[1]).map(([r]) => r);
      same(shuffled, zone, w, `${n} rows in no order, ${w} px`);
      same(inOrder.slice().reverse(), zone, w, `${n} rows latest first, ${w} px`);
    }
  });
}

test('two days interleaved row by row: far from time order, though each day is in order', () => {
  const early = rows(3073, 5, '2023-05-10T06:00:00Z', 20_000);
  const late = rows(3072, 6, '2023-05-12T06:00:00Z', 20_000);
  const mixed = early.flatMap((r, i) => (i < late.length ? [r, late[i]!] : [r]));
  for (const zone of ['utc', 'Europe/Helsinki']) same(mixed, zone, 1000, zone);
});

test('slices far apart (years, and centuries) and a width of one pixel', () => {
  const far: TimelineRow[] = [
    { startTime: '2023-05-10T10:00:00Z', endTime: '2023-05-11T10:00:00Z', durationSeconds: 1, trackingType: 'sponsor' },
    { startTime: '2623-05-10T10:00:00Z', endTime: '2623-05-12T10:00:00Z', durationSeconds: 1, trackingType: 'streamlink' },
    { startTime: '1723-05-10T23:00:00Z', endTime: null, durationSeconds: 7200, trackingType: 'streamlink' },
    { startTime: '2019-01-01T00:00:00Z', endTime: null, durationSeconds: 90_000, trackingType: 'time_spent' },
    { startTime: '2023-05-10T11:00:00Z', endTime: '2023-05-10T12:00:00Z', durationSeconds: 1, trackingType: 'sponsor' },
  ];
  for (const zone of ['utc', 'Europe/Helsinki', 'Australia/Lord_Howe']) for (const w of [1, 1000, 5000]) same(far, zone, w, `${zone}, ${w} px`);
});
