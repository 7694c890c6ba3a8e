/**
 * Formatting of durations and times. Local-time cases set process.env.TZ themselves (node applies
 * it at once) and restore it, so they do not depend on the machine's zone.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { formatDuration, formatTime, formatTimeMs, formatValue, parseIsoMs, resetTimeZoneCache } from '../../webview/table/format';

const savedTz = process.env.TZ;
function inZone(tz: string, fn: () => void): void {
  process.env.TZ = tz;
  resetTimeZoneCache();
  try {
    fn();
  } finally {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
    resetTimeZoneCache();
  }
}
after(() => resetTimeZoneCache());

test('durations format as h:mm:ss with unbounded hours', () => {
  assert.equal(formatDuration(0), '0:00:00');
  assert.equal(formatDuration(59), '0:00:59');
  assert.equal(formatDuration(3723), '1:02:03');
  assert.equal(formatDuration(27 * 3600), '27:00:00');
  assert.equal(formatDuration(1_000_000), '277:46:40');
  assert.equal(formatDuration(59.6), '0:01:00', 'rounds to whole seconds');
  assert.equal(formatDuration(-61), '-0:01:01');
  assert.equal(formatDuration(null), '');
  assert.equal(formatDuration(NaN), '');
  assert.equal(formatValue('duration', 3600, 'utc'), '1:00:00');
});

test('UTC times show as YYYY-MM-DD HH:mm:ss UTC, seconds truncated', () => {
  assert.equal(formatTime('2024-05-01T10:02:03Z', 'utc'), '2024-05-01 10:02:03 UTC');
  assert.equal(formatTime('2024-05-01T10:02:03.999Z', 'utc'), '2024-05-01 10:02:03 UTC');
  assert.equal(formatTime('2024-05-01T01:02:03+03:00', 'utc'), '2024-04-30 22:02:03 UTC');
  assert.equal(formatTime('2024-02-29T23:59:59-0130', 'utc'), '2024-03-01 01:29:59 UTC');
  assert.equal(formatTime('1969-12-31T23:59:59.5Z', 'utc'), '1969-12-31 23:59:59 UTC');
  assert.equal(formatTime(null, 'utc'), '');
  assert.equal(formatTime('', 'utc'), '');
  assert.equal(formatTime('not a time', 'utc'), 'not a time', 'unparsable text is shown as given');
  assert.equal(formatTimeMs(NaN, 'utc'), '');
  assert.equal(formatTimeMs(Date.UTC(2024, 0, 2, 3, 4, 5), 'utc', false), '2024-01-02 03:04:05');
});

test('local times follow the zone, DST included, with no suffix', () => {
  inZone('UTC', () => {
    assert.equal(formatTime('2024-05-01T10:02:03Z', 'local'), '2024-05-01 10:02:03');
  });
  inZone('Europe/Helsinki', () => {
    assert.equal(formatTime('2024-01-15T12:00:00Z', 'local'), '2024-01-15 14:00:00');
    assert.equal(formatTime('2024-07-15T12:00:00Z', 'local'), '2024-07-15 15:00:00');
    // DST starts 2024-03-31 01:00 UTC (03:00 → 04:00 local).
    assert.equal(formatTime('2024-03-31T00:59:59Z', 'local'), '2024-03-31 02:59:59');
    assert.equal(formatTime('2024-03-31T01:00:00Z', 'local'), '2024-03-31 04:00:00');
    assert.equal(formatTime('2024-10-27T00:30:00Z', 'local'), '2024-10-27 03:30:00');
    assert.equal(formatTime('2024-10-27T01:30:00Z', 'local'), '2024-10-27 03:30:00');
  });
  inZone('America/St_Johns', () => {
    assert.equal(formatTime('2024-07-01T12:00:00Z', 'local'), '2024-07-01 09:30:00');
    assert.equal(formatTime('2024-01-01T12:00:00Z', 'local'), '2024-01-01 08:30:00');
  });
});

test('parseIsoMs agrees with Date.parse', () => {
  const samples = [
    '2024-05-01T10:02:03Z', '2024-05-01T10:02:03.1Z', '2024-05-01T10:02:03.123456Z', '2024-05-01T10:02:03+05:30',
    '2024-05-01T10:02:03-0800', '2024-05-01T10:02Z', '2000-02-29T00:00:00z', '1970-01-01T00:00:00Z', '2024-05-01T10:02:03',
  ];
  inZone('Europe/Helsinki', () => {
    for (const s of samples) assert.equal(parseIsoMs(s), Date.parse(s.replace(/z$/, 'Z')), s);
  });
  assert.ok(Number.isNaN(parseIsoMs('yesterday')));
  assert.ok(Number.isNaN(parseIsoMs('2024-13-01T00:00:00Z')));
});
