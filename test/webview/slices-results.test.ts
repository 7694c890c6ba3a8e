/** The slices webview's results in headless chromium: progress, cancel, empty and error states, toolbar. */
import { packSlices } from '../../src/protocol/packed-slices';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TrackingSessionSlice } from '../../src/model/types';
import { initMessage, showMoreFilters, slicesPages, TARGET, until, type SlicesPage } from './slices-harness';
import { makeRows } from './rows';

const ROWS = makeRows(1000, 7);
const { ready } = slicesPages();

const rowCount = (sp: SlicesPage) => sp.page.locator('[role=grid]').getAttribute('aria-rowcount').then((n) => Number(n) - 1);
const page = (rows: TrackingSessionSlice[], n: number, pagesKnown: number | undefined, rowsSoFar: number) =>
  ({ type: 'page', runId: 1, rows: packSlices(rows), page: n, pagesKnown, rowsSoFar }) as const;

/** A run of ROWS in two pages, done. */
async function loaded(): Promise<SlicesPage> {
  const sp = await ready();
  await sp.deliver({ type: 'started', runId: 1, filters: {} }, page(ROWS.slice(0, 500), 1, 2, 500), page(ROWS.slice(500), 2, 2, 1000));
  await sp.deliver({ type: 'done', runId: 1, rows: 1000, cancelled: false });
  return sp;
}

test('pages update the progress text and the grid; done shows the summary', async () => {
  const sp = await ready();
  await sp.page.click('#run');
  await sp.deliver({ type: 'started', runId: 1, filters: {} });
  assert.equal(await sp.page.locator('#progress-ring').isVisible(), true);
  await sp.deliver(page(ROWS.slice(0, 500), 1, 240, 500));
  assert.equal(await sp.text('#status'), 'page 1 of 240 · 500 rows');
  assert.equal(await rowCount(sp), 500);
  await sp.deliver(page(ROWS.slice(500, 1000), 2, undefined, 6000));
  assert.equal(await sp.text('#status'), 'page 2 · 6 000 rows');
  assert.equal(await rowCount(sp), 1000);
  assert.match(await sp.text('#summary'), /^1 000 slices · \d+:\d\d:\d\d total · /);
  await sp.deliver({ type: 'done', runId: 1, rows: 1000, cancelled: false });
  assert.equal(await sp.text('#status'), 'Done · 1 000 rows');
  assert.equal(await sp.page.locator('#progress-ring').isVisible(), false);
  assert.equal(await sp.page.locator('#empty').isVisible(), false);
  // Messages of an older run are ignored.
  await sp.deliver({ ...page(ROWS.slice(0, 10), 3, 3, 10), runId: 0 });
  assert.equal(await rowCount(sp), 1000);
  await sp.close();
});

test('pages sent with the host\'s send time record post-to-paint times for the first and the last page', async () => {
  const sp = await ready();
  const sentAt = Date.now() - 40;
  await sp.deliver({ type: 'started', runId: 1, filters: {} }, { ...page(ROWS.slice(0, 500), 1, 2, 500), sentAt });
  const first = Number(await until(() => sp.page.locator('body').getAttribute('data-first-page-ms'), 'first page recorded'));
  await sp.deliver({ ...page(ROWS.slice(500), 2, 2, 1000), sentAt });
  await until(async () => (await rowCount(sp)) === 1000, 'all rows');
  const last = Number(await until(async () => {
    const ms = await sp.page.locator('body').getAttribute('data-last-page-ms');
    return ms !== null && Number(ms) >= first && Number(await sp.page.locator('body').getAttribute('data-first-page-ms')) === first ? ms : null;
  }, 'last page recorded'));
  assert.ok(first >= 40, `first page ${first} ms`);
  assert.ok(last >= first);
  await sp.close();
});

test('Cancel posts cancel and keeps the rows that came', async () => {
  const sp = await ready();
  await sp.page.click('#run');
  await sp.deliver({ type: 'started', runId: 1, filters: {} }, page(ROWS.slice(0, 500), 1, 4, 500));
  await sp.page.click('#cancel');
  assert.equal((await sp.sent('cancel')).length, 1);
  await sp.deliver({ type: 'done', runId: 1, rows: 500, cancelled: true });
  assert.equal(await sp.text('#status'), 'Cancelled · 500 rows kept');
  assert.equal(await rowCount(sp), 500);
  assert.equal(await sp.page.locator('#cancel').isVisible(), false);
  assert.equal(await sp.page.locator('#run').evaluate((el) => (el as unknown as { disabled: boolean }).disabled), false);
  await sp.close();
});

test('no rows for a presence check says what it means; other empty runs do not', async () => {
  const sp = await ready();
  await sp.deliver({ type: 'started', runId: 1, filters: { tracking_type: ['time_spent'], start_from: '2023-05-10T00:00:00.000Z' } });
  await sp.deliver({ type: 'done', runId: 1, rows: 0, cancelled: false });
  assert.equal(await sp.text('#empty .empty-title'), 'No slices match these filters.');
  assert.equal(await sp.text('#empty-detail'), 'No check-in since 10 May 2023 00:00 UTC: Ada Lovelace has not used the event app since then.');
  await sp.deliver({ type: 'started', runId: 2, filters: { tracking_type: 'time_spent,sponsor', start_from: '2023-05-10' } });
  assert.equal(await sp.page.locator('#empty').isVisible(), false);
  await sp.deliver({ type: 'done', runId: 2, rows: 0, cancelled: false });
  assert.equal(await sp.page.locator('#empty').isVisible(), true);
  assert.equal(await sp.page.locator('#empty-detail').isVisible(), false);
  await sp.close();
});

test('failed: message, HTTP status and action buttons that post commands or retry', async () => {
  const sp = await ready();
  await showMoreFilters(sp);
  await sp.page.fill('[data-field="trackable_type"] input', 'Sponsor');
  await sp.page.click('#run');
  await sp.deliver({ type: 'started', runId: 1, filters: { trackable_type: 'Sponsor' } });
  await sp.deliver({ type: 'failed', runId: 1, message: 'Brella refused the API key for organization 1.', status: 403, actions: ['setApiKey', 'retry', 'showLog'] });
  assert.equal(await sp.text('#error-message'), 'Brella refused the API key for organization 1.');
  assert.equal(await sp.text('#error-status'), 'HTTP 403');
  await sp.page.click('#error-setApiKey');
  await sp.page.click('#error-showLog');
  assert.deepEqual(await sp.sent('command'), [{ type: 'command', command: 'setApiKey' }, { type: 'command', command: 'showLog' }]);
  await sp.page.click('#error-retry');
  const runs = await sp.sent('run');
  assert.equal(runs.length, 2);
  assert.deepEqual(runs[1]!.filters, { trackable_type: 'Sponsor' });
  assert.equal(await sp.page.locator('#error').isVisible(), false);
  await sp.close();
});

test('export posts CSV of the visible columns and JSON of the filtered rows', async () => {
  const sp = await loaded();
  await sp.page.click('#columns');
  await sp.page.click('#columns-panel [data-column="trackingSessionId"]');
  await until(async () => (await sp.page.locator('[role=columnheader]').allTextContents()).every((t) => t !== 'Session id'), 'column hidden');
  await sp.page.keyboard.press('Escape');
  const headers = await sp.page.locator('[role=columnheader]').allTextContents();
  await sp.page.click('#export-csv');
  const [csv] = await until(async () => sp.sent('export'), 'export');
  assert.equal(csv!.format, 'csv');
  assert.equal(csv!.rows, 1000);
  assert.ok(csv!.text.startsWith('\uFEFF'), 'CSV starts with the UTF-8 byte order mark');
  const lines = csv!.text.slice(1).split('\r\n');
  // Time headers name the zone the times are written in (UTC here).
  assert.deepEqual(lines[0]!.split(','), headers.map((h) => (h === 'Duration' ? 'Duration (s)' : ['Start', 'End', 'Click time'].includes(h) ? `${h} (UTC)` : h)));
  assert.equal(lines.length, 1000 + 2);
  // No Enter and no wait: an export right after typing exports what the filter box says.
  await sp.page.fill('#filter-box', 'streamlink');
  await sp.page.click('#export-json');
  const json = (await until(async () => ((await sp.sent('export')).length > 1 ? sp.sent('export') : undefined), 'second export'))[1]!;
  const rows = JSON.parse(json.text) as TrackingSessionSlice[];
  assert.equal(json.format, 'json');
  assert.equal(rows.length, ROWS.filter((r) => r.trackingType === 'streamlink').length);
  assert.equal(json.rows, rows.length);
  await sp.close();
});

test('the filter box narrows the summary count', async () => {
  const sp = await loaded();
  assert.match(await sp.text('#summary'), /^1 000 slices/);
  await sp.page.fill('#filter-box', 'streamlink');
  const expected = ROWS.filter((r) => r.trackingType === 'streamlink').length;
  await until(async () => (await sp.text('#summary')).startsWith(`${expected} of 1 000 slices`), 'filtered summary');
  // The time span comes with the timeline's drawing, a moment later.
  await until(async () => / → /.test(await sp.text('#summary')), 'summary with the time span');
  assert.match(await sp.text('#summary'), /· streamlink \d+ \(\d+:\d\d:\d\d\) · 2023-\d\d-\d\d \d\d:\d\d:\d\d → 2023-\d\d-\d\d \d\d:\d\d:\d\d · times in UTC$/);
  await sp.close();
});

test('time zone switch, copy from the grid, open raw, run again, notices', async () => {
  const sp = await loaded();
  await sp.page.click('#time-zone');
  await sp.page.click('vscode-option[value="local"]');
  await until(async () => (await sp.sent('timeZone')).length === 1, 'timeZone');
  assert.deepEqual(await sp.sent('timeZone'), [{ type: 'timeZone', timeZone: 'local' }]);
  assert.doesNotMatch(await sp.text('[role=gridcell][aria-colindex="5"]'), /UTC$/);
  await sp.deliver({ type: 'timeZone', timeZone: 'utc' });
  assert.match(await sp.text('[role=gridcell][aria-colindex="5"]'), / UTC$/);
  assert.equal((await sp.sent('timeZone')).length, 1, 'a host change is not echoed');

  await sp.page.focus('[role=grid]');
  await sp.page.keyboard.press('Control+c');
  const [copy] = await until(async () => sp.sent('copy'), 'copy');
  assert.equal(copy!.text, ROWS[0]!.id);

  await sp.page.click('#open-raw');
  await sp.page.click('#run-again');
  assert.deepEqual(await sp.sent('openRaw'), [{ type: 'openRaw' }]);
  assert.deepEqual((await sp.sent('run')).map((r) => r.filters), [{}]);

  await sp.deliver({ type: 'notice', text: 'Brella asked to slow down.' });
  assert.equal(await sp.text('#notice-text'), 'Brella asked to slow down.');
  await sp.page.click('#notice-dismiss');
  assert.equal(await sp.page.locator('#notice').isVisible(), false);
  await sp.close();
});

test('form, filter text, sort, hidden columns, time zone and the panel target are saved with setState and restored on reload', async () => {
  const sp = await loaded();
  await sp.page.click('#preset-presence');
  await sp.page.fill('#filter-box', 'sponsor');
  await sp.page.press('#filter-box', 'Enter');
  await sp.page.click('[role=columnheader]:has-text("Duration")');
  await sp.page.click('#columns');
  await sp.page.click('#columns-panel [data-column="trackableId"]');
  await sp.page.click('#time-zone');
  await sp.page.click('vscode-option[value="local"]');
  const saved = JSON.parse(await sp.page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(k: string): string } }).sessionStorage.getItem('vscode-state')));
  assert.deepEqual(saved, {
    form: { tracking_type: ['time_spent'], start_from: '2023-05-10T00:00:00.000Z', start_to: '', end_from: '', end_to: '', trackable_type: '', duration: '', click_time: '', start_time: '', end_time: '' },
    filter: 'sponsor',
    sort: { key: 'durationSeconds', dir: 'asc' },
    hidden: ['trackableId'],
    timeZone: 'local',
    target: TARGET, // read back by the host's panel serializer after a window reload
  });

  await sp.page.reload();
  await until(async () => (await sp.sent('ready')).length === 1, 'ready after reload');
  await sp.deliver(initMessage({ timeZone: 'local' }));
  await sp.page.locator('[data-field="start_from"] input').waitFor();
  assert.equal(await sp.page.inputValue('[data-field="start_from"] input'), '2023-05-10T00:00:00.000Z');
  assert.equal(await sp.page.locator('vscode-checkbox[data-type="time_spent"]').evaluate((el) => (el as unknown as { checked: boolean }).checked), true);
  assert.equal(await sp.page.inputValue('#filter-box'), 'sponsor');
  const headers = await sp.page.locator('[role=columnheader]').allTextContents();
  assert.ok(!headers.includes('Trackable id') && headers.includes('Trackable type'), headers.join('|'));
  assert.equal(await sp.page.locator('[role=columnheader]:has-text("Duration")').getAttribute('aria-sort'), 'ascending');
  assert.equal(await rowCount(sp), 0, 'rows are not part of the state');
  await sp.deliver({ type: 'started', runId: 1, filters: {} }, page(ROWS.slice(0, 500), 1, 1, 500));
  const filtered = ROWS.slice(0, 500).filter((r) => /sponsor/i.test(`${r.trackingType} ${r.trackableType}`)).length;
  // The restored filter runs in steps between frames: the count is read once it is done (aria-busy gone).
  await sp.page.locator('[role=grid]:not([aria-busy="true"])').waitFor();
  assert.equal(await rowCount(sp), filtered);
  await sp.close();
});
