/**
 * Pages overlap once the page count is known: the pages after the first are requested together (the key's pacer
 * and the concurrency cap still apply), and the list is still assembled in page order, rows read twice left out,
 * cancelled, failed and stopped as a list read page after page is.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { BrellaNotFoundError, createBrellaClient, type BrellaClient, type PageInfo } from '../../src/brella/index.ts';
import { NORDIC_SUMMIT_EVENT_ID, startDemoServer } from '../../src/demo/index.ts';
import { fakeClient, listDoc, range, slice, startFake, type FakeHandler, type FakeServer } from './helpers/brella-fake.ts';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  // Clients first, then servers (a hanging answer is only released when its server closes).
  await Promise.all(open.splice(0).reverse().map((o) => o.close()));
});

const pageOf = (r: { query: URLSearchParams }) => Number(r.query.get('page[number]') ?? '1');
const ids = (items: ReadonlyArray<{ id: string }>) => items.map((i) => Number(i.id));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function serve(handler: FakeHandler): Promise<FakeServer> {
  const fake = await startFake(handler);
  open.push(fake);
  return fake;
}

function client(fake: FakeServer, options: Parameters<typeof fakeClient>[1] = {}): BrellaClient {
  const made = fakeClient(fake, { pageSize: 3, ...options }).client;
  open.push(made);
  return made;
}

/**
 * Page n holds ids n*10 .. n*10+2; meta says `pages` pages. Later pages answer sooner, so pages asked for together
 * come back out of order; `answered` receives the page numbers in the order they were answered.
 */
const numbered = (pages: number, latency = 40, answered: number[] = []): FakeHandler => async (req) => {
  await sleep(latency + (pages - pageOf(req)) * 8);
  answered.push(pageOf(req));
  return { body: listDoc(pageOf(req) <= pages ? range(pageOf(req) * 10, pageOf(req) * 10 + 2, slice) : [], { meta: { total_pages: pages } }) };
};
const expected = (pages: number) => range(1, pages, (n) => [n * 10, n * 10 + 1, n * 10 + 2]).flat();

async function readSlices(c: BrellaClient, options: { maxPages?: number; signal?: AbortSignal; onPage?: (info: PageInfo, rows: readonly { id: string }[]) => void } = {}) {
  const pages: PageInfo[] = [];
  const rows: number[][] = [];
  const list = await c.listSlices(1, 2, 3, {}, {
    ...options,
    onPage: (info, items) => {
      pages.push(info);
      rows.push(ids(items));
      options.onPage?.(info, items);
    },
  });
  return { ...list, pages, rows };
}

/** Waits (at most ~2 s, then fails) until the key's pacer holds nothing. */
async function pacerIdle(c: BrellaClient): Promise<void> {
  for (let i = 0; i < 200 && (c.rateState().inFlight > 0 || c.rateState().queued > 0); i++) await sleep(10);
  const { inFlight, queued } = c.rateState();
  assert.deepEqual({ inFlight, queued }, { inFlight: 0, queued: 0 }, 'the pacer still holds requests of a list that ended');
}

describe('pages overlap once the page count is known', () => {
  test('the pages after the first are in flight together, within the concurrency cap', async () => {
    const fake = await serve(numbered(9));
    const r = await readSlices(client(fake, { maxConcurrentRequests: 3 }));
    assert.deepEqual(ids(r.items), expected(9));
    assert.ok(fake.maxInFlight > 1, `at most ${fake.maxInFlight} request(s) in flight: the pages did not overlap`);
    assert.ok(fake.maxInFlight <= 3, `${fake.maxInFlight} requests in flight with maxConcurrentRequests 3`);
    assert.equal(fake.requests.length, 9, 'each page requested once');
  });

  test('items, raw pages and onPage calls come in page order although the answers do not', async () => {
    const answered: number[] = [];
    const fake = await serve(numbered(8, 40, answered));
    const r = await readSlices(client(fake, { maxConcurrentRequests: 4 }));
    assert.notDeepEqual(answered, [...answered].sort((a, b) => a - b), 'the server answered in page order: nothing to put back in order');
    assert.deepEqual(r.pages.map((p) => p.page), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.deepEqual(r.pages.map((p) => p.rowsSoFar), [3, 6, 9, 12, 15, 18, 21, 24]);
    assert.deepEqual(r.rows, range(1, 8, (n) => [n * 10, n * 10 + 1, n * 10 + 2]));
    assert.deepEqual(r.rawPages.map((p) => [p.page, new URL(p.url).searchParams.get('page[number]')]), range(1, 8, (n) => [n, String(n)]));
    assert.deepEqual(r.rawPages.map((p) => ids((p.body as { data: Array<{ id: string }> }).data)), r.rows);

    const alone = await serve(numbered(8));
    const sequential = await readSlices(client(alone, { maxConcurrentRequests: 1 }));
    assert.equal(alone.maxInFlight, 1);
    assert.deepEqual(ids(sequential.items), ids(r.items), 'the same items in the same order as one request at a time');
  });

  test('a slow page does not hold back the pages after it: they go out (within the cap) while it is awaited', async () => {
    let seenWhenPage2Answered = 0;
    const fake = await serve(async (req) => {
      if (pageOf(req) === 2) {
        await sleep(1500);
        seenWhenPage2Answered = fake.requests.length;
      }
      return numbered(12, 10)(req, 0);
    });
    const r = await readSlices(client(fake, { maxConcurrentRequests: 3 }));
    assert.deepEqual(ids(r.items), expected(12));
    assert.equal(seenWhenPage2Answered, 12, `only ${seenWhenPage2Answered} of 12 pages requested while page 2 was awaited`);
    assert.ok(fake.maxInFlight <= 3);
  });

  test('a row that comes again on the next page (rows shifted under a live event) is kept once', async () => {
    // A row added in front after page 1 was read pushes 12 onto page 2, and 22 onto page 3.
    const pages: Record<number, number[]> = { 1: [10, 11, 12], 2: [12, 20, 21], 3: [21, 22, 30] };
    const fake = await serve((req) => ({ delayMs: 20, body: listDoc((pages[pageOf(req)] ?? []).map((id) => slice(id)), { meta: { total_pages: 3 } }) }));
    const r = await readSlices(client(fake));
    assert.deepEqual(ids(r.items), [10, 11, 12, 20, 21, 22, 30]);
    assert.deepEqual(r.rows, [[10, 11, 12], [20, 21], [22, 30]], 'each page hands over only its new rows');
    assert.deepEqual(r.pages.map((p) => [p.rows, p.rowsSoFar]), [[3, 3], [2, 5], [2, 7]]);
    assert.deepEqual(ids((r.rawPages[1].body as { data: Array<{ id: string }> }).data), [12, 20, 21], 'the raw page stays as it came');
  });

  test('the local Brella: an overlapped read equals a read one page at a time, in the server\'s order', async () => {
    const demo = await startDemoServer({ rateLimit: false, attendeeCount: 95, faults: { latencyMs: 100 } });
    open.push(demo);
    const read = async (maxConcurrentRequests: number) => {
      const c = createBrellaClient({ baseUrl: demo.baseUrl, apiKey: demo.apiKey, pageSize: 10, requestsPerSecond: 1000, maxConcurrentRequests });
      open.push(c);
      const started = demo.requests.count;
      const list = await c.listAttendees(demo.organizationId, NORDIC_SUMMIT_EVENT_ID);
      const log = demo.requests.list().slice(started);
      return { list, arrivals: log.map((r) => Date.parse(r.time)), answered: log.map((r) => Date.parse(r.time) + r.durationMs) };
    };
    const together = await read(4);
    const alone = await read(1);
    const truth = demo.data.attendeesByEvent.get(NORDIC_SUMMIT_EVENT_ID)!.map((a) => String(a.id));
    assert.deepEqual(together.list.items.map((a) => a.id), truth);
    assert.deepEqual(alone.list.items.map((a) => a.id), truth);
    assert.equal(together.arrivals.length, 10);
    // Pages 2..5 were in flight together: page 5 was asked for before page 2 was answered (each waits 100 ms), as
    // never happens one page at a time.
    assert.ok(together.arrivals[4] < together.answered[1], `page 5 arrived ${together.arrivals[4] - together.answered[1]} ms after page 2 was answered`);
    assert.ok(alone.arrivals.slice(1).every((at, i) => at >= alone.answered[i]!), 'one at a time, each page is asked for once the one before was answered');
  });
});

describe('what a list read page after page guarantees still holds', () => {
  test('cancelling mid-way: AbortError, the pacer empties, and the server hears no request afterwards', async () => {
    const fake = await serve(numbered(30, 60));
    const c = client(fake, { maxConcurrentRequests: 3, requestsPerSecond: 50 });
    const controller = new AbortController();
    const reading = readSlices(c, { signal: controller.signal, onPage: (info) => info.page === 3 && controller.abort() });
    await assert.rejects(reading, { name: 'AbortError' });
    const heard = fake.requests.length;
    assert.ok(heard > 3 && heard < 30, `${heard} requests before the cancel: pages 4.. should have been under way, not all done`);
    await pacerIdle(c);
    await sleep(300);
    assert.equal(fake.requests.length, heard, `the server got ${fake.requests.length - heard} request(s) after the cancel`);
  });

  test('a failing page fails the list at once, without waiting for the pages before it, and the others stop', async () => {
    // Page 2 never answers; page 4 is not found. Read page after page, the list would wait on page 2 for ever.
    const fake = await serve((req) => (pageOf(req) === 2 ? { hang: true } : pageOf(req) === 4 ? { status: 404 } : numbered(12)(req, 0)));
    const c = client(fake, { maxConcurrentRequests: 3, requestsPerSecond: 50, timeoutMs: 60_000 });
    const pages: number[] = [];
    await assert.rejects(c.listSlices(1, 2, 3, {}, { onPage: (info) => pages.push(info.page) }), BrellaNotFoundError);
    assert.deepEqual(pages, [1], 'no page after a missing one is handed over');
    await pacerIdle(c);
    const heard = fake.requests.length;
    await sleep(250);
    assert.equal(fake.requests.length, heard, 'requests went on after the list failed');
  });

  test('429 with Retry-After on a page requested ahead: retried, and the list comes out whole and in order', async () => {
    let refused = 0;
    const fake = await serve((req) => (pageOf(req) === 3 && refused++ === 0 ? { status: 429, headers: { 'retry-after': '0' } } : numbered(6)(req, 0)));
    const r = await readSlices(client(fake, { maxConcurrentRequests: 3 }));
    assert.deepEqual(ids(r.items), expected(6));
    assert.equal(fake.requests.filter((q) => pageOf(q) === 3).length, 2, 'page 3 asked for twice');
  });

  test('maxPages: no page past it is requested, and the list says it is incomplete', async () => {
    const fake = await serve(numbered(10));
    const r = await readSlices(client(fake, { maxConcurrentRequests: 4 }), { maxPages: 4 });
    assert.equal(r.complete, false);
    assert.deepEqual(ids(r.items), expected(4));
    assert.deepEqual(fake.requests.map(pageOf).sort((a, b) => a - b), [1, 2, 3, 4]);
  });
});

describe('a page count that changes, or is not known', () => {
  test('a later page announcing more pages than the first (the list grew): those are read too', async () => {
    const fake = await serve((req) => ({ delayMs: 20, body: listDoc(range(pageOf(req) * 10, pageOf(req) * 10 + 2, slice), { meta: { total_pages: pageOf(req) === 1 ? 3 : 5 } }) }));
    const r = await readSlices(client(fake));
    assert.deepEqual(ids(r.items), expected(5));
    assert.equal(r.complete, true);
    assert.deepEqual(r.pages.map((p) => p.pagesKnown), [3, 5, 5, 5, 5]);
  });

  test('a later page announcing fewer pages (the list shrank): the list ends there, later answers unused', async () => {
    const fake = await serve((req) => ({ delayMs: 20, body: listDoc(range(pageOf(req) * 10, pageOf(req) * 10 + 2, slice), { meta: { total_pages: pageOf(req) === 1 ? 5 : 3 } }) }));
    const r = await readSlices(client(fake));
    assert.deepEqual(ids(r.items), expected(3));
    assert.equal(r.rawPages.length, 3);
    assert.equal(r.complete, true);
  });

  test('no page count (no meta, no links): one page after the other until a short page', async () => {
    const fake = await serve((req) => ({ delayMs: 20, body: listDoc(range(pageOf(req) * 10, pageOf(req) * 10 + (pageOf(req) < 5 ? 2 : 0), slice)) }));
    const r = await readSlices(client(fake, { maxConcurrentRequests: 4 }));
    assert.equal(r.items.length, 13);
    assert.equal(fake.maxInFlight, 1, 'pages overlapped without a known page count');
    assert.deepEqual(fake.requests.map(pageOf), [1, 2, 3, 4, 5]);
  });

  test('links.next without meta: followed one page after the other', async () => {
    const fake = await serve((req) => ({
      delayMs: 20,
      body: listDoc(range(pageOf(req) * 10, pageOf(req) * 10 + 2, slice), { links: { next: pageOf(req) < 4 ? `?page[size]=3&page[number]=${pageOf(req) + 1}` : null } }),
    }));
    const r = await readSlices(client(fake, { maxConcurrentRequests: 4 }));
    assert.deepEqual(ids(r.items), expected(4));
    assert.equal(fake.maxInFlight, 1);
  });

  test('total_count alone: overlap when page 1 is full, one page after the other when the server pages by a smaller size', async () => {
    const full = await serve((req) => ({ delayMs: 20, body: listDoc(range(pageOf(req) * 10, pageOf(req) * 10 + (pageOf(req) < 5 ? 2 : 0), slice), { meta: { total_count: 13 } }) }));
    const r = await readSlices(client(full, { maxConcurrentRequests: 4 }));
    assert.equal(r.items.length, 13);
    assert.ok(full.maxInFlight > 1, 'a full page 1 and total_count give the page count');
    // Asked for 3 a page, the server sends 2: the count cannot give the page numbers, so no page goes ahead.
    const smaller = await serve((req) => ({ delayMs: 20, body: listDoc(range(pageOf(req) * 10, pageOf(req) * 10 + 1, slice), { meta: { total_count: 8 } }) }));
    const s = await readSlices(client(smaller, { maxConcurrentRequests: 4 }));
    assert.equal(s.items.length, 8);
    assert.equal(smaller.maxInFlight, 1);
    assert.deepEqual(smaller.requests.map(pageOf), [1, 2, 3, 4]);
  });
});
