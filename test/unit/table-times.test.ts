/**
 * The table's shared times (webview/table/times.ts): parsed once per row as rows arrive, read by the sort, the filter,
 * the grouping and the timeline; and the filter's index built ahead, times in it as shown.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTimeline, parseTimes } from '../../webview/slices/timeline-model';
import { BASE_COLUMNS } from '../../webview/table/columns';
import { formatTimeMs, formatValue, parseIsoMs, resetTimeZoneCache } from '../../webview/table/format';
import { TableModel } from '../../webview/table/model';
import { TimeStore } from '../../webview/table/times';
import type { Column, Row, TimeZone } from '../../webview/table/types';
import { makeRows, slice } from '../webview/rows';

/** The slice columns, each counting how often it is read. */
function counted(): { columns: Column[]; reads: Map<string, number> } {
  const reads = new Map<string, number>();
  const columns = BASE_COLUMNS.map((c) => ({ ...c, get: (r: Row) => (reads.set(c.key, (reads.get(c.key) ?? 0) + 1), c.get(r)) }));
  return { columns, reads };
}

test('TimeStore: parsed once per row, growing as rows arrive; NaN for null and unparsable text', () => {
  const { columns, reads } = counted();
  const start = columns.find((c) => c.key === 'startTime')!;
  const rows = [slice('1', { startTime: '2024-05-01T10:00:00Z' }), slice('2', { startTime: 'soon' }), slice('3', { startTime: null } as unknown as Partial<Row>)];
  const store = new TimeStore();
  assert.equal(store.at('startTime', 0), undefined, 'nothing parsed yet');
  const ms = store.read(start, rows);
  assert.deepEqual(Array.from(ms.subarray(0, 3)), [Date.parse('2024-05-01T10:00:00Z'), NaN, NaN]);
  assert.equal(reads.get('startTime'), 3);
  store.read(start, rows);
  assert.equal(reads.get('startTime'), 3, 'read again: not parsed again');
  rows.push(slice('4', { startTime: '2024-05-01T12:00:00+02:00' }));
  assert.equal(store.at('startTime', 3), undefined);
  store.extend(rows, columns); // a page arrives: its rows of every time column
  assert.equal(reads.get('startTime'), 4, 'only the new row');
  assert.equal(store.at('startTime', 3), Date.parse('2024-05-01T10:00:00Z'));
  assert.equal(reads.get('endTime'), 4, 'a column seen the first time: all its rows');
  assert.equal(reads.get('id'), undefined, 'not a time column');
  const many = makeRows(30_000);
  const budgeted = new TimeStore();
  let clock = 0;
  assert.equal(budgeted.extend(many, BASE_COLUMNS, 5, () => (clock += 10)), false, 'a spent budget stops between blocks');
  assert.equal(budgeted.at('startTime', 0), parseIsoMs(many[0]!.startTime));
  while (!budgeted.extend(many, BASE_COLUMNS, 5, () => (clock += 1)));
  assert.equal(budgeted.at('clickTime', 29_999), many[29_999]!.clickTime === null ? NaN : parseIsoMs(many[29_999]!.clickTime));
});

test('the table parses each time once: appended pages at once, then the sort, filter, grouping and timeline share it', () => {
  const { columns, reads } = counted();
  const rows = makeRows(5_000);
  const m = new TableModel([], { columns, timeZone: 'utc' });
  for (let i = 0; i < rows.length; i += 500) m.append(rows.slice(i, i + 500));
  assert.equal(reads.get('startTime'), 5_000, 'parsed as the pages arrived');
  assert.equal(m.times.at('endTime', 4_999), rows[4_999]!.endTime === null ? NaN : parseIsoMs(rows[4_999]!.endTime));
  assert.deepEqual(Array.from(m.shownTimes('startTime')), rows.map((r) => parseIsoMs(r.startTime)), 'in arrival order');
  assert.deepEqual(m.visibleRows(), rows);
  m.sortBy('startTime', 'desc');
  m.setFilter('2023-05-10');
  m.groupBy('startTime');
  const start = m.shownTimes('startTime');
  const end = m.shownTimes('endTime');
  for (const key of ['startTime', 'endTime', 'clickTime']) assert.equal(reads.get(key), 5_000, `${key}: once per row`);
  const shown = m.visibleRows();
  assert.equal(start.length, shown.length);
  shown.forEach((r, i) => assert.equal(start[i], parseIsoMs(r.startTime)));
  assert.deepEqual(buildTimeline(shown, 'utc', 1000, { start, end }), buildTimeline(shown, 'utc', 1000, parseTimes(shown)), 'the timeline from the shared times');
  assert.ok(m.shownTimes('id').every((v) => Number.isNaN(v)), 'not a time column');
});

test('filter ready before the first keystroke: prepare builds the index in slices; the keystroke then reads no cell', () => {
  const { columns, reads } = counted();
  const m = new TableModel(makeRows(20_000), { columns, timeZone: 'utc' });
  assert.equal(m.prepared, false);
  let slices = 1;
  while (!m.prepare(1)) slices++;
  assert.ok(slices > 1, 'in more than one slice');
  assert.equal(m.prepared, true);
  reads.clear();
  m.setFilter('laptop');
  m.setFilter('2023-05-10 07');
  m.setFilter('sponsor');
  assert.equal([...reads.values()].reduce((a, b) => a + b, 0), 0, 'no cell read: the index was ready');
  assert.ok(m.rowCount > 0);
  m.append(makeRows(10, 2));
  assert.equal(m.prepared, false, 'new rows: work to do again');
  m.prepare(Infinity);
  m.setTimeZone('local');
  assert.equal(m.prepared, false, 'another zone too');
});

/** What the filter means: the query within one visible cell's display text (times without ' UTC'). */
function reference(rows: readonly Row[], columns: readonly Column[], tz: TimeZone, query: string): string[] {
  const q = query.trim().toLowerCase();
  return rows
    .filter((r) =>
      columns.some((c) => {
        const v = c.get(r);
        const ms = c.kind === 'time' && typeof v === 'string' ? parseIsoMs(v) : NaN;
        const text = ms === ms ? formatTimeMs(ms, tz, false) : c.kind === 'duration' ? formatValue('duration', v, tz) : v === null ? '' : String(v).toLowerCase();
        return text.includes(q);
      }),
    )
    .map((r) => r.id);
}

test('the filter sees a time as its display text (from the shared instants) in any zone, an unparsable one as given', () => {
  const saved = process.env.TZ;
  process.env.TZ = 'America/New_York';
  resetTimeZoneCache();
  try {
    const rows = makeRows(6_000, 5);
    rows[7]!.endTime = 'Soon';
    rows[8]!.startTime = '2023-05-10T23:59:59.999Z';
    rows[9]!.clickTime = '2023-05-11T00:00:00+14:00';
    const queries = ['2023-05-10 06', '10 06:0', '-10 0', '0 06:1', '06:1', ':3', '0:0', '5-1', '023-05-10 0', '10 07:00:05', ' 07:00:0', '23:59:59', '11 00:00', 'soon', '2023-05-1', '-05-11 0', '9:59', '1:'];
    for (const tz of ['utc', 'local', 'Europe/Helsinki', 'Asia/Kolkata']) {
      const m = new TableModel(rows, { timeZone: tz });
      for (const q of queries) {
        m.setFilter('');
        m.setFilter(q);
        assert.deepEqual(m.visibleRows().map((r) => r.id), reference(rows, m.visibleColumns, tz, q), `${tz} "${q}"`);
      }
      // Narrowing re-tests only the rows that matched, with the same result.
      for (const q of ['2', '20', '202', '2023-', '2023-05-10 ', '2023-05-10 0', '2023-05-10 06:', '0']) {
        m.setFilter(q);
        assert.deepEqual(m.visibleRows().map((r) => r.id), reference(rows, m.visibleColumns, tz, q), `${tz} narrowed "${q}"`);
      }
    }
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
    resetTimeZoneCache();
  }
});
