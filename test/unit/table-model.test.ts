/** The table model: columns, sort, filter, summary, append. Times are checked in UTC mode. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resetTimeZoneCache } from '../../webview/table/format';
import { TableModel } from '../../webview/table/model';
import type { Row } from '../../webview/table/types';
import { makeRows, slice } from '../webview/rows';

const ids = (m: TableModel): string[] => m.visibleRows().map((r) => r.id);

const sample: Row[] = [
  slice('5', { trackingType: 'sponsor', durationSeconds: 30, startTime: '2024-05-01T10:00:05Z', endTime: '2024-05-01T10:00:35Z', extra: { score: 2.5, name: 'b10' } }),
  slice('3', { trackingType: 'streamlink', durationSeconds: 10, startTime: '2024-05-01T09:00:00Z', extra: { score: 10, name: 'B9' } }),
  slice('10', { trackingType: 'Sponsor', durationSeconds: 30, startTime: '2024-05-01T11:00:00Z', endTime: '2024-05-01T11:00:30Z', extra: { name: 'a' } }),
  slice('1', { trackingType: 'time_spent', durationSeconds: 3600, startTime: '2024-04-30T23:00:00+02:00', extra: { score: -1 } }),
  slice('7', { trackingType: 'sponsor', durationSeconds: 10, startTime: '2024-05-01T08:00:00Z', endTime: '2024-05-01T08:00:10Z' }),
];

test('columns: fixed fields, then one per extra key with a kind found from the data', () => {
  const m = new TableModel([...sample, slice('9', { extra: { seen: '2024-05-01T10:00:00Z', flag: true, obj: { a: 1 } } })], { timeZone: 'utc' });
  assert.deepEqual(
    m.columns.map((c) => `${c.key}:${c.kind}`),
    ['id:text', 'trackingType:text', 'trackableType:text', 'trackableId:text', 'startTime:time', 'endTime:time', 'durationSeconds:duration',
      'clickTime:time', 'trackingSessionId:text', 'extra.score:number', 'extra.name:text', 'extra.seen:time', 'extra.flag:text', 'extra.obj:text'],
  );
  assert.deepEqual(m.columns.slice(-5).map((c) => c.label), ['Score', 'Name', 'Seen', 'Flag', 'Obj']);
  const last = m.totalCount - 1;
  const col = (key: string) => m.column(key)!;
  assert.equal(m.cellText(last, col('extra.seen')), '2024-05-01 10:00:00 UTC');
  assert.equal(m.cellText(last, col('extra.flag')), 'true');
  assert.equal(m.cellText(last, col('extra.obj')), '{"a":1}');
  assert.equal(m.cellText(0, col('endTime')), '2024-05-01 10:00:35 UTC');
  assert.equal(m.cellText(1, col('endTime')), '');
  assert.equal(m.cellText(3, col('durationSeconds')), '1:00:00');
});

test('sort each kind ascending and descending, nulls last both ways', () => {
  const m = new TableModel(sample);
  m.sortBy('durationSeconds', 'asc');
  assert.deepEqual(ids(m), ['3', '7', '5', '10', '1']);
  m.sortBy('durationSeconds', 'desc');
  assert.deepEqual(ids(m), ['1', '5', '10', '3', '7']);
  m.sortBy('startTime', 'asc');
  assert.deepEqual(ids(m), ['1', '7', '3', '5', '10'], 'offsets are honoured (23:00+02:00 is 21:00Z)');
  m.sortBy('startTime', 'desc');
  assert.deepEqual(ids(m), ['10', '5', '3', '7', '1']);
  m.sortBy('id', 'asc');
  assert.deepEqual(ids(m), ['1', '3', '5', '7', '10'], 'numeric ids by value');
  m.sortBy('extra.score', 'asc');
  assert.deepEqual(ids(m), ['1', '5', '3', '7', '10'], 'decimals; nulls last, in their previous (id) order');
  m.sortBy('extra.score', 'desc');
  assert.deepEqual(ids(m), ['3', '5', '1', '7', '10'], 'nulls still last');
  m.sortBy('extra.name', 'asc');
  assert.deepEqual(ids(m), ['10', '3', '5', '1', '7'], 'case-insensitive, digit runs by value: a < B9 < b10');
  m.sortBy('endTime', 'desc');
  assert.deepEqual(ids(m).slice(0, 3), ['10', '5', '7']);
  assert.deepEqual(m.sort, { key: 'endTime', dir: 'desc' });
  assert.equal(m.sortBy('nope', 'asc'), false);
});

test('sort is stable: ties keep the previous order, and the first sort breaks ties by id', () => {
  const m = new TableModel(sample);
  assert.equal(m.prepare(Infinity), true, 'idle preparation (search strings, tie order) completes');
  m.sortBy('durationSeconds', 'asc');
  assert.deepEqual(ids(m), ['3', '7', '5', '10', '1'], 'ties by id, not arrival (5 and 10 arrive as 5, 10; 3 and 7 as 3, 7)');
  m.sortBy('id', 'desc');
  m.sortBy('durationSeconds', 'asc');
  assert.deepEqual(ids(m), ['7', '3', '10', '5', '1'], 'ties keep the id-descending order');
  m.sortBy('trackingType', 'asc');
  assert.deepEqual(ids(m), ['7', '10', '5', '3', '1'], 'sponsor/Sponsor tie (case-insensitive) and keep their order');
  m.sortBy(null);
  assert.deepEqual(ids(m), ['5', '3', '10', '1', '7'], 'back to arrival order');
  assert.equal(m.sort, null);
});

test('fixed columns break sort ties by their first column, or by tieKey when given', () => {
  const columns = [
    { key: 'name', label: 'Name', kind: 'text', get: (r: Row) => (r as unknown as { name: string }).name },
    { key: 'seconds', label: 'Time', kind: 'duration', get: (r: Row) => (r as unknown as { seconds: number }).seconds },
    { key: 'attendeeId', label: 'Attendee id', kind: 'text', get: (r: Row) => (r as unknown as { attendeeId: string }).attendeeId },
  ] as const;
  const rows = [
    { name: 'Ann', seconds: 60, attendeeId: '10' },
    { name: 'Cid', seconds: 60, attendeeId: '9' },
    { name: 'Bea', seconds: 30, attendeeId: '2' },
    { name: 'Abe', seconds: 60, attendeeId: '100' },
  ] as unknown as Row[];
  const named = (m: TableModel): string[] => m.visibleRows().map((r) => (r as unknown as { name: string }).name);
  const byName = new TableModel(rows, { columns });
  byName.sortBy('seconds', 'desc');
  assert.deepEqual(named(byName), ['Abe', 'Ann', 'Cid', 'Bea'], 'ties by the first column, the name');
  const byId = new TableModel(rows, { columns, tieKey: 'attendeeId' });
  byId.sortBy('seconds', 'desc');
  assert.deepEqual(named(byId), ['Cid', 'Ann', 'Abe', 'Bea'], 'ties by attendee id, as numbers (9 < 10 < 100)');
  const unknown = new TableModel(rows, { columns, tieKey: 'nope' });
  unknown.sortBy('seconds', 'desc');
  assert.deepEqual(named(unknown), named(byName), 'an unknown tieKey falls back to the first column');
});

test('sorting 100 000 rows matches a reference comparator sort', () => {
  const rows = makeRows(100_000);
  const m = new TableModel(rows);
  m.sortBy('trackingType', 'desc');
  m.sortBy('durationSeconds', 'asc');
  const expected = rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => a.r.durationSeconds - b.r.durationSeconds || (a.r.trackingType < b.r.trackingType ? 1 : a.r.trackingType > b.r.trackingType ? -1 : 0) || Number(a.r.id) - Number(b.r.id))
    .map(({ r }) => r.id);
  assert.deepEqual(ids(m), expected);
});

test('filter matches any visible column, case-insensitively, and narrows incrementally', () => {
  const m = new TableModel(sample, { timeZone: 'utc' });
  m.setFilter('SPONSOR');
  assert.deepEqual(ids(m), ['5', '10', '7']);
  m.setFilter('  sponsor ');
  assert.deepEqual(ids(m), ['5', '10', '7'], 'trimmed');
  m.setFilter('0:00:10');
  assert.deepEqual(ids(m), ['3', '7'], 'duration as displayed (3 matches by duration only)');
  m.setFilter('2024-04-30 21:00');
  assert.deepEqual(ids(m), ['1'], 'time as displayed (UTC)');
  m.setFilter('b');
  assert.deepEqual(ids(m), ['5', '3'], 'extra column');
  m.setFilter('b1');
  assert.deepEqual(ids(m), ['5'], 'narrowed');
  m.setFilter('b');
  assert.deepEqual(ids(m), ['5', '3'], 'widened again');
  m.setHiddenColumns(['extra.name']);
  assert.deepEqual(ids(m), [], 'hidden columns are not searched');
  m.setFilter('');
  assert.equal(m.rowCount, 5);
  m.setFilter('0:00:3010');
  assert.equal(m.rowCount, 0, 'a match never spans two cells');
});

test('incremental filtering gives the same rows as filtering from scratch, in sort order', () => {
  const rows = makeRows(20_000);
  const m = new TableModel(rows, { timeZone: 'utc' });
  m.sortBy('startTime', 'desc');
  for (const q of ['s', 'sp', 'spo', 'spon', 'sponsor_', 'sponsor_m', 'spo', '']) {
    m.setFilter(q);
    const fresh = new TableModel(rows, { timeZone: 'utc' });
    fresh.sortBy('startTime', 'desc');
    fresh.setFilter(q);
    assert.deepEqual(ids(m), ids(fresh), q);
  }
});

test('time zone changes what the filter matches (local = Europe/Helsinki here)', () => {
  const saved = process.env.TZ;
  process.env.TZ = 'Europe/Helsinki';
  resetTimeZoneCache();
  try {
    const m = new TableModel(sample, { timeZone: 'utc' });
    m.setFilter('2024-05-01 13:00');
    assert.equal(m.rowCount, 0);
    m.setTimeZone('local');
    assert.deepEqual(ids(m), ['5'], '10:00Z is 13:00 in Helsinki');
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
    resetTimeZoneCache();
  }
});

test('summary: count, total seconds and per-type breakdown of the filtered rows', () => {
  const m = new TableModel(sample);
  assert.deepEqual(m.summary(), {
    count: 5,
    totalSeconds: 3680,
    byType: [
      { trackingType: 'time_spent', count: 1, seconds: 3600 },
      { trackingType: 'sponsor', count: 2, seconds: 40 },
      { trackingType: 'Sponsor', count: 1, seconds: 30 },
      { trackingType: 'streamlink', count: 1, seconds: 10 },
    ],
  });
  m.setFilter('sponsor');
  assert.equal(m.summary().count, 3);
  assert.equal(m.summary().totalSeconds, 70);
});

test('a sort keeps the summary it had (the same rows), a filter after it computes the new one', () => {
  const m = new TableModel(sample);
  m.setFilter('sponsor');
  const before = m.summary();
  m.sortBy('durationSeconds', 'desc');
  assert.equal(m.summary(), before, 'not computed again for the same rows');
  m.setFilter('');
  assert.equal(m.summary().count, 5);
  m.sortBy('durationSeconds', 'asc');
  assert.equal(m.summary().totalSeconds, 3680);
});

test('append keeps the sort and filter applied, as if all rows had come at once', () => {
  const rows = makeRows(3000);
  const m = new TableModel(rows.slice(0, 1000), { timeZone: 'utc' });
  m.sortBy('trackingType', 'asc');
  m.sortBy('durationSeconds', 'desc');
  m.setFilter('sponsor');
  m.append(rows.slice(1000, 2000));
  m.append(rows.slice(2000));
  const all = new TableModel(rows, { timeZone: 'utc' });
  all.sortBy('trackingType', 'asc');
  all.sortBy('durationSeconds', 'desc');
  all.setFilter('sponsor');
  assert.equal(m.totalCount, 3000);
  assert.deepEqual(ids(m), ids(all));
  assert.deepEqual(m.summary(), all.summary());
});

test('append with new extra keys or changed kinds adds columns and re-sorts', () => {
  const m = new TableModel([slice('1', { extra: { level: 3 } }), slice('2', { extra: { level: 1 } })]);
  m.sortBy('extra.level', 'asc');
  assert.deepEqual(ids(m), ['2', '1']);
  m.append([slice('3', { extra: { level: 'x2', zone: 'B' } }), slice('4', { extra: { level: 2 } })]);
  assert.equal(m.column('extra.level')!.kind, 'text');
  assert.ok(m.column('extra.zone'));
  assert.deepEqual(ids(m), ['2', '4', '1', '3'], 'now as text: "1" < "2" < "3" < "x2"');
  m.setFilter('b');
  assert.deepEqual(ids(m), ['3']);
  m.append([slice('5', { extra: { zone: 'b2' } })]);
  assert.deepEqual(ids(m), ['3', '5']);
});

test('csv and json export of the filtered, sorted rows and visible columns', () => {
  const m = new TableModel(sample);
  m.setHiddenColumns(['trackableType', 'trackableId', 'endTime', 'clickTime', 'trackingSessionId', 'extra.score', 'extra.name']);
  m.setFilter('sponsor');
  m.sortBy('id', 'desc');
  assert.equal(
    m.toCsv(),
    '\uFEFFId,Tracking type,Start,Duration (s)\r\n10,Sponsor,2024-05-01T11:00:00Z,30\r\n7,sponsor,2024-05-01T08:00:00Z,10\r\n5,sponsor,2024-05-01T10:00:05Z,30\r\n',
  );
  assert.deepEqual(JSON.parse(m.toJson()), [sample[2], sample[4], sample[0]]);
});

test('pinned columns come first in the given order; hidden wins; filter and CSV follow the shown order', () => {
  const m = new TableModel(sample, { timeZone: 'utc', pinnedColumns: ['durationSeconds'] });
  const keys = (): string[] => m.visibleColumns.map((c) => c.key);
  assert.deepEqual(keys().slice(0, 2), ['durationSeconds', 'id']);
  assert.equal(m.pinnedCount, 1);
  m.setPinnedColumns(['extra.name', 'nope', 'trackingType', 'extra.name']);
  assert.deepEqual(keys().slice(0, 3), ['extra.name', 'trackingType', 'id']);
  assert.equal(m.pinnedCount, 2);
  assert.deepEqual(m.pinnedColumns, ['extra.name', 'nope', 'trackingType', 'extra.name'], 'kept as set, for saving');
  m.setHiddenColumns(['extra.name']);
  assert.deepEqual(keys().slice(0, 2), ['trackingType', 'id']);
  assert.equal(m.pinnedCount, 1);
  m.setFilter('05-01 09:00');
  assert.deepEqual(ids(m), ['3'], 'the filter still sees the unpinned columns');
  assert.match(m.toCsv(), /^\uFEFFTracking type,Id,/);
  m.setPinnedColumns([]);
  assert.deepEqual(keys().slice(0, 2), ['id', 'trackingType']);
  assert.equal(m.pinnedCount, 0);
});
