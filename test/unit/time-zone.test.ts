/** Time-zone arithmetic (webview/table/zones.ts) at Europe/Helsinki's DST changes of 2023, and the table's formatting in a zone. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTime } from '../../webview/table/format';
import {
  dayNumber, dayStart, dayText, isKnownZone, isoInZone, offsetSpan, offsetText, parseDay, wallToInstant, zoneOffsetMs,
} from '../../webview/table/zones';

const HEL = 'Europe/Helsinki';
const ms = (iso: string): number => Date.parse(iso);
const H = 3_600_000;

test('offsets of Helsinki around the spring change (2023-03-26 01:00 UTC: 03:00 EET becomes 04:00 EEST)', () => {
  assert.equal(zoneOffsetMs(HEL, ms('2023-03-26T00:59:59.999Z')), 2 * H);
  assert.equal(zoneOffsetMs(HEL, ms('2023-03-26T01:00:00.000Z')), 3 * H);
  assert.equal(zoneOffsetMs(HEL, ms('2023-01-15T12:00:00Z')), 2 * H);
  assert.equal(zoneOffsetMs(HEL, ms('2023-07-15T12:00:00Z')), 3 * H);
  assert.equal(zoneOffsetMs('utc', ms('2023-07-15T12:00:00Z')), 0);
});

test('offsets of Helsinki around the autumn change (2023-10-29 01:00 UTC: 04:00 EEST becomes 03:00 EET)', () => {
  assert.equal(zoneOffsetMs(HEL, ms('2023-10-29T00:59:59.999Z')), 3 * H);
  assert.equal(zoneOffsetMs(HEL, ms('2023-10-29T01:00:00.000Z')), 2 * H);
  // The cache answers the same when asked again, in either order.
  assert.equal(zoneOffsetMs(HEL, ms('2023-10-29T00:59:59.999Z')), 3 * H);
});

test('an offset span holds its offset from end to end, and stops at each change: a whole UTC day, else the quarter hour', () => {
  const quiet = offsetSpan(HEL, ms('2023-05-10T12:34:56Z'));
  assert.deepEqual(quiet, { offset: 3 * H, from: ms('2023-05-10T00:00:00Z'), to: ms('2023-05-11T00:00:00Z') });
  for (const at of ['2023-03-26T00:59:59.999Z', '2023-03-26T01:00:00Z', '2023-10-29T00:45:00Z', '2023-10-29T01:00:00Z', '2023-10-29T23:59:59Z']) {
    const span = offsetSpan(HEL, ms(at));
    assert.ok(span.from <= ms(at) && ms(at) < span.to, at);
    for (const t of [span.from, span.to - 1, ms(at)]) assert.equal(span.offset, zoneOffsetMs(HEL, t), `${at}: offset at ${new Date(t).toISOString()}`);
  }
  // On the day of the change the span is the quarter hour, so it never reaches across it.
  assert.equal(offsetSpan(HEL, ms('2023-03-26T00:50:00Z')).to, ms('2023-03-26T01:00:00Z'));
  assert.equal(offsetSpan('utc', 0).to, Infinity);
});

test('the table shows Helsinki wall-clock times across both changes', () => {
  assert.equal(formatTime('2023-03-26T00:59:59Z', HEL), '2023-03-26 02:59:59');
  assert.equal(formatTime('2023-03-26T01:00:00Z', HEL), '2023-03-26 04:00:00');
  assert.equal(formatTime('2023-10-29T00:30:00Z', HEL), '2023-10-29 03:30:00');
  assert.equal(formatTime('2023-10-29T01:30:00Z', HEL), '2023-10-29 03:30:00');
  assert.equal(formatTime('2023-05-10T07:00:00.000Z', HEL), '2023-05-10 10:00:00');
  assert.equal(formatTime('2023-05-10T07:00:00.000Z', 'utc'), '2023-05-10 07:00:00 UTC');
});

test('midnight in Helsinki: the DST days last 23 and 25 hours', () => {
  const mar26 = parseDay('2023-03-26')!;
  assert.equal(new Date(dayStart(HEL, mar26)).toISOString(), '2023-03-25T22:00:00.000Z');
  assert.equal(new Date(dayStart(HEL, mar26 + 1)).toISOString(), '2023-03-26T21:00:00.000Z');
  assert.equal(dayStart(HEL, mar26 + 1) - dayStart(HEL, mar26), 23 * H);
  const oct29 = parseDay('2023-10-29')!;
  assert.equal(new Date(dayStart(HEL, oct29)).toISOString(), '2023-10-28T21:00:00.000Z');
  assert.equal(dayStart(HEL, oct29 + 1) - dayStart(HEL, oct29), 25 * H);
  assert.equal(dayStart('utc', oct29), ms('2023-10-29T00:00:00Z'));
});

test('a wall-clock time skipped in spring moves forward; one that happens twice in autumn is the first', () => {
  assert.equal(new Date(wallToInstant(HEL, ms('2023-03-26T03:30:00Z'))).toISOString(), '2023-03-26T01:30:00.000Z');
  assert.equal(formatTime(new Date(wallToInstant(HEL, ms('2023-03-26T03:30:00Z'))).toISOString(), HEL), '2023-03-26 04:30:00');
  assert.equal(new Date(wallToInstant(HEL, ms('2023-10-29T03:30:00Z'))).toISOString(), '2023-10-29T00:30:00.000Z');
  assert.equal(new Date(wallToInstant(HEL, ms('2023-10-29T05:00:00Z'))).toISOString(), '2023-10-29T03:00:00.000Z');
});

test('days in a zone: 23:30 UTC on 25 March is already the 26th in Helsinki', () => {
  assert.equal(dayText(dayNumber(HEL, ms('2023-03-25T23:30:00Z'))), '2023-03-26');
  assert.equal(dayText(dayNumber('utc', ms('2023-03-25T23:30:00Z'))), '2023-03-25');
  assert.equal(dayText(dayNumber(HEL, ms('2023-10-28T20:59:59Z'))), '2023-10-28');
  assert.equal(dayText(dayNumber(HEL, ms('2023-10-28T21:00:00Z'))), '2023-10-29');
});

test('ISO text with the zone offset, offsets, and which zones are known', () => {
  assert.equal(isoInZone(ms('2023-03-26T01:00:00Z'), HEL), '2023-03-26T04:00:00.000+03:00');
  assert.equal(isoInZone(ms('2023-03-26T00:59:00Z'), HEL), '2023-03-26T02:59:00.000+02:00');
  assert.equal(isoInZone(ms('2023-03-26T00:59:00Z'), 'utc'), '2023-03-26T00:59:00.000Z');
  assert.equal(isoInZone(ms('2023-03-26T00:00:00Z'), 'America/St_Johns'), '2023-03-25T21:30:00.000-02:30');
  assert.equal(offsetText(-4.5 * H), '-04:30');
  assert.equal(isKnownZone(HEL), true);
  assert.equal(isKnownZone('Mars/Olympus_Mons'), false);
  assert.equal(isKnownZone(''), false);
  assert.equal(parseDay('2023-02-30'), undefined);
});

test('exports in a zone: time headers name it, times carry its offset; without one they stay as Brella wrote them', async () => {
  const { BASE_COLUMNS } = await import('../../webview/table/columns');
  const { toCsv, toJson } = await import('../../webview/table/export');
  const row = { id: '1', trackingType: 'time_spent', trackableType: null, trackableId: null, startTime: '2023-10-29T00:30:00.000Z', endTime: '2023-10-29T01:30:00.000Z', clickTime: null, durationSeconds: 3600, trackingSessionId: null, extra: {} };
  const cols = BASE_COLUMNS.filter((c) => ['id', 'startTime', 'endTime'].includes(c.key));
  assert.equal(toCsv([row], cols, { zone: HEL, name: HEL }), '\uFEFFId,Start (Europe/Helsinki),End (Europe/Helsinki)\r\n1,2023-10-29T03:30:00.000+03:00,2023-10-29T03:30:00.000+02:00\r\n');
  assert.equal(toCsv([row], cols, { zone: 'utc', name: 'UTC' }), '\uFEFFId,Start (UTC),End (UTC)\r\n1,2023-10-29T00:30:00.000Z,2023-10-29T01:30:00.000Z\r\n');
  assert.equal(toCsv([row], cols), '\uFEFFId,Start,End\r\n1,2023-10-29T00:30:00.000Z,2023-10-29T01:30:00.000Z\r\n');
  const [json] = JSON.parse(toJson([row], { zone: HEL, name: HEL }, BASE_COLUMNS)) as Array<Record<string, unknown>>;
  assert.equal(json!.startTime, '2023-10-29T00:30:00.000Z');
  assert.equal(json!.timeZone, HEL);
  assert.equal(json!.startTimeInZone, '2023-10-29T03:30:00.000+03:00');
  assert.equal(json!.endTimeInZone, '2023-10-29T03:30:00.000+02:00');
  assert.equal(json!.clickTimeInZone, null);
});

test('cached offsets agree with Intl\'s own for every 7 minutes of 2023 in Helsinki, New York and Lord Howe (a 30-minute change), and before 1970', () => {
  for (const zone of [HEL, 'America/New_York', 'Australia/Lord_Howe']) {
    const named = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    const reference = (t: number): number => {
      const name = named.formatToParts(t).find((p) => p.type === 'timeZoneName')!.value; // GMT+03:00, GMT-04:00, GMT
      const m = /GMT([+-])(\d\d):(\d\d)/.exec(name);
      return m === null ? 0 : (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
    };
    const from = ms('2023-01-01T00:00:00Z');
    for (let t = from; t < from + 365 * 86_400_000; t += 7 * 60_000) {
      if (zoneOffsetMs(zone, t) !== reference(t)) assert.fail(`${zone} at ${new Date(t).toISOString()}: ${zoneOffsetMs(zone, t)} vs ${reference(t)}`);
    }
    const old = ms('1969-12-31T23:50:00Z');
    assert.equal(zoneOffsetMs(zone, old), reference(old), `${zone} before 1970`);
  }
});
