/**
 * Pages requested ahead belong to their list: when the list fails or stops early, they are cancelled (their
 * pacer places, in-flight exchanges and retries), so nothing keeps running for a list nobody reads and the
 * key's next request does not wait behind them.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { BrellaNotFoundError, BrellaServerError, type BrellaClient } from '../../src/brella/index.ts';
import type { SliceFilters } from '../../src/model/filters.ts';
import { SlicesSession } from '../../src/features/slices/session.ts';
import type { ToWebview } from '../../src/protocol/slices.ts';
import { event, fakeClient, listDoc, range, startFake, uniqueKey, type FakeHandler, type FakeServer } from './helpers/brella-fake.ts';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  // Clients first, then servers (a hanging answer is only released when its server closes).
  await Promise.all(open.splice(0).reverse().map((o) => o.close()));
});

const pageOf = (url: string) => Number(new URL(url, 'http://x').searchParams.get('page[number]') ?? '1');

async function serve(handler: FakeHandler): Promise<FakeServer> {
  const fake = await startFake(handler);
  open.push(fake);
  return fake;
}

function client(fake: FakeServer, options: Parameters<typeof fakeClient>[1]): BrellaClient {
  const made = fakeClient(fake, options).client;
  open.push(made);
  return made;
}

/** Waits (at most ~2 s, then fails) until the key's pacer holds nothing: no exchange in flight, no one queued. */
async function pacerIdle(c: BrellaClient, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const { inFlight, queued } = c.rateState();
    if (inFlight === 0 && queued === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const { inFlight, queued } = c.rateState();
  assert.fail(`${what}: the key's pacer still holds ${inFlight} in flight and ${queued} queued for a list that ended`);
}

/** Resolves once `ready` holds (checked every 5 ms). */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/**
 * Page 1 of 4 (two events a page); later pages as `later` says. Page 2 is answered only once `ready` holds
 * for what the server has seen, so the pages ahead are surely out (and retrying) when the list ends.
 */
const fourPages = (later: (page: number) => ReturnType<FakeHandler>, ready: (pages: number[]) => boolean = () => true): FakeHandler => async (req) => {
  if (req.pathname.endsWith('/attendees')) return { body: listDoc([]) };
  const page = pageOf(req.url);
  if (page === 1) return { body: listDoc(range(1, 2, event), { meta: { total_pages: 4 } }) };
  if (page === 2) await until(() => ready(seen));
  return later(page);
};
let seen: number[] = [];

describe('pages requested ahead are cancelled when their list ends', () => {
  test('a list that fails: the pages ahead stop retrying and leave the pacer, and the server hears no more of them', async () => {
    const fake = await serve(fourPages(
      (page) => (page === 2 ? { status: 404 } : page === 3 ? { status: 500 } : { hang: true }),
      (pages) => pages.includes(4) && pages.filter((p) => p === 3).length >= 2,
    ));
    seen = [];
    const track = setInterval(() => (seen = fake.requests.map((r) => pageOf(r.url))), 2);
    open.push({ close: async () => clearInterval(track) });
    const c = client(fake, { pageSize: 2, maxConcurrentRequests: 3, retries: 1000, backoffBaseMs: 20 });
    await assert.rejects(c.listEvents(1), BrellaNotFoundError);
    await pacerIdle(c, 'after a failed list');
    const count = fake.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(fake.requests.length, count, `the server got ${fake.requests.length - count} more request(s) for a failed list (page 3 kept retrying)`);
    assert.deepEqual([...new Set(fake.requests.map((r) => pageOf(r.url)))].sort(), [1, 2, 3, 4]);
  });

  for (const [how, stop] of [
    ['a page comes back empty (the list ends early)', { empty: true, throwAt: undefined }],
    ['the consumer throws from onPage', { empty: false, throwAt: 2 }],
  ] as const) {
    test(`${how}: the pages ahead are cancelled and the key's next request goes at once`, async () => {
      const fake = await serve(fourPages(
        (page) => (page === 2 ? { body: listDoc(stop.empty ? [] : range(3, 4, event), { meta: { total_pages: 4 } }) } : { hang: true }),
        (pages) => pages.includes(3) && pages.includes(4),
      ));
      seen = [];
      const track = setInterval(() => (seen = fake.requests.map((r) => pageOf(r.url))), 2);
      open.push({ close: async () => clearInterval(track) });
      const key = uniqueKey();
      const a = client(fake, { apiKey: key, pageSize: 2, maxConcurrentRequests: 3, timeoutMs: 60_000 });
      const reading = a.listEvents(1, {
        onPage: (info) => {
          if (info.page === stop.throwAt) throw new Error('the consumer has seen enough');
        },
      });
      if (stop.empty) assert.deepEqual((await reading).items.map((e) => e.id), ['1', '2']);
      else await assert.rejects(reading, /the consumer has seen enough/);
      await pacerIdle(a, how);
      // A second client of the key allows one request at a time: the key's pacer now lets one through, which an
      // orphan would hold for its whole 60 s timeout.
      const b = client(fake, { apiKey: key, maxConcurrentRequests: 1 });
      assert.equal((await b.listAttendees(1, 2)).items.length, 0);
      assert.equal(fake.requests.filter((r) => r.pathname.endsWith('/attendees')).length, 1);
    });
  }

  test('the caller cancelling still cancels every page ahead', async () => {
    const fake = await serve(fourPages(() => ({ hang: true })));
    const c = client(fake, { pageSize: 2, maxConcurrentRequests: 3 });
    const controller = new AbortController();
    const reading = c.listEvents(1, { signal: controller.signal });
    await until(() => fake.requests.length >= 4);
    controller.abort();
    await assert.rejects(reading, { name: 'AbortError' });
    await pacerIdle(c, 'after a cancel');
  });
});

describe('the slices session', () => {
  test('a failed run aborts its controller, so nothing it started goes on', async () => {
    const signals: AbortSignal[] = [];
    const failing = {
      listSlices: (_o: unknown, _e: unknown, _a: unknown, _f: SliceFilters, options: { signal: AbortSignal }) => {
        signals.push(options.signal);
        return Promise.reject(new BrellaServerError('Brella had a server error (500)', { status: 500 }));
      },
    } as unknown as BrellaClient;
    const posted: ToWebview[] = [];
    const target = { organizationId: 1, eventId: 2, attendeeId: 3, attendeeName: 'Ada', eventName: 'Summit', eventStart: '2023-05-10' };
    const session = new SlicesSession(target, { client: async () => failing, post: (m) => posted.push(m) });
    await session.run({});
    assert.equal(posted.at(-1)?.type, 'failed');
    assert.equal(signals.length, 1);
    assert.equal(signals[0].aborted, true, 'the failed run left its controller running');
    assert.equal(session.running, false);
  });
});
