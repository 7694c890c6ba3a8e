/** The virtual grid in headless chromium, served under a strict webview-like CSP. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { bundle, launch, openPage, serve, TABLE_ENTRY, type PageGlobals, type Served } from './harness';
import type { GridState } from '../../webview/table/types';

const N = 100_000;
let browser: Browser;
let server: Served;

before(async () => {
  server = await serve(await bundle(TABLE_ENTRY));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh page with a grid (UTC times) holding n synthetic rows. */
async function mount(n = N): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(browser, server.url);
  await opened.page.evaluate((count) => {
    const g = globalThis as unknown as PageGlobals;
    g.__copied = [];
    g.__events = [];
    g.__grid = g.__table.createGrid(g.document.getElementById('host'), {
      timeZone: 'utc',
      onCopy: (t) => g.__copied.push(t),
      onSortChange: (s) => g.__events.push(`sort ${s === null ? 'none' : `${s.key} ${s.dir}`}`),
      onChange: (s) => g.__events.push(`change ${s.rowCount}`),
    });
    g.__grid.setRows(g.__makeRows(count));
  }, n);
  return opened;
}

function gridState(page: Page): Promise<GridState> {
  return page.evaluate(() => (globalThis as unknown as PageGlobals).__grid.getState());
}

function scrollTop(page: Page): Promise<number> {
  return page.locator('.bt-scroll').evaluate((el) => el.scrollTop);
}

/** Texts of the rendered, visible body rows, in view order. */
async function visibleRows(page: Page): Promise<{ index: number; cells: string[] }[]> {
  const rows = page.locator('.bt-body [role=row]:visible');
  const out = await rows.evaluateAll((els) =>
    els.map((el) => ({
      index: Number(el.getAttribute('aria-rowindex')),
      cells: Array.from(el.querySelectorAll('[role=gridcell]'), (c: { textContent: string | null }) => c.textContent ?? ''),
    })),
  );
  return out.sort((a, b) => a.index - b.index);
}

async function closeChecked(page: Page, errors: string[]): Promise<void> {
  const violations = await page.evaluate(() => (globalThis as unknown as PageGlobals).__cspViolations);
  await page.close();
  assert.deepEqual(errors, []);
  assert.deepEqual(violations, [], 'no CSP violations');
}

test('100 000 rows: only a few dozen row elements, ARIA counts, first rows shown', async () => {
  const { page, errors } = await mount();
  assert.equal(await page.locator('[role=grid]').getAttribute('aria-rowcount'), String(N + 1));
  const rowEls = await page.locator('.bt-body [role=row]').count();
  assert.ok(rowEls > 10 && rowEls < 80, `row elements: ${rowEls}`);
  const rows = await visibleRows(page);
  assert.equal(rows[0]!.index, 2);
  assert.match(rows[0]!.cells[4]!, /^2023-05-10 06:00:\d\d UTC$/);
  assert.equal(await page.locator('[role=columnheader]').count(), 11);
  assert.equal(await page.locator('[role=columnheader]').first().getAttribute('aria-colindex'), '1');
  const overflow = await page.locator('.bt-scroll').evaluate((el) => (globalThis as unknown as PageGlobals).getComputedStyle(el).overflowY);
  assert.equal(overflow, 'auto', 'stylesheet applied under the CSP');
  await closeChecked(page, errors);
});

test('clicking a header sorts ascending, then descending, and sets aria-sort', async () => {
  const { page, errors } = await mount();
  const header = page.locator('[role=columnheader]', { hasText: 'Duration' });
  assert.equal(await header.getAttribute('aria-sort'), 'none');
  await header.click();
  assert.equal(await header.getAttribute('aria-sort'), 'ascending');
  assert.equal((await visibleRows(page))[0]!.cells[6], '0:00:00');
  await header.click();
  assert.equal(await header.getAttribute('aria-sort'), 'descending');
  const top = (await visibleRows(page))[0]!.cells[6]!;
  assert.match(top, /^1:5\d:\d\d$/);
  assert.equal(await page.locator('[role=columnheader]', { hasText: 'Start' }).getAttribute('aria-sort'), 'none');
  assert.deepEqual((await gridState(page)).sort, { key: 'durationSeconds', dir: 'desc' });
  await closeChecked(page, errors);
});

test('header is keyboard reachable: ArrowUp into the header, Enter and Space sort', async () => {
  const { page, errors } = await mount(1000);
  await page.locator('[role=grid]').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowUp');
  assert.deepEqual((await gridState(page)).activeCell, { row: -1, col: 1, key: 'trackingType' });
  const header = page.locator('[role=columnheader]').nth(1);
  assert.equal(await page.locator('[role=grid]').getAttribute('aria-activedescendant'), await header.getAttribute('id'));
  await page.keyboard.press('Enter');
  assert.equal(await header.getAttribute('aria-sort'), 'ascending');
  await page.keyboard.press(' ');
  assert.equal(await header.getAttribute('aria-sort'), 'descending');
  await closeChecked(page, errors);
});

test('arrows, PageDown, End and Ctrl+End move the active cell and scroll it into view', async () => {
  const { page, errors } = await mount();
  const grid = page.locator('[role=grid]');
  await grid.focus();
  assert.deepEqual((await gridState(page)).activeCell, { row: 0, col: 0, key: 'id' });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  assert.deepEqual((await gridState(page)).activeCell, { row: 1, col: 1, key: 'trackingType' });
  await page.keyboard.press('PageDown');
  const afterPage = (await gridState(page)).activeCell!;
  assert.ok(afterPage.row > 15 && afterPage.row < 40, `PageDown row ${afterPage.row}`);
  await page.keyboard.press('PageDown');
  assert.ok((await scrollTop(page)) > 0, 'scrolled with the active cell');
  await page.keyboard.press('End');
  assert.equal((await gridState(page)).activeCell!.key, 'extra.deviceName');
  await page.keyboard.press('Control+End');
  assert.equal((await gridState(page)).activeCell!.row, N - 1);
  const active = page.locator('.bt-active');
  assert.equal(await active.count(), 1);
  assert.equal(await active.locator('xpath=..').getAttribute('aria-rowindex'), String(N + 1));
  assert.ok(await active.isVisible());
  await page.keyboard.press('Control+Home');
  assert.deepEqual((await gridState(page)).activeCell, { row: 0, col: 0, key: 'id' });
  assert.equal(await scrollTop(page), 0);
  await closeChecked(page, errors);
});

test('Ctrl+C copies the active cell; Ctrl+Shift+C the row, tab-separated', async () => {
  const { page, errors } = await mount(500);
  await page.locator('[role=grid]').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+Shift+C');
  const copied = await page.evaluate(() => (globalThis as unknown as PageGlobals).__copied);
  const row = (await visibleRows(page))[1]!.cells;
  assert.deepEqual(copied, [row[0], row.join('\t')]);
  assert.match(copied[0]!, /^\d{6}$/);
  await closeChecked(page, errors);
});

test('filter narrows the row count', async () => {
  const { page, errors } = await mount();
  await page.evaluate(() => (globalThis as unknown as PageGlobals).__grid.setFilter('LAPTOP'));
  const state = await gridState(page);
  assert.equal(state.rowCount, N / 10);
  assert.equal(state.summary.count, N / 10);
  assert.equal(await page.locator('[role=grid]').getAttribute('aria-rowcount'), String(N / 10 + 1));
  for (const r of await visibleRows(page)) assert.equal(r.cells[10], 'Laptop');
  await page.evaluate(() => (globalThis as unknown as PageGlobals).__grid.setFilter('no such text'));
  assert.equal(await page.locator('.bt-body [role=row]:visible').count(), 0);
  assert.equal(await page.locator('.bt-empty').textContent(), 'No rows match the filter.');
  await closeChecked(page, errors);
});

test('scrolling to the bottom shows the last row', async () => {
  const { page, errors } = await mount();
  await page.locator('.bt-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await page.evaluate(() => new Promise((r) => (globalThis as unknown as PageGlobals).requestAnimationFrame(() => r(null))));
  const rows = await visibleRows(page);
  const last = rows[rows.length - 1]!;
  assert.equal(last.index, N + 1);
  const expectedId = await page.evaluate((n) => (globalThis as unknown as PageGlobals).__makeRows(n)[n - 1]!.id, N);
  assert.equal(last.cells[0], expectedId);
  assert.ok(await page.locator(`.bt-body [aria-rowindex="${N + 1}"]`).isVisible());
  await closeChecked(page, errors);
});

test('appendRows keeps the sort; hidden columns leave the header; destroy removes the grid', async () => {
  const { page, errors } = await mount(1000);
  await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    g.__grid.sortBy('durationSeconds', 'desc');
    g.__grid.appendRows(g.__makeRows(10, 9).map((r, i) => ({ ...r, id: `x${i}`, durationSeconds: 99_999 })));
    g.__grid.setHiddenColumns(['trackableId', 'extra.deviceName']);
  });
  const state = await gridState(page);
  assert.equal(state.totalRows, 1010);
  assert.equal((await visibleRows(page))[0]!.cells[0], 'x0');
  assert.equal(await page.locator('[role=columnheader]').count(), 9);
  assert.equal((await visibleRows(page))[0]!.cells.length, 9);
  await page.evaluate(() => (globalThis as unknown as PageGlobals).__grid.destroy());
  assert.equal(await page.locator('[role=grid]').count(), 0);
  await closeChecked(page, errors);
});

test('clicking a cell activates it; onSortChange and onChange report; setTimeZone re-renders times', async () => {
  const { page, errors } = await mount(200);
  const cell = page.locator('.bt-body [aria-rowindex="4"] [aria-colindex="2"]');
  await cell.click();
  assert.deepEqual((await gridState(page)).activeCell, { row: 2, col: 1, key: 'trackingType' });
  assert.equal(await page.locator('[role=grid]').getAttribute('aria-activedescendant'), await cell.getAttribute('id'));
  await page.locator('[role=columnheader]', { hasText: 'Start' }).click();
  const events = await page.evaluate(() => (globalThis as unknown as PageGlobals).__events);
  assert.deepEqual(events, ['change 0', 'change 200', 'change 200', 'sort startTime asc'], 'created empty, rows set, sorted');
  const start = page.locator('.bt-body [aria-rowindex="2"] [aria-colindex="5"]');
  assert.match((await start.textContent())!, / UTC$/);
  await page.evaluate(() => (globalThis as unknown as PageGlobals).__grid.setTimeZone('local'));
  assert.match((await start.textContent())!, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
  assert.equal((await gridState(page)).timeZone, 'local');
  await closeChecked(page, errors);
});
