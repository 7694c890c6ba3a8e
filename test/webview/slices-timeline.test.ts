/**
 * The slices webview's time zones, timeline, Sessions tab, saved queries and recent runs in headless chromium.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TrackingSession, TrackingSessionSlice } from '../../src/model/types';
import { packSlices } from '../../src/protocol/packed-slices';
import { initMessage, reloadReady, savedState, slicesPages, TARGET, until, type SlicesPage } from './slices-harness';

const HEL = { ...TARGET, timeZone: 'Europe/Helsinki' };
const { open, ready } = slicesPages();

function slice(id: string, type: string, start: string, end: string | null): TrackingSessionSlice {
  const seconds = end === null ? 60 : (Date.parse(end) - Date.parse(start)) / 1000;
  return { id, trackingType: type, trackableType: null, trackableId: null, startTime: start, endTime: end, clickTime: null, durationSeconds: seconds, trackingSessionId: null, extra: {} };
}

const ROWS = [
  slice('s1', 'time_spent', '2023-05-10T07:00:00.000Z', '2023-05-10T08:00:00.000Z'),
  slice('s2', 'streamlink', '2023-05-10T12:00:00.000Z', '2023-05-10T13:30:00.000Z'),
  slice('s3', 'sponsor', '2023-05-10T14:00:00.000Z', '2023-05-10T14:20:00.000Z'),
  // 23:30 UTC is already 11 May in Helsinki.
  slice('s4', 'time_spent', '2023-05-10T23:30:00.000Z', '2023-05-10T23:50:00.000Z'),
];

async function loaded(over: Parameters<typeof initMessage>[0] = {}, rows = ROWS): Promise<SlicesPage> {
  const sp = await open();
  await until(async () => (await sp.sent('ready')).length === 1, 'ready');
  await sp.deliver(initMessage(over));
  await sp.page.locator('[data-field="start_from"] input').waitFor();
  await sp.deliver({ type: 'started', runId: 1, filters: {} }, { type: 'page', runId: 1, rows: packSlices(rows), page: 1, pagesKnown: 1, rowsSoFar: rows.length });
  await sp.deliver({ type: 'done', runId: 1, rows: rows.length, cancelled: false });
  await sp.page.locator('#timeline').waitFor();
  return sp;
}

/** The text of the Start cell of the row whose id cell says `id`. */
const startOf = (sp: SlicesPage, id: string) =>
  sp.page.locator(`[role=row]:has([role=gridcell][aria-colindex="1"]:text-is("${id}")) [role=gridcell][aria-colindex="5"]`).textContent();
const activeId = (sp: SlicesPage) =>
  sp.page.evaluate(() => {
    const d = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null; parentElement: { querySelector(s: string): { textContent: string | null } | null } | null } | null } }).document;
    return d.querySelector('.bt-active-row [aria-colindex="1"]')?.textContent ?? null;
  });
const dayHeaders = (sp: SlicesPage) => sp.page.locator('#timeline-totals tbody th').allTextContents();

test('switching to Event time shows event-local times in the table, timeline, summary and exports', async () => {
  const sp = await loaded({ target: HEL, timeZone: 'utc' });
  assert.equal(await startOf(sp, 's1'), '2023-05-10 07:00:00 UTC');
  assert.deepEqual(await dayHeaders(sp), ['Wed 10 May 2023']);
  await sp.page.click('#time-zone');
  await sp.page.click('vscode-option[value="event"]');
  await until(async () => (await startOf(sp, 's1')) === '2023-05-10 10:00:00', 'Helsinki time in the table');
  assert.deepEqual(await sp.sent('timeZone'), [{ type: 'timeZone', timeZone: 'event' }]);
  assert.equal(await sp.page.locator('vscode-option[value="event"]').textContent(), 'Event time (Europe/Helsinki)');
  await until(async () => (await dayHeaders(sp)).length === 2, 'a lane for 11 May in Helsinki');
  assert.deepEqual(await dayHeaders(sp), ['Wed 10 May 2023', 'Thu 11 May 2023']);
  await until(async () => (await sp.text('#summary')).endsWith('· 2023-05-10 10:00:00 → 2023-05-11 02:50:00 · times in Event time (Europe/Helsinki)'), 'summary in Helsinki time');
  assert.equal(await sp.text('#zone-note'), 'A date alone means 00:00 Event time (Europe/Helsinki).');
  await sp.page.click('#export-csv');
  const [csv] = await until(async () => sp.sent('export'), 'export');
  const [header, first] = csv!.text.slice(1).split('\r\n');
  assert.match(header!, /,Start \(Europe\/Helsinki\),End \(Europe\/Helsinki\),/);
  assert.match(first!, /^s1,time_spent,,,2023-05-10T10:00:00\.000\+03:00,2023-05-10T11:00:00\.000\+03:00,3600,/);
  // The host may change the setting too (Settings UI): the table follows without echoing it back.
  await sp.deliver({ type: 'timeZone', timeZone: 'utc' });
  assert.equal(await startOf(sp, 's1'), '2023-05-10 07:00:00 UTC');
  assert.equal((await sp.sent('timeZone')).length, 1);
  await sp.close();
});

test('Event time waits for the event\'s zone: local time meanwhile, then the zone the host reads from Brella', async () => {
  const sp = await loaded({ timeZone: 'event' });
  assert.equal(await sp.page.locator('vscode-option[value="event"]').textContent(), 'Event time (unknown)');
  assert.match((await sp.page.locator('vscode-option[value="local"]').textContent()) ?? '', /^Local time \(.+\)$/, 'Local names this computer\'s zone');
  assert.equal(await startOf(sp, 's1'), '2023-05-10 07:00:00', 'local time (UTC on this machine), without a suffix');
  await sp.deliver({ type: 'eventZone', timeZone: 'Europe/Helsinki' });
  await until(async () => (await startOf(sp, 's1')) === '2023-05-10 10:00:00', 'Helsinki time');
  assert.equal(await sp.page.locator('vscode-option[value="event"]').textContent(), 'Event time (Europe/Helsinki)');
  const state = JSON.parse(await sp.page.evaluate(() => (globalThis as unknown as { sessionStorage: { getItem(k: string): string } }).sessionStorage.getItem('vscode-state'))) as { target: { timeZone?: string } };
  assert.equal(state.target.timeZone, 'Europe/Helsinki', 'kept for the panel after a reload');
  // After a reload the host's target may come without the zone (it reads it again): the known one is kept meanwhile.
  await sp.page.reload();
  await until(async () => (await sp.sent('ready')).length === 1, 'ready after reload');
  await sp.deliver(initMessage({ timeZone: 'event' }));
  await sp.deliver({ type: 'started', runId: 1, filters: {} }, { type: 'page', runId: 1, rows: packSlices(ROWS), page: 1, pagesKnown: 1, rowsSoFar: ROWS.length });
  assert.equal(await startOf(sp, 's1'), '2023-05-10 10:00:00');
  await sp.close();
});

/** Centre of the first bar drawn in a kind's path ("M{x} {y}h{w}v{h}…"), in page coordinates. */
async function barCentre(sp: SlicesPage, kind: string): Promise<{ x: number; y: number }> {
  const d = await sp.page.locator(`.tl-${kind}`).getAttribute('d');
  const m = /^M([\d.]+) ([\d.]+)h([\d.]+)v([\d.]+)/.exec(d ?? '');
  assert.ok(m, `a ${kind} bar in ${d}`);
  const box = (await sp.page.locator('#timeline-svg').boundingBox())!;
  return { x: box.x + Number(m[1]) + Number(m[3]) / 2, y: box.y + Number(m[2]) + Number(m[4]) / 2 };
}

test('the timeline: a lane per day, clicking a bar selects its row, selecting a row outlines its bar, it follows the filter', async () => {
  const sp = await loaded({ target: HEL, timeZone: 'event' });
  assert.deepEqual(await dayHeaders(sp), ['Wed 10 May 2023', 'Thu 11 May 2023']);
  // The first drawing (the timeline was hidden until then) spans the width there is.
  const svgWidth = (await sp.page.locator('#timeline-svg').boundingBox())!.width;
  const width = (await sp.page.locator('#timeline').boundingBox())!.width;
  assert.ok(svgWidth > width - 30 && svgWidth <= width, `${svgWidth} of ${width} px`);
  assert.match(await sp.page.locator('#timeline-svg').getAttribute('aria-label') ?? '', /^Timeline of 4 slices over 2 days in Event time \(Europe\/Helsinki\)/);
  const totals = await sp.page.locator('#timeline-totals tbody tr').first().locator('td').allTextContents();
  assert.deepEqual(totals, ['1:00:00 (1 slice)', '1:30:00 (1 slice)', '0:20:00 (1 slice)', '—']);

  const stream = await barCentre(sp, 'stream');
  await sp.page.mouse.move(stream.x, stream.y);
  await until(async () => (await sp.text('#timeline-tip')).startsWith('streamlink (stream) · 2023-05-10 15:00:00 → 16:30:00 · 1:30:00'), 'hover tells times and duration');
  await sp.page.mouse.click(stream.x, stream.y);
  await until(async () => (await activeId(sp)) === 's2', 'the clicked bar\'s row is selected');
  assert.equal(await sp.page.locator('.tl-selected').getAttribute('visibility'), 'visible');

  // Selecting a row in the table outlines its bar.
  await sp.page.click('[role=gridcell][aria-colindex="1"]:text-is("s3")');
  const sponsor = await barCentre(sp, 'sponsor');
  await until(async () => {
    const box = (await sp.page.locator('.tl-selected').boundingBox())!;
    return Math.abs(box.x + box.width / 2 - sponsor.x) < 2 && Math.abs(box.y + box.height / 2 - sponsor.y) < 3;
  }, 'the sponsor bar is outlined');

  // Keyboard: focus tells the bar, arrows move, Enter selects.
  await sp.page.focus('#timeline-svg');
  await until(async () => (await sp.text('#timeline-tip')).startsWith('sponsor (sponsor)'), 'focus starts at the selected bar');
  await sp.page.keyboard.press('Home');
  assert.match(await sp.text('#timeline-tip'), /^time_spent \(app\) · 2023-05-10 10:00:00 → 11:00:00 · 1:00:00/);
  await sp.page.keyboard.press('ArrowDown');
  assert.match(await sp.text('#timeline-tip'), /^time_spent \(app\) · 2023-05-11 02:30:00 → 02:50:00 · 0:20:00/);
  await sp.page.keyboard.press('Enter');
  await until(async () => (await activeId(sp)) === 's4', 'Enter selects the row');

  // The filter box narrows the timeline too.
  await sp.page.fill('#filter-box', 'streamlink');
  await sp.page.press('#filter-box', 'Enter');
  await until(async () => (await dayHeaders(sp)).length === 1, 'one day left');
  assert.equal(await sp.page.locator('.tl-app').getAttribute('d'), '');
  assert.deepEqual(await sp.page.locator('.tl-legend .tl-key').allTextContents(), ['stream (streamlink)']);
  await sp.close();
});

test('the timeline collapses and opens with its heading\'s button, and stays as it was left after a reload', async () => {
  const sp = await loaded({ timeZone: 'utc' });
  const toggle = sp.page.locator('#timeline-toggle');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.equal(await toggle.getAttribute('aria-controls'), 'timeline-body');
  assert.equal(await sp.page.locator('h2 #timeline-toggle').textContent(), 'Timeline');
  assert.equal(await sp.page.locator('#timeline-svg').isVisible(), true);
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await sp.page.locator('#timeline-body').isVisible(), false);
  assert.equal(await toggle.isVisible(), true, 'the heading stays to open it again');
  await until(async () => (await savedState(sp)).timelineOpen === false, 'collapsed saved');

  // After a reload it comes back collapsed, drawn meanwhile; the keyboard opens it at the width there is.
  await reloadReady(sp, initMessage({ timeZone: 'utc' }));
  await sp.deliver({ type: 'started', runId: 1, filters: {} }, { type: 'page', runId: 1, rows: packSlices(ROWS), page: 1, pagesKnown: 1, rowsSoFar: ROWS.length });
  await sp.deliver({ type: 'done', runId: 1, rows: ROWS.length, cancelled: false });
  await until(async () => (await dayHeaders(sp)).length === 1, 'drawn while collapsed');
  assert.equal(await toggle.isVisible(), true);
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await sp.page.locator('#timeline-svg').isVisible(), false);
  await toggle.focus();
  await sp.page.keyboard.press('Enter');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  assert.equal(await sp.page.locator('#timeline-svg').isVisible(), true);
  const svgWidth = (await sp.page.locator('#timeline-svg').boundingBox())!.width;
  const width = (await sp.page.locator('#timeline').boundingBox())!.width;
  assert.ok(svgWidth > width - 30 && svgWidth <= width, `${svgWidth} of ${width} px`);
  await until(async () => (await savedState(sp)).timelineOpen === true, 'open saved');
  await sp.close();
});

test('many slices in one pixel become one bar that says how many', async () => {
  const many = Array.from({ length: 2000 }, (_, i) => slice(`m${i}`, 'time_spent', new Date(Date.parse('2023-05-10T09:00:00.000Z') + i * 10).toISOString(), new Date(Date.parse('2023-05-10T09:00:00.000Z') + i * 10 + 5).toISOString()));
  const sp = await loaded({ timeZone: 'utc' }, many);
  assert.equal(await sp.page.evaluate(() => (globalThis as unknown as { document: { body: { dataset: Record<string, string> } } }).document.body.dataset.timelineBars), '1');
  const bar = await barCentre(sp, 'app');
  await sp.page.mouse.click(bar.x, bar.y);
  await until(async () => (await activeId(sp)) === 'm0', 'the earliest slice of the bar is selected');
  assert.match(await sp.text('#timeline-tip'), /^2000 app \(time_spent\) slices in this pixel · 2023-05-10 09:00:00 UTC → 09:00:19 UTC · 0:00:10 in total · UTC; selecting picks the earliest$/);
  await sp.close();
});

const SESSIONS: TrackingSession[] = [
  { id: '9001', durationSeconds: 3329, interactionCount: 14, trackableType: 'StreamLink', trackableId: '9101', trackableName: 'Keynote <b>stage</b>', sliceIds: ['1', '2'], extra: {} },
  { id: '9002', durationSeconds: 120, interactionCount: 3, trackableType: 'Sponsor', trackableId: '7201', trackableName: null, sliceIds: [], extra: {} },
];

test('the Sessions tab loads the attendee\'s tracking sessions into the same table, and says when it fails', async () => {
  const sp = await ready();
  await sp.page.click('#tab-sessions');
  assert.equal(await sp.page.locator('#tab-sessions').getAttribute('aria-selected'), 'true');
  assert.equal(await sp.page.locator('#panel-slices').isVisible(), false);
  await until(async () => (await sp.sent('loadSessions')).length === 1, 'loadSessions');
  await sp.deliver({ type: 'sessionsLoading' }, { type: 'sessions', sessions: SESSIONS, complete: false }, { type: 'sessions', sessions: [], complete: true });
  const grid = sp.page.locator('#sessions-grid [role=grid]');
  assert.equal(await grid.getAttribute('aria-label'), 'Tracking sessions');
  assert.equal(await grid.getAttribute('aria-rowcount'), '3');
  assert.deepEqual(await sp.page.locator('#sessions-grid [role=columnheader]').allTextContents(), ['Session id', 'What', 'Trackable type', 'Trackable id', 'Time spent▼', 'Interactions', 'Slices listed']);
  const cells = await sp.page.locator('#sessions-grid [role=row][aria-rowindex="2"] [role=gridcell]').allTextContents();
  assert.deepEqual(cells, ['9001', 'Keynote <b>stage</b>', 'StreamLink', '9101', '0:55:29', '14', '2'], 'server text shown as text');
  assert.equal(await sp.page.locator('#sessions-grid [role=columnheader]:has-text("Time spent")').getAttribute('aria-sort'), 'descending', 'most time first');
  assert.equal(await sp.page.locator('#sessions-grid b').count(), 0);
  assert.equal(await sp.text('#sessions-status'), '2 sessions · 0:57:29 in total · 17 interactions');
  // Back and forth: no second load; Refresh loads again, a failure shows the error with its actions.
  await sp.page.click('#tab-slices');
  await sp.page.click('#tab-sessions');
  assert.equal((await sp.sent('loadSessions')).length, 1);
  await sp.page.click('#sessions-refresh');
  await until(async () => (await sp.sent('loadSessions')).length === 2, 'refresh');
  await sp.deliver({ type: 'sessionsFailed', message: 'Brella refused the API key for organization 1.', status: 403, actions: ['setApiKey', 'retry'] });
  assert.equal(await sp.text('#sessions-error-message'), 'Brella refused the API key for organization 1.');
  await sp.page.click('#sessions-error-setApiKey');
  assert.deepEqual(await sp.sent('command'), [{ type: 'command', command: 'setApiKey' }]);
  // Keyboard on the tabs.
  await sp.page.focus('#tab-sessions');
  await sp.page.keyboard.press('ArrowLeft');
  assert.equal(await sp.page.locator('#tab-slices').getAttribute('aria-selected'), 'true');
  await sp.close();
});

test('saved queries fill the form (a date alone there is midnight UTC, whatever the form\'s zone), Save Query… posts the form\'s filters, and a recent run opens again', async () => {
  const sp = await open();
  await until(async () => (await sp.sent('ready')).length === 1, 'ready');
  await sp.deliver(initMessage({
    target: HEL, timeZone: 'event',
    savedQueries: [{ name: 'Streams on day 1', filters: { tracking_type: ['streamlink'], start_from: '2023-05-10', start_to: '2023-05-10T23:59:59.999Z' } }],
    recentRuns: [{ filters: { tracking_type: ['sponsor'], duration: '60' }, rows: 12, at: '2023-05-12T08:00:00.000Z' }],
  }));
  await sp.page.locator('[data-saved-query="Streams on day 1"]').click();
  assert.equal(await sp.page.inputValue('[data-field="start_from"] input'), '2023-05-10T00:00:00.000Z');
  assert.equal(await sp.page.locator('vscode-checkbox[data-type="streamlink"]').evaluate((el) => (el as unknown as { checked: boolean }).checked), true);
  assert.match(await sp.text('#preset-note'), /^Saved query "Streams on day 1": tracking_type=streamlink, start_from=2023-05-10/);
  await sp.page.click('#save-query');
  const [save] = await until(async () => sp.sent('saveQuery'), 'saveQuery');
  assert.deepEqual(save!.filters, { tracking_type: ['streamlink'], start_from: '2023-05-10T00:00:00.000Z', start_to: '2023-05-10T23:59:59.999Z' });

  await sp.page.locator('#recent-runs summary').click();
  assert.match(await sp.text('#recent-list li'), /2023-05-12 11:00:00 · 12 rows · tracking_type=sponsor, duration=60/, 'when, in Event time');
  await sp.page.click('#recent-run-0');
  const [run] = await until(async () => sp.sent('run'), 'run');
  assert.deepEqual(run!.filters, { tracking_type: ['sponsor'], duration: '60' });
  await sp.deliver({ type: 'recentRuns', runs: [] });
  assert.equal(await sp.page.locator('#recent-runs').isVisible(), false);
  await sp.deliver({ type: 'savedQueries', queries: [] });
  assert.equal(await sp.page.locator('[data-saved-query]').count(), 0);
  await sp.close();
});

test('a new run redraws the timeline even with as many rows as the last one, at once when it is done', async () => {
  const sp = await loaded({ timeZone: 'utc' });
  assert.deepEqual(await sp.page.locator('.tl-legend .tl-key').allTextContents(), ['app (time_spent)', 'stream (streamlink)', 'sponsor']);
  const sponsors = ROWS.map((r, i) => ({ ...r, id: `p${i}`, trackingType: 'sponsor' }));
  await sp.page.click('#run');
  await sp.deliver({ type: 'started', runId: 2, filters: {} }, { type: 'page', runId: 2, rows: packSlices(sponsors), page: 1, pagesKnown: 1, rowsSoFar: 4 });
  await sp.deliver({ type: 'done', runId: 2, rows: 4, cancelled: false });
  await until(async () => (await sp.page.locator('.tl-legend .tl-key').allTextContents()).join() === 'sponsor', 'only sponsor bars', 300);
  await sp.close();
});
