import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createBrellaClient, type BrellaClient } from '../../src/brella';
import { NORDIC_SUMMIT_EVENT_ID, startDemoServer, type DemoAttendee, type DemoServer } from '../../src/demo';
import { memoryReportStore, reportStoreKey, runEventReport, type ReportAttendee, type ReportProgress, type ReportTarget, type ReportWindow } from '../../src/reports';
import { closeReportDemo, openReportDemo } from './helpers/report-demo';
import { expectedRow, expectedRows, noAsOf } from './helpers/report-expected';

/** The attendees with a row line in the store under `key`. */
function storedRowIds(store: { entries: Map<string, string[]> }, key: string): string[] {
  const ids = new Set<string>();
  for (const line of store.entries.get(key) ?? []) {
    const l = JSON.parse(line) as { t: string; row?: { attendeeId: string } };
    if (l.t === 'row') ids.add(l.row!.attendeeId);
  }
  return [...ids];
}

const ZONE = 'Europe/Helsinki';
const FROM: ReportWindow = { startFrom: '2023-05-10T00:00:00.000Z' };
const sliceRequests = (server: DemoServer) => server.requests.list().filter((r) => r.path.endsWith('/tracking_session_slices'));
const attendeeRequests = (server: DemoServer) => server.requests.list().filter((r) => r.path.endsWith('/attendees'));

const asReport = (a: DemoAttendee): ReportAttendee => ({ id: String(a.id), name: [a.firstName, a.lastName].filter(Boolean).join(' ') || `Attendee ${a.id}`, email: a.email, company: a.companyName });

describe('event report: cancel, resume, failures, re-runs', () => {
  let server: DemoServer;
  let client: BrellaClient;
  let target: ReportTarget;
  let main: DemoAttendee[];
  let clientLog: string[];

  before(async () => {
    // The local Brella echoes the key (error bodies, included names, links; its largest attendee has three pages, so
    // the client follows links that carry it): every check that the key is nowhere fails without the redaction.
    ({ server, client, target, main, clientLog } = await openReportDemo({ rateLimit: false, attendeeCount: 120, largeAttendee: 1_200, faults: { latencyMs: 15 }, echoKey: true }, { requestsPerSecond: 150, maxConcurrentRequests: 6 }, ZONE));
  });
  after(() => closeReportDemo({ server, client }));

  test('cancel halfway keeps its rows; resume asks only for the missing ones', async () => {
    const store = memoryReportStore();
    const controller = new AbortController();
    server.requests.clear();
    const onRequest = () => {
      if (sliceRequests(server).length >= main.length / 2) controller.abort();
    };
    server.requests.on('request', onRequest);
    const cancelled = await runEventReport({ client, target, kind: 'presence', window: FROM, store, signal: controller.signal });
    server.requests.off('request', onRequest);
    assert.equal(cancelled.cancelled, true);
    assert.equal(cancelled.failures.length, 0, 'a cancelled request is not a failure');
    assert.deepEqual([cancelled.summary.asked, cancelled.summary.reused], [cancelled.rows.length, 0]);
    assert.ok(cancelled.rows.length > 10 && cancelled.rows.length < main.length, `${cancelled.rows.length} rows kept`);
    for (const row of cancelled.rows) {
      assert.deepEqual(noAsOf(row), expectedRow(server.data, main.find((a) => String(a.id) === row.attendeeId)!, 'presence', FROM, ZONE));
    }
    assert.deepEqual(storedRowIds(store, reportStoreKey(target, 'presence', FROM)).sort(), cancelled.rows.map((r) => r.attendeeId).sort());
    assert.ok(!JSON.stringify([...store.entries]).includes(server.apiKey), 'the key is never stored');
    assert.ok(clientLog.length > 0 && !clientLog.some((l) => l.includes(server.apiKey)), 'the key is in no request log line, though the server echoed it');

    // Requests cut by Cancel are logged by the server when its latency has passed: let them land before counting.
    await new Promise((resolve) => setTimeout(resolve, 200));
    server.requests.clear();
    const progress: number[] = [];
    const resumed = await runEventReport({ client, target, kind: 'presence', window: FROM, store, onProgress: (p) => progress.push(p.done) });
    assert.equal(new Set(sliceRequests(server).map((r) => r.path)).size, main.length - cancelled.rows.length, 'only the missing attendees are asked');
    assert.equal(attendeeRequests(server).length, 0, 'the stored attendee list is reused');
    assert.deepEqual(resumed.rows.map(noAsOf), expectedRows(server.data, NORDIC_SUMMIT_EVENT_ID, 'presence', FROM, ZONE));
    assert.equal(resumed.summary.reused, cancelled.rows.length);
    assert.equal(resumed.summary.asked, main.length - cancelled.rows.length);
    assert.equal(progress[0], cancelled.rows.length, 'progress starts with the reused rows done');
    assert.equal(progress.at(-1), main.length);
  });

  test('each finished answer is written once, as one line, in batches', async () => {
    const store = memoryReportStore();
    const batches: number[] = [];
    const result = await runEventReport({ client, target, kind: 'presence', window: FROM, store, mode: 'full', onRows: (rows) => batches.push(rows.length) });
    assert.equal(result.rows.length, main.length);
    assert.ok(store.appends >= 1 && store.appends < main.length / 10, `${store.appends} appends for ${main.length} rows`);
    assert.ok(batches.length < main.length / 5, `${batches.length} row batches`);
    assert.equal(batches.reduce((a, b) => a + b, 0), main.length);
    const lines = store.entries.get(reportStoreKey(target, 'presence', FROM))!;
    assert.equal(lines.length, main.length + 1, 'one line per attendee, and one for the list');
    assert.equal(storedRowIds(store, reportStoreKey(target, 'presence', FROM)).length, main.length);
    // Resuming afterwards writes nothing: nothing was asked.
    const before = store.bytesWritten;
    await runEventReport({ client, target, kind: 'presence', window: FROM, store });
    assert.equal(store.bytesWritten, before);
  });

  test('an attendee that still fails is listed with its reason; Retry failed asks only for it', async () => {
    const store = memoryReportStore();
    const attendees = [asReport(main[0]!), { id: '999999', name: 'Gone Attendee', email: null, company: null }, asReport(main[1]!)];
    const first = await runEventReport({ client, target, kind: 'presence', window: FROM, store, attendees });
    assert.deepEqual(first.rows.map((r) => r.attendeeId), [String(main[0]!.id), String(main[1]!.id)]);
    assert.equal(first.failures.length, 1);
    assert.equal(first.failures[0]!.attendeeId, '999999');
    assert.equal(first.failures[0]!.name, 'Gone Attendee');
    assert.equal(first.failures[0]!.status, 404);
    assert.match(first.failures[0]!.reason, /found nothing/);
    assert.equal(first.summary.failures, 1);
    // The local Brella echoes the key in its error bodies: the failure, and the stored line, hold none of it.
    assert.equal(JSON.stringify(first).includes(server.apiKey), false, 'the key is in no result');
    assert.equal(JSON.stringify([...store.entries]).includes(server.apiKey), false, 'the key is in no stored line');

    server.requests.clear();
    const retried = await runEventReport({ client, target, kind: 'presence', window: FROM, store, attendees, mode: 'retryFailed' });
    assert.deepEqual(sliceRequests(server).map((r) => r.path.split('/').at(-2)), ['999999']);
    assert.equal(retried.failures.length, 1);
    assert.equal(retried.rows.length, 2);
  });

  test('a refused key (403) pauses the run as a whole, saying what was refused and how to fix it; no attendee is failed', async () => {
    const wrong = createBrellaClient({ baseUrl: server.baseUrl, apiKey: 'demo_not_a_key', requestsPerSecond: 150 });
    try {
      server.requests.clear();
      const result = await runEventReport({ client: wrong, target, kind: 'presence', window: FROM, attendees: main.map(asReport), concurrency: 4 });
      assert.equal(result.failures.length, 0);
      assert.equal(result.paused?.reason, 'key');
      assert.match(result.paused!.message, new RegExp(`refused the API key for organization 1001.*${main.length} attendees were not asked.*Set API Key.*Resume`, 's'));
      assert.equal(result.summary.missing, main.length);
      assert.ok(server.requests.count <= 4, `${server.requests.count} requests after a 403`);
      assert.ok(!JSON.stringify(result).includes('demo_not_a_key'));
    } finally {
      await wrong.close();
    }
  });

  test('a request blocked by Cloudflare pauses the run and does not blame the key', async () => {
    const blocked = await startDemoServer({ rateLimit: false, attendeeCount: 30, apiKey: server.apiKey, faults: { cloudflareBlock: 'error-1010' } });
    const c = createBrellaClient({ baseUrl: blocked.baseUrl, apiKey: server.apiKey, requestsPerSecond: 150 });
    try {
      const attendees = blocked.data.attendeesByEvent.get(NORDIC_SUMMIT_EVENT_ID)!.map(asReport);
      const result = await runEventReport({ client: c, target, kind: 'presence', window: FROM, attendees, concurrency: 3 });
      assert.equal(result.failures.length, 0);
      assert.equal(result.paused?.reason, 'blocked');
      assert.match(result.paused!.message, /Cloudflare/);
      assert.doesNotMatch(result.paused!.message, /Set API Key/);
      assert.ok(blocked.requests.count <= 3, `${blocked.requests.count} requests after a block`);
    } finally {
      await c.close();
      await blocked.close();
    }
  });

  test('Update check-ins lists the attendees again and asks only the not yet checked in and the new ones', async () => {
    // A local Brella of its own: this test adds attendees and slices to it.
    const own = await openReportDemo({ rateLimit: false, attendeeCount: 60 }, { requestsPerSecond: 1000, maxConcurrentRequests: 6 }, ZONE);
    const { server, client, target, main } = own;
    try {
    const store = memoryReportStore();
    const first = await runEventReport({ client, target, kind: 'presence', window: FROM, store, mode: 'full' });
    const notYet = first.rows.filter((r) => !r.checkedIn);
    assert.ok(notYet.length > 5);
    // During the event, one attendee who had only visited before now opens the app, and five new attendees come.
    const late = main.find((a) => a.profile === 'before-only')!;
    server.world.appendSlices(NORDIC_SUMMIT_EVENT_ID, late.id, [{ trackingType: 'time_spent', startTime: '2023-05-12T09:00:00.000Z', durationSeconds: 300 }]);
    const added = Array.from({ length: 5 }, (_, i) => server.world.addAttendee(NORDIC_SUMMIT_EVENT_ID, { name: `New ${i}` }));
    server.world.appendSlices(NORDIC_SUMMIT_EVENT_ID, added[0]!, [{ trackingType: 'time_spent', startTime: '2023-05-12T10:00:00.000Z', durationSeconds: 60 }]);
    server.requests.clear();
    const rerun = await runEventReport({ client, target, kind: 'presence', window: FROM, store, mode: 'incremental' });
    const asked = sliceRequests(server).map((r) => r.path.split('/').at(-2)!).sort();
    assert.deepEqual(asked, [...notYet.map((r) => r.attendeeId), ...added].sort());
    assert.equal(attendeeRequests(server).length, 1, 'the attendees are listed again');
    assert.equal(rerun.summary.reused, first.rows.length - notYet.length);
    assert.equal(rerun.summary.asked, notYet.length + 5);
    assert.deepEqual(rerun.rows.map(noAsOf), expectedRows(server.data, NORDIC_SUMMIT_EVENT_ID, 'presence', FROM, ZONE));
    assert.equal(rerun.rows.find((r) => r.attendeeId === String(late.id))!.checkedIn, true);
    assert.equal(rerun.rows.find((r) => r.attendeeId === added[0])!.checkedIn, true);
    } finally {
      await closeReportDemo(own);
    }
  });

  test('a report over configured attendees has its own ledger, and borrows the email and company Brella listed', async () => {
    const store = memoryReportStore();
    const key = reportStoreKey(target, 'presence', FROM);
    await runEventReport({ client, target, kind: 'presence', window: FROM, store, mode: 'full' });
    const configured = [{ id: String(main[3]!.id), name: 'Configured Name', email: null, company: null }];
    const subset = await runEventReport({ client, target, kind: 'presence', window: FROM, store, mode: 'full', attendees: configured });
    assert.equal(subset.rows.length, 1);
    assert.equal(subset.rows[0]!.name, 'Configured Name');
    // The configured attendee has no email or company of its own: those Brella listed in the report over all fill in.
    assert.deepEqual([subset.rows[0]!.email, subset.rows[0]!.company], [main[3]!.email, main[3]!.companyName]);
    assert.ok(main[3]!.email);
    assert.equal(storedRowIds(store, key).length, main.length, 'the report over every attendee keeps all its rows');
    server.requests.clear();
    const resumed = await runEventReport({ client, target, kind: 'presence', window: FROM, store });
    assert.equal(server.requests.count, 0);
    assert.equal(resumed.rows.length, main.length);
    assert.equal(resumed.summary.reused, main.length);
  });

  test('several attendees are in flight at once, so latency does not slow the run', async () => {
    server.requests.clear();
    await runEventReport({ client, target, kind: 'presence', window: FROM, mode: 'full', attendees: main.slice(0, 30).map(asReport) });
    const spans = sliceRequests(server).map((r) => ({ start: Date.parse(r.time), end: Date.parse(r.time) + r.durationMs }));
    const most = Math.max(...spans.map((a) => spans.filter((b) => b.start <= a.start && a.start < b.end).length));
    assert.ok(most >= 3, `at most ${most} requests overlapped`);
  });

  test('progress says done, total, rate and ETA', async () => {
    const seen: ReportProgress[] = [];
    await runEventReport({ client, target, kind: 'presence', window: FROM, mode: 'full', onProgress: (p) => seen.push(p) });
    assert.equal(seen[0]!.phase, 'listing', 'first it says it is listing the attendees');
    const asking = seen.slice(1);
    assert.ok(asking.length >= 2);
    assert.ok(asking.every((p) => p.total === main.length));
    const last = seen.at(-1)!;
    assert.equal(last.done, main.length);
    assert.equal(last.etaSeconds, 0);
    assert.ok(last.ratePerSecond > 0);
    const middle = asking.find((p) => p.done > 0 && p.done < p.total);
    assert.ok(middle && middle.etaSeconds !== null && middle.etaSeconds > 0 && middle.ratePerSecond > 0, 'an ETA while running');
  });
});

describe('event report: the key a careless server echoes', () => {
  test('a key revoked between two pages of one attendee pauses the run; the page named in the message carries no key', async () => {
    const own = await openReportDemo({ rateLimit: false, attendeeCount: 10, largeAttendee: 1_200, echoKey: true }, { requestsPerSecond: 1000, maxConcurrentRequests: 1 }, ZONE);
    try {
      const { server, client, target } = own;
      const large = server.data.attendeesByEvent.get(NORDIC_SUMMIT_EVENT_ID)!.find((a) => a.id === server.data.largeAttendeeId)!;
      const store = memoryReportStore();
      // The first page's links.next carries the key (echo=…); the key is revoked once that page is answered.
      const onRequest = () => sliceRequests(server).length === 1 && server.world.revokeKey();
      server.requests.on('request', onRequest);
      const result = await runEventReport({ client, target, kind: 'engagement', window: FROM, store, attendees: [asReport(large)], concurrency: 1 });
      server.requests.off('request', onRequest);
      assert.ok(sliceRequests(server).length >= 2, 'the second page was asked');
      assert.equal(result.paused?.reason, 'key');
      assert.equal(result.paused!.message.includes(server.apiKey), false, 'the message holds no key');
      assert.equal(JSON.stringify([...store.entries]).includes(server.apiKey), false, 'no stored line holds the key');
      assert.equal(own.clientLog.some((l) => l.includes(server.apiKey)), false, 'no request log line holds the key');
    } finally {
      await closeReportDemo(own);
    }
  });
});
