import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BrellaError, createBrellaClient, type BrellaClient } from '../../src/brella';
import {
  BOUNDARY_ATTENDEE_ID, LARGE_ATTENDEE_ID, NORDIC_SUMMIT_EVENT_ID, type DemoAttendee, type DemoServer,
} from '../../src/demo';
import { ReportInputError, dailyCounts, reportColumns, runEventReport, type ReportTarget, type ReportWindow } from '../../src/reports';
import { DayCutter } from '../../src/reports/rows';
import { closeReportDemo, openReportDemo } from './helpers/report-demo';
import { expectedAttendeesPerDay, expectedRow, expectedRows, noAsOf } from './helpers/report-expected';

const ZONE = 'Europe/Helsinki';
const FROM: ReportWindow = { startFrom: '2023-05-10T00:00:00.000Z' };

describe('the event report against the local Brella', () => {
  let server: DemoServer;
  let client: BrellaClient;
  let target: ReportTarget;
  let main: DemoAttendee[];
  const byProfile = (profile: DemoAttendee['profile']): DemoAttendee => main.find((a) => a.profile === profile)!;

  before(async () => {
    ({ server, client, target, main } = await openReportDemo({ rateLimit: false, attendeeCount: 120, boundaryAttendee: true, largeAttendee: 1_200 }, { requestsPerSecond: 1000, maxConcurrentRequests: 16 }, ZONE));
  });
  after(() => closeReportDemo({ server, client }));

  test('presence: rows and summary equal what the server generated, edge attendees included', async () => {
    server.requests.clear();
    const result = await runEventReport({ client, target, kind: 'presence', window: FROM, mode: 'full' });
    const expected = expectedRows(server.data, NORDIC_SUMMIT_EVENT_ID, 'presence', FROM, ZONE);
    assert.deepEqual(result.rows.map(noAsOf), expected);
    assert.equal(result.failures.length, 0);
    assert.equal(result.cancelled, false);
    const checkedIn = expected.filter((r) => r.checkedIn).length;
    assert.deepEqual(result.summary, {
      attendees: main.length, checkedIn, notCheckedIn: main.length - checkedIn, percent: Math.round((checkedIn / main.length) * 1000) / 10,
      failures: 0, missing: 0, dropped: 0, reused: 0, asked: main.length, window: FROM, kind: 'presence', dayZone: ZONE, listedAt: result.summary.listedAt,
    });
    assert.ok(result.summary.listedAt, 'the summary says when the attendees were listed');
    const row = (a: DemoAttendee) => result.rows.find((r) => r.attendeeId === String(a.id))!;
    // Only visited before the window: slices exist, none counted.
    const before = byProfile('before-only');
    assert.ok(server.data.slicesByAttendee.get(before.id)!.length > 0);
    assert.equal(row(before).checkedIn, false);
    assert.equal(row(before).slices, 0);
    // Only sponsor booths or only streams: not checked in by the presence recipe.
    assert.equal(row(byProfile('sponsor-only')).checkedIn, false);
    assert.equal(row(byProfile('stream-only')).checkedIn, false);
    // A slice starting exactly at start_from counts, one 1 ms earlier does not.
    const edge = result.rows.find((r) => r.attendeeId === String(BOUNDARY_ATTENDEE_ID))!;
    assert.equal(edge.firstSeen, FROM.startFrom);
    assert.equal(edge.checkedIn, true);
    assert.equal(edge.appSeconds, 600 + 60);
    // One request per attendee (page[size]=500, the API's maximum), more only for the attendee with more slices.
    const slices = server.requests.list().filter((r) => r.path.endsWith('/tracking_session_slices'));
    assert.ok(slices.every((r) => r.query['page[size]'] === '500' && r.query.tracking_type === 'time_spent' && r.query.start_from === FROM.startFrom));
    const large = server.data.expectedSlices(NORDIC_SUMMIT_EVENT_ID, LARGE_ATTENDEE_ID, { tracking_type: 'time_spent', start_from: FROM.startFrom }).length;
    assert.ok(large > 500, 'the large attendee needs more than one page');
    assert.equal(slices.length, main.length - 1 + Math.ceil(large / 500));
  });

  test('a client made with a small brella.pageSize still asks 500 slices (and attendees) a page: one request per attendee', async () => {
    const small = createBrellaClient({ baseUrl: server.baseUrl, apiKey: server.apiKey, requestsPerSecond: 1000, maxConcurrentRequests: 16, pageSize: 50 });
    try {
      server.requests.clear();
      const some = main.slice(0, 20).map((a) => ({ id: String(a.id), name: `Attendee ${a.id}`, email: null, company: null }));
      const result = await runEventReport({ client: small, target, kind: 'presence', window: FROM, mode: 'full', attendees: some });
      assert.equal(result.rows.length, some.length);
      const slices = server.requests.list().filter((r) => r.path.endsWith('/tracking_session_slices'));
      assert.ok(slices.every((r) => r.query['page[size]'] === '500'));
      assert.equal(slices.length, some.length);
      // Rows only: the report asks the client to keep no raw page.
      const calls: Array<{ keepRaw?: boolean }> = [];
      const spy = { ...small, listSlices: (...args: Parameters<typeof small.listSlices>) => (calls.push(args[4] ?? {}), small.listSlices(...args)) };
      await runEventReport({ client: spy, target, kind: 'presence', window: FROM, mode: 'full', attendees: some.slice(0, 3) });
      assert.equal(calls.length, 3);
      assert.ok(calls.every((c) => c.keepRaw === false));
      // Listing every attendee: 500 a page as well, and no raw page kept.
      server.requests.clear();
      const listings: Array<{ keepRaw?: boolean }> = [];
      const lister = { ...small, listAttendees: (...args: Parameters<typeof small.listAttendees>) => (listings.push(args[2] ?? {}), small.listAttendees(...args)) };
      const all = await runEventReport({ client: lister, target, kind: 'presence', window: FROM, mode: 'full' });
      assert.equal(all.rows.length, main.length);
      const pages = server.requests.list().filter((r) => r.path.endsWith('/attendees'));
      assert.ok(pages.length >= 1 && pages.every((r) => r.query['page[size]'] === '500'), pages.map((r) => r.query['page[size]']).join(','));
      assert.deepEqual(listings.map((c) => c.keepRaw), [false]);
    } finally {
      await small.close();
    }
  });

  test('engagement: stream and sponsor-booth time, distinct streams and sponsors equal the generated data', async () => {
    server.requests.clear();
    const result = await runEventReport({ client, target, kind: 'engagement', window: FROM, mode: 'full' });
    assert.deepEqual(result.rows.map(noAsOf), expectedRows(server.data, NORDIC_SUMMIT_EVENT_ID, 'engagement', FROM, ZONE));
    const row = (a: DemoAttendee) => result.rows.find((r) => r.attendeeId === String(a.id))!;
    const sponsorOnly = row(byProfile('sponsor-only'));
    assert.equal(sponsorOnly.checkedIn, false);
    assert.ok(sponsorOnly.sponsorSeconds! > 0 && sponsorOnly.distinctSponsors! > 0 && sponsorOnly.streamSeconds === 0);
    const streamOnly = row(byProfile('stream-only'));
    assert.ok(streamOnly.streamSeconds! > 0 && streamOnly.distinctStreams! > 0 && streamOnly.sponsorSeconds === 0 && streamOnly.appSeconds === 0);
    // The stream slices without trackable are told apart by their tracking session: two slices, one stream.
    const edge = result.rows.find((r) => r.attendeeId === String(BOUNDARY_ATTENDEE_ID))!;
    assert.equal(edge.streamSeconds, 540);
    assert.equal(edge.distinctStreams, 1);
    const slices = server.requests.list().filter((r) => r.path.endsWith('/tracking_session_slices'));
    // Per attendee: the three default kinds (no tracking_type), then the media clicks by name.
    assert.deepEqual(new Set(slices.map((r) => r.query.tracking_type)), new Set([undefined, 'sponsor_media_click']));
    const asked = (type: string | undefined) => new Set(slices.filter((r) => r.query.tracking_type === type).map((r) => r.path)).size;
    assert.equal(asked('sponsor_media_click'), asked(undefined), 'every attendee is asked both');
    assert.ok(result.rows.some((r) => (r.clicks ?? 0) > 0), 'some attendee clicked booth media');
  });

  test('a server that refuses the media clicks\' tracking type (422) still gets every row, without clicks, and is asked for them once', async () => {
    let clickAsks = 0;
    const refusing: BrellaClient = Object.create(client, {
      listSlices: {
        value: (org: number, event: number, attendee: string, filters: Record<string, unknown>, options: object) => {
          if ((filters.tracking_type as string[] | undefined)?.[0] === 'sponsor_media_click') {
            clickAsks++;
            return Promise.reject(new BrellaError('422 Unprocessable Entity: unknown tracking_type', { status: 422 }));
          }
          return client.listSlices(org, event, attendee, filters as never, options);
        },
      },
    });
    const result = await runEventReport({ client: refusing, target, kind: 'engagement', window: FROM, mode: 'full', concurrency: 1 });
    assert.equal(result.failures.length, 0);
    assert.equal(result.rows.length, main.length);
    assert.ok(result.rows.every((r) => (r.clicks ?? 0) === 0));
    assert.equal(clickAsks, 1, 'asked once, then left out for the rest of the run');
    const expected = expectedRows(server.data, NORDIC_SUMMIT_EVENT_ID, 'engagement', FROM, ZONE);
    assert.deepEqual(result.rows.map((r) => [r.attendeeId, r.sponsorSeconds, r.streamSeconds]), expected.map((r) => [r.attendeeId, r.sponsorSeconds, r.streamSeconds]));
  });

  test('a slice starting exactly at start_to is in the window', async () => {
    const window = { startFrom: FROM.startFrom, startTo: '2023-05-14T15:00:00.000Z' };
    const boundary = main.find((a) => a.id === BOUNDARY_ATTENDEE_ID)!;
    const only = [{ id: String(boundary.id), name: 'Edge', email: null, company: null }];
    const result = await runEventReport({ client, target, kind: 'presence', window, attendees: only, mode: 'full' });
    assert.deepEqual(result.rows.map(noAsOf), [{ ...expectedRow(server.data, boundary, 'presence', window, ZONE), name: 'Edge', email: null, company: null }]);
    assert.equal(result.rows[0]!.lastSeen, '2023-05-14T15:01:00.000Z');
    const earlier = await runEventReport({ client, target, kind: 'presence', window: { ...window, startTo: '2023-05-14T14:59:59.999Z' }, attendees: only, mode: 'full' });
    assert.equal(earlier.rows[0]!.appSeconds, 600);
  });

  test('dailyCounts: distinct attendees in the app per day, cut in Europe/Helsinki', async () => {
    const presence = await runEventReport({ client, target, kind: 'presence', window: FROM, mode: 'full' });
    const counts = dailyCounts(presence.rows);
    const expected = expectedAttendeesPerDay(server.data, NORDIC_SUMMIT_EVENT_ID, FROM, ZONE);
    assert.deepEqual(counts.map((c) => [c.day, c.attendees]), [...expected.entries()].sort());
    assert.ok(counts.length >= 5);
    const engagement = await runEventReport({ client, target, kind: 'engagement', window: FROM, mode: 'full' });
    const perDay = dailyCounts(engagement.rows);
    const streams = engagement.rows.reduce((n, r) => n + r.streamSeconds!, 0);
    assert.equal(perDay.reduce((n, d) => n + d.streamSeconds, 0), streams);
    assert.equal(perDay.reduce((n, d) => n + d.sponsorSeconds, 0), engagement.rows.reduce((n, r) => n + r.sponsorSeconds!, 0));
  });

  test('days are cut in the zone asked for, across midnight and daylight saving', () => {
    const helsinki = new DayCutter(ZONE);
    const utc = new DayCutter('UTC');
    assert.equal(helsinki.day(Date.parse('2023-05-09T21:00:00.000Z')), '2023-05-10');
    assert.equal(helsinki.day(Date.parse('2023-05-09T20:59:59.999Z')), '2023-05-09');
    assert.equal(utc.day(Date.parse('2023-05-09T21:00:00.000Z')), '2023-05-09');
    // Winter time (UTC+2) before 2023-03-26 01:00 UTC, summer time (UTC+3) after.
    assert.equal(helsinki.day(Date.parse('2023-03-25T22:00:00.000Z')), '2023-03-26');
    assert.equal(helsinki.day(Date.parse('2023-03-26T21:00:00.000Z')), '2023-03-27');
    assert.equal(helsinki.day(Date.parse('2023-03-26T20:59:00.000Z')), '2023-03-26');
    const rows = [
      { days: [{ day: '2023-05-10', appSeconds: 5, streamSeconds: 2, sponsorSeconds: 0, inApp: true }] },
      { days: [{ day: '2023-05-10', appSeconds: 0, streamSeconds: 3, sponsorSeconds: 4, inApp: false }, { day: '2023-05-09', appSeconds: 1, streamSeconds: 0, sponsorSeconds: 0, inApp: true }] },
    ];
    assert.deepEqual(dailyCounts(rows as never), [
      { day: '2023-05-09', attendees: 1, streamSeconds: 0, sponsorSeconds: 0 },
      { day: '2023-05-10', attendees: 1, streamSeconds: 5, sponsorSeconds: 4 },
    ]);
  });

  test('a bad date, zone or mode is refused before any request', async () => {
    server.requests.clear();
    const bad = [
      { window: { startFrom: '2023-13-40T00:00:00.000Z' } },
      { window: { startFrom: '10.5.2023' } },
      { window: { startFrom: FROM.startFrom, startTo: '2023-05-09T00:00:00.000Z' } },
      { window: FROM, dayZone: 'Mars/Olympus' },
      // No rollover: February 30th is refused, not read as March 2nd (the same check as the input box).
      { window: { startFrom: '2023-02-30T00:00:00Z' } },
      { window: { startFrom: FROM.startFrom, startTo: '2023-04-31T00:00:00.000Z' } },
    ];
    for (const b of bad) {
      await assert.rejects(runEventReport({ client, target, kind: 'presence', ...b }), (e: Error) => e instanceof ReportInputError && /start_from|start_to|zone/.test(e.message));
    }
    // Ids: a 16-digit id would be rounded to another event; it is refused with a message instead.
    await assert.rejects(runEventReport({ client, target: { ...target, eventId: Number('9007199254740993') }, kind: 'presence', window: FROM }), (e: Error) => e instanceof ReportInputError && /Event id .* not a valid id/.test(e.message));
    await assert.rejects(runEventReport({ client, target, kind: 'presence', window: FROM, attendees: [{ id: '9007199254740993', name: 'Long', email: null, company: null }] }), (e: Error) => e instanceof ReportInputError && /Attendee id/.test(e.message));
    assert.equal(server.requests.count, 0);
  });

  test('columns: engagement adds stream and sponsor columns to presence', () => {
    const presence = reportColumns('presence').map((c) => c.id);
    assert.deepEqual(presence, ['attendeeId', 'name', 'email', 'company', 'checkedIn', 'firstSeen', 'lastSeen', 'slices', 'appSeconds', 'asOf']);
    assert.deepEqual(reportColumns('engagement').map((c) => c.id), [...presence.slice(0, -1), 'streamSeconds', 'sponsorSeconds', 'distinctStreams', 'distinctSponsors', 'clicks', 'asOf']);
  });
});
