/** Grouping (webview/table/group.ts) and the table model grouped: groups, counts, sums, order, lines. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE_COLUMNS } from '../../webview/table/columns';
import { groupByColumn, groupRows, Grouping } from '../../webview/table/group';
import { TableModel } from '../../webview/table/model';
import { KeyCache } from '../../webview/table/keys';
import { identity } from '../../webview/table/sort';
import type { Column, Row } from '../../webview/table/types';
import { makeRows, slice } from '../webview/rows';

const col = (key: string) => BASE_COLUMNS.find((c) => c.key === key)!;
const ids = (rows: readonly Row[], idx: ArrayLike<number>): string[] => Array.from(idx, (i) => rows[i]!.id);

const sample: Row[] = [
  slice('a', { trackingType: 'sponsor', durationSeconds: 30, startTime: '2024-05-01T22:30:00Z' }),
  slice('b', { trackingType: 'time_spent', durationSeconds: 10, startTime: '2024-05-02T01:00:00Z' }),
  slice('c', { trackingType: 'sponsor', durationSeconds: 5, startTime: '2024-05-01T08:00:00Z' }),
  slice('d', { trackingType: null, durationSeconds: 7, startTime: null } as unknown as Partial<Row>), // neither (not in the API's type)
  slice('e', { trackingType: 'Sponsor2', durationSeconds: 100, startTime: '2024-05-03T12:00:00Z' }),
  slice('f', { trackingType: 'sponsor10', durationSeconds: 1, startTime: '2024-05-01T09:00:00Z' }),
];

test('groupRows: one group per key in first-seen order, rows kept in order, counts and sums without NaN', () => {
  const order = [5, 4, 3, 2, 1, 0];
  const keys = ['x', 'y', 'x', 'z', 'y', 'x'];
  const values = [1, 2, NaN, 4, 5, 6];
  const { groups, order: out } = groupRows(order, (r) => keys[r]!, String, [{ key: 'v', values }]);
  assert.deepEqual(groups.map((g) => [g.key, g.count, g.start, [...g.rows], g.sums.v]), [
    ['x', 3, 0, [5, 2, 0], 7],
    ['y', 2, 3, [4, 1], 7],
    ['z', 1, 5, [3], 4],
  ]);
  assert.deepEqual([...out], [5, 2, 0, 4, 1, 3]);
  const ranked = groupRows(order, (r) => keys[r]!, String, [], (k) => (k === 'x' ? NaN : -(k as string).charCodeAt(0)));
  assert.deepEqual(ranked.groups.map((g) => g.key), ['z', 'y', 'x'], 'by rank, NaN last');
  const ties = groupRows(order, (r) => keys[r]!, String, [], () => 0);
  assert.deepEqual(ties.groups.map((g) => g.key), ['x', 'y', 'z'], 'ties in first-seen order');
});

test('groupByColumn: text by display text in natural order, empty last; sums per numeric column', () => {
  const numeric = [col('durationSeconds')];
  const cache = new KeyCache(() => sample);
  const values = (c: Column): Float64Array => cache.get(c).values;
  const { groups } = groupByColumn(col('trackingType'), sample, identity(sample.length), 'utc', values, numeric, false);
  assert.deepEqual(groups.map((g) => [g.label, g.count, g.sums.durationSeconds, ids(sample, g.rows)]), [
    ['sponsor', 2, 35, ['a', 'c']],
    ['Sponsor2', 1, 100, ['e']],
    ['sponsor10', 1, 1, ['f']],
    ['time_spent', 1, 10, ['b']],
    ['(empty)', 1, 7, ['d']],
  ]);
  assert.equal(groups.at(-1)!.key, '');
});

test('groupByColumn: a time column groups by the day in the zone, no time last', () => {
  const start = col('startTime');
  const ms = Float64Array.from(sample, (r) => (r.startTime === null ? NaN : Date.parse(r.startTime)));
  const days = (tz: string): [string, string[]][] =>
    groupByColumn(start, sample, identity(sample.length), tz, () => ms, [], false).groups.map((g) => [g.label, ids(sample, g.rows)]);
  assert.deepEqual(days('utc'), [['2024-05-01', ['a', 'c', 'f']], ['2024-05-02', ['b']], ['2024-05-03', ['e']], ['(empty)', ['d']]]);
  assert.deepEqual(days('Europe/Helsinki'), [['2024-05-01', ['c', 'f']], ['2024-05-02', ['a', 'b']], ['2024-05-03', ['e']], ['(empty)', ['d']]]);
  assert.deepEqual(days('America/New_York').map(([d]) => d), ['2024-05-01', '2024-05-03', '(empty)']);
});

test('Grouping: header lines, open groups\' rows, collapse and expand, positions and lines', () => {
  const g = new Grouping();
  g.set(null, 3);
  assert.deepEqual([g.active, g.lineCount, g.posAt(2), g.lineOf(2)], [false, 3, 2, 2]);
  g.set(groupRows([0, 1, 2, 3, 4], (r) => (r < 2 ? 'a' : 'b'), String, []), 5);
  assert.equal(g.lineCount, 7);
  assert.deepEqual(Array.from({ length: 7 }, (_, l) => g.posAt(l)), [-1, 0, 1, -2, 2, 3, 4]);
  assert.deepEqual([0, 1, 2, 3, 4].map((p) => g.lineOf(p)), [1, 2, 4, 5, 6]);
  assert.equal(g.toggle(0, true), false, 'already open');
  assert.equal(g.toggle(0), true);
  assert.deepEqual([g.lineCount, g.posAt(0), g.posAt(1), g.posAt(2), g.lineOf(1), g.isOpen(0)], [5, -1, -2, 2, 0, false]);
  assert.equal(g.toggle(0, false), false, 'already closed');
  assert.equal(g.toggle(5), false, 'no such group');
  g.use('x', ['b']);
  assert.deepEqual([...g.collapsed], ['b']);
  g.use('x');
  assert.deepEqual([...g.collapsed], ['b'], 'same column: kept');
  g.use('y');
  assert.deepEqual([...g.collapsed], [], 'another column: none');
});

test('TableModel.groupBy: positions follow the groups; rows keep the sort; groups by key, or in the sort direction of the group column', () => {
  const m = new TableModel(sample, { timeZone: 'utc' });
  m.sortBy('durationSeconds', 'desc');
  m.groupBy('trackingType');
  assert.deepEqual(m.visibleRows().map((r) => r.id), ['a', 'c', 'e', 'f', 'b', 'd']);
  assert.deepEqual(m.visibleRows(true).map((r) => r.id), ['e', 'a', 'b', 'd', 'c', 'f'], 'flat: as sorted');
  assert.match(m.toCsv(), /^\uFEFFId,[^\r]*\r\ne,/, 'CSV stays flat');
  assert.equal(m.rowAt(1).id, 'c');
  assert.equal(m.positionOf(sample[4]!), 2);
  m.sortBy('trackingType', 'desc');
  assert.deepEqual(m.grouping.groups.map((g) => g.label), ['time_spent', 'sponsor10', 'Sponsor2', 'sponsor', '(empty)']);
  m.setFilter('sponsor');
  assert.deepEqual(m.grouping.groups.map((g) => [g.label, g.count]), [['sponsor10', 1], ['Sponsor2', 1], ['sponsor', 2]]);
  assert.equal(m.rowCount, 4);
  assert.equal(m.grouping.lineCount, 7);
  m.groupBy(null);
  assert.equal(m.grouping.active, false);
  assert.equal(m.grouping.lineCount, 4);
  assert.deepEqual(m.visibleRows(), m.visibleRows(true));
});

test('TableModel.groupBy: time zone changes regroup days; an unknown column groups once rows bring it', () => {
  const m = new TableModel(sample, { timeZone: 'utc' });
  m.groupBy('startTime');
  assert.deepEqual(m.grouping.groups.map((g) => g.count), [3, 1, 1, 1]);
  m.setTimeZone('Europe/Helsinki');
  assert.deepEqual(m.grouping.groups.map((g) => [g.key, g.count]), [['2024-05-01', 2], ['2024-05-02', 2], ['2024-05-03', 1], ['', 1]]);
  m.groupBy('extra.deviceName');
  assert.equal(m.grouping.active, false);
  assert.equal(m.grouping.key, 'extra.deviceName');
  m.append(makeRows(20));
  assert.deepEqual(m.grouping.groups.map((g) => [g.label, g.count]), [['Laptop', 2], ['Phone, "Pixel"', 2], ['(empty)', 22]]);
  m.groupBy('extra.attendeeId');
  assert.equal(m.grouping.groups[0]!.sums['extra.attendeeId'], 7000, 'numeric extra columns are summed too');
});

test('groupRows at 100 000 rows puts every row in one group of its value (its speed is a benchmark figure: npm run bench)', () => {
  const rows = makeRows(100_000);
  const m = new TableModel(rows, { timeZone: 'utc' });
  m.groupBy('trackingType');
  assert.equal(m.grouping.groups.reduce((n, g) => n + g.count, 0), 100_000);
  assert.equal(m.grouping.groups.length, new Set(rows.map((r) => r.trackingType)).size);
});
