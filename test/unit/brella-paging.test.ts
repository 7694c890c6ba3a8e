import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { BrellaResponseError, type PageInfo } from '../../src/brella/index.ts';
import { fakeClient, listDoc, range, slice, startFake, type FakeHandler, type FakeServer } from './helpers/brella-fake.ts';

let fake: FakeServer | undefined;
const open: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((f) => f.close()));
  fake = undefined;
});

async function serve(handler: FakeHandler): Promise<FakeServer> {
  fake = await startFake(handler);
  open.push(fake);
  return fake;
}

const pageOf = (r: { query: URLSearchParams }) => Number(r.query.get('page[number]') ?? '1');
const ids = (items: Array<{ id: string }>) => items.map((i) => Number(i.id));

async function read(handler: FakeHandler, pageSize = 3, maxPages?: number) {
  const server = await serve(handler);
  const { client } = fakeClient(server, { pageSize });
  const pages: PageInfo[] = [];
  try {
    const result = await client.listSlices(1, 2, 3, { tracking_type: 'time_spent' }, { onPage: (p) => pages.push(p), maxPages });
    return { ...result, pages, requests: server.requests };
  } finally {
    await client.close();
  }
}

async function readError(handler: FakeHandler, pageSize = 3): Promise<BrellaResponseError> {
  const error = await read(handler, pageSize).then(() => assert.fail('expected an error'), (e: unknown) => e);
  assert.ok(error instanceof BrellaResponseError, String(error));
  return error;
}

describe('paging', () => {
  test('follows absolute links.next, keeping the filters, until it is absent', async () => {
    const r = await read((req) => {
      const n = pageOf(req);
      const next = n < 3 ? `${fake!.origin}/api/integration/organizations/1/events/2/attendees/3/tracking_session_slices?tracking_type=time_spent&page[number]=${n + 1}&page[size]=3` : undefined;
      return { body: listDoc(range(n * 10, n * 10 + (n < 3 ? 2 : 0), slice), { links: { self: 'x', next } }) };
    });
    assert.deepEqual(ids(r.items), [10, 11, 12, 20, 21, 22, 30]);
    assert.equal(r.requests.length, 3);
    assert.equal(r.requests[0].url, '/api/integration/organizations/1/events/2/attendees/3/tracking_session_slices?tracking_type=time_spent&page%5Bsize%5D=3&page%5Bnumber%5D=1');
    assert.equal(r.requests[2].query.get('tracking_type'), 'time_spent');
    assert.deepEqual(r.rawPages.map((p) => [p.page, p.status]), [[1, 200], [2, 200], [3, 200]]);
    assert.equal((r.rawPages[2].body as { data: unknown[] }).data.length, 1);
    assert.match(r.rawPages[1].url, /page\[number\]=2/);
    assert.equal(r.complete, true);
  });

  test('relative links.next: path under the base, path relative to the base, and ?query', async () => {
    const forms = [
      (n: number) => `/api/integration/organizations/1/events/2/attendees/3/tracking_session_slices?page[number]=${n}&page[size]=3`,
      (n: number) => `/organizations/1/events/2/attendees/3/tracking_session_slices?page[number]=${n}&page[size]=3`,
      (n: number) => `organizations/1/events/2/attendees/3/tracking_session_slices?page[number]=${n}&page[size]=3`,
      (n: number) => `?page[number]=${n}&page[size]=3`,
    ];
    for (const form of forms) {
      const r = await read((req) => ({ body: listDoc(range(pageOf(req) * 10, pageOf(req) * 10 + 2, slice), { links: { next: pageOf(req) < 2 ? { href: form(pageOf(req) + 1) } : null } }) }));
      assert.deepEqual(ids(r.items), [10, 11, 12, 20, 21, 22], form(2));
      assert.equal(r.requests[1].pathname, '/api/integration/organizations/1/events/2/attendees/3/tracking_session_slices');
      assert.equal(r.requests[1].query.get('page[number]'), '2');
    }
  });

  test('links.next to another origin is never requested: the next pages are read by number on the base URL', async () => {
    // As a server that writes its public address into its links while it is reached at another one would.
    const r = await read((req) => ({
      body: listDoc(range(pageOf(req) * 10, pageOf(req) * 10 + (pageOf(req) < 3 ? 2 : 0), slice), { links: { next: `https://evil.example/steal?page[number]=${pageOf(req) + 1}` } }),
    }));
    assert.deepEqual(r.requests.map(pageOf), [1, 2, 3], 'each page asked of the base URL');
    assert.deepEqual(ids(r.items), [10, 11, 12, 20, 21, 22, 30]);
    // With meta, meta says when it ends; a next link that is not a URL is read the same way.
    const m = await read((req) => ({ body: listDoc(range(pageOf(req) * 10, pageOf(req) * 10 + 2, slice), { meta: { total_pages: 2 }, links: { next: 'http://[bad' } }) }));
    assert.deepEqual(m.requests.map(pageOf), [1, 2]);
  });

  for (const spelling of ['total_pages', 'total-pages'] as const) {
    test(`meta.${spelling}: reads exactly the announced pages, even full ones`, async () => {
      const r = await read((req) => ({ body: listDoc(range(pageOf(req) * 10, pageOf(req) * 10 + 2, slice), { meta: { [spelling]: 3 } }) }));
      assert.deepEqual(r.requests.map(pageOf), [1, 2, 3]);
      assert.deepEqual(r.pages.map((p) => [p.page, p.pagesKnown, p.rows, p.rowsSoFar]), [[1, 3, 3, 3], [2, 3, 3, 6], [3, 3, 3, 9]]);
    });
  }

  for (const spelling of ['total_count', 'total-count'] as const) {
    test(`meta.${spelling} alone: reads until that many rows`, async () => {
      const r = await read((req) => ({ body: listDoc(range(pageOf(req) * 10, pageOf(req) * 10 + (pageOf(req) < 3 ? 2 : 1), slice), { meta: { [spelling]: '8' } }) }));
      assert.equal(r.items.length, 8);
      assert.deepEqual(r.requests.map(pageOf), [1, 2, 3]);
      assert.deepEqual(r.pages.map((p) => [p.pagesKnown, p.rowsKnown]), [[3, 8], [3, 8], [3, 8]]);
    });
  }

  test('no links, no meta: pages until a short page', async () => {
    const r = await read((req) => ({ body: listDoc(range(pageOf(req) * 10, pageOf(req) * 10 + (pageOf(req) < 4 ? 2 : 0), slice)) }));
    assert.deepEqual(r.requests.map(pageOf), [1, 2, 3, 4]);
    assert.equal(r.items.length, 10);
    assert.equal(r.pages[0].pagesKnown, undefined);
  });

  test('204, an empty body and data: [] all mean no rows', async () => {
    for (const reply of [{ status: 204 }, { raw: '' }, { raw: '  \n' }, { body: { data: [] } }, { body: { data: null } }]) {
      const r = await read(() => reply);
      assert.deepEqual(r.items, [], JSON.stringify(reply));
      assert.equal(r.requests.length, 1);
      assert.equal(r.rawPages.length, 1);
      assert.deepEqual(r.pages, [{ page: 1, pagesKnown: undefined, rows: 0, rowsSoFar: 0, rowsKnown: undefined }]);
    }
  });

  test('an empty page after full ones ends the list (no meta, no links)', async () => {
    const r = await read((req) => (pageOf(req) === 3 ? { status: 204 } : { body: listDoc(range(pageOf(req) * 10, pageOf(req) * 10 + 2, slice)) }));
    assert.equal(r.items.length, 6);
    assert.deepEqual(r.rawPages.map((p) => [p.status, p.body === null]), [[200, false], [200, false], [204, true]]);
  });

  test('a page repeating the previous one is an error, not a loop', async () => {
    const error = await readError(() => ({ body: listDoc(range(1, 3, slice)) }));
    assert.match(error.message, /page 2 repeats page 1 \(same ids\)\. Stopped reading to avoid a loop/);
    assert.equal(fake!.requests.length, 2);
    assert.equal(error.status, 200);
  });

  test('links.next pointing back to a page already read is an error', async () => {
    const error = await readError((req) => ({
      body: listDoc(range(pageOf(req) * 10, pageOf(req) * 10 + 2, slice), { links: { next: `?page%5Bsize%5D=3&page%5Bnumber%5D=${pageOf(req) === 1 ? 2 : 1}` } }),
    }));
    assert.match(error.message, /links\.next points back to a page already read/);
  });

  test('more pages than meta announced is an error', async () => {
    const error = await readError((req) => ({
      body: listDoc(range(pageOf(req) * 10, pageOf(req) * 10 + 2, slice), { meta: { total_pages: 2 }, links: { next: `?page[size]=3&page[number]=${pageOf(req) + 1}` } }),
    }));
    assert.match(error.message, /page 3 has rows but meta announced 2 page\(s\)/);
    assert.equal(fake!.requests.length, 3);
  });

  test('more rows than meta announced is an error', async () => {
    const error = await readError((req) => ({
      body: listDoc(range(pageOf(req) * 10, pageOf(req) * 10 + 2, slice), { meta: { total_count: 4 }, links: { next: `?page[size]=3&page[number]=${pageOf(req) + 1}` } }),
    }));
    assert.match(error.message, /6 rows read but meta announced 4/);
  });

  test('maxPages stops early and says the list is incomplete', async () => {
    const r = await read((req) => ({ body: listDoc(range(pageOf(req) * 10, pageOf(req) * 10 + 2, slice), { meta: { total_pages: 5 } }) }), 3, 2);
    assert.equal(r.requests.length, 2);
    assert.equal(r.complete, false);
    const all = await read((req) => ({ body: listDoc(range(pageOf(req) * 10, pageOf(req) * 10 + 2, slice), { meta: { total_pages: 2 } }) }), 3, 2);
    assert.equal(all.complete, true, 'every announced page was read');
    const short = await read(() => ({ body: listDoc(range(1, 2, slice)) }), 3, 1);
    assert.equal(short.complete, true);
  });

  test('events and attendees page with page[size] and page[number] too', async () => {
    fake = await serve((req) => ({ body: { data: pageOf(req) === 1 && req.pathname.endsWith('/events') ? [{ id: '1', type: 'event', attributes: { name: 'A' } }] : [] } }));
    const { client } = fakeClient(fake, { pageSize: 1 });
    const events = await client.listEvents(4);
    const attendees = await client.listAttendees(4, 5);
    await client.close();
    assert.equal(events.items.length, 1);
    assert.equal(attendees.items.length, 0);
    assert.deepEqual(fake.requests.map((r) => r.url), [
      '/api/integration/organizations/4/events?page%5Bsize%5D=1&page%5Bnumber%5D=1',
      '/api/integration/organizations/4/events?page%5Bsize%5D=1&page%5Bnumber%5D=2',
      '/api/integration/organizations/4/events/5/attendees?page%5Bsize%5D=1&page%5Bnumber%5D=1',
    ]);
  });
});

describe('paging with a caller signal', () => {
  test('many pages read ahead under one signal raise no MaxListenersExceededWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    const server = await serve(async (req) => {
      await new Promise((r) => setTimeout(r, 30));
      return { body: listDoc(range(pageOf(req) * 10, pageOf(req) * 10 + 2, slice), { meta: { total_pages: 40 } }) };
    });
    const { client } = fakeClient(server, { pageSize: 3, maxConcurrentRequests: 24 });
    try {
      const result = await client.listSlices(1, 2, 3, {}, { signal: new AbortController().signal });
      assert.equal(result.items.length, 120);
      await new Promise((r) => setTimeout(r, 10));
      assert.deepEqual(warnings.filter((w) => w === 'MaxListenersExceededWarning'), []);
    } finally {
      process.off('warning', onWarning);
      await client.close();
    }
  });
});

describe('paging without raw pages', () => {
  test('keepRaw: false returns every row and keeps no raw page; the default keeps one per page', async () => {
    const server = await serve((req) => ({ body: listDoc(range(pageOf(req) * 10, pageOf(req) * 10 + 2, slice), { meta: { total_pages: 3 } }) }));
    const { client } = fakeClient(server, { pageSize: 3 });
    try {
      const lean = await client.listSlices(1, 2, 3, {}, { keepRaw: false });
      assert.deepEqual(ids(lean.items), [10, 11, 12, 20, 21, 22, 30, 31, 32]);
      assert.deepEqual(lean.rawPages, []);
      const full = await client.listSlices(1, 2, 3, {});
      assert.equal(full.rawPages.length, 3);
    } finally {
      await client.close();
    }
  });
});
