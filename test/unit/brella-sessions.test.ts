import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BrellaFilterError, BrellaResponseError, type PageInfo } from '../../src/brella/index.ts';
import { event, fakeClient, listDoc, range, startFake, type FakeHandler, type FakeServer, type Res } from './helpers/brella-fake.ts';

let handler: FakeHandler = () => ({});
let fake: FakeServer;
before(async () => {
  fake = await startFake((req, i) => handler(req, i));
});
after(() => fake.close());

function session(id: number | string, attributes: Record<string, unknown> = {}, relationships?: Record<string, unknown>): Res {
  return {
    id: String(id),
    type: 'tracking-session',
    attributes: { 'duration-seconds': 3329, 'interaction-count': 4, ...attributes },
    relationships: relationships ?? {
      trackable: { data: { type: 'StreamLink', id: '9' } },
      'tracking-session-slices': { data: [{ type: 'tracking-session-slice', id: '66097' }, { type: 'tracking-session-slice', id: '66098' }] },
    },
  };
}

async function sessions(script: FakeHandler, options: { pageSize?: number; trackableType?: string } = {}) {
  handler = script;
  const before = fake.requests.length;
  const { client } = fakeClient(fake, { pageSize: options.pageSize ?? 500 });
  const pages: PageInfo[] = [];
  try {
    const result = await client.listTrackingSessions(1, 2, 3, { trackableType: options.trackableType, onPage: (p) => pages.push(p) });
    return { ...result, pages, requests: fake.requests.slice(before) };
  } finally {
    await client.close();
  }
}

describe('tracking sessions: schemas', () => {
  test('the documented dasherized shape: totals, trackable relationship, slice ids; unknown attributes kept', async () => {
    const { items, requests } = await sessions(() => ({ body: listDoc([session(501, { 'last-seen': 'x' })]) }));
    assert.equal(requests[0].pathname, '/api/integration/organizations/1/events/2/attendees/3/tracking_sessions');
    assert.deepEqual(items, [{
      id: '501', durationSeconds: 3329, interactionCount: 4, trackableType: 'StreamLink', trackableId: '9', trackableName: null,
      sliceIds: ['66097', '66098'], extra: { lastSeen: 'x' },
    }]);
  });

  test('underscored spellings of attributes and relationships are read the same', async () => {
    const r = {
      id: 7, type: 'tracking_session',
      attributes: { duration_seconds: '120', interaction_count: '3', trackable_name: 'Main stage' },
      relationships: { trackable: { data: { type: 'Sponsor', id: 42 } }, tracking_session_slices: { data: [{ type: 's', id: 1 }] } },
    };
    const { items } = await sessions(() => ({ body: listDoc([r as never]) }));
    assert.deepEqual(items, [{
      id: '7', durationSeconds: 120, interactionCount: 3, trackableType: 'Sponsor', trackableId: '42', trackableName: 'Main stage',
      sliceIds: ['1'], extra: {},
    }]);
  });

  test('trackable-type and trackable-id attributes are used when present', async () => {
    const r = session(8, { 'trackable-type': 'Sponsor', 'trackable-id': 77 }, {});
    const { items } = await sessions(() => ({ body: listDoc([r]) }));
    assert.equal(items[0].trackableType, 'Sponsor');
    assert.equal(items[0].trackableId, '77');
  });

  test('a missing trackable (no relationship, null data, or no relationships at all) reads as null', async () => {
    const bare = { id: '3', type: 'tracking-session', attributes: { 'duration-seconds': 10 } };
    const { items } = await sessions(() => ({
      body: listDoc([session(1, {}, {}), session(2, {}, { trackable: { data: null } }), bare as never]),
    }));
    for (const item of items) {
      assert.equal(item.trackableType, null);
      assert.equal(item.trackableId, null);
      assert.deepEqual(item.sliceIds, []);
    }
    // Without interaction-count and without slice ids there is nothing to count.
    assert.equal(items[2].interactionCount, 0);
    assert.equal(items[2].durationSeconds, 10);
  });

  test('the trackable\'s name comes from `included` (name, title or display_name), merged across pages; bad entries are skipped', async () => {
    const onPage = (n: number) => session(n, {}, { trackable: { data: { type: n === 3 ? 'sponsor' : 'streamlink', id: String(n === 4 ? 1 : 9) } } });
    const { items } = await sessions((req) => {
      const page = Number(new URL(req.url!, 'http://x').searchParams.get('page[number]'));
      const meta = { meta: { total_pages: 2 } };
      // Page 1 names stream 9 (title) and sponsor 9 (name, underscored); page 2 holds the second session of stream 1,
      // named on page 1 only, and a session whose trackable nobody includes.
      if (page === 1) {
        return { body: { ...listDoc([onPage(1), onPage(3)], meta), included: [
          { type: 'streamlink', id: '9', attributes: { title: 'Main <b>Stage</b>' } },
          { type: 'sponsor', id: 9, attributes: { display_name: '  Aurora Cloud ' } },
          { type: 'streamlink', id: '1', attributes: { name: 'Keynote Hall' } },
          { type: 'broken' }, 'not a resource',
        ] } };
      }
      return { body: { ...listDoc([onPage(4), session(5, {}, { trackable: { data: { type: 'sponsor', id: '404' } } })], meta), included: 'nope' } };
    }, { pageSize: 2 });
    assert.deepEqual(items.map((i) => i.trackableName), ['Main <b>Stage</b>', 'Aurora Cloud', 'Keynote Hall', null]);
  });

  test('a trackable-name attribute wins over `included`', async () => {
    const { items } = await sessions(() => ({ body: { ...listDoc([session(1, { 'trackable-name': 'From the session' })]), included: [{ type: 'StreamLink', id: '9', attributes: { name: 'From included' } }] } }));
    assert.equal(items[0].trackableName, 'From the session');
  });

  test('without interaction-count, the listed slices are counted', async () => {
    const { items } = await sessions(() => ({ body: listDoc([session(1, { 'interaction-count': null })]) }));
    assert.equal(items[0].interactionCount, 2);
  });

  test('204, an empty body and data: [] are all "no sessions"', async () => {
    for (const reply of [{ status: 204 }, { status: 200, raw: '' }, { status: 200, body: { data: [] } }, { status: 200, body: { data: null } }]) {
      const { items, complete } = await sessions(() => reply);
      assert.deepEqual(items, [], JSON.stringify(reply));
      assert.equal(complete, true);
    }
  });

  test('a session without a duration is refused by its path, not shown as 0', async () => {
    const error = await sessions(() => ({ body: listDoc([session(1), session(2, { 'duration-seconds': 'long' })]) })).then(
      () => assert.fail('expected an error'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof BrellaResponseError, String(error));
    assert.match(error.message, /tracking sessions \(data\.1\.attributes\.duration-seconds/);
  });
});

describe('tracking sessions: requests and paging', () => {
  test('trackable_type is sent as given and checked before any request', async () => {
    const { requests } = await sessions(() => ({ body: listDoc([]) }), { trackableType: 'StreamLink' });
    assert.equal(requests[0].query.get('trackable_type'), 'StreamLink');
    assert.equal(requests[0].query.get('page[size]'), '500');

    const count = fake.requests.length;
    const { client } = fakeClient(fake);
    await assert.rejects(client.listTrackingSessions(1, 2, 3, { trackableType: 'Stream Link; drop' }), BrellaFilterError);
    await assert.rejects(client.listTrackingSessions(1, 2, 'x'), /attendeeId/);
    await client.close();
    assert.equal(fake.requests.length, count);
  });

  test('pages by meta.total_pages, reading every page in order', async () => {
    const r = await sessions((req) => {
      const n = Number(req.query.get('page[number]'));
      return { body: listDoc(range(n * 10, n * 10 + (n < 3 ? 1 : 0), (id) => session(id)), { meta: { total_pages: 3, total_count: 5 } }) };
    }, { pageSize: 2 });
    assert.deepEqual(r.items.map((i) => i.id), ['10', '11', '20', '21', '30']);
    assert.deepEqual(r.pages.map((p) => p.page), [1, 2, 3]);
    assert.equal(r.pages[0].rowsKnown, 5);
  });

  test('follows links.next and stops at a short page without meta', async () => {
    const viaLinks = await sessions((req) => {
      const n = Number(req.query.get('page[number]'));
      const next = n < 2 ? `${fake.baseUrl}/organizations/1/events/2/attendees/3/tracking_sessions?page[number]=${n + 1}&page[size]=2` : undefined;
      return { body: listDoc(range(n, n, (id) => session(id)), { links: { next } }) };
    }, { pageSize: 2 });
    assert.deepEqual(viaLinks.items.map((i) => i.id), ['1', '2']);

    const short = await sessions((req) => {
      const n = Number(req.query.get('page[number]'));
      return { body: listDoc(n === 1 ? [session(1), session(2)] : [session(3)]) };
    }, { pageSize: 2 });
    assert.deepEqual(short.items.map((i) => i.id), ['1', '2', '3']);
    assert.equal(short.requests.length, 2);
  });

  test('describeTrackingSessionsRequest gives the URL the client sends, key as placeholder', async () => {
    const { client } = fakeClient(fake, { pageSize: 50 });
    const d = client.describeTrackingSessionsRequest(1, 2, 3, 'Sponsor');
    assert.equal(d.url, `${fake.baseUrl}/organizations/1/events/2/attendees/3/tracking_sessions?trackable_type=Sponsor&page%5Bsize%5D=50&page%5Bnumber%5D=1`);
    assert.equal(d.headers['Brella-API-Access-Token'], '$BRELLA_API_KEY');
    await client.close();
  });
});

describe("the event's time zone", () => {
  async function zoneOf(attributes: Record<string, unknown>) {
    handler = () => ({ body: { data: event(5, attributes) } });
    const { client } = fakeClient(fake);
    try {
      return (await client.getEvent(1, 5)).item;
    } finally {
      await client.close();
    }
  }

  test('read from time-zone, time_zone or timezone', async () => {
    assert.equal((await zoneOf({ 'time-zone': 'Europe/Helsinki' })).timeZone, 'Europe/Helsinki');
    assert.equal((await zoneOf({ time_zone: 'America/New_York' })).timeZone, 'America/New_York');
    assert.equal((await zoneOf({ timezone: 'Asia/Tokyo' })).timeZone, 'Asia/Tokyo');
    assert.equal((await zoneOf({ timezone: 'UTC' })).timeZone, 'UTC');
  });

  test('absent, empty or not a string: null, and the event still reads', async () => {
    for (const attrs of [{}, { 'time-zone': null }, { 'time-zone': '' }, { timezone: 3 }]) {
      const e = await zoneOf(attrs);
      assert.equal(e.timeZone, null, JSON.stringify(attrs));
      assert.equal(e.name, 'Event 5');
    }
  });

  test('a zone this runtime does not know is null, and kept in extra as Brella sent it', async () => {
    const e = await zoneOf({ 'time-zone': 'Mars/Olympus_Mons' });
    assert.equal(e.timeZone, null);
    assert.equal(e.extra.timeZone, 'Mars/Olympus_Mons');
    // A known zone is not repeated in extra.
    assert.equal((await zoneOf({ 'time-zone': 'Europe/Helsinki' })).extra.timeZone, undefined);
  });

  test('events in a list carry their zones too', async () => {
    handler = () => ({ body: listDoc([event(1, { 'time-zone': 'Europe/Riga' }), event(2)]) });
    const { client } = fakeClient(fake);
    const { items } = await client.listEvents(1);
    await client.close();
    assert.deepEqual(items.map((e) => e.timeZone), ['Europe/Riga', null]);
  });
});
