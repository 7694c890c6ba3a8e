/**
 * The timeline's clock (webview/slices/timeline-clock.ts): the span around an instant where the zone's offset and the
 * wall-clock day hold, checked against Intl's own wall clock around changes of the offset, in zones with an hour's
 * change (Helsinki, New York), a half hour's (Lord Howe Island) and none at an odd offset (Kathmandu, +5:45).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Clock, DAY, HI, LO, NEXT, ZERO } from '../../webview/slices/timeline-clock';

const DAY_MS = 86_400_000;
const MINUTE = 60_000;

const formats = new Map<string, Intl.DateTimeFormat>();

/** The wall clock of `zone` at `ms` (whole seconds), written as if it were UTC, by Intl alone. */
function wall(zone: string, ms: number): number {
  let f = formats.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(ms).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) + (ms - Math.floor(ms / 1000) * 1000);
}

const dayOf = (zone: string, ms: number): number => Math.floor(wall(zone, ms) / DAY_MS);
const offsetOf = (zone: string, ms: number): number => wall(zone, ms) - ms;

/** Instants every 23 minutes over four days around each instant of `around`, and some in between. */
function instants(around: readonly string[]): number[] {
  const out: number[] = [];
  for (const iso of around) {
    const t = Date.parse(iso);
    for (let m = -2 * 24 * 60; m <= 2 * 24 * 60; m += 23) out.push(t + m * MINUTE);
  }
  return out;
}

const ZONES: Record<string, readonly string[]> = {
  // 03:00 EET → 04:00 EEST on 26 March, back on 29 October.
  'Europe/Helsinki': ['2023-03-26T01:00:00Z', '2023-10-29T01:00:00Z', '2023-06-15T12:00:00Z'],
  // 02:00 EST → 03:00 EDT on 12 March, back on 5 November.
  'America/New_York': ['2023-03-12T07:00:00Z', '2023-11-05T06:00:00Z'],
  // 02:00 → 02:30 (+10:30 → +11) on 1 October, back on 2 April.
  'Australia/Lord_Howe': ['2023-10-01T15:30:00Z', '2023-04-01T15:00:00Z'],
  // +5:45 all year.
  'Asia/Kathmandu': ['2023-05-10T18:15:00Z', '2023-12-31T18:15:00Z'],
  utc: ['2023-05-10T00:00:00Z'],
};

for (const [zone, around] of Object.entries(ZONES)) {
  test(`${zone}: each span holds one wall-clock day and one offset, as Intl has them, and names the next midnight`, () => {
    const clock = new Clock(zone);
    const intl = zone === 'utc' ? 'UTC' : zone;
    for (const s of instants(around)) {
      clock.place(s);
      const { [LO]: lo, [HI]: hi, [DAY]: day, [ZERO]: zero, [NEXT]: next } = clock.span;
      const at = new Date(s).toISOString();
      assert.equal(day, dayOf(intl, s), `${at}: the day`);
      assert.equal(s - zero!, wall(intl, s) - day! * DAY_MS, `${at}: the time of day`);
      assert.ok(lo! <= s && s < hi!, `${at}: in its span`);
      // The span's ends (those that are instants) have the same day and offset.
      for (const t of [lo!, hi! - 1, (s + lo!) / 2, (s + hi!) / 2].filter(Number.isFinite).map(Math.floor)) {
        assert.equal(dayOf(intl, t), day, `${at}: ${new Date(t).toISOString()} on the same day`);
        assert.equal(offsetOf(intl, t), offsetOf(intl, s), `${at}: ${new Date(t).toISOString()} at the same offset`);
      }
      assert.equal(dayOf(intl, next!), day! + 1, `${at}: the next midnight is on the next day`);
      assert.ok(dayOf(intl, next! - 1) <= day!, `${at}: and no instant before it is`);
      assert.ok(wall(intl, next!) % DAY_MS < 60 * MINUTE, `${at}: at 00:00, or as soon after as the clock shows`);
    }
  });
}

test('a quiet day is one span from midnight to midnight, though it spans two UTC days', () => {
  for (const [zone, iso, from, to] of [
    ['Europe/Helsinki', '2023-06-15T12:00:00Z', '2023-06-14T21:00:00Z', '2023-06-15T21:00:00Z'],
    ['Asia/Kathmandu', '2023-05-10T20:00:00Z', '2023-05-10T18:15:00Z', '2023-05-11T18:15:00Z'],
    ['America/New_York', '2023-05-10T02:00:00Z', '2023-05-09T04:00:00Z', '2023-05-10T04:00:00Z'],
  ] as const) {
    const clock = new Clock(zone);
    clock.place(Date.parse(iso));
    assert.deepEqual([clock.span[LO], clock.span[HI]], [Date.parse(from), Date.parse(to)], zone);
  }
});

test('on the day of a change, a span stops at the change', () => {
  const clock = new Clock('Europe/Helsinki');
  clock.place(Date.parse('2023-03-26T00:30:00Z'));
  assert.ok(clock.span[HI]! <= Date.parse('2023-03-26T01:00:00Z'));
  clock.place(Date.parse('2023-03-26T01:30:00Z'));
  assert.ok(clock.span[LO]! >= Date.parse('2023-03-26T01:00:00Z'));
  assert.equal(clock.span[DAY], Date.parse('2023-03-26T00:00:00Z') / DAY_MS);
  assert.equal(clock.span[NEXT], Date.parse('2023-03-26T21:00:00Z'), '00:00 EEST of the 27th');
});
