/**
 * The engagement report webview's Sponsors and Streams tabs in headless chromium, as rows change while another tab
 * shows: a replaced row, a dropped attendee and a new one are summed in when the tab shows again, its chosen booth's
 * visitors too, and a stream's peak follows.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReportRow } from '../../src/protocol/report';
import { ENGAGEMENT_COLUMNS, initMessage, makeReportRows, reportPages, TARGET, until } from './report-harness';

const { ready } = reportPages();
const Q0 = Date.parse('2023-05-10T10:00:00.000Z') / 900_000;

const visit = (kind: 'stream' | 'sponsor', id: string, seconds: number, slices: number, more: object = {}) => ({
  kind, trackableType: kind === 'stream' ? 'StreamLink' : 'Sponsor', trackableId: id, seconds, slices, ...more,
});

test('rows replaced, dropped and added while the Attendees tab shows: the Sponsors and Streams tabs show the new sums', async () => {
  const rp = await ready(initMessage({ target: { ...TARGET, kind: 'engagement' }, columns: [...ENGAGEMENT_COLUMNS] }));
  const base = makeReportRows(6);
  const rowOf = (i: number, visits: ReturnType<typeof visit>[]): ReportRow => ({ ...base[i]!, streamSeconds: 0, sponsorSeconds: 0, distinctStreams: 0, distinctSponsors: 0, visits });
  const rows = [
    rowOf(0, [visit('sponsor', '7', 100, 1), visit('sponsor', '8', 5000, 1)]),
    rowOf(1, [visit('sponsor', '7', 200, 1)]),
    rowOf(2, [visit('sponsor', '7', 300, 1)]),
    rowOf(3, [visit('stream', '9', 60, 1, { quarters: [Q0] })]),
  ];
  await rp.deliver({ type: 'rows', runId: 0, rows, failures: [], reset: true });
  await rp.page.click('#tab-sponsors');
  const booths = rp.page.locator('#sponsor-grid [role=row][aria-rowindex]:not([aria-rowindex="1"])');
  await until(async () => (await booths.count()) === 2, 'two booths');
  // Columns: booth, id, type, visitors, visits, total time, median per visitor.
  assert.deepEqual((await booths.nth(1).locator('[role=gridcell]').allTextContents()).slice(0, 7), ['Sponsor 7', '7', 'Sponsor', '3', '3', '0:10:00', '0:03:20']);
  await booths.nth(1).locator('[role=gridcell]').first().click();
  await until(async () => (await rp.text('#sponsor-visitors-title')) === 'Visitors of Sponsor 7 · 3', 'the visitors of booth 7');

  // Another tab shows: attendee 0 answers again (booth 7 only, longer), attendee 2 fails, attendee 4 is new.
  await rp.page.click('#tab-attendees');
  await rp.deliver({
    type: 'rows', runId: 0, rows: [rowOf(0, [visit('sponsor', '7', 700, 2)]), rowOf(4, [visit('stream', '9', 30, 1, { quarters: [Q0 + 1] })])],
    failures: [{ attendeeId: base[2]!.attendeeId, name: base[2]!.name, reason: 'gone', status: 404 }],
  });
  await rp.page.click('#tab-sponsors');
  await until(async () => (await booths.count()) === 1, 'booth 8 gone');
  // Booth 7: attendees 0 (700 s, 2 slices) and 1 (200 s); the median of two is their mean.
  assert.deepEqual((await booths.nth(0).locator('[role=gridcell]').allTextContents()).slice(0, 7), ['Sponsor 7', '7', 'Sponsor', '2', '3', '0:15:00', '0:07:30']);
  assert.match(await rp.text('#sponsor-note'), /^1 booth visited/);
  await until(async () => (await rp.text('#sponsor-visitors-title')) === 'Visitors of Sponsor 7 · 2', 'the chosen booth\'s visitors follow');
  const visitors = rp.page.locator('#sponsor-visitors [role=row][aria-rowindex]:not([aria-rowindex="1"])');
  await until(async () => (await visitors.count()) === 2, 'two visitors');
  assert.equal(await visitors.nth(0).locator('[role=gridcell]').first().textContent(), base[0]!.name, 'most time first');

  // Streams, first shown after the change: attendees 3 and 4 watched, one bucket each.
  await rp.page.click('#tab-streams');
  const streams = rp.page.locator('#stream-grid [role=row][aria-rowindex]:not([aria-rowindex="1"])');
  await until(async () => (await streams.count()) === 1, 'one stream');
  assert.deepEqual((await streams.nth(0).locator('[role=gridcell]').allTextContents()).slice(3, 8), ['2', '2', '0:01:30', '0:00:45', '1']);
  // Attendee 4 answers again while Sponsors shows: now in both buckets, so two watch at once in the first.
  await rp.page.click('#tab-sponsors');
  await rp.deliver({ type: 'rows', runId: 0, rows: [rowOf(4, [visit('stream', '9', 30, 1, { quarters: [Q0, Q0 + 1] })])], failures: [] });
  await rp.page.click('#tab-streams');
  await until(async () => (await streams.nth(0).locator('[role=gridcell]').nth(7).textContent()) === '2', 'the peak follows');
  assert.match((await streams.nth(0).locator('[role=gridcell]').nth(8).textContent()) ?? '', /2023-05-10 13:00/);
  await rp.close();
});
