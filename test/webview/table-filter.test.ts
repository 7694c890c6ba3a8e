/**
 * The grid's filter at 100 000 rows in headless chromium: a keystroke tests rows for a short while and shows those
 * found so far (state.filtering), the grid goes on between frames, and in the end the rows are exactly those of
 * filtering all at once. The tests wait on the grid's state (whenReady), never on time.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import type { GridState, Row } from '../../webview/table/types';
import { closeChecked, gridPages, gridState, visibleRows, type PageGlobals } from './harness';

const N = 100_000;
const grids = gridPages();

/** An element, as far as these tests use one (the test files are type-checked without the DOM lib). */
interface El {
  style: { display: string };
  getAttribute(name: string): string | null;
  querySelector(sel: string): El;
  dispatchEvent(e: unknown): boolean;
}

interface Globals extends PageGlobals {
  __onChange?(s: GridState): void;
  __table: PageGlobals['__table'] & {
    TableModel: new (rows: readonly Row[], options: { timeZone: 'utc' }) => {
      setFilter(q: string): void;
      sortBy(key: string, dir: 'asc' | 'desc'): void;
      visibleRows(): Row[];
    };
  };
}

/** What a test saw: the state right after the changes, the row counts of the onChange calls, the ids in the end. */
interface Seen {
  first: { rowCount: number; filtering: boolean; ids: string[]; busy: boolean; empty: boolean };
  counts: number[];
  final: GridState;
  ids: string[];
  expected: string[];
}

/**
 * New rows (`n`, in the grid `sort`ed before) and at once, with no idle time, the `queries` typed one after the
 * other; then waits until the grid is ready. `expected`: the same on a model that filters all at once.
 */
function typeAtOnce(page: Page, queries: string[], sort?: ['durationSeconds', 'desc']): Promise<Seen> {
  return page.evaluate(
    async ([qs, by, n]) => {
      const g = globalThis as unknown as Globals;
      const grid = g.__grid;
      const rows = g.__makeRows(n);
      if (by) grid.sortBy(by[0], by[1]);
      const host = g.document.getElementById('host') as El;
      grid.setRows(rows);
      for (const q of qs) grid.setFilter(q);
      const st = grid.getState();
      const first = {
        rowCount: st.rowCount, filtering: st.filtering === true, ids: grid.rows().map((r) => r.id),
        busy: host.querySelector('[role=grid]').getAttribute('aria-busy') === 'true', empty: host.querySelector('.bt-empty').style.display !== 'none',
      };
      const counts: number[] = [];
      g.__onChange = (s) => counts.push(s.rowCount);
      await grid.whenReady();
      const model = new g.__table.TableModel(rows, { timeZone: 'utc' });
      if (by) model.sortBy(by[0], by[1]);
      for (const q of qs) model.setFilter(q);
      return { first, counts, final: grid.getState(), ids: grid.rows().map((r) => r.id), expected: model.visibleRows().map((r) => r.id) };
    },
    [queries, sort, N] as const,
  );
}

/** A grid (UTC) with no rows yet, its onChange calls passed on to `__onChange` once a test sets it. */
async function mount(): Promise<{ page: Page; errors: string[] }> {
  const opened = await grids.mount(0);
  await opened.page.evaluate(() => {
    const g = globalThis as unknown as Globals;
    g.__grid.destroy();
    g.__grid = g.__table.createGrid(g.document.getElementById('host'), { timeZone: 'utc', onChange: (s) => g.__onChange?.(s) });
  });
  return opened;
}

function checkSeen(seen: Seen): void {
  assert.ok(seen.expected.length > 0);
  assert.deepEqual(seen.ids, seen.expected, 'in the end exactly the rows that pass, in order');
  assert.equal(seen.final.rowCount, seen.expected.length);
  assert.equal(seen.final.summary.count, seen.expected.length);
  assert.equal(seen.final.filtering, undefined);
  const { first } = seen;
  assert.equal(first.rowCount, first.ids.length);
  assert.deepEqual(first.ids, seen.expected.slice(0, first.rowCount), 'at first the rows found so far: the first of the result');
  assert.equal(first.busy, first.filtering, 'aria-busy while filtering');
  if (first.filtering) assert.equal(first.empty, false, 'no "no rows match" note before every row is tested');
  const counts = [first.rowCount, ...seen.counts];
  assert.deepEqual(counts, counts.slice().sort((a, b) => a - b), `the count only grows: ${counts.join(' ')}`);
  assert.equal(counts.at(-1), seen.expected.length, 'the last onChange has the exact count');
}

test('a keystroke right after 100 000 rows arrive: the rows found so far, then exactly those that pass', async () => {
  const { page, errors } = await mount();
  const seen = await typeAtOnce(page, ['LAPTOP']);
  checkSeen(seen);
  assert.equal(seen.final.rowCount, N / 10);
  assert.equal(await page.locator('[role=grid]').getAttribute('aria-rowcount'), String(N / 10 + 1));
  assert.equal(await page.locator('[role=grid]').getAttribute('aria-busy'), null);
  for (const r of await visibleRows(page)) assert.equal(r.cells[10], 'Laptop');
  await page.evaluate(() => {
    const g = (globalThis as unknown as PageGlobals).__grid;
    g.setFilter('no such text');
    return g.whenReady();
  });
  assert.equal(await page.locator('.bt-body [role=row]:visible').count(), 0);
  assert.equal(await page.locator('.bt-empty').textContent(), 'No rows match the filter.');
  await closeChecked(page, errors);
});

test('sorted, and narrower queries typed while the first is still under way: the same rows in the end', async () => {
  const { page, errors } = await mount();
  checkSeen(await typeAtOnce(page, ['p', 'ph', 'phone, "p', '2023-05-1'], ['durationSeconds', 'desc']));
  await closeChecked(page, errors);
});

test('while filtering, Ctrl+A and an export take every row that passes', async () => {
  const { page, errors } = await mount();
  const csvLines = await page.evaluate((n) => {
    const g = globalThis as unknown as PageGlobals;
    g.__grid.setRows(g.__makeRows(n));
    g.__grid.setFilter('sponsor');
    return g.__grid.toCsv().trimEnd().split('\n').length;
  }, N);
  const expected = await page.evaluate((n) => (globalThis as unknown as PageGlobals).__makeRows(n).filter((r) => r.trackingType.includes('sponsor')).length, N);
  assert.equal(csvLines, expected + 1, 'the CSV: a header and every row that passes');
  assert.equal((await gridState(page)).rowCount, expected);
  const selected = await page.evaluate((n) => {
    const g = globalThis as unknown as Globals;
    g.__grid.setRows(g.__makeRows(n));
    g.__grid.setFilter('laptop');
    const grid = (g.document.getElementById('host') as El).querySelector('[role=grid]');
    grid.dispatchEvent(new g.KeyboardEvent('keydown', { key: 'a', code: 'KeyA', ctrlKey: true, bubbles: true }));
    return g.__grid.selectedRows().length;
  }, N);
  assert.equal(selected, N / 10, 'Ctrl+A right after the keystroke');
  await closeChecked(page, errors);
});
