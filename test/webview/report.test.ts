/** The event report webview in headless chromium: summary, table, charts, progress, states, actions, export. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReportSummary } from '../../src/protocol/report';
import { ENGAGEMENT_COLUMNS, initMessage, makeReportRows, reportPages, TARGET, until, type ReportPage } from './report-harness';

const { ready, open } = reportPages();
const ROWS = makeReportRows(30);
const SUMMARY: ReportSummary = {
  attendees: 30, checkedIn: 20, notCheckedIn: 10, percent: 66.7, failures: 0, missing: 0, dropped: 0, reused: 0, asked: 30,
  window: TARGET.window, kind: 'presence', dayZone: 'Europe/Helsinki',
};
const DAILY = [{ day: '2023-05-10', attendees: 20, streamSeconds: 0, sponsorSeconds: 0 }, { day: '2023-05-11', attendees: 10, streamSeconds: 0, sponsorSeconds: 0 }];
const rowCount = (rp: ReportPage) => rp.page.locator('[role=grid]').getAttribute('aria-rowcount').then((n) => Number(n) - 1);

async function finished(): Promise<ReportPage> {
  const rp = await ready();
  await rp.deliver({ type: 'started', runId: 1, mode: 'full' }, { type: 'rows', runId: 1, rows: ROWS.slice(0, 10), failures: [] }, { type: 'rows', runId: 1, rows: ROWS.slice(10), failures: [] });
  await rp.deliver({ type: 'done', runId: 1, summary: SUMMARY, daily: DAILY, failures: [], cancelled: false });
  return rp;
}

test('a finished report shows its summary, every row in the grid, and a bar chart with a text alternative', async () => {
  const rp = await finished();
  assert.equal(await rowCount(rp), 30);
  assert.equal(await rp.page.locator('[role=tablist]').count(), 0, 'a presence report has no Sponsors and Streams tabs');
  assert.equal(await rp.text('#summary-attendees'), '30');
  assert.equal(await rp.text('#summary-checked-in'), '20');
  assert.equal(await rp.text('#summary-not-checked-in'), '10');
  assert.equal(await rp.text('#summary-percent'), '66.7 %');
  assert.equal(await rp.text('#summary-failures'), '0');
  assert.equal(await rp.text('#summary-reused'), '0 / 30');
  assert.match(await rp.text('#summary-window'), /2023-05-10 00:00 → now UTC \(2023-05-10 03:00 → now Europe\/Helsinki\)/);
  const chart = rp.page.locator('#chart-attendees svg');
  assert.equal(await chart.getAttribute('role'), 'img');
  assert.match((await chart.getAttribute('aria-label')) ?? '', /days cut in Europe\/Helsinki.*2023-05-10: 20; 2023-05-11: 10/);
  assert.deepEqual(await rp.page.locator('#chart-attendees rect.chart-bar').evaluateAll((bars) => bars.map((b) => Number(b.getAttribute('data-value')))), [20, 10]);
  // The text alternative: a visually hidden table with the same numbers, named by aria-describedby.
  const table = rp.page.locator(`#${await chart.getAttribute('aria-describedby')}`);
  assert.deepEqual(await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.textContent)), ['2023-05-1020yes', '2023-05-1110yes'], 'each day says it is complete');
  assert.match(await rp.text('#chart-attendees figcaption'), /days cut in Europe\/Helsinki/);
  assert.equal(await rp.page.locator('#chart-engagement').count(), 0, 'presence has one chart');
  assert.equal(await rp.page.locator('#outcome').isVisible(), false);
  await rp.close();
});

test('engagement draws a second chart of stream and sponsor-booth time per day', async () => {
  const rp = await ready(initMessage({ target: { ...TARGET, kind: 'engagement' }, columns: [...ENGAGEMENT_COLUMNS] }));
  await rp.deliver({ type: 'rows', runId: 0, rows: ROWS, failures: [], reset: true });
  await rp.deliver({ type: 'done', runId: 0, summary: { ...SUMMARY, kind: 'engagement' }, daily: [{ day: '2023-05-10', attendees: 3, streamSeconds: 7200, sponsorSeconds: 1800 }], failures: [], cancelled: false });
  const bars = rp.page.locator('#chart-engagement rect.chart-bar');
  assert.deepEqual(await bars.evaluateAll((b) => b.map((x) => `${x.getAttribute('class')}=${x.getAttribute('data-value')}`)), ['chart-bar bar-stream=7200', 'chart-bar bar-sponsor=1800']);
  assert.match((await rp.page.locator('#chart-engagement svg').getAttribute('aria-label')) ?? '', /2\.0 h stream time, 30 min sponsor-booth time/);
  assert.ok(await rp.page.getByRole('grid').getByRole('columnheader', { name: /Stream time/ }).isVisible());
  // The inspector lists each stream and booth the attendee visited, most time first, server text as text.
  await rp.deliver({ type: 'rows', runId: 0, failures: [], rows: [{
    ...ROWS[0]!, streamSeconds: 5400, sponsorSeconds: 60, distinctStreams: 1, distinctSponsors: 1,
    visits: [
      { kind: 'stream', trackableType: 'StreamLink', trackableId: '9101', seconds: 5400, slices: 3 },
      { kind: 'sponsor', trackableType: '<i>Sponsor</i>', trackableId: null, sessionId: '77', seconds: 60, slices: 1 },
    ],
  }] });
  await rp.page.getByRole('gridcell', { name: ROWS[0]!.email!, exact: true }).dblclick();
  const visits = rp.page.locator('#report-inspector [data-section="Streams and booths visited"] .insp-field');
  await until(async () => (await visits.count()) === 2, 'two visits listed');
  assert.deepEqual(await visits.locator('dt').allTextContents(), ['Stream StreamLink 9101', 'Booth session 77']);
  assert.deepEqual(await visits.locator('.insp-value').allTextContents(), ['1:30:00', '0:01:00']);
  assert.deepEqual(await visits.locator('.insp-note').allTextContents(), ['3 slices', '1 slice']);
  assert.equal(await rp.page.locator('#report-inspector i').count(), 0);
  await rp.close();
});

test('engagement: the Sponsors and Streams tabs sum each booth and stream across attendees; a booth lists its visitors; a visitor opens their sponsor slices', async () => {
  const rp = await ready(initMessage({ target: { ...TARGET, kind: 'engagement' }, columns: [...ENGAGEMENT_COLUMNS] }));
  const q0 = Date.parse('2023-05-10T10:00:00.000Z') / 900_000;
  const visit = (kind: 'stream' | 'sponsor', id: string, seconds: number, slices: number, more: object = {}) => ({
    kind, trackableType: kind === 'stream' ? 'StreamLink' : 'Sponsor', trackableId: id, seconds, slices, ...more,
  });
  const rows = ROWS.slice(0, 3).map((r, i) => ({
    ...r, streamSeconds: 0, sponsorSeconds: 0, distinctStreams: 0, distinctSponsors: 0,
    visits: [
      visit('sponsor', '7', 100 * (i + 1), i + 1, { clicks: i, first: `2023-05-10T0${i + 6}:00:00.000Z`, last: `2023-05-10T0${i + 6}:30:00.000Z` }),
      ...(i === 0 ? [visit('sponsor', '8', 5000, 1), visit('stream', '9', 60, 2, { quarters: [q0, q0 + 1, q0 + 2] })] : []),
    ],
  }));
  rows[2] = { ...rows[2]!, name: '<b>Bold</b> visitor' };
  await rp.deliver({ type: 'rows', runId: 0, rows, failures: [], reset: true });
  assert.equal(await rp.page.locator('#tab-attendees').getAttribute('aria-selected'), 'true');
  await rp.page.click('#tab-sponsors');
  const booths = rp.page.locator('#sponsor-grid [role=row][aria-rowindex]:not([aria-rowindex="1"])');
  await until(async () => (await booths.count()) === 2, 'two booths');
  // Most time first: booth 8 (one visitor, 5000 s), then booth 7 (three visitors, 600 s in all, median 200 s).
  // Media clicks summed; first and last visit in the event's zone (Helsinki, UTC+3 in May).
  assert.deepEqual((await booths.nth(0).locator('[role=gridcell]').allTextContents()).slice(0, 8), ['Sponsor 8', '8', 'Sponsor', '1', '1', '1:23:20', '1:23:20', '0']);
  const booth7 = await booths.nth(1).locator('[role=gridcell]').allTextContents();
  assert.deepEqual(booth7.slice(0, 8), ['Sponsor 7', '7', 'Sponsor', '3', '6', '0:10:00', '0:03:20', '3']);
  assert.match(booth7[8]!, /2023-05-10 09:00/);
  assert.match(booth7[9]!, /2023-05-10 11:30/);
  assert.match(await rp.text('#sponsor-note'), /^2 booths visited/);
  await booths.nth(1).locator('[role=gridcell]').first().click();
  await until(async () => /^Visitors of Sponsor 7 · 3$/.test(await rp.text('#sponsor-visitors-title')), 'the visitors of booth 7');
  const visitors = rp.page.locator('#sponsor-visitors [role=row][aria-rowindex]:not([aria-rowindex="1"])');
  assert.equal(await visitors.count(), 3);
  assert.equal(await visitors.nth(0).locator('[role=gridcell]').first().textContent(), '<b>Bold</b> visitor', 'most time first; text as text');
  assert.equal(await rp.page.locator('#sponsor-visitors b').count(), 0);
  await visitors.nth(0).locator('[role=gridcell]').first().click();
  assert.deepEqual((await rp.sent('openSlices')).at(-1), { type: 'openSlices', attendeeId: rows[2]!.attendeeId, name: '<b>Bold</b> visitor', trackingType: 'sponsor' });
  // Names from the host replace "Sponsor 7", as text; the Name button asks the host.
  await rp.page.click('#sponsor-name');
  assert.deepEqual((await rp.sent('nameTrackables')).at(-1), { type: 'nameTrackables' });
  await rp.deliver({ type: 'names', names: { 'sponsor|Sponsor|7': '<i>Aurora</i> Cloud' }, note: 'Named 1 of 2 booths and streams in 1 requests.' });
  await until(async () => (await booths.nth(1).locator('[role=gridcell]').first().textContent()) === '<i>Aurora</i> Cloud', 'booth 7 named');
  assert.equal(await rp.page.locator('#sponsor-grid i').count(), 0);
  assert.equal(await rp.text('#sponsor-naming'), 'Named 1 of 2 booths and streams in 1 requests.');
  await until(async () => /^Visitors of <i>Aurora<\/i> Cloud · 3$/.test(await rp.text('#sponsor-visitors-title')), 'the heading names it');
  assert.equal(await booths.nth(0).locator('[role=gridcell]').first().textContent(), 'Sponsor 8', 'unnamed: type and id');
  // Streams; new rows while the tab shows are summed again.
  await rp.page.click('#tab-streams');
  const streams = rp.page.locator('#stream-grid [role=row][aria-rowindex]:not([aria-rowindex="1"])');
  await until(async () => (await streams.count()) === 1, 'one stream');
  await rp.deliver({ type: 'rows', runId: 0, failures: [], rows: [{ ...rows[1]!, visits: [visit('stream', '9', 40, 1, { quarters: [q0 + 1] })] }] });
  await until(async () => (await streams.nth(0).locator('[role=gridcell]').nth(3).textContent()) === '2', 'two viewers now');
  // Peak concurrent viewers: both watched in the 10:15 UTC bucket (13:15 in Helsinki).
  const streamCells = await streams.nth(0).locator('[role=gridcell]').allTextContents();
  assert.equal(streamCells[7], '2');
  assert.match(streamCells[8]!, /2023-05-10 13:15/);
  await streams.nth(0).locator('[role=gridcell]').first().click();
  await until(async () => (await rp.page.locator('#stream-chart rect.chart-bar').count()) === 3, 'a bar per 15 minutes');
  assert.equal(await rp.text('#stream-peak'), 'Peak: 2 concurrent viewers at 05-10 13:15');
  assert.deepEqual(await rp.page.locator('#stream-chart rect.chart-bar').evaluateAll((b) => b.map((x) => x.getAttribute('data-value'))), ['1', '2', '1']);
  assert.equal(await rp.page.locator('#stream-chart rect.chart-peak').getAttribute('data-value'), '2');
  assert.match((await rp.page.locator('#stream-chart svg').getAttribute('aria-label')) ?? '', /Peak: 2 viewers at 05-10 13:15/);
  assert.equal(await rp.page.locator('#stream-chart-table tbody tr').count(), 3, 'the text alternative lists each bucket');
  const ids = await rp.page.evaluate(() => Array.from((globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ id: string }> } }).document.querySelectorAll('[id]'), (e) => e.id));
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], 'every id once');
  // Days: the per-day data as a table.
  await rp.page.click('#tab-days');
  const days = rp.page.locator('#days-grid [role=row][aria-rowindex]:not([aria-rowindex="1"])');
  await until(async () => (await days.count()) >= 1, 'a row per day');
  assert.deepEqual(await days.nth(0).locator('[role=gridcell]').nth(0).textContent(), '2023-05-10');
  assert.match(await rp.text('#days-note'), /cut in Europe\/Helsinki/);
  await rp.close();
});

test('while answers are missing the rate is an estimate with its 95% interval, clearly labelled; complete, the exact figure', async () => {
  const rp = await ready();
  await rp.deliver({ type: 'started', runId: 1, mode: 'full' });
  const estimate = { percent: 64.2, low: 60.3, high: 67.9, sample: 600, population: 20_000 };
  await rp.deliver({ type: 'rows', runId: 1, rows: ROWS.slice(0, 5), failures: [], summary: { ...SUMMARY, missing: 19_400, estimate } });
  await until(async () => /≈ 64\.2 %/.test(await rp.text('#summary-percent')), 'the estimate');
  assert.equal(await rp.text('#summary-percent'), '≈ 64.2 % (95%: 60.3–67.9 %, from 600 of 20 000 answers)');
  assert.match(await rp.page.locator('dt', { hasText: /^Checked in, %/ }).textContent() ?? '', /\(estimate\)$/);
  await rp.deliver({ type: 'done', runId: 1, summary: SUMMARY, daily: DAILY, failures: [], cancelled: false });
  await until(async () => (await rp.text('#summary-percent')) === '66.7 %', 'the exact figure');
  assert.equal(await rp.page.locator('dt', { hasText: /estimate/ }).count(), 0);
  await rp.close();
});

test('while answers are missing the Sponsors and Days tabs estimate the top booths\' visitors and each day\'s attendance, labelled; complete, the list goes', async () => {
  const rp = await ready(initMessage({ target: { ...TARGET, kind: 'engagement' }, columns: [...ENGAGEMENT_COLUMNS] }));
  // 10 of 100 attendees answered; 5 of them visited booth 7, 2 booth 8.
  const rows = ROWS.slice(0, 10).map((r, i) => ({
    ...r, streamSeconds: 0, sponsorSeconds: 0, distinctStreams: 0, distinctSponsors: 0,
    visits: [...(i < 5 ? [{ kind: 'sponsor' as const, trackableType: 'Sponsor', trackableId: '7', seconds: 60, slices: 1 }] : []),
      ...(i < 2 ? [{ kind: 'sponsor' as const, trackableType: 'Sponsor', trackableId: '8', seconds: 30, slices: 1 }] : [])],
  }));
  const estimate = { percent: 50, low: 30, high: 70, sample: 10, population: 100 };
  const summary = { ...SUMMARY, kind: 'engagement' as const, attendees: 10, missing: 90, estimate };
  await rp.deliver({ type: 'started', runId: 1, mode: 'full' }, { type: 'rows', runId: 1, rows, failures: [], summary, daily: [] });
  await rp.page.click('#tab-sponsors');
  const items = rp.page.locator('#sponsor-estimates li');
  await until(async () => (await items.count()) === 2, 'an estimate per top booth');
  assert.match(await items.nth(0).textContent() ?? '', /^Sponsor 7: ≈ 50 \(95%: \d+–\d+\)$/);
  assert.match(await items.nth(1).textContent() ?? '', /^Sponsor 8: ≈ 20 \(95%: \d+–\d+\)$/);
  assert.match(await rp.page.locator('.estimates-title').first().textContent() ?? '', /^Estimate while answers are missing: .* across all 100 attendees, from 10 answers so far/);
  await rp.page.click('#tab-days');
  await until(async () => (await rp.page.locator('#days-estimates li').count()) >= 1, 'a day estimated');
  // Complete: the figures are exact, the estimates go.
  await rp.deliver({ type: 'done', runId: 1, summary: { ...summary, estimate: undefined, missing: 0 }, daily: [], failures: [], cancelled: false });
  await rp.page.click('#tab-sponsors');
  await until(async () => !(await rp.page.locator('#sponsor-estimates').isVisible()), 'no estimate once exact');
  await rp.close();
});

test('progress shows done / total, rate and ETA; Cancel posts cancel; a cancelled run offers Resume', async () => {
  const rp = await ready();
  await rp.page.click('#run-full');
  assert.deepEqual((await rp.sent('run')).map((m) => m.mode), ['full']);
  await rp.deliver({ type: 'started', runId: 2, mode: 'full' }, { type: 'progress', runId: 2, progress: { done: 12, total: 30, failed: 0, ratePerSecond: 9.96, etaSeconds: 1.8 } });
  assert.equal(await rp.text('#progress-text'), '12 / 30 attendees · 10.0/s · about 2 s left');
  assert.equal(await rp.page.locator('#progress-bar').getAttribute('aria-valuenow'), '12');
  assert.equal(await rp.page.locator('#run-resume').evaluate((b) => (b as unknown as { disabled: boolean }).disabled), true);
  await rp.page.click('#cancel');
  assert.equal((await rp.sent('cancel')).length, 1);
  await rp.deliver({ type: 'rows', runId: 2, rows: ROWS.slice(0, 12), failures: [] });
  await rp.deliver({ type: 'done', runId: 2, summary: { ...SUMMARY, attendees: 12, checkedIn: 8, notCheckedIn: 4, asked: 12, missing: 18 }, daily: DAILY, failures: [], cancelled: true });
  assert.equal(await rp.page.locator('#outcome').getAttribute('data-state'), 'partial');
  assert.match(await rp.text('#outcome-title'), /Cancelled: 12 attendees have a row/);
  assert.match(await rp.text('#outcome-detail'), /Resume asks only the 18 attendees left/);
  assert.equal(await rowCount(rp), 12, 'finished rows stay');
  await rp.page.click('#action-resume');
  assert.deepEqual((await rp.sent('run')).map((m) => m.mode), ['full', 'resume']);
  await rp.close();
});

test('failures are listed as text with Retry Failed and, on 403, Set API Key; a failed run shows the error state', async () => {
  const rp = await ready();
  const evil = '<img src=x id=injected>';
  await rp.deliver({ type: 'rows', runId: 3, rows: [{ ...ROWS[0]!, name: evil }], failures: [], reset: true });
  await rp.deliver({
    type: 'done', runId: 3, summary: { ...SUMMARY, attendees: 1, failures: 1 }, daily: [], cancelled: false,
    failures: [{ attendeeId: '100002', name: evil, reason: 'Brella refused the API key for organization 1001 (HTTP 403). <b>bold</b>', status: 403 }],
  });
  assert.equal(await rp.page.locator('#injected').count(), 0, 'server text never becomes markup');
  assert.match(await rp.text('#failure-list'), /<img src=x id=injected> \(id 100002, HTTP 403\): Brella refused the API key .* <b>bold<\/b>/);
  assert.deepEqual(await rp.page.locator('#outcome-actions [data-action]').evaluateAll((b) => b.map((x) => x.getAttribute('data-action'))), ['setApiKey', 'retryFailed', 'resume', 'showLog']);
  assert.equal(await rp.page.locator('#run-retry').evaluate((b) => (b as unknown as { disabled: boolean }).disabled), false);
  await rp.page.click('#action-setApiKey');
  await rp.page.click('#action-retryFailed');
  await rp.page.click('#action-showLog');
  assert.deepEqual((await rp.sent('command')).map((m) => m.command), ['setApiKey', 'showLog']);
  assert.deepEqual((await rp.sent('run')).map((m) => m.mode), ['retryFailed']);

  await rp.deliver({ type: 'started', runId: 4, mode: 'resume' }, { type: 'failed', runId: 4, message: 'Organization 1001 has no API key yet.', actions: ['setApiKey'] });
  assert.equal(await rp.page.locator('#outcome').getAttribute('data-state'), 'error');
  assert.equal(await rp.page.locator('#outcome').getAttribute('role'), 'alert');
  assert.equal(await rp.text('#outcome-title'), 'Organization 1001 has no API key yet.');
  await rp.close();
});

test('an event without attendees says so', async () => {
  const rp = await ready();
  await rp.deliver({ type: 'done', runId: 0, summary: { ...SUMMARY, attendees: 0, checkedIn: 0, notCheckedIn: 0, percent: 0, asked: 0 }, daily: [], failures: [], cancelled: false });
  assert.equal(await rp.page.locator('#outcome').getAttribute('data-state'), 'empty');
  assert.match(await rp.text('#outcome-title'), /No attendees to report on/);
  assert.equal(await rp.page.locator('#charts').isVisible(), false);
  await rp.close();
});

test('clicking a name asks the host to open that attendee\'s slices; a click elsewhere only selects', async () => {
  const rp = await finished();
  await rp.page.getByRole('gridcell', { name: 'Person 0003', exact: true }).click();
  await rp.page.getByRole('gridcell', { name: 'p4@example.com', exact: true }).click();
  assert.deepEqual(await rp.sent('openSlices'), [{ type: 'openSlices', attendeeId: '100004', name: 'Person 0003' }]);
  await rp.close();
});

test('the row inspector: Enter opens it on the active row, it follows the arrows, its buttons ask the host, Escape closes it', async () => {
  const rp = await finished();
  const pane = rp.page.locator('#report-inspector');
  assert.equal(await pane.isVisible(), false);
  await rp.page.getByRole('gridcell', { name: 'p4@example.com', exact: true }).click();
  await rp.page.locator('[role=grid]').press('Enter');
  await until(() => pane.isVisible(), 'the inspector opens');
  assert.equal(await pane.getAttribute('role'), 'complementary');
  assert.equal(await rp.text('#report-inspector-title'), 'Person 0004');
  const row = ROWS.find((r) => r.name === 'Person 0004')!;
  const field = (label: string) => pane.locator('.insp-field', { has: rp.page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('.insp-value');
  assert.equal(await field('Attendee id').textContent(), row.attendeeId);
  assert.equal(await field('Checked in').textContent(), row.checkedIn ? 'yes' : 'no');
  assert.equal(await pane.locator('[data-section="Days present"] .insp-field').count(), row.days.length);
  // The focus went into the pane; the table keeps the active row, and the pane follows it.
  await rp.page.locator('[role=grid]').focus();
  await rp.page.keyboard.press('ArrowDown');
  await until(async () => (await rp.text('#report-inspector-title')) === 'Person 0005', 'the pane follows the active row');
  await pane.locator('#inspector-open-slices').click();
  assert.deepEqual((await rp.sent('openSlices')).at(-1), { type: 'openSlices', attendeeId: '100006', name: 'Person 0005' });
  await pane.locator('#inspector-copy-curl').click();
  assert.deepEqual(await rp.sent('copyCurl'), [{ type: 'copyCurl', attendeeId: '100006' }]);
  await pane.locator('button[aria-label="Copy Attendee id"]').click();
  assert.deepEqual((await rp.sent('copy')).at(-1), { type: 'copy', text: '100006' });
  await pane.locator('#inspector-copy-curl').press('Escape');
  await until(async () => !(await pane.isVisible()), 'Escape closes the pane');
  assert.equal(await rp.page.evaluate('document.activeElement?.getAttribute("role")'), 'grid', 'the table has the focus back');
  // Space opens it too; server text stays text.
  await rp.deliver({ type: 'rows', runId: 1, rows: [{ ...row, name: '<img src=x onerror="document.body.dataset.owned=1">' }], failures: [] });
  await rp.page.locator('#filter-box').fill('img');
  await rp.page.locator('#filter-box').press('Enter');
  await until(async () => (await rowCount(rp)) === 1, 'one row');
  await rp.page.locator('[role=grid]').focus();
  await rp.page.keyboard.press('ArrowDown');
  await rp.page.keyboard.press(' ');
  await until(() => pane.isVisible(), 'Space opens the inspector');
  assert.equal(await rp.text('#report-inspector-title'), '<img src=x onerror="document.body.dataset.owned=1">');
  assert.equal(await pane.locator('img').count(), 0);
  assert.equal(await rp.page.evaluate('document.body.dataset.owned'), undefined);
  await rp.close();
});

test('sort, filter and column choice; CSV export of what is shown goes to the host', async () => {
  const rp = await finished();
  await rp.page.getByRole('columnheader', { name: /Time in the app/ }).click();
  await rp.page.getByRole('columnheader', { name: /Time in the app/ }).click();
  await rp.page.locator('#filter-box').fill('acme');
  await rp.page.locator('#filter-box').press('Enter');
  await until(async () => (await rowCount(rp)) === 15, '15 Acme rows');
  assert.equal(await rp.text('#table-count'), '15 of 30 attendees');
  await rp.page.click('#columns');
  await rp.page.locator('[data-column="email"]').click();
  await rp.page.keyboard.press('Escape');
  await rp.page.click('#export-csv');
  const [csv] = await rp.sent('export');
  assert.equal(csv!.format, 'csv');
  assert.equal(csv!.rows, 15);
  const lines = csv!.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  assert.equal(lines[0], 'Attendee id,Name,Company,Checked in,First seen,Last seen,Slices,Time in the app (s),As of');
  assert.equal(lines.length, 16);
  assert.equal(lines[1], '100028,Person 0027,Acme,yes,2023-05-10T07:00:00.000Z,2023-05-11T09:00:00.000Z,5,627,2023-05-12T08:00:00.000Z', 'most time in the app first');
  await rp.page.click('#export-json');
  const json = (await rp.sent('export'))[1]!;
  assert.equal(JSON.parse(json.text).length, 15);
  await rp.close();
});

test('the saved state holds the target the serializer reads, and no rows', async () => {
  const rp = await finished();
  const state = await rp.page.evaluate(() => JSON.parse((globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('vscode-state') ?? 'null'));
  assert.deepEqual(state.target, TARGET);
  assert.equal(JSON.stringify(state).includes('Person 0001'), false);
  await rp.page.reload();
  await until(async () => (await rp.sent('ready')).length === 1, 'ready after reload');
  await rp.close();
  const fresh = await open();
  await fresh.close();
});

test('group by Checked in: two groups with their counts and summed time; a pinned Name comes first; both saved', async () => {
  const rp = await finished();
  const saved = () => rp.page.evaluate(() => JSON.parse((globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } }).sessionStorage.getItem('vscode-state') ?? 'null'));
  await rp.page.click('#columns');
  await rp.page.click('[data-pin="name"]');
  await until(async () => /^Name/.test((await rp.page.locator('[role=columnheader]').first().textContent()) ?? ''), 'Name pinned first');
  await until(async () => JSON.stringify((await saved()).pinned) === '["name"]', 'pin saved');
  await rp.page.keyboard.press('Escape');
  await rp.page.click('#group-by');
  await rp.page.click('#group-by vscode-option[value="checkedIn"]');
  const grid = rp.page.locator('[role=treegrid]');
  await grid.waitFor();
  assert.equal(await grid.getAttribute('aria-rowcount'), String(30 + 2 + 1));
  const heads = rp.page.locator('[role=row][aria-level="1"]');
  await until(async () => (await heads.count()) >= 1, 'a group header row');
  const inApp = ROWS.filter((r) => r.checkedIn);
  assert.match((await heads.first().textContent()) ?? '', /^no \(10\)/);
  // Collapsed, "no" leaves "yes" in view, with the time in the app summed under its column.
  await heads.first().locator('.bt-toggle').click();
  await until(async () => (await heads.count()) === 2, 'both group rows in view');
  assert.equal(await heads.first().getAttribute('aria-expanded'), 'false');
  const yes = heads.nth(1);
  assert.match((await yes.textContent()) ?? '', new RegExp(`^yes \\(${inApp.length}\\)`));
  const appColumn = await rp.page.getByRole('columnheader', { name: /Time in the app/ }).getAttribute('aria-colindex');
  const total = inApp.reduce((n, r) => n + r.appSeconds, 0);
  const hms = `${Math.floor(total / 3600)}:${String(Math.floor(total / 60) % 60).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
  assert.equal(await yes.locator(`[aria-colindex="${appColumn}"]`).textContent(), hms);
  await until(async () => (await saved()).groupBy === 'checkedIn', 'grouping saved');
  await rp.close();
});

test('times follow the zone the host names: the event\'s zone when the setting says "event"', async () => {
  const rp = await ready(initMessage({ timeZone: 'Europe/Helsinki' }));
  await rp.deliver({ type: 'rows', runId: 0, rows: ROWS.slice(0, 1), failures: [], reset: true });
  const firstSeen = rp.page.getByRole('grid').getByRole('gridcell', { name: /^2023-05-10 10:00:00/ });
  await firstSeen.waitFor();
  await rp.deliver({ type: 'timeZone', timeZone: 'utc' });
  await rp.page.getByRole('grid').getByRole('gridcell', { name: /^2023-05-10 07:00:00 UTC/ }).waitFor();
  await rp.close();
});


test('a paused run shows its one message with Set API Key first; the next run clears it; the summary follows the rows live', async () => {
  const rp = await ready();
  await rp.deliver({ type: 'started', runId: 5, mode: 'full' }, { type: 'rows', runId: 5, rows: ROWS.slice(0, 1), failures: [], reset: true });
  const message = 'Brella refused the API key for organization 1001. The report paused: 39 attendees were not asked. Set the organization\'s API key again (Set API Key), then Resume.';
  await rp.deliver({ type: 'done', runId: 5, summary: { ...SUMMARY, attendees: 1, checkedIn: 1, notCheckedIn: 0, missing: 39 }, daily: DAILY, failures: [], cancelled: false, paused: { reason: 'key', message } });
  assert.equal(await rp.page.locator('#outcome').getAttribute('data-state'), 'paused');
  assert.equal(await rp.page.locator('#outcome').getAttribute('role'), 'alert');
  assert.equal(await rp.text('#outcome-title'), message);
  assert.deepEqual(await rp.page.locator('#outcome-actions [data-action]').evaluateAll((b) => b.map((x) => x.getAttribute('data-action'))), ['setApiKey', 'resume', 'showLog']);
  assert.equal(await rp.text('#summary-missing'), '39');
  assert.equal(await rp.page.locator('#run-retry').evaluate((b) => (b as unknown as { disabled: boolean }).disabled), false, 'Retry Failed asks the never asked too');

  await rp.deliver({ type: 'started', runId: 6, mode: 'retryFailed' });
  assert.equal(await rp.page.locator('#outcome').isVisible(), false, 'the notice of the earlier run is gone');
  await rp.deliver({ type: 'rows', runId: 6, rows: ROWS.slice(1, 20), failures: [], summary: { ...SUMMARY, attendees: 20, checkedIn: 14, notCheckedIn: 6, missing: 20 }, daily: DAILY });
  assert.equal(await rp.text('#summary-attendees'), '20', 'the summary follows the run, not the previous one');
  assert.equal(await rp.text('#summary-missing'), '20');
  await rp.close();
});

test('a day that rows asked before it ended cannot fully count is drawn as partial, and says so', async () => {
  const rp = await ready();
  const daily = [{ day: '2023-05-10', attendees: 20, streamSeconds: 0, sponsorSeconds: 0 }, { day: '2023-05-11', attendees: 10, streamSeconds: 0, sponsorSeconds: 0, askedBefore: 1334 }];
  await rp.deliver({ type: 'rows', runId: 7, rows: ROWS, failures: [], reset: true }, { type: 'done', runId: 7, summary: SUMMARY, daily, failures: [], cancelled: false });
  assert.equal(await rp.page.locator('rect.chart-bar-partial').count(), 1);
  assert.equal(await rp.page.locator('rect.chart-bar-partial').getAttribute('data-day'), '2023-05-11');
  assert.match(await rp.text('#chart-partial'), /2023-05-11, 1 334 attendees last asked before this day ended/);
  assert.match(await rp.page.locator('#chart-attendees svg').getAttribute('aria-label') ?? '', /2023-05-11: 10 \(partial: 1 334 attendees/);
  await rp.close();
});

test('Update Check-ins is offered while the window is open (open-ended, or its end still to come), and not once it has closed', async () => {
  const open = await ready(initMessage({ target: { ...TARGET, window: { startFrom: TARGET.window.startFrom, startTo: '2099-05-12T00:00:00.000Z' } }, open: true }));
  assert.equal(await open.page.locator('#run-update').isVisible(), true);
  await open.page.click('#run-update');
  assert.deepEqual((await open.sent('run')).map((m) => m.mode), ['incremental']);
  await open.close();
  const closed = await ready(initMessage({ target: { ...TARGET, window: { startFrom: TARGET.window.startFrom, startTo: '2023-05-12T00:00:00.000Z' } }, open: false }));
  assert.equal(await closed.page.locator('#run-update').isVisible(), false);
  await closed.close();
});
