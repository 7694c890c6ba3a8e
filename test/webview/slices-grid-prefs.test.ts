/** The slices table's pinned columns and grouping in headless chromium: chosen in the toolbar, saved, and back after a reload. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { packSlices } from '../../src/protocol/packed-slices';
import { reloadReady, savedState, slicesPages, until, type SlicesPage } from './slices-harness';
import { makeRows } from './rows';

const ROWS = makeRows(300, 5);
const { ready } = slicesPages();

async function deliverRows(sp: SlicesPage): Promise<void> {
  await sp.deliver({ type: 'started', runId: 1, filters: {} }, { type: 'page', runId: 1, rows: packSlices(ROWS), page: 1, pagesKnown: 1, rowsSoFar: ROWS.length });
  await sp.deliver({ type: 'done', runId: 1, rows: ROWS.length, cancelled: false });
}

const headers = (sp: SlicesPage) => sp.page.locator('#grid-host [role=columnheader]').allTextContents();

test('pins and grouping are chosen in the toolbar, saved, and come back after a reload', async () => {
  const sp = await ready();
  await deliverRows(sp);
  // Pinning the id, then Duration, puts Duration second.
  await sp.page.click('#columns');
  assert.equal(await sp.page.locator('[data-pin="id"]').getAttribute('aria-pressed'), 'false');
  await sp.page.click('[data-pin="id"]');
  await sp.page.click('[data-pin="durationSeconds"]');
  await until(async () => (await headers(sp))[1]?.startsWith('Duration') === true, 'Duration pinned second');
  assert.equal(await sp.page.locator('[data-pin="durationSeconds"]').getAttribute('aria-pressed'), 'true');
  await until(async () => JSON.stringify((await savedState(sp)).pinned) === '["id","durationSeconds"]', 'pins saved');
  await sp.page.keyboard.press('Escape');

  // Group by tracking type: one header row per type, with its count.
  await sp.page.click('#group-by');
  await sp.page.click('#group-by vscode-option[value="trackingType"]');
  const grid = sp.page.locator('#grid-host [role=treegrid]');
  await grid.waitFor();
  const types = [...new Set(ROWS.map((r) => r.trackingType))];
  const groupRows = sp.page.locator('#grid-host [role=row][aria-level="1"]');
  // A header row per type besides the rows (the column header is the first row).
  const lines = ROWS.length + types.length + 1;
  await until(async () => Number(await grid.getAttribute('aria-rowcount')) === lines, 'a header row per tracking type');
  const first = (await groupRows.first().textContent()) ?? '';
  assert.ok(types.some((type) => first.includes(`${type} (${ROWS.filter((r) => r.trackingType === type).length})`)), first);
  await until(async () => (await savedState(sp)).groupBy === 'trackingType', 'grouping saved');

  await reloadReady(sp);
  await deliverRows(sp);
  await sp.page.locator('#grid-host [role=treegrid]').waitFor();
  await until(async () => Number(await grid.getAttribute('aria-rowcount')) === lines, 'grouped again after the reload');
  assert.ok((await headers(sp))[1]?.startsWith('Duration'), 'pins again after the reload');

  // None: the flat table.
  await sp.page.click('#group-by');
  await sp.page.click('#group-by vscode-option[value=""]');
  await sp.page.locator('#grid-host [role=grid]').waitFor();
  await until(async () => (await savedState(sp)).groupBy === null, 'no grouping saved');
  await sp.close();
});

test('a column moved with Alt+Right and one widened with Alt+Shift+Right are saved, and come back after a reload', async () => {
  const sp = await ready();
  await deliverRows(sp);
  const before = await headers(sp);
  // The header row is the grid's first row: ArrowUp reaches it, Home its first column.
  await sp.page.locator('#grid-host [role=grid]').focus();
  await sp.page.keyboard.press('ArrowUp');
  await sp.page.keyboard.press('Home');
  await sp.page.keyboard.press('ArrowRight');
  await sp.page.keyboard.press('Alt+ArrowRight');
  await until(async () => (await headers(sp))[2] === before[1], 'the second column moved to third');
  await until(async () => ((await savedState(sp)).order as string[] | undefined)?.length === before.length, 'the order saved');
  const moved = sp.page.locator('#grid-host [role=columnheader]').nth(2);
  const width = (await moved.boundingBox())!.width;
  await sp.page.keyboard.press('Alt+Shift+ArrowRight'); // the moved header is still the active one
  await until(async () => Object.keys((await savedState(sp)).widths as object ?? {}).length === 1, 'the width saved');
  await reloadReady(sp);
  await deliverRows(sp);
  await until(async () => (await headers(sp))[2] === before[1], 'the order again after the reload');
  const again = (await sp.page.locator('#grid-host [role=columnheader]').nth(2).boundingBox())!.width;
  assert.ok(again > width, `wider after the reload: ${again} > ${width}`);
  await sp.close();
});
