/**
 * Column widths and order in the virtual grid, in headless chromium under the webview-like CSP: resized and moved by
 * keys, by the pointer and from the Columns ▾ chooser; copies and CSV follow; pinned columns stay first; the layout a
 * panel saves comes back after a reload.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import type { ColumnLayout, GridOptions } from '../../webview/table/types';
import { bundlePages, closeChecked, gridState, lastCopy, visibleRows, type PageGlobals } from './harness';

const ENTRY = `
import * as table from './webview/table/index.ts';
import { buildColumnChooser } from './webview/table/column-chooser.ts';
import { columnOrder, columnWidths, read } from './webview/shared/checks.ts';
import { makeRows } from './test/webview/rows.ts';
Object.assign(globalThis, {
  __table: table, __makeRows: makeRows, __chooser: buildColumnChooser,
  __readLayout: (saved) => ({ order: read(columnOrder, saved.order, []), widths: read(columnWidths, saved.widths, {}), pinned: saved.pinned }),
});
`;

/** What ENTRY and these tests put on the page's globalThis. */
type P = PageGlobals & {
  __saved: string[];
  __chooser(getColumns: () => unknown, onChange: (hidden: string[]) => void, onPin?: (pinned: string[]) => void, onMove?: (key: string, by: -1 | 1) => void): { root: unknown };
  __readLayout(saved: unknown): ColumnLayout;
  __mutations: number;
  document: PageGlobals['document'] & {
    body: { append(el: unknown): void };
    activeElement: { getAttribute(name: string): string | null } | null;
    querySelectorAll(selector: string): Iterable<unknown>;
  };
  MutationObserver: new (cb: (records: unknown[]) => void) => { observe(el: unknown, o: object): void; disconnect(): void };
};

const pages = bundlePages(ENTRY);

/** A page with a grid (UTC) of n rows; every `onColumnsChange` saved (as JSON, as a panel's state is) in __saved. */
async function mount(n: number, options: Pick<GridOptions, 'pinnedColumns'> = {}): Promise<{ page: Page; errors: string[] }> {
  const opened = await pages.open();
  await opened.page.evaluate(([count, opts]) => {
    const w = globalThis as unknown as P;
    w.__copied = [];
    w.__saved = [];
    w.__grid = w.__table.createGrid(w.document.getElementById('host'), {
      ...opts, timeZone: 'utc', onCopy: (t) => w.__copied.push(t), onColumnsChange: (layout) => w.__saved.push(JSON.stringify(layout)),
    });
    w.__grid.setRows(w.__makeRows(count));
  }, [n, options] as const);
  return opened;
}

const headers = (page: Page): Promise<string[]> => page.locator('[role=columnheader]').allTextContents();
const header = (page: Page, label: string) => page.locator('[role=columnheader]', { hasText: new RegExp(`^${label}[▲▼]?$`) });
const width = async (page: Page, label: string): Promise<number> => (await header(page, label).boundingBox())!.width;
const saved = (page: Page): Promise<ColumnLayout[]> => page.evaluate(() => (globalThis as unknown as P).__saved.map((s) => JSON.parse(s) as ColumnLayout));
const live = (page: Page): Promise<string | null> => page.locator('.bt-live[role=status]').textContent();

/** Focuses the grid and makes the header of visible column `col` active. */
async function toHeader(page: Page, col: number): Promise<void> {
  await page.locator('[role=grid]').focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Home');
  for (let i = 0; i < col; i++) await page.keyboard.press('ArrowRight');
  assert.equal((await gridState(page)).activeCell?.col, col);
}

test('Alt+Shift+Right/Left widen and narrow the focused header\'s column by a step; no row is drawn again', async () => {
  const { page, errors } = await mount(100_000);
  await toHeader(page, 6);
  const before = await width(page, 'Duration');
  // Count every change of the rows and the header cells while the column is resized: they only follow the column
  // template (CSS variables on the grid's root).
  await page.evaluate(() => {
    const w = globalThis as unknown as P;
    w.__mutations = 0;
    const observer = new w.MutationObserver((records) => (w.__mutations += records.length));
    for (const el of w.document.querySelectorAll('.bt-body, .bt-head')) observer.observe(el, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await page.keyboard.press('Alt+Shift+ArrowRight');
  const wider = await width(page, 'Duration');
  assert.ok(Math.abs(wider - (before + 16)) <= 1, `${before} → ${wider}`);
  const cell = page.locator('.bt-body [aria-rowindex="2"] [aria-colindex="7"]');
  assert.ok(Math.abs((await cell.boundingBox())!.width - wider) <= 1, 'the body cells follow the header');
  const handle = header(page, 'Duration').locator('[role=separator]');
  assert.equal(await handle.getAttribute('aria-orientation'), 'vertical');
  assert.equal(await handle.getAttribute('aria-valuenow'), String(Math.round(before + 16)));
  assert.equal(await page.evaluate(() => (globalThis as unknown as P).__mutations), 1, 'nothing in the rows or the header changed but the separator\'s value');
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  await page.keyboard.press('Alt+Shift+ArrowLeft');
  assert.ok(Math.abs((await width(page, 'Duration')) - (before - 16)) <= 1);
  assert.deepEqual((await gridState(page)).activeCell, { row: -1, col: 6, key: 'durationSeconds' }, 'the header stays active');
  assert.equal((await gridState(page)).columnWidths.durationSeconds, Math.round(before - 16));
  assert.match((await live(page)) ?? '', /^Duration: \d+ pixels wide\.$/);
  for (let i = 0; i < 20; i++) await page.keyboard.press('Alt+Shift+ArrowLeft');
  assert.ok(Math.abs((await width(page, 'Duration')) - 40) <= 1, 'not narrower than the minimum');
  assert.equal((await saved(page)).length, 23, 'each step is saved');
  await closeChecked(page, errors);
});

test('Alt+Right moves the focused header\'s column one place; rows, copies and CSV follow the new order', async () => {
  const { page, errors } = await mount(500);
  await toHeader(page, 1);
  await page.keyboard.press('Alt+ArrowRight');
  assert.deepEqual((await headers(page)).slice(0, 4), ['Id', 'Trackable type', 'Tracking type', 'Trackable id']);
  assert.deepEqual((await gridState(page)).activeCell, { row: -1, col: 2, key: 'trackingType' }, 'the active header goes with it');
  assert.equal(await live(page), 'Tracking type moved to column 3 of 11.');
  const rows = await page.evaluate(() => (globalThis as unknown as P).__grid.rows().slice(0, 1));
  assert.equal((await visibleRows(page))[0]!.cells[2], rows[0]!.trackingType);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Control+Shift+C');
  assert.match((await lastCopy(page))!, /^Id\tTrackable type\tTracking type\tTrackable id\tStart\t/);
  assert.match(await page.evaluate(() => (globalThis as unknown as P).__grid.copy('markdown')), /^\| Id \| Trackable type \| Tracking type \|/);
  assert.match(await page.evaluate(() => (globalThis as unknown as P).__grid.toCsv()), /^\uFEFFId,Trackable type,Tracking type,/);
  // Back with Alt+Left, from the header.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Alt+ArrowLeft');
  assert.deepEqual((await headers(page)).slice(0, 3), ['Id', 'Tracking type', 'Trackable type']);
  const last = (await saved(page)).at(-1)!;
  assert.deepEqual(last.order.slice(0, 3), ['id', 'trackingType', 'trackableType']);
  assert.equal((await gridState(page)).columns.find((c) => c.key === 'trackingType')?.order, 1);
  await closeChecked(page, errors);
});

test('pinned columns stay first: keys move a column only within its group', async () => {
  const { page, errors } = await mount(300, { pinnedColumns: ['durationSeconds'] });
  assert.deepEqual((await headers(page)).slice(0, 2), ['Duration', 'Id']);
  await toHeader(page, 1);
  await page.keyboard.press('Alt+ArrowLeft');
  assert.deepEqual((await headers(page)).slice(0, 2), ['Duration', 'Id'], 'Id does not go before a pinned column');
  assert.equal(await live(page), 'Id cannot move further left.');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Alt+ArrowRight');
  assert.deepEqual((await headers(page)).slice(0, 2), ['Duration', 'Id'], 'a pinned column does not leave the pinned');
  await page.evaluate(() => (globalThis as unknown as P).__grid.setPinnedColumns(['durationSeconds', 'startTime']));
  await page.keyboard.press('Alt+ArrowRight');
  assert.deepEqual((await headers(page)).slice(0, 3), ['Start', 'Duration', 'Id']);
  assert.deepEqual((await gridState(page)).pinnedColumns, ['startTime', 'durationSeconds']);
  assert.deepEqual((await saved(page)).at(-1)!.pinned, ['startTime', 'durationSeconds'], 'the pin order is saved with it');
  assert.equal(await page.locator('.bt-pin-last').first().textContent(), 'Duration');
  await closeChecked(page, errors);
});

test('the pointer: a header dragged onto another moves its column; an edge dragged resizes it, a double click resets it', async () => {
  const { page, errors } = await mount(500);
  const box = async (label: string) => (await header(page, label).boundingBox())!;
  const start = await box('Start');
  const id = await box('Id');
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
  await page.mouse.down();
  await page.mouse.move(start.x - 40, start.y + start.height / 2, { steps: 4 });
  await page.mouse.move(id.x + id.width / 2, id.y + id.height / 2, { steps: 4 });
  assert.equal(await page.locator('.bt-drop-before').textContent(), 'Id', 'the header it would land on is marked');
  await page.mouse.up();
  assert.deepEqual((await headers(page)).slice(0, 3), ['Start', 'Id', 'Tracking type']);
  assert.equal((await gridState(page)).sort, null, 'a drag does not sort');

  const before = await box('Id');
  const edge = { x: before.x + before.width - 2, y: before.y + before.height / 2 };
  await page.mouse.move(edge.x, edge.y);
  await page.mouse.down();
  await page.mouse.move(edge.x + 30, edge.y, { steps: 3 });
  await page.mouse.move(edge.x + 60, edge.y, { steps: 3 });
  await page.mouse.up();
  assert.ok(Math.abs((await box('Id')).width - (before.width + 60)) <= 1);
  assert.equal((await gridState(page)).sort, null, 'a resize does not sort');
  const layouts = await saved(page);
  assert.equal(layouts.length, 2, 'one save for the move, one when the resize ended');
  assert.equal(layouts[1]!.widths.id, Math.round(before.width + 60));
  await page.mouse.dblclick(edge.x + 60, edge.y);
  assert.ok(Math.abs((await box('Id')).width - before.width) <= 1, 'its own width again');
  assert.equal(await header(page, 'Id').locator('[role=separator]').getAttribute('aria-valuenow'), null);
  assert.equal((await gridState(page)).sort, null);
  assert.deepEqual((await saved(page)).at(-1)!.widths, {});
  // A plain click on a header still sorts.
  await header(page, 'Duration').click();
  assert.deepEqual((await gridState(page)).sort, { key: 'durationSeconds', dir: 'asc' });
  await closeChecked(page, errors);
});

test('the layout a panel saves comes back after a reload; unknown columns are ignored, new ones come after', async () => {
  const { page, errors } = await mount(500, { pinnedColumns: ['id'] });
  await toHeader(page, 4);
  await page.keyboard.press('Alt+ArrowLeft'); // Start before Trackable id
  await page.keyboard.press('Alt+Shift+ArrowRight');
  const order = await headers(page);
  const start = await width(page, 'Start');
  const layout = (await saved(page)).at(-1)!;
  // Saved as a panel's state is (JSON), with a column that no longer exists.
  const state = JSON.stringify({ ...layout, order: ['gone', ...layout.order], widths: { ...layout.widths, gone: 300 } });

  await page.reload();
  await page.evaluate((raw) => {
    const w = globalThis as unknown as P;
    const back = w.__readLayout(JSON.parse(raw)); // through the webview's checks of saved state
    w.__grid = w.__table.createGrid(w.document.getElementById('host'), { timeZone: 'utc', columnOrder: back.order, columnWidths: back.widths, pinnedColumns: back.pinned });
    w.__grid.setRows(w.__makeRows(500));
  }, state);
  assert.deepEqual(await headers(page), order);
  assert.ok(Math.abs((await width(page, 'Start')) - start) <= 1);
  assert.equal((await gridState(page)).columnWidths.gone, 300, 'kept, not shown');

  // An order saved before the rows had extra attributes: those columns come after the saved ones.
  await page.evaluate(() => {
    const w = globalThis as unknown as P;
    w.__grid.destroy();
    w.__grid = w.__table.createGrid(w.document.getElementById('host'), { columnOrder: ['durationSeconds', 'trackingType', 'nope'], pinnedColumns: ['id'] });
    w.__grid.setRows(w.__makeRows(500));
  });
  assert.deepEqual(await headers(page), ['Id', 'Duration', 'Tracking type', 'Trackable type', 'Trackable id', 'Start', 'End', 'Click time', 'Session id', 'Attendee id', 'Device name']);
  assert.equal(await page.locator('.bt-live').count(), 1, 'the destroyed grid took its live region along');
  await closeChecked(page, errors);
});

test('the Columns ▾ chooser lists the columns in order with Move up / Move down buttons, keyboard reachable', async () => {
  const { page, errors } = await mount(200, { pinnedColumns: ['durationSeconds'] });
  await page.evaluate(() => {
    const w = globalThis as unknown as P;
    const chooser = w.__chooser(() => w.__grid.getState().columns, (hidden) => w.__grid.setHiddenColumns(hidden), (pinned) => w.__grid.setPinnedColumns(pinned), (key, by) => w.__grid.moveColumn(key, by));
    w.document.body.append(chooser.root);
    w.__grid.setHiddenColumns(['trackingType']);
  });
  await page.click('#columns');
  const lines = (): Promise<string[]> => page.locator('.columns-panel [data-column]').evaluateAll((els) => els.map((el) => el.getAttribute('data-column') ?? ''));
  assert.deepEqual((await lines()).slice(0, 3), ['durationSeconds', 'id', 'trackingType'], 'pinned first, a hidden one in its place');
  assert.equal(await page.locator('[aria-label="Move Duration up"]').getAttribute('aria-disabled'), 'true');
  assert.equal(await page.locator('[aria-label="Move Duration down"]').getAttribute('aria-disabled'), 'true', 'the only pinned one');
  assert.equal(await page.locator('[aria-label="Move Id up"]').getAttribute('aria-disabled'), 'true', 'first of the unpinned');
  await page.click('[aria-label="Move Id down"]');
  assert.deepEqual((await lines()).slice(0, 3), ['durationSeconds', 'trackingType', 'id'], 'past the hidden column');
  assert.equal(await page.evaluate(() => (globalThis as unknown as P).document.activeElement?.getAttribute('aria-label')), 'Move Id down', 'the focus stays on the button');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Space');
  assert.deepEqual((await lines()).slice(0, 5), ['durationSeconds', 'trackingType', 'trackableType', 'trackableId', 'id']);
  assert.deepEqual((await headers(page)).slice(0, 4), ['Duration', 'Trackable type', 'Trackable id', 'Id']);
  const order = (await saved(page)).at(-1)!.order.filter((k) => k !== 'durationSeconds');
  assert.deepEqual(order.slice(0, 5), ['trackingType', 'trackableType', 'trackableId', 'id', 'startTime'], 'saved');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => (globalThis as unknown as P).document.activeElement?.getAttribute('aria-label')), 'Move Id up');
  await page.keyboard.press('Enter');
  assert.deepEqual((await headers(page)).slice(0, 4), ['Duration', 'Trackable type', 'Id', 'Trackable id']);
  await closeChecked(page, errors);
});
