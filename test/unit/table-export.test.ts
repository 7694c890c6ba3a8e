/** CSV (RFC 4180) and JSON export. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE_COLUMNS, ExtraColumns } from '../../webview/table/columns';
import { csvField, toCsv, toJson } from '../../webview/table/export';
import { slice } from '../webview/rows';

test('csvField quotes commas, quotes, CR and LF, doubling inner quotes', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField(''), '');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('line\nbreak'), '"line\nbreak"');
  assert.equal(csvField('cr\rhere'), '"cr\rhere"');
  assert.equal(csvField('crlf\r\n'), '"crlf\r\n"');
  assert.equal(csvField(' spaced '), ' spaced ', 'spaces are data, not quoted');
});

test('toCsv: header of labels, CRLF records, raw values, empty for null', () => {
  const rows = [
    slice('1', { trackingType: 'sponsor', trackableType: 'Sponsor', trackableId: '42', endTime: '2024-05-01T10:00:30.500+02:00', durationSeconds: 30, extra: { note: 'Booth, "A"\nrow 2' } }),
    slice('2', { extra: { note: null } }),
  ];
  const extras = new ExtraColumns();
  extras.scan(rows);
  const columns = [...BASE_COLUMNS, ...extras.columns()];
  const csv = toCsv(rows, columns);
  const lines = csv.split('\r\n');
  assert.equal(lines[0], 'Id,Tracking type,Trackable type,Trackable id,Start,End,Duration (s),Click time,Session id,Note');
  assert.equal(csv.slice(lines[0]!.length + 2, -2).split('\r\n').length, 2, 'the LF inside a quoted field is not a record end');
  assert.ok(csv.includes('1,sponsor,Sponsor,42,2024-05-01T10:00:00Z,2024-05-01T10:00:30.500+02:00,30,,,"Booth, ""A""\nrow 2"\r\n'), csv);
  assert.ok(csv.endsWith('2,time_spent,,,2024-05-01T10:00:00Z,,0,,,\r\n'));
  assert.equal(toCsv([], columns.slice(0, 2)), 'Id,Tracking type\r\n');
});

test('toJson: the rows as given, all fields', () => {
  const rows = [slice('1', { extra: { a: [1, 2] } }), slice('2')];
  const json = toJson(rows);
  assert.deepEqual(JSON.parse(json), rows);
  assert.ok(json.includes('\n  {'), 'pretty-printed');
  assert.equal(toJson([]), '[]');
});
