/** The virtual grid in headless chromium, served under a strict webview-like CSP. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import {
  cellAt, closeChecked, gridPages, gridState, lastCopy, markedRows, scrollTop, selectedIds, visibleRows, type InPage, type PageGlobals,
} from './harness';

const N = 100_000;
/** The copied header: the visible column labels, tab-separated. */
const HEADER = 'Id\tTracking type\tTrackable type\tTrackable id\tStart\tEnd\tDuration\tClick time\tSession id\tAttendee id\tDevice name';
const grids = gridPages();

/** A fresh page with a grid (UTC times) holding n synthetic rows; `pinned` columns as the option. */
const mount = (n = N, pinned?: string[]): Promise<{ page: Page; errors: string[] }> => grids.mount(n, pinned);

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

test('Ctrl+C copies the active cell; Ctrl+Shift+C the active row, tab-separated under a header', async () => {
  const { page, errors } = await mount(500);
  await page.locator('[role=grid]').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+Shift+C');
  const copied = await page.evaluate(() => (globalThis as unknown as PageGlobals).__copied);
  const row = (await visibleRows(page))[1]!.cells;
  assert.deepEqual(copied, [row[0], `${HEADER}\n${row.join('\t')}`]);
  assert.match(copied[0]!, /^\d{6}$/);
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

test('Shift+click selects a range, Ctrl+click toggles rows; aria-selected and theme colours mark them', async () => {
  const { page, errors } = await mount(200);
  assert.equal(await page.locator('[role=grid]').getAttribute('aria-multiselectable'), 'true');
  await cellAt(page, 1).click();
  await cellAt(page, 4).click({ modifiers: ['Shift'] });
  assert.deepEqual(await markedRows(page), [1, 2, 3, 4]);
  assert.deepEqual((await gridState(page)).activeCell, { row: 4, col: 1, key: 'trackingType' });
  assert.equal(await page.locator('.bt-body [role=row][aria-selected=false]:visible').count(), (await visibleRows(page)).length - 4);
  await cellAt(page, 3).click({ modifiers: ['Control'] });
  await cellAt(page, 7).click({ modifiers: ['Control'] });
  assert.deepEqual(await markedRows(page), [1, 2, 4, 7]);
  const background = (pos: number): Promise<string> =>
    page.locator(`.bt-body [aria-rowindex="${pos + 2}"]`).evaluate((el) => (globalThis as unknown as InPage).getComputedStyle(el).backgroundColor);
  assert.equal(await background(1), 'rgb(4, 57, 94)', 'list.activeSelectionBackground (its fallback) while focused');
  assert.notEqual(await background(3), 'rgb(4, 57, 94)');
  // Shift+click extends from the row clicked last, keeping the others.
  await cellAt(page, 9).click({ modifiers: ['Shift'] });
  assert.deepEqual(await markedRows(page), [1, 2, 4, 7, 8, 9]);
  const rows = await visibleRows(page);
  assert.deepEqual(await selectedIds(page), [1, 2, 4, 7, 8, 9].map((p) => rows[p]!.cells[0]));
  await closeChecked(page, errors);
});

test('the selection keeps its rows through sort and filter, copies only rows that pass, and Escape clears it', async () => {
  const { page, errors } = await mount(200);
  await cellAt(page, 0).click();
  await cellAt(page, 2).click({ modifiers: ['Control'] });
  await cellAt(page, 5).click({ modifiers: ['Control'] });
  const ids = await selectedIds(page);
  await page.evaluate(() => (globalThis as unknown as PageGlobals).__grid.sortBy('durationSeconds', 'desc'));
  assert.deepEqual((await selectedIds(page)).sort(), ids.slice().sort());
  for (const r of await visibleRows(page)) {
    const marked = await page.locator(`.bt-body [aria-rowindex="${r.index}"]`).getAttribute('aria-selected');
    assert.equal(marked === 'true', ids.includes(r.cells[0]!), `row ${r.cells[0]}`);
  }
  await page.evaluate((id) => ((globalThis as unknown as PageGlobals).__grid.setFilter(id), (globalThis as unknown as PageGlobals).__grid.whenReady()), ids[1]!);
  assert.deepEqual(await selectedIds(page), [ids[1]], 'the one row that passes');
  await page.keyboard.press('Control+Shift+C');
  const row = (await visibleRows(page))[0]!.cells;
  assert.equal(await lastCopy(page), `${HEADER}\n${row.join('\t')}`);
  await page.evaluate(() => (globalThis as unknown as PageGlobals).__grid.setFilter(''));
  assert.equal((await selectedIds(page)).length, 3);
  await page.keyboard.press('Escape');
  const active = (await gridState(page)).activeCell!;
  const activeId = await page.evaluate((pos) => (globalThis as unknown as PageGlobals).__grid.rows()[pos]!.id, active.row);
  assert.deepEqual(await selectedIds(page), [activeId]);
  assert.deepEqual(await markedRows(page), [active.row]);
  await page.keyboard.press('Control+c');
  assert.equal(await lastCopy(page), await cellAt(page, active.row, active.col).textContent(), 'one row selected: the cell');
  await closeChecked(page, errors);
});

test('Shift+Arrow, Shift+PageDown and Ctrl+Shift+End extend the selection; a plain arrow collapses it', async () => {
  const { page, errors } = await mount(1000);
  await page.locator('[role=grid]').focus();
  for (const key of ['ArrowDown', 'Shift+ArrowDown', 'Shift+ArrowDown']) await page.keyboard.press(key);
  assert.deepEqual(await markedRows(page), [1, 2, 3]);
  await page.keyboard.press('Shift+ArrowUp');
  assert.deepEqual(await markedRows(page), [1, 2]);
  await page.keyboard.press('ArrowDown');
  assert.deepEqual(await markedRows(page), [3]);
  await page.keyboard.press('Shift+PageDown');
  const to = (await gridState(page)).activeCell!.row;
  assert.ok(to > 15, `PageDown row ${to}`);
  assert.equal((await selectedIds(page)).length, to - 3 + 1);
  await page.keyboard.press('Control+Shift+End');
  assert.equal((await selectedIds(page)).length, 1000 - 3);
  for (const key of ['Control+Home', 'Shift+ArrowUp']) await page.keyboard.press(key);
  assert.equal((await gridState(page)).activeCell!.row, 0, 'Shift does not carry the selection into the header');
  assert.equal((await selectedIds(page)).length, 1);
  await closeChecked(page, errors);
});

test('Ctrl+A selects every row that passes the filter at once; Ctrl+C copies them as TSV under a header', async () => {
  const { page, errors } = await mount();
  await page.locator('[role=grid]').focus();
  // Its cost at 100 000 rows is the table benchmark's to measure (Ctrl+A marks all rows at once, with no per-row work).
  await page.keyboard.press('Control+a');
  assert.equal((await markedRows(page)).length, (await visibleRows(page)).length);
  await page.keyboard.press('Control+c');
  const copy = await page.evaluate(() => {
    const lines = (globalThis as unknown as PageGlobals).__copied.at(-1)!.split('\n');
    return { count: lines.length, head: lines.slice(0, 4), last: lines.at(-1)! };
  });
  assert.equal(copy.count, N + 1);
  assert.equal(copy.head[0], HEADER);
  assert.equal(copy.head[1], '100000\ttime_spent\t\t\t2023-05-10 06:00:21 UTC\t2023-05-10 06:22:41 UTC\t0:22:20\t\t50000\t7000\tPhone, "Pixel"');
  const rows = await visibleRows(page);
  assert.deepEqual(copy.head.slice(1), rows.slice(0, 3).map((r) => r.cells.join('\t')));
  const lastId = await page.evaluate((n) => (globalThis as unknown as PageGlobals).__makeRows(n)[n - 1]!.id, N);
  assert.deepEqual([copy.last.split('\t')[0], copy.last.split('\t').length], [lastId, 11]);
  // With a filter, Ctrl+A takes the rows that pass it, and they stay selected when the filter goes.
  await page.evaluate(() => (globalThis as unknown as PageGlobals).__grid.setFilter('laptop'));
  await page.keyboard.press('Control+a');
  await page.evaluate(() => (globalThis as unknown as PageGlobals).__grid.setFilter(''));
  assert.equal((await selectedIds(page)).length, N / 10);
  await closeChecked(page, errors);
});

test('handle.copy: Markdown escapes pipes, TSV turns tabs and line breaks into spaces, cell copies the active cell', async () => {
  const { page, errors } = await mount(0);
  const out = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const rows = g.__makeRows(3).map((r, i) => ({ ...r, id: `r${i}`, trackingType: 'sponsor', durationSeconds: 60 * i, extra: i === 1 ? { note: 'a|b\nc\td' } : {} }));
    g.__grid.setRows(rows);
    g.__grid.setHiddenColumns(['trackableType', 'trackableId', 'startTime', 'endTime', 'clickTime', 'trackingSessionId']);
    return g.__grid.copy('tsv');
  });
  assert.equal(out, 'Id\tTracking type\tDuration\tNote', 'nothing active: the header alone');
  await page.locator('[role=grid]').focus();
  assert.equal(await page.evaluate(() => (globalThis as unknown as PageGlobals).__grid.copy('cell')), 'r0');
  await page.keyboard.press('Control+a');
  const [md, tsv] = await page.evaluate(() => ['markdown', 'tsv'].map((f) => (globalThis as unknown as PageGlobals).__grid.copy(f as 'markdown' | 'tsv')));
  assert.equal(md, [
    '| Id | Tracking type | Duration | Note |',
    '| --- | --- | --- | --- |',
    '| r0 | sponsor | 0:00:00 |  |',
    '| r1 | sponsor | 0:01:00 | a\\|b c d |',
    '| r2 | sponsor | 0:02:00 |  |',
  ].join('\n'));
  assert.equal(tsv, 'Id\tTracking type\tDuration\tNote\nr0\tsponsor\t0:00:00\t\nr1\tsponsor\t0:01:00\ta|b c d\nr2\tsponsor\t0:02:00\t');
  const copied = await page.evaluate(() => (globalThis as unknown as PageGlobals).__copied);
  assert.deepEqual(copied.slice(-2), [md, tsv], 'each copy goes to onCopy too');
  await closeChecked(page, errors);
});

test('pinned columns show first and keep their x position while the table scrolls sideways', async () => {
  const { page, errors } = await mount(500, ['durationSeconds']);
  const labels = (): Promise<string[]> => page.locator('[role=columnheader]').allTextContents();
  assert.equal((await labels())[0], 'Duration');
  await page.evaluate(() => (globalThis as unknown as PageGlobals).__grid.setPinnedColumns(['trackingType', 'id']));
  assert.deepEqual((await labels()).slice(0, 3), ['Tracking type', 'Id', 'Trackable type']);
  const { pinnedColumns, columns } = await gridState(page);
  assert.deepEqual([pinnedColumns, columns.filter((c) => c.pinned).map((c) => c.key)], [['trackingType', 'id'], ['id', 'trackingType']]);
  const host = page.locator('#host');
  await host.evaluate((el) => (el.style.width = '500px'));
  const scroller = page.locator('.bt-scroll');
  const x = async (l: Locator): Promise<number> => (await l.boundingBox())!.x;
  const head = page.locator('[role=columnheader]').nth(1);
  const before = { head: await x(head), pinned: await x(cellAt(page, 0, 1)), other: await x(cellAt(page, 0, 4)) };
  await scroller.evaluate((el) => (el.scrollLeft = 300));
  assert.deepEqual({ head: await x(head), pinned: await x(cellAt(page, 0, 1)), other: await x(cellAt(page, 0, 4)) }, { ...before, other: before.other - 300 });
  // The first unpinned column, reached by keyboard, shows beside the pinned ones, not under them.
  await cellAt(page, 0, 0).click();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  const pinnedRight = (await cellAt(page, 0, 1).boundingBox())!;
  assert.ok((await x(cellAt(page, 0, 2))) >= pinnedRight.x + pinnedRight.width - 1);
  await page.keyboard.press('Control+Shift+C');
  assert.match((await lastCopy(page))!, /^Tracking type\tId\tTrackable type\t/);
  await closeChecked(page, errors);
});
