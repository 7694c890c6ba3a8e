/** Grouping the virtual grid by a column, in headless chromium under the webview CSP (see harness.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import type { GridHandle } from '../../webview/table/types';
import {
  bundlePages, cellAt, closeChecked, gridState, lastCopy, mountGrid, selectedIds, TABLE_ENTRY, visibleRows, type PageGlobals,
} from './harness';

const ENTRY = `${TABLE_ENTRY}
import { buildGroupChooser } from './webview/table/group-chooser.ts';
import { defineControls } from './webview/controls.ts';
defineControls();
// G(): the page's globals, for functions run in the page (the test names the same function for its types).
Object.assign(globalThis, { __buildGroupChooser: buildGroupChooser, G: () => globalThis });
`;
const TYPES = ['sponsor', 'sponsor_media_click', 'streamlink', 'time_spent'];
const HEADER = 'Id\tTracking type\tTrackable type\tTrackable id\tStart\tEnd\tDuration\tClick time\tSession id\tAttendee id\tDevice name';

interface Globals extends PageGlobals {
  __table: PageGlobals['__table'] & { formatDuration(s: number): string };
  __buildGroupChooser(getState: () => ReturnType<GridHandle['getState']>, onChange: (key: string | null) => void): { root: unknown; update(): void };
  document: PageGlobals['document'] & { body: { append(el: unknown): void } };
}
const G = (): Globals => globalThis as unknown as Globals;

const pages = bundlePages(ENTRY);

/** Per tracking type (in group order), computed from the rows: the header text, and the durations summed and shown. */
function expected(page: Page, n: number, filter?: string): Promise<{ label: string; count: number; duration: string }[]> {
  return page.evaluate(([count, types, only]) => {
    const rows = G().__makeRows(count).filter((r) => only === undefined || (r.extra as { deviceName?: string }).deviceName === only);
    return types.map((type) => {
      const of = rows.filter((r) => r.trackingType === type);
      return { label: `${type} (${of.length})`, count: of.length, duration: G().__table.formatDuration(of.reduce((s, r) => s + r.durationSeconds, 0)) };
    }).filter((g) => g.count > 0);
  }, [n, TYPES, filter] as const);
}

/** The group header rows shown: line, aria-expanded, label cell and duration sum cell. */
async function heads(page: Page): Promise<{ line: number; expanded: string | null; label: string; duration: string }[]> {
  const rows = await visibleRows(page);
  const out = [];
  for (const r of rows) {
    const el = page.locator(`.bt-body [aria-rowindex="${r.index}"]`);
    if ((await el.getAttribute('aria-level')) !== '1') continue;
    out.push({ line: r.index - 2, expanded: await el.getAttribute('aria-expanded'), label: r.cells[0]!, duration: r.cells[6]! });
  }
  return out;
}

const group = (page: Page, key: string | null, collapsed?: string[]): Promise<void> =>
  page.evaluate(([k, c]) => G().__grid.groupBy(k, c), [key, collapsed] as const);

test('grouping by tracking type: a header row per group with its count and duration sum; treegrid roles and levels', async () => {
  const n = 100_000;
  const { page, errors } = await mountGrid(pages.browser, pages.url, n);
  const before = (await gridState(page)).summary;
  await group(page, 'trackingType');
  const state = await gridState(page);
  assert.equal(state.groupBy, 'trackingType');
  assert.deepEqual(state.summary, before, 'the summary counts the same rows');
  const want = await expected(page, n);
  const grid = page.locator('[role=treegrid]');
  assert.equal(await grid.count(), 1, 'the grid is a treegrid while grouped');
  assert.equal(await grid.getAttribute('aria-rowcount'), String(n + want.length + 1));
  const first = (await heads(page))[0]!;
  assert.deepEqual(first, { line: 0, expanded: 'true', label: want[0]!.label, duration: want[0]!.duration });
  const member = page.locator('.bt-body [aria-rowindex="3"]');
  assert.deepEqual([await member.getAttribute('aria-level'), await member.getAttribute('aria-expanded'), await member.getAttribute('role')], ['2', null, 'row']);
  assert.equal((await visibleRows(page))[1]!.cells[1], 'sponsor');
  // Collapsing all but the last shows every header with its figures.
  await group(page, 'trackingType', TYPES.slice(0, 3));
  const shown = await heads(page);
  assert.deepEqual(shown.map((h) => [h.label, h.duration]), want.map((w) => [w.label, w.duration]));
  assert.deepEqual(shown.map((h) => h.expanded), ['false', 'false', 'false', 'true']);
  assert.deepEqual((await gridState(page)).collapsedGroups, TYPES.slice(0, 3));
  // The rows of the last group scroll like any other rows.
  await page.locator('.bt-scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await page.evaluate(() => new Promise((r) => G().requestAnimationFrame(() => r(null))));
  const rows = await visibleRows(page);
  assert.equal(rows.at(-1)!.index, want.at(-1)!.count + 4 + 1);
  assert.equal(rows.at(-1)!.cells[1], 'time_spent');
  await closeChecked(page, errors);
});

test('with a number column pinned second, a group header row spans the whole row and its label says the sums, uncut', async () => {
  const n = 2_000;
  const { page, errors } = await mountGrid(pages.browser, pages.url, n, ['id', 'durationSeconds']);
  await group(page, 'trackingType');
  const want = await expected(page, n);
  const head = page.locator('.bt-body [aria-rowindex="2"]');
  assert.equal(await head.getAttribute('aria-level'), '1');
  const label = head.locator('[role=gridcell]').first();
  // Then the sums of the other number columns (the rows' extra attendee ids here).
  assert.ok((await label.textContent())!.startsWith(`${want[0]!.label} · Duration ${want[0]!.duration} · `), 'the label with the count, then the sums');
  const fit = await label.evaluate((el) => ({ span: el.style.gridColumn, cut: el.scrollWidth > el.clientWidth, others: el.parentElement!.querySelectorAll('[role=gridcell]:not([hidden])').length }));
  assert.deepEqual(fit, { span: 'span 11', cut: false, others: 1 }, 'one cell across the row, its text not cut');
  // A data row below it still has every cell, the pinned duration second.
  const member = (await visibleRows(page))[1]!;
  assert.equal(member.cells.length, 11);
  assert.match(member.cells[1]!, /^\d+:\d\d:\d\d$/, 'the pinned duration');
  // Moving the number column away gives the label the columns before it again, and the sum its own cell.
  await page.evaluate(() => G().__grid.setPinnedColumns(['id']));
  const again = (await heads(page))[0]!;
  assert.deepEqual([again.label, again.duration], [want[0]!.label, want[0]!.duration]);
  await closeChecked(page, errors);
});

test('a click on the toggle and Enter, Space, ArrowLeft and ArrowRight on a header row collapse and expand its group', async () => {
  const { page, errors } = await mountGrid(pages.browser, pages.url, 500);
  await group(page, 'trackingType');
  const events = (): Promise<number> => page.evaluate(() => G().__events.length);
  const changes = await events();
  const want = await expected(page, 500);
  await page.locator('.bt-body [aria-rowindex="2"] .bt-toggle').click();
  assert.deepEqual((await heads(page)).slice(0, 2).map((h) => [h.line, h.expanded]), [[0, 'false'], [1, 'true']]);
  assert.deepEqual((await gridState(page)).collapsedGroups, ['sponsor']);
  assert.equal(await events(), changes + 1, 'onChange after collapsing');
  await page.locator('.bt-body [aria-rowindex="2"] .bt-toggle').click();
  assert.equal((await heads(page))[0]!.expanded, 'true');
  assert.equal(await page.locator('[role=treegrid]').getAttribute('aria-rowcount'), String(500 + want.length + 1));

  const expanded = async (): Promise<string | null> => page.locator('.bt-body [aria-rowindex="2"]').getAttribute('aria-expanded');
  await page.locator('[role=treegrid]').focus();
  assert.deepEqual((await gridState(page)).activeCell, { row: -1, col: 0, key: 'id', group: 'sponsor' });
  for (const [key, after] of [['Enter', 'false'], [' ', 'true'], ['ArrowLeft', 'false'], ['ArrowLeft', 'false'], ['ArrowRight', 'true']] as const) {
    await page.keyboard.press(key);
    assert.equal(await expanded(), after, key);
  }
  assert.equal((await gridState(page)).activeCell!.col, 0, 'ArrowLeft on a collapsed group moves (nowhere from the first column)');
  await page.keyboard.press('ArrowRight');
  assert.deepEqual((await gridState(page)).activeCell, { row: -1, col: 1, key: 'trackingType', group: 'sponsor' }, 'on an open group ArrowRight moves');
  await page.keyboard.press('ArrowDown');
  assert.deepEqual((await gridState(page)).activeCell, { row: 0, col: 1, key: 'trackingType' });
  const firstId = await page.evaluate(() => G().__grid.rows()[0]!.id);
  assert.deepEqual(await selectedIds(page), [firstId]);
  await closeChecked(page, errors);
});

test('grouping with a filter counts the rows that pass; a sort orders rows inside each group, and groups when it is by the group column', async () => {
  const n = 5000;
  const { page, errors } = await mountGrid(pages.browser, pages.url, n);
  await page.evaluate(() => (G().__grid.setFilter('laptop'), G().__grid.whenReady())); // the filter may go on after the keystroke
  await group(page, 'trackingType', TYPES.slice(0, 3));
  assert.deepEqual((await heads(page)).map((h) => [h.label, h.duration]), (await expected(page, n, 'Laptop')).map((w) => [w.label, w.duration]));
  assert.equal((await gridState(page)).rowCount, n / 10);
  await page.evaluate(() => G().__grid.setFilter(''));
  await group(page, 'trackingType', []);
  const blocks = (): Promise<{ types: string[]; sorted: boolean }> => page.evaluate(() => {
    const rows = G().__grid.rows();
    const types: string[] = [];
    let sorted = true;
    rows.forEach((r, i) => {
      if (types.at(-1) !== r.trackingType) types.push(r.trackingType!);
      else if (r.durationSeconds > rows[i - 1]!.durationSeconds) sorted = false;
    });
    return { types, sorted };
  });
  await page.evaluate(() => G().__grid.sortBy('durationSeconds', 'desc'));
  assert.deepEqual(await blocks(), { types: TYPES, sorted: true });
  const first = (await visibleRows(page)).slice(1, 4).map((r) => r.cells[6]!);
  assert.deepEqual(first, first.slice().sort().reverse(), 'the longest first inside the group');
  await page.locator('[role=columnheader]', { hasText: 'Tracking type' }).click();
  await page.locator('[role=columnheader]', { hasText: 'Tracking type' }).click();
  assert.deepEqual((await gridState(page)).sort, { key: 'trackingType', dir: 'desc' });
  assert.deepEqual((await blocks()).types, TYPES.slice().reverse());
  assert.equal((await heads(page))[0]!.label.split(' ')[0], 'time_spent');
  await closeChecked(page, errors);
});

test('copy and selection while grouped give data rows only; CSV and JSON stay flat', async () => {
  const n = 2000;
  const { page, errors } = await mountGrid(pages.browser, pages.url, n);
  const flat = await page.evaluate(() => [G().__grid.toCsv(), G().__grid.toJson()]);
  await group(page, 'trackingType');
  assert.deepEqual(await page.evaluate(() => [G().__grid.toCsv(), G().__grid.toJson()]), flat);
  // From the first header row to the second member row: the two rows.
  await cellAt(page, 0, 0).click();
  await cellAt(page, 2, 2).click({ modifiers: ['Shift'] });
  const rows = await page.evaluate(() => G().__grid.rows().slice(0, 2).map((r) => r.id));
  assert.deepEqual(await selectedIds(page), rows);
  await page.keyboard.press('Control+Shift+C');
  const copied = (await lastCopy(page))!.split('\n');
  assert.equal(copied.length, 3);
  assert.deepEqual([copied[0], copied[1]!.split('\t')[0], copied[2]!.split('\t')[0]], [HEADER, ...rows]);
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+c');
  const all = (await lastCopy(page))!.split('\n');
  assert.equal(all.length, n + 1);
  assert.ok(all.every((line) => line.split('\t').length === 11 && !/ \(\d+\)$/.test(line)), 'no group header line');
  assert.equal((await page.evaluate(() => G().__grid.selectedRows())).length, n);
  // A header row active with nothing else selected: copies its label as the cell, no rows.
  await cellAt(page, 0, 6).click();
  assert.deepEqual(await selectedIds(page), []);
  assert.match(await page.evaluate(() => G().__grid.copy('cell')), /^\d+:\d\d:\d\d$/, 'the duration sum');
  assert.equal(await page.evaluate(() => G().__grid.copy('tsv')), HEADER);
  await closeChecked(page, errors);
});

test('ungrouping restores the flat table; the options group from the start; selectRow opens a collapsed group', async () => {
  const { page, errors } = await mountGrid(pages.browser, pages.url, 1000);
  const flat = { rows: await visibleRows(page), state: await gridState(page) };
  await group(page, 'startTime');
  assert.match((await heads(page))[0]!.label, /^2023-05-10 \(\d+\)$/, 'times group by day in the grid zone');
  await group(page, null);
  assert.equal(await page.locator('[role=grid]').getAttribute('aria-rowcount'), '1001');
  assert.equal(await page.locator('[role=treegrid], .bt-body [aria-level], .bt-body [aria-expanded], .bt-group').count(), 0);
  assert.deepEqual(await visibleRows(page), flat.rows);
  assert.deepEqual({ ...(await gridState(page)) }, { ...flat.state, groupBy: null, collapsedGroups: [] });

  const restored = await page.evaluate(() => {
    const g = G();
    g.__grid.destroy();
    g.__grid = g.__table.createGrid(g.document.getElementById('host'), { timeZone: 'utc', groupBy: 'trackingType', collapsedGroups: ['sponsor', 'streamlink'] });
    g.__grid.setRows(g.__makeRows(1000));
    const s = g.__grid.getState();
    const row = g.__grid.rows()[3]!;
    return { groupBy: s.groupBy, collapsed: s.collapsedGroups, selected: g.__grid.selectRow(row), after: g.__grid.getState(), id: row.id };
  });
  assert.deepEqual([restored.groupBy, restored.collapsed], ['trackingType', ['sponsor', 'streamlink']]);
  assert.equal(restored.selected, true);
  assert.deepEqual(restored.after.collapsedGroups, ['streamlink']);
  assert.equal(restored.after.activeCell!.row, 3);
  assert.deepEqual(await selectedIds(page), [restored.id]);
  await closeChecked(page, errors);
});

test('the Group by dropdown lists None and the columns and groups the grid', async () => {
  const { page, errors } = await mountGrid(pages.browser, pages.url, 300);
  await page.evaluate(() => {
    const g = G();
    const chooser = g.__buildGroupChooser(() => g.__grid.getState(), (key) => g.__grid.groupBy(key));
    g.document.body.append(chooser.root);
  });
  const options = await page.locator('#group-by vscode-option').allTextContents();
  assert.deepEqual(options.slice(0, 3), ['None', 'Id', 'Tracking type']);
  assert.ok(options.includes('Device name'), 'extra columns too');
  assert.equal(await page.getAttribute('#group-by', 'aria-label'), 'Group by');
  await page.click('#group-by');
  await page.click('#group-by vscode-option[value="trackableId"]');
  assert.equal((await gridState(page)).groupBy, 'trackableId');
  assert.equal(await page.locator('[role=treegrid]').count(), 1);
  await page.click('#group-by');
  await page.click('#group-by vscode-option[value=""]');
  assert.equal((await gridState(page)).groupBy, null);
  assert.equal(await page.locator('[role=grid]').count(), 1);
  await closeChecked(page, errors);
});
