/**
 * The report panel's session and its file store against the local Brella: what the webview is sent, cancel and
 * resume, a restored report after a window reload (rows from the store, no request), and the key never stored.
 * Also the window helpers of the command and the protocol's check of webview messages.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createBrellaClient, type BrellaClient } from '../../src/brella';
import { PARTNER_DAY_EVENT_ID, startDemoServer, type DemoServer } from '../../src/demo';
import { fromReportWebview, progressText, type ReportPanelTarget, type ToReportWebview } from '../../src/protocol/report';
import { ReportSession } from '../../src/services/report-session';
import { FileReportStore } from '../../src/views/report-store';
import { checkWindow, defaultStartFrom, eventTimeZone, reportFiltersFor, windowText } from '../../src/views/report-window';

const slicesAsked = (server: DemoServer) => server.requests.list().filter((r) => r.path.endsWith('/tracking_session_slices')).length;

/** Resolves once the server has recorded no new request for 150 ms (longer than its 20 ms latency). */
async function quiet(server: DemoServer): Promise<void> {
  for (let seen = -1; seen !== server.requests.list().length;) {
    seen = server.requests.list().length;
    await new Promise((r) => setTimeout(r, 150));
  }
}

describe('report session with a file store, against the local Brella', () => {
  let server: DemoServer;
  let client: BrellaClient;
  let folder: string;
  let target: ReportPanelTarget;
  let expectedCheckedIn: number;
  let attendees: number;

  before(async () => {
    server = await startDemoServer({ rateLimit: false, faults: { latencyMs: 20 } });
    client = createBrellaClient({ baseUrl: server.baseUrl, apiKey: server.apiKey, requestsPerSecond: 200, maxConcurrentRequests: 4 });
    folder = await mkdtemp(path.join(tmpdir(), 'report-store-'));
    const event = server.data.events.find((e) => e.id === PARTNER_DAY_EVENT_ID)!;
    const startFrom = defaultStartFrom(undefined, event.startTime)!;
    target = { organizationId: server.organizationId, eventId: event.id, eventName: event.name, timeZone: event.timeZone, kind: 'presence', window: { startFrom }, who: 'all' };
    const people = server.data.attendeesByEvent.get(event.id)!;
    attendees = people.length;
    // The local Brella's own count: attendees with any time_spent slice starting at or after the window's start.
    expectedCheckedIn = people.filter((p) => server.data.expectedSlices(event.id, p.id, { tracking_type: 'time_spent', start_from: startFrom }).length > 0).length;
  });
  after(async () => {
    await client.close();
    await server.close();
    await rm(folder, { recursive: true, force: true });
  });

  const session = (posted: ToReportWebview[], store = new FileReportStore(folder)) =>
    new ReportSession(target, { client: async () => client, store, post: (m) => posted.push(m) });
  const last = <T extends ToReportWebview['type']>(posted: ToReportWebview[], type: T) =>
    posted.filter((m) => m.type === type).at(-1) as Extract<ToReportWebview, { type: T }> | undefined;

  test('cancel keeps finished rows; resume asks only the rest; the summary equals the server\'s count', async () => {
    const posted: ToReportWebview[] = [];
    const lines: string[] = [];
    const log = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m), error: (m: string) => lines.push(m) };
    const s = new ReportSession(target, { client: async () => client, store: new FileReportStore(folder), post: (m) => posted.push(m), log });
    server.requests.clear();
    await s.run('full', (p) => {
      if (p.done >= 10) s.cancel();
    });
    const cancelled = last(posted, 'done')!;
    assert.equal(cancelled.cancelled, true);
    const kept = cancelled.summary.attendees;
    assert.ok(kept >= 10 && kept < attendees, `${kept} rows kept`);
    assert.equal(last(posted, 'rows')!.reset, true);
    assert.equal(last(posted, 'rows')!.rows.length, kept, 'the webview holds exactly the kept rows');

    // Requests cut off by Cancel were already on their way: the local Brella records them after its latency.
    await quiet(server);
    server.requests.clear();
    const progress: string[] = [];
    await s.run('resume', (p) => progress.push(progressText(p)));
    assert.equal(slicesAsked(server), attendees - kept, 'one request per attendee left');
    const done = last(posted, 'done')!;
    assert.equal(done.cancelled, false);
    assert.deepEqual([done.summary.attendees, done.summary.checkedIn, done.summary.reused, done.summary.asked], [attendees, expectedCheckedIn, kept, attendees - kept]);
    assert.match(progress.at(-1)!, new RegExp(`^${attendees} / ${attendees} attendees`));
    assert.ok(done.daily.length > 0 && done.daily.every((d) => /^\d{4}-\d\d-\d\d$/.test(d.day)));
    assert.match(lines[0]!, new RegExp(`, presence, full, cancelled: ${kept} rows`));
    assert.match(lines[1]!, new RegExp(`, presence, resume: ${attendees} rows, ${expectedCheckedIn} checked in, 0 failed; reused ${kept}, asked ${attendees - kept} in `));
    assert.equal(lines.some((l) => l.includes(server.apiKey)), false);
  });

  test('stop() (the window closing mid-run) returns once the finished rows are saved: the next window resumes with only the rest', async () => {
    const own = await mkdtemp(path.join(tmpdir(), 'report-stop-'));
    try {
      const s = session([], new FileReportStore(own));
      let stopping: Promise<void> | undefined;
      const run = s.run('full', (p) => {
        if (p.done >= 8) stopping ??= s.stop();
      });
      await new Promise<void>((resolve) => {
        const poll = setInterval(() => stopping && (clearInterval(poll), resolve()), 5);
      });
      await stopping;
      // Read at once, as a reloaded window would: the file already holds what the run finished.
      const kept = await new FileReportStore(own).load(s.storeKey);
      const keptRows = Object.keys(kept?.rows ?? {}).length;
      assert.ok(keptRows >= 8 && keptRows < attendees, `${keptRows} rows saved before stop() returned`);
      await run;
      await quiet(server);
      server.requests.clear();
      const posted: ToReportWebview[] = [];
      await session(posted, new FileReportStore(own)).run('resume');
      assert.equal(slicesAsked(server), attendees - keptRows, 'the next window asks only the rest');
      assert.equal(last(posted, 'done')!.summary.attendees, attendees);
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });

  test('after a window reload the report comes back from the store without a request, and the key is in no file', async () => {
    const posted: ToReportWebview[] = [];
    server.requests.clear();
    await session(posted).replay();
    assert.equal(server.requests.list().length, 0, 'restoring asks Brella nothing');
    const rows = posted.filter((m) => m.type === 'rows').flatMap((m) => (m as Extract<ToReportWebview, { type: 'rows' }>).rows);
    assert.equal(rows.length, attendees);
    const done = last(posted, 'done')!;
    assert.equal(done.restored, true);
    assert.deepEqual([done.summary.attendees, done.summary.checkedIn, done.summary.asked], [attendees, expectedCheckedIn, 0]);

    const files = await readdir(folder);
    assert.ok(files.length >= 1);
    for (const file of files) {
      const text = await readFile(path.join(folder, file), 'utf8');
      assert.equal(text.includes(server.apiKey), false, `${file} holds no key`);
    }
    assert.equal(JSON.stringify(posted).includes(server.apiKey), false, 'no message holds the key');
  });

  test('a store that cannot be read restores nothing and the session still runs', async () => {
    const posted: ToReportWebview[] = [];
    const broken = { load: async () => { throw new Error('disk gone'); }, save: async () => undefined };
    const s = new ReportSession({ ...target, who: 'configured', attendees: [{ id: String(server.data.attendeesByEvent.get(PARTNER_DAY_EVENT_ID)![0]!.id), name: 'First' }] },
      { client: async () => client, store: broken, post: (m) => posted.push(m) });
    await s.replay();
    assert.equal(posted.filter((m) => m.type === 'done').length, 0);
    server.requests.clear();
    await s.run('resume');
    assert.equal(slicesAsked(server), 1, 'only the configured attendee is asked');
    assert.equal(last(posted, 'done')!.summary.attendees, 1);
  });

  test('the demo organization\'s reports are kept apart from a real organization with the same id', async () => {
    const { memoryReportStore } = await import('../../src/reports');
    const store = memoryReportStore();
    const only = { who: 'configured' as const, attendees: [{ id: String(server.data.attendeesByEvent.get(PARTNER_DAY_EVENT_ID)![0]!.id), name: 'First' }] };
    await new ReportSession({ ...target, ...only, demo: true }, { client: async () => client, store, post: () => undefined }).run('full');
    const keys = [...store.entries.keys()];
    assert.equal(keys.length, 1);
    assert.match(keys[0]!, /^demo:/);
    const posted: ToReportWebview[] = [];
    await new ReportSession({ ...target, ...only }, { client: async () => client, store, post: (m) => posted.push(m) }).replay();
    assert.equal(posted.filter((m) => m.type === 'done').length, 0, 'the real organization sees no demo rows');
  });

  test('a refused key fails the run with Set API Key, Resume and Show Log, and says what was refused', async () => {
    const posted: ToReportWebview[] = [];
    const wrong = createBrellaClient({ baseUrl: server.baseUrl, apiKey: 'not-the-right-key', requestsPerSecond: 200 });
    try {
      const s = new ReportSession(target, { client: async () => wrong, store: new FileReportStore(path.join(folder, 'refused')), post: (m) => posted.push(m) });
      await s.run('resume');
    } finally {
      await wrong.close();
    }
    const failed = last(posted, 'failed')!;
    assert.equal(failed.status, 403);
    assert.deepEqual(failed.actions, ['setApiKey', 'resume', 'showLog']);
    assert.match(failed.message, /refused|403/i);
    assert.equal(JSON.stringify(posted).includes('not-the-right-key'), false, 'the key is in no message');
  });

  test('a missing key fails the run with Set API Key, before any request', async () => {
    const posted: ToReportWebview[] = [];
    const { MissingKeyError } = await import('../../src/services/brella');
    const s = new ReportSession(target, { client: async () => { throw new MissingKeyError(target.organizationId); }, store: new FileReportStore(path.join(folder, 'none')), post: (m) => posted.push(m) });
    await s.run('resume');
    const failed = last(posted, 'failed')!;
    assert.deepEqual(failed.actions, ['setApiKey']);
    assert.match(failed.message, /has no API key/);
  });
});

describe('report window and messages', () => {
  test('typed dates are checked before any request: bad dates and a start_to before start_from are refused', () => {
    assert.deepEqual(checkWindow('2023-05-10', ''), { ok: true, value: { startFrom: '2023-05-10T00:00:00.000Z' } });
    assert.deepEqual(checkWindow('2023-05-10T03:00:00+03:00', '2023-05-12'), { ok: true, value: { startFrom: '2023-05-10T00:00:00.000Z', startTo: '2023-05-12T00:00:00.000Z' } });
    const bad = checkWindow('2023-13-45', '');
    assert.equal(bad.ok, false);
    assert.match((bad as { message: string }).message, /start_from.*2023-13-45/);
    assert.match((checkWindow('2023-05-12', '2023-05-10') as { message: string }).message, /start_to .* is before start_from/);
    assert.equal(checkWindow('', '').ok, false);
  });

  test('the default start is the first day at 00:00 UTC; the zone comes from time-zone or timezone', () => {
    assert.equal(defaultStartFrom('2023-05-10', '2023-05-09T06:00:00.000Z'), '2023-05-10T00:00:00.000Z', 'the configured start wins');
    assert.equal(defaultStartFrom(undefined, '2023-05-10T06:00:00.000Z'), '2023-05-10T00:00:00.000Z');
    assert.equal(defaultStartFrom(undefined, null), undefined);
    assert.equal(eventTimeZone({ timeZone: 'Europe/Helsinki' }), 'Europe/Helsinki');
    assert.equal(eventTimeZone({ timezone: 'Europe/Riga' }), 'Europe/Riga');
    assert.equal(eventTimeZone({ timezone: 'Not/AZone' }), undefined);
    assert.equal(eventTimeZone({}), undefined);
    assert.deepEqual(windowText({ startFrom: '2023-05-10T00:00:00.000Z' }, 'Europe/Helsinki'), { utc: '2023-05-10 00:00 → now UTC', zone: '2023-05-10 03:00 → now Europe/Helsinki' });
    assert.deepEqual(windowText({ startFrom: '2023-05-10T00:00:00.000Z', startTo: '2023-05-11T00:00:00.000Z' }, 'UTC'), { utc: '2023-05-10 00:00 → 2023-05-11 00:00 UTC' });
    assert.deepEqual(reportFiltersFor('presence', { startFrom: '2023-05-10T00:00:00.000Z' }), { tracking_type: ['time_spent'], start_from: '2023-05-10T00:00:00.000Z' });
    assert.deepEqual(reportFiltersFor('engagement', { startFrom: 'a', startTo: 'b' }), { start_from: 'a', start_to: 'b' });
  });

  test('messages from the webview are checked: an attendee id must be digits, modes and commands are closed lists', () => {
    assert.equal(fromReportWebview.safeParse({ type: 'openSlices', attendeeId: '100001', name: 'Ada' }).success, true);
    assert.equal(fromReportWebview.safeParse({ type: 'openSlices', attendeeId: '../1', name: 'Ada' }).success, false);
    assert.equal(fromReportWebview.safeParse({ type: 'run', mode: 'everything' }).success, false);
    assert.equal(fromReportWebview.safeParse({ type: 'command', command: 'workbench.action.terminal.new' }).success, false);
    assert.equal(fromReportWebview.safeParse({ type: 'export', format: 'html', text: '', rows: 0 }).success, false);
  });
});

describe('report file store', () => {
  test('one file per report, read back by its key only; beyond `keep` reports the least recently saved are deleted', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'report-files-'));
    try {
      const value = (n: number) => ({ version: 1 as const, rows: {}, failures: {}, updatedAt: new Date(n).toISOString() });
      const old = new FileReportStore(folder, 2);
      await old.save('a', value(1));
      await old.save('b', value(2));
      assert.deepEqual(await old.load('a'), value(1));
      assert.equal(await old.load('missing'), undefined);
      const { utimes } = await import('node:fs/promises');
      await utimes(old.fileOf('a'), new Date(1000), new Date(1000));
      // A new session (a window reload) saves a third report: the least recently saved one goes.
      const store = new FileReportStore(folder, 2);
      await store.save('c', value(3));
      assert.equal((await readdir(folder)).length, 2);
      assert.equal(await store.load('a'), undefined);
      assert.deepEqual(await store.load('b'), value(2));
      assert.deepEqual(await store.load('c'), value(3));
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
