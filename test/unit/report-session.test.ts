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
import { fromReportWebview, progressText, reportPanelTarget, type ReportPanelTarget, type ToReportWebview } from '../../src/protocol/report';
import { memoryReportStore, type ReportStore } from '../../src/reports';
import { ReportSession } from '../../src/features/report/session';
import { FileReportStore } from '../../src/features/report/store';
import { reportSliceFilters } from '../../src/model/presence';
import { checkWindow, defaultStartFrom, eventTimeZone, windowText } from '../../src/features/report/window';

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
  let target: ReportPanelTarget;
  let expectedCheckedIn: number;
  let attendees: number;
  const folders: string[] = [];
  /** A folder of its own for each test: no test reads what another saved. */
  const freshFolder = async (): Promise<string> => {
    const folder = await mkdtemp(path.join(tmpdir(), 'report-store-'));
    folders.push(folder);
    return folder;
  };

  before(async () => {
    // The local Brella echoes the key it is sent (in error bodies, included names and links), so every check that the
    // key is nowhere fails if the redaction is taken away.
    server = await startDemoServer({ rateLimit: false, faults: { latencyMs: 20 }, echoKey: true });
    client = createBrellaClient({ baseUrl: server.baseUrl, apiKey: server.apiKey, requestsPerSecond: 200, maxConcurrentRequests: 4 });
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
    for (const folder of folders) await rm(folder, { recursive: true, force: true });
  });

  const session = (posted: ToReportWebview[], store: ReportStore, t: ReportPanelTarget = target) =>
    new ReportSession(t, { client: async () => client, store, post: (m) => posted.push(m) });
  const last = <T extends ToReportWebview['type']>(posted: ToReportWebview[], type: T) =>
    posted.filter((m) => m.type === type).at(-1) as Extract<ToReportWebview, { type: T }> | undefined;
  /** What the webview shows after these messages: rows and failures by attendee, applied as the panel applies them. */
  const shown = (posted: ToReportWebview[]) => {
    const rows = new Map<string, unknown>();
    for (const m of posted) {
      if (m.type !== 'rows') continue;
      if (m.reset) rows.clear();
      for (const r of m.rows) rows.set(r.attendeeId, r);
      for (const f of m.failures) rows.delete(f.attendeeId);
    }
    return rows;
  };
  /** Everything a run leaves: messages, files and log lines hold no key. */
  const assertNoKey = async (posted: ToReportWebview[], folder: string, lines: string[] = []) => {
    assert.equal(JSON.stringify(posted).includes(server.apiKey), false, 'no message holds the key');
    for (const file of await readdir(folder)) assert.equal((await readFile(path.join(folder, file), 'utf8')).includes(server.apiKey), false, `${file} holds no key`);
    assert.equal(lines.some((l) => l.includes(server.apiKey)), false, 'no log line holds the key');
  };

  test('cancel keeps finished rows; resume asks only the rest; the summary equals the server\'s count', async () => {
    const folder = await freshFolder();
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
    assert.equal(shown(posted).size, kept, 'the webview holds exactly the kept rows');
    assert.equal(cancelled.summary.missing, attendees - kept);

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
    assert.match(lines[1]!, new RegExp(`, presence, resume: ${attendees} rows, ${expectedCheckedIn} checked in, 0 failed, 0 not asked; reused ${kept}, asked ${attendees - kept} in `));
    await assertNoKey(posted, folder, lines);
  });

  test('stop() (the window closing mid-run) returns once the finished answers are written: the next window resumes with only the rest', async () => {
    const own = await freshFolder();
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
    const kept = (await new FileReportStore(own).load(s.storeKey))!.filter((l) => l.includes('"t":"row"')).length;
    assert.ok(kept >= 8 && kept < attendees, `${kept} rows written before stop() returned`);
    await run;
    await quiet(server);
    server.requests.clear();
    const posted: ToReportWebview[] = [];
    await session(posted, new FileReportStore(own)).run('resume');
    assert.equal(slicesAsked(server), attendees - kept, 'the next window asks only the rest');
    assert.equal(last(posted, 'done')!.summary.attendees, attendees);
  });

  test('after a window reload the report comes back from the store without a request, and the key is in no file', async () => {
    const folder = await freshFolder();
    await session([], new FileReportStore(folder)).run('full');
    const posted: ToReportWebview[] = [];
    server.requests.clear();
    await session(posted, new FileReportStore(folder)).replay();
    assert.equal(server.requests.list().length, 0, 'restoring asks Brella nothing');
    assert.equal(shown(posted).size, attendees);
    const done = last(posted, 'done')!;
    assert.equal(done.restored, true);
    assert.deepEqual([done.summary.attendees, done.summary.checkedIn, done.summary.reused, done.summary.asked], [attendees, expectedCheckedIn, attendees, 0]);
    assert.ok((await readdir(folder)).length >= 1);
    await assertNoKey(posted, folder);
  });

  test('a store that cannot be read restores nothing and the session still runs', async () => {
    const posted: ToReportWebview[] = [];
    const fail = async (): Promise<never> => { throw new Error('disk gone'); };
    const broken: ReportStore = { load: fail, append: fail, rewrite: fail };
    const s = session(posted, broken, { ...target, who: 'configured', attendees: [{ id: String(server.data.attendeesByEvent.get(PARTNER_DAY_EVENT_ID)![0]!.id), name: 'First' }] });
    await s.replay();
    assert.equal(posted.filter((m) => m.type === 'done').length, 0);
    server.requests.clear();
    await s.run('resume');
    assert.equal(slicesAsked(server), 1, 'only the configured attendee is asked');
    assert.equal(last(posted, 'done')!.summary.attendees, 1);
  });

  test('the demo organization\'s reports are kept apart from a real organization with the same id', async () => {
    const store = memoryReportStore();
    const only = { who: 'configured' as const, attendees: [{ id: String(server.data.attendeesByEvent.get(PARTNER_DAY_EVENT_ID)![0]!.id), name: 'First' }] };
    await session([], store, { ...target, ...only, demo: true }).run('full');
    const keys = [...store.entries.keys()];
    assert.ok(keys.length >= 1);
    assert.ok(keys.every((k) => k.startsWith('demo:')));
    const posted: ToReportWebview[] = [];
    await session(posted, store, { ...target, ...only }).replay();
    assert.equal(posted.filter((m) => m.type === 'done').length, 0, 'the real organization sees no demo rows');
  });

  test('a refused key pauses the run with one message, Set API Key first; the message and the files hold no key', async () => {
    const folder = await freshFolder();
    const posted: ToReportWebview[] = [];
    const wrong = createBrellaClient({ baseUrl: server.baseUrl, apiKey: 'not-the-right-key', requestsPerSecond: 200 });
    try {
      const s = new ReportSession(target, { client: async () => wrong, store: new FileReportStore(folder), post: (m) => posted.push(m) });
      await s.run('resume');
    } finally {
      await wrong.close();
    }
    const done = last(posted, 'done')!;
    assert.equal(done.paused?.reason, 'key');
    assert.match(done.paused!.message, /refused|403/i);
    assert.equal(JSON.stringify(posted).includes('not-the-right-key'), false, 'the key is in no message');
    await assertNoKey(posted, folder);
  });

  test('a missing key fails the run with Set API Key, before any request', async () => {
    const posted: ToReportWebview[] = [];
    const { MissingKeyError } = await import('../../src/services/brella');
    const s = new ReportSession(target, { client: async () => { throw new MissingKeyError(target.organizationId); }, store: memoryReportStore(), post: (m) => posted.push(m) });
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
    assert.deepEqual(reportSliceFilters('presence', { startFrom: '2023-05-10T00:00:00.000Z' }), { tracking_type: ['time_spent'], start_from: '2023-05-10T00:00:00.000Z' });
    assert.deepEqual(reportSliceFilters('engagement', { startFrom: 'a', startTo: 'b' }), { start_from: 'a', start_to: 'b' });
  });

  test('messages from the webview are checked: an attendee id must be digits, modes and commands are closed lists', () => {
    assert.equal(fromReportWebview.safeParse({ type: 'openSlices', attendeeId: '100001', name: 'Ada' }).success, true);
    assert.equal(fromReportWebview.safeParse({ type: 'openSlices', attendeeId: '../1', name: 'Ada' }).success, false);
    assert.equal(fromReportWebview.safeParse({ type: 'run', mode: 'everything' }).success, false);
    assert.equal(fromReportWebview.safeParse({ type: 'command', command: 'workbench.action.terminal.new' }).success, false);
    assert.equal(fromReportWebview.safeParse({ type: 'export', format: 'html', text: '', rows: 0 }).success, false);
    // A 16-digit id would be rounded to another attendee: refused.
    assert.equal(fromReportWebview.safeParse({ type: 'openSlices', attendeeId: '9007199254740993', name: 'Ada' }).success, false);
  });

  test('a restored panel\'s state is checked field by field: no date rollover, no rounded ids', () => {
    const good = { organizationId: 1001, eventId: 5001, eventName: 'x', kind: 'presence', window: { startFrom: '2023-05-10T00:00:00.000Z' }, who: 'all' };
    assert.equal(reportPanelTarget.safeParse(good).success, true);
    assert.equal(reportPanelTarget.safeParse({ ...good, window: { startFrom: '2023-02-30T00:00:00.000Z' } }).success, false, 'February 30th is not March 2nd');
    assert.equal(reportPanelTarget.safeParse({ ...good, window: { startFrom: '2023-05-10T00:00:00.000Z', startTo: '2023-04-31T00:00:00.000Z' } }).success, false);
    assert.equal(reportPanelTarget.safeParse({ ...good, eventId: Number('9007199254740993') }).success, false);
    assert.equal(reportPanelTarget.safeParse({ ...good, who: 'configured', attendees: [{ id: '9007199254740993', name: 'x' }] }).success, false);
  });
});

describe('report file store', () => {
  test('one file per report, appended line by line, read back by its key only; beyond `keep` reports the least recently written are deleted', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'report-files-'));
    try {
      const old = new FileReportStore(folder, 2);
      await old.append('a', ['1', '2']);
      await old.append('a', ['3']);
      await old.append('b', ['x']);
      assert.deepEqual(await old.load('a'), ['1', '2', '3']);
      assert.equal(await old.load('missing'), undefined);
      await old.rewrite('a', ['9']);
      assert.deepEqual(await old.load('a'), ['9']);
      const { utimes, writeFile } = await import('node:fs/promises');
      await utimes(old.fileOf('a'), new Date(1000), new Date(1000));
      // A new session (a window reload) writes a third report: the least recently written one goes.
      const store = new FileReportStore(folder, 2);
      await store.append('c', ['y']);
      assert.equal((await readdir(folder)).length, 2);
      assert.equal(await store.load('a'), undefined);
      assert.deepEqual(await store.load('b'), ['x']);
      // A file whose first line names another key (a hash collision, or a foreign file) reads as nothing kept.
      await writeFile(store.fileOf('d'), '{"key":"other"}\n1');
      assert.equal(await store.load('d'), undefined);
      // A line cut short by a crash stays one damaged line: the next batch starts on a new line.
      await writeFile(store.fileOf('e'), '{"key":"e"}\n{"t":"ro');
      await store.append('e', ['{"ok":1}']);
      assert.deepEqual(await store.load('e'), ['{"t":"ro', '{"ok":1}']);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
