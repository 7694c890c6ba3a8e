/**
 * The event report is right after any sequence of runs: each case a review found, where the report gave a wrong
 * answer that looked right or lost what it had, against the local Brella and its live changes. Every test starts a
 * local Brella of its own, so none depends on another.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createBrellaClient, type BrellaClient } from '../../src/brella';
import { NORDIC_SUMMIT_EVENT_ID, startDemoServer, type DemoServer, type DemoServerOptions } from '../../src/demo';
import type { ReportPanelTarget, ToReportWebview } from '../../src/protocol/report';
import {
  memoryReportStore, reportStoreKey, runEventReport, windowOpen, type ReportProgress, type ReportStore, type ReportTarget, type ReportWindow,
} from '../../src/reports';
import { ReportSession } from '../../src/features/report/session';
import { reportTruth } from './helpers/report-truth';
import { noAsOf } from './helpers/report-expected';

const ZONE = 'Europe/Helsinki';
const FROM: ReportWindow = { startFrom: '2023-05-10T00:00:00.000Z' };

interface World { server: DemoServer; client: BrellaClient; target: ReportTarget; ids: string[]; close(): Promise<void> }

async function world(options: DemoServerOptions = {}, clientOptions: Record<string, unknown> = {}): Promise<World> {
  const server = await startDemoServer({ rateLimit: false, attendeeCount: 40, echoKey: true, ...options });
  const client = createBrellaClient({ baseUrl: server.baseUrl, apiKey: server.apiKey, requestsPerSecond: 1000, maxConcurrentRequests: 4, ...clientOptions });
  const target: ReportTarget = { organizationId: server.organizationId, eventId: NORDIC_SUMMIT_EVENT_ID, eventName: 'Nordic Summit 2023', timeZone: ZONE };
  const ids = server.data.attendeesByEvent.get(NORDIC_SUMMIT_EVENT_ID)!.map((a) => String(a.id));
  return { server, client, target, ids, close: async () => { await client.close(); await server.close(); } };
}

const sliceRequests = (server: DemoServer) => server.requests.list().filter((r) => r.path.endsWith('/tracking_session_slices'));
const askedIds = (server: DemoServer) => sliceRequests(server).map((r) => r.path.split('/').at(-2)!).sort();
const truthRows = (w: World, kind: 'presence' | 'engagement' = 'presence', window = FROM) =>
  reportTruth(w.server.data, { eventId: NORDIC_SUMMIT_EVENT_ID, kind, window, dayZone: ZONE });

function assertTruth(w: World, rows: ReturnType<typeof noAsOf>[], kind: 'presence' | 'engagement' = 'presence', window = FROM): void {
  const truth = truthRows(w, kind, window);
  const byId = new Map(rows.map((r) => [r.attendeeId, r]));
  assert.equal(rows.length, truth.rows.length, 'one row per attendee of the event');
  for (const t of truth.rows) {
    const r = byId.get(t.attendeeId);
    assert.ok(r, `a row for ${t.attendeeId}`);
    const { name, email, company, ...figures } = r;
    void name; void email; void company;
    assert.deepEqual(figures, t, `attendee ${t.attendeeId}`);
  }
}

test('1. a key revoked mid-run pauses the run as a whole; after Set API Key, Retry Failed asks the failed and the never asked, and the report is complete', async () => {
  const w = await world();
  try {
    const store = memoryReportStore();
    const onRequest = () => sliceRequests(w.server).length === 10 && w.server.world.revokeKey();
    w.server.requests.on('request', onRequest);
    const progress: ReportProgress[] = [];
    const paused = await runEventReport({ client: w.client, target: w.target, kind: 'presence', window: FROM, store, onProgress: (p) => progress.push(p) });
    w.server.requests.off('request', onRequest);
    assert.equal(paused.paused?.reason, 'key');
    assert.equal(paused.failures.length, 0, 'no attendee is failed for a refused key');
    assert.equal(paused.summary.missing, w.ids.length - paused.rows.length);
    assert.ok(paused.rows.length >= 5 && paused.rows.length < w.ids.length, `${paused.rows.length} rows`);
    assert.equal(progress.at(-1)!.done, paused.rows.length, 'progress gets a last update when the run stops');
    assert.ok(!paused.paused!.message.includes(w.server.apiKey), 'the echoed key is not in the message');

    w.server.world.restoreKey();
    w.server.requests.clear();
    const retried = await runEventReport({ client: w.client, target: w.target, kind: 'presence', window: FROM, store, mode: 'retryFailed' });
    assert.deepEqual(askedIds(w.server), w.ids.filter((id) => !paused.rows.some((r) => r.attendeeId === id)).sort(), 'the never asked are asked, and only they');
    assert.equal(retried.paused, undefined);
    assert.deepEqual([retried.rows.length, retried.failures.length, retried.summary.missing], [w.ids.length, 0, 0]);
    assertTruth(w, retried.rows.map(noAsOf));
  } finally {
    await w.close();
  }
});

test('1b. the pause is the panel\'s outcome, sent again on replay (a hidden tab shown again)', async () => {
  const w = await world();
  try {
    const target: ReportPanelTarget = { ...w.target, kind: 'presence', window: FROM, who: 'all' };
    const posted: ToReportWebview[] = [];
    const s = new ReportSession(target, { client: async () => w.client, store: memoryReportStore(), post: (m) => posted.push(m) });
    w.server.world.revokeKey();
    await s.run('resume');
    const replayed: ToReportWebview[] = [];
    const again = new ReportSession(target, { client: async () => w.client, store: memoryReportStore(), post: (m) => replayed.push(m) });
    void again;
    posted.length = 0;
    await s.replay();
    const done = posted.find((m) => m.type === 'done') as Extract<ToReportWebview, { type: 'done' }>;
    assert.equal(done.paused?.reason, 'key');
    assert.match(done.paused!.message, /Set API Key/);
  } finally {
    await w.close();
  }
});

test('2. Refresh All asks a checked-in attendee only from its latest slice on, and its time, last seen, days and the chart become exact', async () => {
  const w = await world();
  try {
    const store = memoryReportStore();
    let now = Date.parse('2023-05-14T12:00:00.000Z');
    const clock = () => now;
    const first = await runEventReport({ client: w.client, target: w.target, kind: 'presence', window: FROM, store, mode: 'full', now: clock });
    const row = first.rows.find((r) => r.checkedIn)!;
    const id = row.attendeeId;
    w.server.world.appendSlices(NORDIC_SUMMIT_EVENT_ID, id, [{ trackingType: 'time_spent', startTime: '2023-05-20T10:00:00.000Z', durationSeconds: 3600 }]);
    now = Date.parse('2023-05-21T12:00:00.000Z');

    // Update check-ins keeps the checked-in row as it was, as of when it was asked, and says the days after are partial.
    w.server.requests.clear();
    const update = await runEventReport({ client: w.client, target: w.target, kind: 'presence', window: FROM, store, mode: 'incremental', now: clock });
    assert.ok(!askedIds(w.server).includes(id));
    const kept = update.rows.find((r) => r.attendeeId === id)!;
    assert.equal(kept.appSeconds, row.appSeconds);
    assert.equal(kept.asOf, '2023-05-14T12:00:00.000Z');

    w.server.requests.clear();
    const refreshed = await runEventReport({ client: w.client, target: w.target, kind: 'presence', window: FROM, store, mode: 'full', now: clock });
    const request = sliceRequests(w.server).find((r) => r.path.split('/').at(-2) === id)!;
    assert.notEqual(request.query.start_from, FROM.startFrom, 'asked from its latest slice on, not the whole window');
    const fresh = refreshed.rows.find((r) => r.attendeeId === id)!;
    assert.equal(fresh.appSeconds, row.appSeconds + 3600);
    assert.equal(fresh.lastSeen, '2023-05-20T11:00:00.000Z');
    assert.ok(fresh.days.some((d) => d.day === '2023-05-20'));
    assertTruth(w, refreshed.rows.map(noAsOf));
  } finally {
    await w.close();
  }
});

test('2b. a day that rows were asked before it ended is partial, and says how many rows', async () => {
  const w = await world();
  try {
    const now = Date.parse('2023-05-12T12:00:00.000Z');
    const target: ReportPanelTarget = { ...w.target, kind: 'presence', window: FROM, who: 'all' };
    const posted: ToReportWebview[] = [];
    await new ReportSession(target, { client: async () => w.client, store: memoryReportStore(), post: (m) => posted.push(m), now: () => now }).run('full');
    const done = posted.filter((m) => m.type === 'done').at(-1) as Extract<ToReportWebview, { type: 'done' }>;
    const complete = done.daily.filter((d) => d.day < '2023-05-12');
    const partial = done.daily.filter((d) => d.day >= '2023-05-12');
    assert.ok(complete.length > 0 && complete.every((d) => !d.askedBefore));
    assert.ok(partial.length > 0 && partial.every((d) => d.askedBefore === done.summary.attendees));
  } finally {
    await w.close();
  }
});

test('3. a window whose end is still to come is open: Update lists again and asks the not checked in and new attendees', async () => {
  const w = await world();
  try {
    const window: ReportWindow = { startFrom: FROM.startFrom, startTo: '2099-01-01T00:00:00.000Z' };
    assert.equal(windowOpen(window, Date.now()), true);
    assert.equal(windowOpen({ ...window, startTo: '2023-05-15T00:00:00.000Z' }, Date.now()), false);
    const store = memoryReportStore();
    const first = await runEventReport({ client: w.client, target: w.target, kind: 'presence', window, store });
    const notYet = first.rows.filter((r) => !r.checkedIn).map((r) => r.attendeeId);
    const late = notYet[0]!;
    w.server.world.appendSlices(NORDIC_SUMMIT_EVENT_ID, late, [{ trackingType: 'time_spent', startTime: '2023-05-13T09:00:00.000Z', durationSeconds: 60 }]);
    const added = w.server.world.addAttendee(NORDIC_SUMMIT_EVENT_ID, { name: 'Walk-in' });
    w.server.requests.clear();
    const update = await runEventReport({ client: w.client, target: w.target, kind: 'presence', window, store, mode: 'incremental' });
    assert.deepEqual(askedIds(w.server), [...notYet, added].sort());
    assert.equal(update.rows.find((r) => r.attendeeId === late)!.checkedIn, true);
    assert.ok(update.rows.some((r) => r.attendeeId === added));
    assertTruth(w, update.rows.map(noAsOf), 'presence', window);
  } finally {
    await w.close();
  }
});

test('4. two panels on the same event, kind and window (every attendee, and the configured ones) keep their own rows; two windows on one report lose nothing', async () => {
  const w = await world();
  try {
    const store = memoryReportStore();
    const all: ReportPanelTarget = { ...w.target, kind: 'presence', window: FROM, who: 'all' };
    const configured: ReportPanelTarget = { ...all, who: 'configured', attendees: [{ id: w.ids[0]!, name: 'First' }] };
    const session = (t: ReportPanelTarget, s: ReportStore = store) => new ReportSession(t, { client: async () => w.client, store: s, post: () => undefined });
    await Promise.all([session(all).run('full'), session(configured).run('full')]);
    const rowsIn = (key: string) => new Set((store.entries.get(key) ?? []).filter((l) => l.includes('"t":"row"')).map((l) => (JSON.parse(l) as { row: { attendeeId: string } }).row.attendeeId)).size;
    assert.equal(rowsIn(reportStoreKey(w.target, 'presence', FROM)), w.ids.length);

    // Two windows on the same report, each with its own session over the same storage: both write, nothing is lost.
    const shared = memoryReportStore();
    const one = session(all, shared);
    const two = session(all, shared);
    const stopOne = new Promise<void>((resolve) => {
      void one.run('full', (p) => p.done >= 15 && (one.cancel(), resolve()));
    });
    await stopOne;
    await one.stop();
    await two.run('resume');
    w.server.requests.clear();
    const posted: ToReportWebview[] = [];
    const reloaded = new ReportSession(all, { client: async () => w.client, store: shared, post: (m) => posted.push(m) });
    await reloaded.run('resume');
    assert.equal(sliceRequests(w.server).length, 0, 'after a reload, Resume asks nothing: every answer was kept');
    const done = posted.filter((m) => m.type === 'done').at(-1) as Extract<ToReportWebview, { type: 'done' }>;
    assert.equal(done.summary.attendees, w.ids.length);
  } finally {
    await w.close();
  }
});

test('5. Cancel while the attendees are being listed keeps every row shown', async () => {
  const w = await world();
  try {
    const store = memoryReportStore();
    const target: ReportPanelTarget = { ...w.target, kind: 'presence', window: FROM, who: 'all' };
    await new ReportSession(target, { client: async () => w.client, store, post: () => undefined }).run('full');
    // A client whose listing never ends until cancelled.
    const stuck = Object.create(w.client) as BrellaClient;
    stuck.listAttendees = (_o, _e, options) => new Promise((_resolve, reject) => {
      const abort = () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
      if (options?.signal?.aborted) abort();
      options?.signal?.addEventListener('abort', abort);
    });
    const posted: ToReportWebview[] = [];
    const s = new ReportSession(target, { client: async () => stuck, store, post: (m) => posted.push(m) });
    await s.run('incremental', (p) => p.phase === 'listing' && s.cancel());
    const done = posted.filter((m) => m.type === 'done').at(-1) as Extract<ToReportWebview, { type: 'done' }>;
    assert.equal(done.cancelled, true);
    assert.equal(done.summary.attendees, w.ids.length, `${done.summary.attendees} attendees have a row`);
    const shown = new Set<string>();
    for (const m of posted) if (m.type === 'rows') for (const r of m.rows) shown.add(r.attendeeId);
    assert.equal(shown.size, w.ids.length);
  } finally {
    await w.close();
  }
});

test('6. a damaged stored line is dropped and counted; the panel opens, and Resume asks that attendee again', async () => {
  const w = await world();
  try {
    const store = memoryReportStore();
    await runEventReport({ client: w.client, target: w.target, kind: 'presence', window: FROM, store, mode: 'full' });
    const key = reportStoreKey(w.target, 'presence', FROM);
    const lines = store.entries.get(key)!;
    const victim = lines.findIndex((l) => l.includes(`"attendeeId":"${w.ids[7]}"`) && l.includes('"t":"row"'));
    lines[victim] = `{"t":"row","at":"2023-05-20T00:00:00.000Z","row":null}`;
    lines.push('not json at all');
    const posted: ToReportWebview[] = [];
    const target: ReportPanelTarget = { ...w.target, kind: 'presence', window: FROM, who: 'all' };
    const s = new ReportSession(target, { client: async () => w.client, store, post: (m) => posted.push(m) });
    await s.replay();
    const restored = posted.filter((m) => m.type === 'done').at(-1) as Extract<ToReportWebview, { type: 'done' }>;
    assert.equal(restored.summary.dropped, 2);
    assert.equal(restored.summary.missing, 1);
    assert.equal(store.entries.get(key)!.some((l) => l === 'not json at all'), false, 'opening compacts the damaged lines away');
    w.server.requests.clear();
    await s.run('resume');
    assert.deepEqual(askedIds(w.server), [w.ids[7]]);
    const done = posted.filter((m) => m.type === 'done').at(-1) as Extract<ToReportWebview, { type: 'done' }>;
    assert.equal(done.summary.attendees, w.ids.length);
  } finally {
    await w.close();
  }
});

test('7. a Retry-After longer than a minute pauses the run until then, instead of failing attendees one by one', async () => {
  const w = await world();
  try {
    const store = memoryReportStore();
    await runEventReport({ client: w.client, target: w.target, kind: 'presence', window: FROM, store, attendees: [] });
    w.server.world.outage({ status: 503, retryAfterSeconds: 3600 });
    const started = Date.now();
    const progress: ReportProgress[] = [];
    const result = await runEventReport({ client: w.client, target: w.target, kind: 'presence', window: FROM, store, onProgress: (p) => progress.push(p) });
    assert.ok(Date.now() - started < 10_000, 'the run did not wait an hour, nor a minute per attendee');
    assert.equal(result.paused?.reason, 'wait');
    const until = Date.parse(result.paused!.until!);
    assert.ok(Math.abs(until - (started + 3_600_000)) < 60_000, 'until when Brella asked to wait');
    assert.equal(result.failures.length, 0);
    assert.ok(sliceRequests(w.server).length + 1 <= 8, 'a few requests at most');
  } finally {
    await w.close();
  }
});

test('7b. a burst of consecutive server failures pauses the run; failures before it are counted in the last progress', async () => {
  const w = await world({}, { retries: 0 });
  try {
    const store = memoryReportStore();
    const given = w.ids.slice(0, 20).map((id) => ({ id, name: id, email: null, company: null }));
    // Three attendees Brella does not know: each fails on its own (404); progress must count all three.
    const unknown = ['999991', '999992', '999993'].map((id) => ({ id, name: id, email: null, company: null }));
    const progress: ReportProgress[] = [];
    const first = await runEventReport({ client: w.client, target: w.target, kind: 'presence', window: FROM, store, attendees: [...unknown, ...given], onProgress: (p) => progress.push(p) });
    assert.equal(first.failures.length, 3);
    assert.equal(progress.at(-1)!.failed, 3, 'the last progress counts every failure');
    // The local Brella echoes the key in its 404 bodies: no failure reason, and no stored line, holds it.
    assert.equal(JSON.stringify(first.failures).includes(w.server.apiKey), false);
    assert.equal(JSON.stringify([...store.entries]).includes(w.server.apiKey), false);
    w.server.world.outage({ status: 500, retryAfterSeconds: 0 });
    const second = await runEventReport({ client: w.client, target: w.target, kind: 'presence', window: FROM, store, attendees: [...unknown, ...given], mode: 'full' });
    assert.equal(second.paused?.reason, 'outage');
    assert.match(second.paused!.message, /in a row/);
  } finally {
    await w.close();
  }
});

test('7c. while Brella asks to wait (a short Retry-After), progress says so and until when, then the run goes on', async () => {
  const w = await world();
  try {
    const store = memoryReportStore();
    let waiting: ReportProgress | undefined;
    const onRequest = () => sliceRequests(w.server).length === 5 && w.server.world.outage({ status: 503, retryAfterSeconds: 2 });
    w.server.requests.on('request', onRequest);
    const result = await runEventReport({
      client: w.client, target: w.target, kind: 'presence', window: FROM, store,
      onProgress: (p) => {
        if (p.phase !== 'waiting' || waiting) return;
        waiting = p;
        w.server.world.endOutage();
      },
    });
    w.server.requests.off('request', onRequest);
    assert.ok(waiting, 'progress said it was waiting');
    assert.ok(Date.parse(waiting.waitingUntil!) > Date.now() - 5_000);
    assert.equal(result.paused, undefined);
    assert.deepEqual([result.rows.length, result.failures.length], [w.ids.length, 0]);
  } finally {
    await w.close();
  }
});

test('listing again an unchanged event writes only when, not the list; a changed one writes the new list', async () => {
  const w = await world();
  try {
    const store = memoryReportStore();
    await runEventReport({ client: w.client, target: w.target, kind: 'presence', window: FROM, store, mode: 'full' });
    const before = store.bytesWritten;
    const update = await runEventReport({ client: w.client, target: w.target, kind: 'presence', window: FROM, store, mode: 'incremental' });
    const notCheckedIn = update.rows.filter((r) => !r.checkedIn).length;
    const lines = store.entries.get(reportStoreKey(w.target, 'presence', FROM))!;
    assert.equal(lines.filter((l) => l.startsWith('{"t":"list"')).length, 1, 'the list is written once');
    assert.equal(lines.filter((l) => l.startsWith('{"t":"listed"')).length, 1);
    assert.ok(store.bytesWritten - before < (notCheckedIn + 1) * 1000, `${store.bytesWritten - before} bytes for ${notCheckedIn} rows asked`);
    const added = w.server.world.addAttendee(NORDIC_SUMMIT_EVENT_ID, { name: 'Late' });
    const again = await runEventReport({ client: w.client, target: w.target, kind: 'presence', window: FROM, store, mode: 'incremental' });
    assert.ok(again.rows.some((r) => r.attendeeId === added));
    assert.equal(store.entries.get(reportStoreKey(w.target, 'presence', FROM))!.filter((l) => l.startsWith('{"t":"list"')).length, 2);
    assert.ok(again.summary.listedAt! > update.summary.listedAt!);
  } finally {
    await w.close();
  }
});

test('early answers: attendees are asked in a seeded random order that Resume keeps; a stopped run estimates the check-in rate with its interval, the complete one gives the exact figure', async () => {
  // One request at a time, so the order the server sees is the order asked.
  const w = await world({ attendeeCount: 120 }, { maxConcurrentRequests: 1 });
  try {
    const store = memoryReportStore();
    const controller = new AbortController();
    const onRequest = () => sliceRequests(w.server).length === 50 && controller.abort();
    w.server.requests.on('request', onRequest);
    const first = await runEventReport({ client: w.client, target: w.target, kind: 'presence', window: FROM, store, signal: controller.signal });
    w.server.requests.off('request', onRequest);
    const askedFirst = sliceRequests(w.server).map((r) => r.path.split('/').at(-2)!);
    const listOrder = w.ids.filter((id) => askedFirst.includes(id));
    assert.notDeepEqual(askedFirst, listOrder, 'not in the list\'s order');
    // Spread over the list, not in runs of neighbours: about half of the first answers come from each half of it.
    const firstHalf = askedFirst.filter((id) => w.ids.indexOf(id) < w.ids.length / 2).length;
    assert.ok(firstHalf > askedFirst.length * 0.25 && firstHalf < askedFirst.length * 0.75, `${firstHalf} of ${askedFirst.length} from the first half of the list`);
    // The estimate: from the rows so far, for everyone; its interval holds the exact rate of the whole event.
    const e = first.summary.estimate!;
    assert.ok(e, 'a stopped run estimates');
    assert.equal(e.sample, first.rows.length);
    assert.equal(e.population, w.ids.length);
    const truth = truthRows(w).rows;
    const exact = (truth.filter((r) => r.checkedIn).length / truth.length) * 100;
    assert.ok(e.low <= exact + 0.05 && exact - 0.05 <= e.high, `${exact.toFixed(1)} % in ${e.low}–${e.high} %`);
    // Resume asks the rest in the same order.
    w.server.requests.clear();
    const resumed = await runEventReport({ client: w.client, target: w.target, kind: 'presence', window: FROM, store, mode: 'resume' });
    const askedNext = sliceRequests(w.server).map((r) => r.path.split('/').at(-2)!);
    w.server.requests.clear();
    const again = memoryReportStore();
    await runEventReport({ client: w.client, target: w.target, kind: 'presence', window: FROM, store: again, mode: 'full' });
    const fullOrder = sliceRequests(w.server).map((r) => r.path.split('/').at(-2)!);
    assert.deepEqual(askedNext, fullOrder.filter((id) => askedNext.includes(id)), 'Resume goes on in the same order');
    assert.equal(resumed.summary.estimate, undefined, 'complete: no estimate, the exact figure');
    assert.equal(resumed.summary.percent, Math.round(exact * 10) / 10);
  } finally {
    await w.close();
  }
});
