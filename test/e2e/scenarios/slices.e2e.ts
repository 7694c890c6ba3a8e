import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createDemoData, NORDIC_SUMMIT_EVENT_ID, startDemoServer } from '../../../src/demo';
import { acmeOrganizations, featuredAttendee, openAcmeSummit, openAttendee, openDemoAttendee } from '../steps';
import { keepForReadme } from '../tools';
import { AFTER_RELOAD_MS, withVSCode } from '../workbench';

const data = createDemoData({});
const { summit, attendee: checkedIn, fullName } = featuredAttendee(data);

const durationSeconds = (text: string): number => text.split(':').map(Number).reduce((total, part) => total * 60 + part, 0);

/** Where the grid's first data row is in the webview, and whether the webview scrolled. */
interface FirstRowFit {
  top: number;
  bottom: number;
  viewport: number;
  scrolled: number;
}

// A string, not a function: this file is type-checked without the DOM library.
const FIRST_ROW_FIT = `(() => {
  const row = document.querySelector('[role=row][aria-rowindex="2"]').getBoundingClientRect();
  return { top: row.top, bottom: row.bottom, viewport: window.innerHeight, scrolled: document.scrollingElement.scrollTop };
})()`;

test('an attendee\'s slices: row count as the server holds them, the first rows on the first screen, sort, filter, export CSV and Excel, inspect a row, copy rows; after a window reload the panel comes back and runs again', async (t) => {
  const expected = data.expectedSlices(NORDIC_SUMMIT_EVENT_ID, checkedIn.id, { tracking_type: 'time_spent', start_from: summit.startTime.slice(0, 10) });
  assert.ok(expected.length > 2);
  await withVSCode('slices-table', {}, async (vs) => {
    const frame = await openDemoAttendee(vs, summit.name, fullName);
    await frame.locator('#preset-presence').click();
    await frame.locator('#run').click();
    await frame.locator('#status', { hasText: `${expected.length} rows` }).waitFor();
    await frame.locator('#summary', { hasText: new RegExp(`^${expected.length} slices`) }).waitFor();

    // At 1400×900 the form is compact enough that the table's first row shows without scrolling, timeline open.
    await frame.locator('#timeline-svg').waitFor();
    assert.equal(await frame.locator('#timeline-toggle').getAttribute('aria-expanded'), 'true');
    const fit = (await frame.evaluate(FIRST_ROW_FIT)) as FirstRowFit;
    t.diagnostic(`first row ${fit.top}–${fit.bottom} px of a ${fit.viewport} px webview`);
    assert.equal(fit.scrolled, 0, 'the webview did not scroll');
    assert.ok(fit.top >= 0 && fit.bottom <= fit.viewport, `the first row (${fit.top}–${fit.bottom} px) is inside the ${fit.viewport} px webview`);
    keepForReadme(await vs.screenshot('slices-compact'), 'slices-compact.png');

    const duration = frame.getByRole('columnheader', { name: /Duration/ });
    await duration.click();
    assert.equal(await duration.getAttribute('aria-sort'), 'ascending');
    const column = await duration.getAttribute('aria-colindex');
    // Row elements are reused while scrolling, so read them in aria-rowindex order, not DOM order.
    const shown = (await frame.locator('[role=row][aria-rowindex]').evaluateAll((rows, col) => rows
      .map((row) => [Number(row.getAttribute('aria-rowindex')), row.querySelector(`[role=gridcell][aria-colindex="${col}"]`)?.textContent ?? ''] as const)
      .filter(([, text]) => text !== '')
      .sort((a, b) => a[0] - b[0])
      .map(([, text]) => text), column)).map(durationSeconds);
    assert.ok(shown.length > 2);
    const smallest = Math.min(...expected.map((s) => s.durationSeconds));
    assert.equal(shown[0], smallest);
    assert.deepEqual(shown, [...shown].sort((a, b) => a - b));
    await vs.screenshot('slices-table');

    const oneId = String(expected[0].id);
    await frame.locator('#filter-box').fill(oneId);
    await frame.locator('#summary', { hasText: new RegExp(`^1 of ${expected.length} slices`) }).waitFor();
    await frame.locator('#filter-box').fill('');
    await frame.locator('#summary', { hasText: new RegExp(`^${expected.length} slices`) }).waitFor();

    await frame.locator('#export-csv').click();
    const file = `slices-${NORDIC_SUMMIT_EVENT_ID}-${checkedIn.id}.csv`;
    await vs.acceptInput(new RegExp(`${file}$`));
    await vs.waitForNotification(new RegExp(`Exported ${expected.length} slices`));
    const csv = readFileSync(path.join(vs.server.workspace, file), 'utf8').trimEnd().split('\r\n');
    assert.equal(csv.length, expected.length + 1);
    assert.match(csv[0], /^\uFEFFId,Tracking type,/, 'the file starts with the UTF-8 byte order mark (bytes EF BB BF)');
    assert.ok(csv.slice(1).every((line) => line.includes('time_spent')));

    // The row inspector: Enter on a row shows the slice in full, with the resource the host kept from Brella's page.
    const grid = frame.locator('[role=grid]');
    const firstCell = frame.locator('[role=row][aria-rowindex="2"] [role=gridcell][aria-colindex="1"]');
    const firstId = (await firstCell.textContent())!;
    assert.ok(expected.some((s) => String(s.id) === firstId), `the first cell holds a slice id (${firstId})`);
    await firstCell.click();
    await grid.press('Enter');
    const pane = frame.locator('#slices-inspector');
    await pane.waitFor();
    await pane.locator('[data-section="Raw resource"] code', { hasText: `"id": "${firstId}"` }).waitFor();
    assert.equal(await frame.locator('#slices-inspector-title').textContent(), `Slice ${firstId} · time_spent`);
    await vs.screenshot('slices-inspector');
    await pane.locator('#inspector-copy-row').click();
    const copiedRow = await vs.waitForClipboard((text) => text.startsWith('{') && text.includes(firstId));
    assert.equal(JSON.parse(copiedRow).id, firstId);
    await pane.press('Escape');
    await pane.waitFor({ state: 'hidden' });

    // Three rows (Shift+Down twice), copied with Ctrl+C as tab-separated text under a header row.
    await firstCell.click();
    await grid.press('Shift+ArrowDown');
    await grid.press('Shift+ArrowDown');
    await grid.press('Control+c');
    const tsv = (await vs.waitForClipboard((text) => text.startsWith('Id\t'))).split('\n');
    assert.equal(tsv.length, 4, tsv.join('\n'));
    assert.match(tsv[0], /^Id\tTracking type\t/);
    assert.equal(tsv[1].split('\t')[0], firstId);
    assert.ok(tsv.slice(1).every((line) => line.split('\t')[1] === 'time_spent'));

    // The same rows from Copy ▾ as a Markdown table (the menu open, the rows selected: the README's picture).
    await frame.locator('#copy-rows').click();
    await frame.locator('#copy-rows-menu').waitFor();
    keepForReadme(await vs.screenshot('slices-copy'), 'slices-copy.png');
    await frame.locator('#copy-rows-markdown').click();
    const markdown = (await vs.waitForClipboard((text) => text.startsWith('| Id |'))).split('\n');
    assert.equal(markdown.length, 5, markdown.join('\n'));
    assert.match(markdown[1], /^\| -+ \|/);
    assert.ok(markdown[2].startsWith(`| ${firstId} |`), markdown[2]);

    // Duration pinned beside the id, then the rows grouped by day in the event's zone: a header row per day.
    await frame.locator('#columns').click();
    await frame.locator('[data-pin="id"]').click();
    await frame.locator('[data-pin="durationSeconds"]').click();
    await frame.locator('[data-pin="durationSeconds"]').press('Escape');
    await frame.locator('[role=columnheader]').nth(1).filter({ hasText: /^Duration/ }).waitFor();
    await frame.locator('#group-by').click();
    await frame.locator('#group-by vscode-option[value="startTime"]').click();
    const treegrid = frame.locator('[role=treegrid]');
    await treegrid.waitFor();
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: summit.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    const days = new Set(expected.map((slice) => day.format(new Date(slice.startTime)))).size;
    await frame.locator(`[role=treegrid][aria-rowcount="${expected.length + days + 1}"]`).waitFor();
    // With a number column pinned second, the label takes the whole row and says the sums itself.
    assert.match((await frame.locator('[role=row][aria-level="1"] [role=gridcell]:not([hidden])').first().textContent()) ?? '', /\(\d+\) · Duration \d/, 'a group header counts its rows and sums their durations');
    keepForReadme(await vs.screenshot('slices-grouped'), 'slices-grouped.png');
    await frame.locator('#group-by').click();
    await frame.locator('#group-by vscode-option[value=""]').click();
    await frame.locator('[role=grid]').waitFor();

    // Excel: typed cells, and the query without the key on a second sheet.
    await frame.locator('#export-xlsx').click();
    const book = `slices-${NORDIC_SUMMIT_EVENT_ID}-${checkedIn.id}.xlsx`;
    await vs.acceptInput(new RegExp(`${book.replace('.', '\\.')}$`));
    await vs.waitForNotification(new RegExp(`Exported ${expected.length} slices to ${book.replace('.', '\\.')}`));
    keepForReadme(await vs.screenshot('slices-excel'), 'slices-excel.png');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(vs.server.workspace, book));
    const sheet = workbook.worksheets[0]!;
    assert.equal(sheet.rowCount, expected.length + 1);
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    const col = (label: RegExp) => header.findIndex((h) => label.test(h)) + 1;
    assert.equal(sheet.getRow(2).getCell(col(/^Id$/)).value, firstId, 'ids stay text');
    assert.equal(typeof sheet.getRow(2).getCell(col(/^Duration/)).value, 'number', 'durations are numbers');
    assert.ok(sheet.getRow(2).getCell(col(/^Start/)).value instanceof Date, 'times are Excel dates');
    const query = workbook.getWorksheet('Query')!;
    const queryText = JSON.stringify(query.getSheetValues());
    assert.match(queryText, /tracking_session_slices/);
    assert.doesNotMatch(queryText, /demo_[0-9a-f]{8,}/, 'no key in the workbook');

    // After a window reload the panel comes back with its attendee and its form, and runs again.
    await vs.runCommand('Developer: Reload Window');
    await vs.page.waitForEvent('load');
    await vs.ready();
    await vs.page.getByRole('tab', { name: new RegExp(`Slices · ${fullName}`) }).waitFor();
    const restored = await vs.webviewFrame('[data-field="start_from"] input', AFTER_RELOAD_MS);
    assert.equal(await restored.locator('[data-field="start_from"] input').inputValue(), `${summit.startTime.slice(0, 10)}T00:00:00.000Z`);
    // The demo organization is not in settings: the restored panel of a demo attendee opens it again.
    await vs.openActivity('Brella');
    await vs.treeItem(/^Demo Organization/).waitFor();
    await restored.locator('#run').click();
    await restored.locator('#status', { hasText: `Done · ${expected.length} rows` }).waitFor();
  });
});

test('a bad date shows an inline error and the local Brella receives no request; fixed, it copies as cURL without the key', async () => {
  // A local Brella of the test's own, so the test reads its request log (the demo organization's key stays inside VS Code).
  const brella = await startDemoServer({ rateLimit: false });
  const { origin } = brella;
  const organizations = acmeOrganizations(brella.organizationId, { attendees: [{ id: checkedIn.id, name: fullName }] });
  try {
    // In UTC, a date typed without a time is midnight UTC (Event time would make it midnight in Helsinki).
    await withVSCode('slices-bad-date', { userSettings: { 'brella.organizations': organizations, 'brella.timeZone': 'utc' }, machineSettings: { 'brella.apiBaseUrl': brella.baseUrl } }, async (vs) => {
      await openAcmeSummit(vs, brella.apiKey);
      const frame = await openAttendee(vs, fullName);
      // The panel reads the event's time zone from Brella once when it opens; count requests after that.
      await frame.locator('vscode-option[value="event"]', { hasText: 'Event time (Europe/Helsinki)' }).waitFor({ state: 'attached' });
      const before = brella.requests.count;
      const field = frame.locator('[data-field="start_from"] input');
      await field.fill('2023-13-45');
      await field.press('Enter');
      const error = frame.locator('[data-error-for="start_from"]');
      await error.filter({ hasText: /start_from/ }).waitFor();
      assert.match(await error.innerText(), /2023-13-45/);
      await vs.page.waitForTimeout(500);
      assert.equal(brella.requests.count, before);

      // Fixed, the same form copies as cURL: the exact request, with the key as $BRELLA_API_KEY.
      await field.fill('2023-05-10');
      await frame.locator('#copy-as').click();
      await frame.locator('#copy-curl').click();
      await frame.locator('#notice-text', { hasText: /Copied the request as cURL/ }).waitFor();
      const curl = await vs.clipboard();
      assert.match(curl, new RegExp(`^curl .*${origin}/api/integration/organizations/1001/events/${NORDIC_SUMMIT_EVENT_ID}/attendees/${checkedIn.id}/tracking_session_slices\\?start_from=2023-05-10T00%3A00%3A00\\.000Z`));
      assert.match(curl, /Brella-API-Access-Token: '"\$BRELLA_API_KEY"/);
      assert.doesNotMatch(curl, /demo_[0-9a-f]{8,}/, 'the key is not in the copied command');
      assert.ok(!curl.includes(brella.apiKey));
    });
  } finally {
    await brella.close();
  }
});

test('a wrong key shows the 403 state with "Set API Key"', async () => {
  const brella = await startDemoServer({ rateLimit: false });
  const organizations = acmeOrganizations(brella.organizationId, { attendees: [{ id: checkedIn.id, name: fullName }] });
  try {
    await withVSCode('slices-403', { userSettings: { 'brella.organizations': organizations }, machineSettings: { 'brella.apiBaseUrl': brella.baseUrl } }, async (vs) => {
      await openAcmeSummit(vs, 'not-the-right-key', /refused the API key/);
      const frame = await openAttendee(vs, fullName);
      await frame.locator('#run').click();
      await frame.locator('#error-message', { hasText: /Brella refused the API key for organization 1001/ }).waitFor();
      assert.match(await frame.locator('#error-status').innerText(), /403/);
      await frame.locator('#error-setApiKey').click();
      await vs.page.locator('.quick-input-widget:visible input[type=password]').waitFor();
    });
  } finally {
    await brella.close();
  }
});
