/** The panels' keyboard shortcuts in headless chromium: answered by the page, named in the tooltips, and sent by the host. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { packSlices } from '../../src/protocol/packed-slices';
import { slicesPages, until } from './slices-harness';
import { makeRows } from './rows';

const { ready } = slicesPages();
const ROWS = makeRows(20, 9);

test('Ctrl+Enter runs, Ctrl+F focuses the filter, Ctrl+Shift+C copies as cURL, even from the table; the tooltips say so', async () => {
  const sp = await ready();
  await sp.deliver({ type: 'started', runId: 1, filters: {} }, { type: 'page', runId: 1, rows: packSlices(ROWS), page: 1, pagesKnown: 1, rowsSoFar: ROWS.length });
  await sp.deliver({ type: 'done', runId: 1, rows: ROWS.length, cancelled: false });
  assert.match((await sp.page.getAttribute('#run', 'title')) ?? '', /\(Ctrl\+Enter\)$/);
  assert.match((await sp.page.getAttribute('#filter-box', 'title')) ?? '', /\(Ctrl\+F\)$/);

  await sp.page.locator('[role=grid]').focus();
  await sp.page.keyboard.press('Control+f');
  await until(() => sp.page.evaluate('document.activeElement?.id === "filter-box"'), 'the filter box has the focus');

  await sp.page.locator('[role=grid]').focus();
  await sp.page.keyboard.press('Control+Shift+C');
  await until(async () => (await sp.sent('copyAs')).length === 1, 'copy as cURL asked');
  assert.equal((await sp.sent('copyAs'))[0]!.format, 'curl');
  assert.deepEqual(await sp.sent('copy'), [], 'the table did not copy rows');

  const runsBefore = (await sp.sent('run')).length;
  await sp.page.keyboard.press('Control+Enter');
  await until(async () => (await sp.sent('run')).length === runsBefore + 1, 'run asked');

  // The host sends the same when the panel had the focus outside its page.
  await sp.deliver({ type: 'shortcut', shortcut: 'copyCurl' });
  await until(async () => (await sp.sent('copyAs')).length === 2, 'copy as cURL from the host');
  await sp.page.locator('[role=grid]').focus();
  await sp.deliver({ type: 'shortcut', shortcut: 'focusFilter' });
  await until(() => sp.page.evaluate('document.activeElement?.id === "filter-box"'), 'focus from the host');
  await sp.close();
});
