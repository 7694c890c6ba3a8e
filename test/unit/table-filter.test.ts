/**
 * The filter run a slice at a time (webview/table/filter.ts): with a budget, a change tests some rows, shows those
 * found so far (the first of the result, in order), and `filterStep` goes on; whatever comes in between (narrower
 * queries, a sort, new rows, another zone or columns), the result in the end is the one of filtering all at once.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE_COLUMNS } from '../../webview/table/columns';
import { FilterPass, SearchIndex, SLICE } from '../../webview/table/filter';
import { TableModel } from '../../webview/table/model';
import type { Column, Row } from '../../webview/table/types';
import { makeRows } from '../webview/rows';

/** Ids of the rows shown (`flat`: in sorted order, not group by group). */
const ids = (m: TableModel, flat = false): string[] => m.visibleRows(flat).map((r) => r.id);

interface Result {
  flat: string[];
  shown: string[];
}

/** A model that runs the filter one slice of rows per change and per step (a budget of 0). */
function sliced(rows: readonly Row[], columns?: readonly Column[]): TableModel {
  const m = new TableModel(rows, { timeZone: 'utc', ...(columns ? { columns } : {}) });
  m.filterBudgetMs = 0;
  return m;
}

/** Steps to the end, checking that each view so far is the start of the final one (sorted); returns the steps taken. */
function finish(m: TableModel, expected: Result, name = ''): number {
  let steps = 0;
  for (;;) {
    const flat = ids(m, true);
    assert.deepEqual(flat, expected.flat.slice(0, flat.length), `${name}: the rows found so far are the first of the result`);
    assert.equal(m.rowCount, flat.length);
    if (!m.filtering) break;
    m.filterStep(0);
    steps++;
  }
  assert.deepEqual(ids(m), expected.shown, name);
  assert.equal(m.summary().count, expected.flat.length);
  return steps;
}

/** The same changes on a model that filters all at once. */
function reference(rows: readonly Row[], change: (m: TableModel) => void): Result {
  const m = new TableModel(rows, { timeZone: 'utc' });
  change(m);
  return { flat: ids(m, true), shown: ids(m) };
}

test('a pass with a spent budget tests a slice of rows, then goes on step by step to the result of filtering at once', () => {
  const rows = makeRows(5_000);
  const m = sliced(rows);
  m.setFilter('laptop');
  assert.equal(m.filtering, true);
  assert.ok(m.rowCount <= SLICE, `a slice of rows tested: ${m.rowCount} found`);
  const steps = finish(m, reference(rows, (r) => r.setFilter('laptop')));
  assert.ok(steps > 10, `${steps} steps`);
  assert.equal(m.rowCount, 500);
  m.setFilter('');
  assert.equal(m.filtering, false);
  assert.equal(m.rowCount, 5_000);
});

test('narrower queries, a sort, new rows, a zone and columns in the middle of a pass: the same rows in the end', () => {
  const rows = makeRows(6_000, 3);
  const more = makeRows(1_500, 4).map((r) => ({ ...r, id: `m${r.id}` }));
  const filter = (q: string) => (m: TableModel) => m.setFilter(q);
  const cases: [string, ((m: TableModel) => unknown)[]][] = [
    ['narrowing', ['s', 'sp', 'spo', 'sponsor'].map(filter)],
    ['widening', ['sponsor_m', 'sponsor', 'o'].map(filter)],
    ['sorted', [(m) => m.sortBy('durationSeconds', 'desc'), filter('2023-05-10 1'), filter('2023-05-10 11')]],
    ['sort in between', [filter('phone'), (m) => m.sortBy('startTime', 'desc'), filter('phone, ')]],
    ['rows in between', [filter('stream'), (m) => m.append(more), filter('streamlink')]],
    ['zone in between', [filter('06:1'), (m) => m.setTimeZone('Asia/Kolkata'), filter('11:4')]],
    ['columns in between', [filter('pixel'), (m) => m.setHiddenColumns(['extra.deviceName']), filter('7')]],
    ['grouped', [(m) => m.groupBy('trackingType'), filter('1'), filter('10')]],
    ['cleared', ['laptop', '', 'time_'].map(filter)],
  ];
  for (const [name, ops] of cases) {
    const expected = reference(rows, (m) => ops.forEach((op) => op(m)));
    assert.ok(expected.flat.length > 0, name);
    const m = sliced(rows);
    ops.forEach((op) => op(m));
    assert.equal(m.filtering, true, `${name}: still filtering`);
    finish(m, expected, name);
    // The same with a step between each change.
    const stepped = sliced(rows);
    ops.forEach((op) => (stepped.filterStep(0), op(stepped)));
    finish(stepped, expected, `${name}, stepped`);
  }
});

test('an export finishes a pass first; rows found so far are what the view and its times show', () => {
  const rows = makeRows(4_000);
  const m = sliced(rows);
  m.setFilter('sponsor');
  const sofar = m.visibleRows();
  assert.equal(m.shownTimes('startTime').length, sofar.length);
  const all = reference(rows, (r) => r.setFilter('sponsor')).flat;
  assert.ok(sofar.length < all.length);
  assert.equal(m.toCsv().trimEnd().split('\n').length, all.length + 1);
  assert.equal(m.filtering, false);
  assert.deepEqual(ids(m), all);
});

test('a keystroke right after the rows parses only the times it tests, and each time once in all', () => {
  const reads = new Map<string, number>();
  const columns = BASE_COLUMNS.map((c) => ({ ...c, get: (r: Row) => (reads.set(c.key, (reads.get(c.key) ?? 0) + 1), c.get(r)) }));
  const rows = makeRows(8_000);
  const m = sliced(rows, columns);
  m.sortBy('durationSeconds', 'asc'); // the rows tested first are all over the arrival order
  m.setFilter('phone');
  assert.equal(reads.get('startTime'), SLICE, 'only the rows tested');
  while (!m.filterStep(0));
  while (!m.prepare(1));
  for (const key of ['startTime', 'endTime', 'clickTime']) assert.equal(reads.get(key), 8_000, `${key}: once per row`);
  // The strings built out of order by the pass, then those in order while idle: each at its own row.
  const fresh = new TableModel(rows, { columns: BASE_COLUMNS, timeZone: 'utc' });
  fresh.sortBy('durationSeconds', 'asc');
  for (const q of ['2023-05-10 07:1', 'sponsor', '1:0']) {
    m.setFilter(q);
    while (!m.filterStep(0));
    fresh.setFilter(q);
    assert.deepEqual(ids(m), ids(fresh), q);
  }
  assert.deepEqual(m.times.read(columns[4]!, rows).slice(0, 8_000), Float64Array.from(rows, (r) => Date.parse(r.startTime)));
});

test('SearchIndex.run: one slice per look at the clock, its matches kept for matched()', () => {
  const rows = makeRows(3_000);
  const index = new SearchIndex(() => ({ columns: BASE_COLUMNS, rows, tz: 'utc', instants: (c) => (row) => Date.parse(c.get(rows[row]!) as string), unparsed: () => new Map() }));
  const order = Uint32Array.from(rows.keys()).reverse();
  const pass = new FilterPass('sponsor', order);
  let clock = 0;
  assert.equal(index.run(pass, 5, () => (clock += 3)), false, 'the budget spent after two slices');
  assert.equal(pass.next, 2 * SLICE);
  while (!index.run(pass, 0));
  assert.equal(pass.done, true);
  const expected = Array.from(order).filter((i) => rows[i]!.trackingType.includes('sponsor'));
  assert.deepEqual(Array.from(pass.view()), expected);
  assert.deepEqual(Array.from(index.matched(Uint32Array.from(rows.keys()))), expected.slice().reverse());
});
