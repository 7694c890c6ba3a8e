/**
 * Shapes the description of the API leaves open ("inferred", "documented both ways", "not documented"), each
 * answered as a Brella-compatible server might answer it. Shapes proven by the other brella-* tests (the four
 * meta spellings, links.next forms, 204 / empty body / data: [], Retry-After, Cloudflare, …) are not repeated.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  BrellaBadRequestError, BrellaError, BrellaUnprocessableError, DEFAULT_USER_AGENT, type PageInfo, type SliceFilterInput,
} from '../../src/brella/index.ts';
import { attendee, event, fakeClient, listDoc, range, slice, startFake, type FakeHandler, type FakeReply, type FakeServer } from './helpers/brella-fake.ts';

let handler: FakeHandler = () => ({});
let fake: FakeServer;
before(async () => {
  fake = await startFake((req, i) => handler(req, i));
});
after(() => fake.close());

const SLICES = '/api/integration/organizations/1/events/2/attendees/3/tracking_session_slices';
const pageOf = (r: { query: URLSearchParams }) => Number(r.query.get('page[number]') ?? '1');
/** Three full slices per page: 10, 11, 12 on page 1, 20, 21, 22 on page 2, … */
const fullPage = (n: number) => range(n * 10, n * 10 + 2, slice);

/** listSlices(1, 2, 3) against `script`, 3 rows per page: rows, page infos and the requests made. */
async function slices(script: FakeHandler, filters?: SliceFilterInput) {
  handler = script;
  const from = fake.requests.length;
  const { client, key } = fakeClient(fake, { pageSize: 3 });
  const pages: PageInfo[] = [];
  try {
    const result = await client.listSlices(1, 2, 3, filters, { onPage: (p) => pages.push(p) });
    return { ...result, ids: result.items.map((i) => Number(i.id)), pages, requests: fake.requests.slice(from), key };
  } finally {
    await client.close();
  }
}

async function rejection(reply: FakeReply): Promise<BrellaError> {
  handler = () => reply;
  const { client } = fakeClient(fake, { retries: 0 });
  const error = await client.listSlices(1, 2, 3).then(() => assert.fail('expected a rejection'), (e: unknown) => e);
  await client.close();
  assert.ok(error instanceof BrellaError, String(error));
  return error;
}

describe('paging: totals as other clients spell them', () => {
  const metas: Array<Record<string, unknown>> = [
    { totalPages: 3 },
    { totalCount: 9 },
    { total_pages: '3' },
    { pagination: { total_pages: 3, current_page: 1 } },
    { page: { 'total-count': 9 } },
  ];
  for (const meta of metas) {
    test(`meta ${JSON.stringify(meta)}: every announced page, even full ones, and no more`, async () => {
      const r = await slices((req) => ({ body: listDoc(fullPage(pageOf(req)), { meta }) }));
      assert.deepEqual(r.requests.map(pageOf), [1, 2, 3]);
      assert.equal(r.items.length, 9);
      assert.equal(r.pages[0].pagesKnown, 3);
    });
  }
});

describe('paging: links without next, and pages past the end', () => {
  for (const links of [{ first: 'x', last: 'y' }, { self: 'x', first: 'x', last: 'y', prev: null, next: null }]) {
    test(`links ${JSON.stringify(links)} but meta announcing more pages: meta decides`, async () => {
      const r = await slices((req) => ({ body: listDoc(fullPage(pageOf(req)), { meta: { total_pages: 3, total_count: 9 }, links }) }));
      assert.deepEqual(r.requests.map(pageOf), [1, 2, 3]);
      assert.deepEqual(r.ids, [10, 11, 12, 20, 21, 22, 30, 31, 32]);
    });
  }

  test('links without next and no meta: that page is the last, full or not', async () => {
    const r = await slices((req) => ({ body: listDoc(fullPage(pageOf(req)), { links: { first: 'x', last: 'x' } }) }));
    assert.equal(r.requests.length, 1);
  });

  test('a links.next on the last page leads past the end: 200 with empty data ends the list', async () => {
    const r = await slices((req) => {
      const n = pageOf(req);
      const next = `${SLICES}?page[size]=3&page[number]=${n + 1}`;
      return { body: listDoc(n <= 2 ? fullPage(n) : [], { links: { self: 'x', next } }) };
    });
    assert.deepEqual(r.ids, [10, 11, 12, 20, 21, 22]);
    assert.deepEqual(r.requests.map(pageOf), [1, 2, 3]);
    assert.equal(r.complete, true);
  });

  test('meta.total_count larger than the rows there are: the page past the end (200, data: []) ends the list', async () => {
    const r = await slices((req) => ({ body: listDoc(pageOf(req) <= 2 ? fullPage(pageOf(req)) : [], { meta: { total_count: 12 } }) }));
    assert.equal(r.items.length, 6);
    assert.deepEqual(r.requests.map(pageOf), [1, 2, 3]);
  });
});

describe('empty slice results', () => {
  const replies: FakeReply[] = [
    { raw: '[]' },
    { raw: '{}' },
    { raw: 'null' },
    { body: { data: [], meta: { total_pages: 0, total_count: 0 }, links: { self: 'x', next: null } } },
    { status: 204, headers: { 'content-type': 'text/plain' } },
  ];
  for (const reply of replies) {
    test(`${reply.status ?? 200} ${reply.raw ?? JSON.stringify(reply.body) ?? '(no body)'}: no slices, one request`, async () => {
      const r = await slices(() => reply, { tracking_type: 'time_spent', start_from: '2023-05-10' });
      assert.deepEqual(r.items, []);
      assert.equal(r.requests.length, 1);
      assert.equal(r.complete, true);
    });
  }
});

describe('resources', () => {
  test('ids as numbers (resource, relationship) become strings; duration as a string is a number', async () => {
    const r = await slices(() => ({
      body: listDoc([{ ...slice(1, { 'duration-seconds': '0' }, { 'tracking-session': { data: { type: 'tracking-session', id: 7 } } }), id: 66097 as never }]),
    }));
    assert.equal(r.items[0].id, '66097');
    assert.equal(r.items[0].trackingSessionId, '7');
    assert.equal(r.items[0].durationSeconds, 0);
  });

  test('attendees: underscored names; a name given whole when first and last are absent', async () => {
    handler = () => ({
      body: listDoc([
        { id: 1 as never, type: 'attendee', attributes: { first_name: 'Grace', last_name: 'Hopper', company_name: 'Navy', email: 'g@x' } },
        { id: '2', type: 'attendee', attributes: { name: '  Ada Lovelace ' } },
        { id: '3', type: 'attendee', attributes: { 'full-name': 'Alan Turing' } },
        attendee(4, { name: 'Not this' }),
        { id: '5', type: 'attendee', attributes: {} },
      ]),
    });
    const { client } = fakeClient(fake);
    const { items } = await client.listAttendees(1, 2);
    await client.close();
    assert.deepEqual(items[0], { id: '1', firstName: 'Grace', lastName: 'Hopper', name: 'Grace Hopper', email: 'g@x', companyName: 'Navy', extra: {} });
    assert.deepEqual(items.map((a) => a.name), ['Grace Hopper', 'Ada Lovelace', 'Alan Turing', 'Ada Lovelace', 'Attendee 5']);
    assert.deepEqual([items[1].firstName, items[1].lastName, items[1].extra], [null, null, {}]);
    assert.equal(items[3].extra.name, 'Not this', 'a name not used stays in extra');
  });

  test('events: dates under underscored keys, numeric ids', async () => {
    handler = () => ({
      body: listDoc([
        { id: 8 as never, type: 'event', attributes: { name: 'U', start_time: '2023-05-10T08:00:00.000Z', end_time: '2023-05-15T18:00:00.000Z' } },
        { id: '9', type: 'event', attributes: { name: 'V', starts_at: 'A', ends_at: 'B', time_zone: 'Europe/Helsinki' } },
        event(10, { 'start-time': null, 'end-time': null, start_date: '2023-05-10', end_date: '2023-05-11' }),
      ]),
    });
    const { client } = fakeClient(fake);
    const { items } = await client.listEvents(1);
    await client.close();
    assert.deepEqual(items.map((e) => [e.id, e.startTime, e.endTime]), [
      ['8', '2023-05-10T08:00:00.000Z', '2023-05-15T18:00:00.000Z'], ['9', 'A', 'B'], ['10', '2023-05-10', '2023-05-11'],
    ]);
    assert.equal(items[1].timeZone, 'Europe/Helsinki');
  });
});

describe('requests', () => {
  test('the presence query on the wire: numeric path ids, plain filter names, then page[size] and page[number]', async () => {
    const r = await slices(() => ({ status: 204 }), { tracking_type: 'time_spent', start_from: '2023-05-10' });
    const [req] = r.requests;
    assert.equal(req.pathname, SLICES);
    assert.deepEqual([...req.query.keys()], ['tracking_type', 'start_from', 'page[size]', 'page[number]']);
    assert.equal(req.query.get('tracking_type'), 'time_spent');
    assert.equal(req.query.get('start_from'), '2023-05-10T00:00:00.000Z');
    const all = await slices(() => ({ status: 204 }), {
      tracking_type: 'sponsor', trackable_type: 'Sponsor', click_time: '2023-05-10', start_time: '2023-05-10', end_time: '2023-05-10',
      duration: 5, start_from: '2023-05-10', start_to: '2023-05-11', end_from: '2023-05-10', end_to: '2023-05-11',
    });
    const names = [...all.requests[0].query.keys()].filter((k) => !k.startsWith('page['));
    assert.deepEqual(names.sort(), ['click_time', 'duration', 'end_from', 'end_time', 'end_to', 'start_from', 'start_time', 'start_to', 'trackable_type', 'tracking_type']);
  });

  test('every request (later pages, retries after 429 and 503) carries the four headers, the key only in its own', async () => {
    const tries = new Map<number, number>();
    const r = await slices((req) => {
      const n = pageOf(req);
      tries.set(n, (tries.get(n) ?? 0) + 1);
      if (n === 1 && tries.get(n) === 1) return { status: 429 };
      if (n === 2 && tries.get(n) === 1) return { status: 503, headers: { 'retry-after': '0' } };
      return { body: listDoc(n === 1 ? fullPage(1) : [slice(20)], { links: { next: n === 1 ? `?page[size]=3&page[number]=2` : null } }) };
    });
    assert.deepEqual(r.ids, [10, 11, 12, 20]);
    assert.equal(r.requests.length, 4);
    for (const req of r.requests) {
      assert.equal(req.method, 'GET');
      assert.equal(req.headers['brella-api-access-token'], r.key);
      assert.equal(req.headers.accept, 'application/vnd.brella.v4+json');
      assert.equal(req.headers['content-type'], 'application/json');
      assert.equal(req.headers['user-agent'], DEFAULT_USER_AGENT);
      assert.match(DEFAULT_USER_AGENT, /^brella-explorer\/\d+\.\d+\.\d+/);
      assert.ok(!req.url.includes(r.key));
    }
  });
});

describe('error bodies in other shapes', () => {
  test('a top-level error or message, and errors as plain strings, are the details', async () => {
    const cases: Array<[unknown, string[]]> = [
      [{ error: 'start_from is invalid' }, ['start_from is invalid']],
      [{ message: 'tracking_type unknown' }, ['tracking_type unknown']],
      [{ errors: ['duration must be positive'] }, ['duration must be positive']],
      [{ errors: [{ status: '422', title: 'Unprocessable', detail: '' }] }, ['Unprocessable']],
    ];
    for (const [body, details] of cases) {
      const e = await rejection({ status: 422, body });
      assert.ok(e instanceof BrellaUnprocessableError, String(e));
      assert.deepEqual(e.details, details);
    }
  });

  test('a body that is not JSON, or none: the status still decides, with no details', async () => {
    for (const reply of [{ status: 400, raw: '<html><body>Bad Request</body></html>', headers: { 'content-type': 'text/html' } }, { status: 400, raw: 'Bad Request' }]) {
      const e = await rejection(reply);
      assert.ok(e instanceof BrellaBadRequestError, String(e));
      assert.deepEqual(e.details, []);
      assert.match(e.message, /as a bad request \(no details given\)/);
    }
    const none = await rejection({ status: 422 });
    assert.ok(none instanceof BrellaUnprocessableError);
    assert.match(none.message, /\(no details given\)/);
  });
});
