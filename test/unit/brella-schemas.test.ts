import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BrellaResponseError } from '../../src/brella/index.ts';
import { attendee, event, fakeClient, listDoc, slice, startFake, type FakeReply, type FakeServer } from './helpers/brella-fake.ts';

let reply: FakeReply = {};
let fake: FakeServer;
before(async () => {
  fake = await startFake(() => reply);
});
after(() => fake.close());

async function slices(body: unknown) {
  reply = { body };
  const { client } = fakeClient(fake);
  try {
    return await client.listSlices(1, 2, 3);
  } finally {
    await client.close();
  }
}

async function rejection(promise: Promise<unknown>): Promise<BrellaResponseError> {
  const error = await promise.then(() => assert.fail('expected a rejection'), (e: unknown) => e);
  assert.ok(error instanceof BrellaResponseError, String(error));
  return error;
}

describe('parsing slices', () => {
  test('documented attributes, nulls, relationship, and unknown attributes kept camelCased', async () => {
    const { items } = await slices(listDoc([
      slice(66097, { 'click-time': null, 'end-time': null, 'trackable-type': 'Sponsor', 'trackable-id': 42, 'booth-zone': 'A', device_kind: 'ios' }),
    ]));
    assert.deepEqual(items, [{
      id: '66097', trackingType: 'time_spent', trackableType: 'Sponsor', trackableId: '42',
      startTime: '2023-05-10T09:00:00.000Z', endTime: null, clickTime: null, durationSeconds: 300, trackingSessionId: '7',
      extra: { boothZone: 'A', deviceKind: 'ios' },
    }]);
  });

  test('trackable from relationships.trackable when the attributes lack it; all optional parts may be absent', async () => {
    const withRel = slice(1, {}, { trackable: { data: { type: 'streamlink', id: 9 } }, 'tracking-session': { data: null } });
    const bare = { id: 2, type: 'tracking-session-slice', attributes: { 'tracking-type': 'sponsor', 'start-time': 'T', 'duration-seconds': '12' } };
    const { items } = await slices(listDoc([withRel, bare as never]));
    assert.equal(items[0].trackableType, 'streamlink');
    assert.equal(items[0].trackableId, '9');
    assert.equal(items[0].trackingSessionId, null);
    assert.deepEqual(
      { ...items[1], extra: undefined },
      { id: '2', trackingType: 'sponsor', trackableType: null, trackableId: null, startTime: 'T', endTime: null, clickTime: null, durationSeconds: 12, trackingSessionId: null, extra: undefined },
    );
  });

  test('underscored attribute spellings are accepted', async () => {
    const r = { id: '5', type: 'tracking_session_slice', attributes: { tracking_type: 'streamlink', start_time: 'S', end_time: 'E', duration_seconds: 3 } };
    const { items } = await slices(listDoc([r as never]));
    assert.equal(items[0].trackingType, 'streamlink');
    assert.equal(items[0].endTime, 'E');
  });

  test('missing required fields are BrellaResponseError naming the field, with status and path', async () => {
    for (const [attrs, field] of [
      [{ 'tracking-type': undefined }, 'tracking-type'],
      [{ 'start-time': null }, 'start-time'],
      [{ 'duration-seconds': 'long' }, 'duration-seconds'],
    ] as const) {
      const error = await rejection(slices(listDoc([slice(1), slice(2, attrs)])));
      assert.match(error.message, new RegExp(`data\\.1\\.attributes\\.${field}`));
      assert.equal(error.status, 200);
      assert.equal(error.path, '/api/integration/organizations/1/events/2/attendees/3/tracking_session_slices?page%5Bsize%5D=500&page%5Bnumber%5D=1');
    }
    const noId = await rejection(slices({ data: [{ type: 'x', attributes: {} }] }));
    assert.match(noId.message, /data\.0\.id/);
    const notList = await rejection(slices({ data: { id: '1', type: 'x' } }));
    assert.match(notList.message, /something other than tracking session slices \(data: /);
  });

  test('non-JSON bodies are BrellaResponseError with a short excerpt', async () => {
    reply = { raw: `<html><body>${'Cloudflare '.repeat(100)}</body></html>`, headers: { 'content-type': 'text/html' } };
    const { client } = fakeClient(fake);
    const error = await rejection(client.listEvents(1));
    await client.close();
    assert.match(error.message, /something other than JSON \(not JSON\).*Body starts: <html><body>Cloudflare/);
    assert.ok(error.excerpt.length <= 200);
    assert.ok(error.message.length < 600);
  });
});

describe('parsing events and attendees', () => {
  test('events: name and times, alternative spellings, unknown attributes in extra', async () => {
    reply = {
      body: listDoc([
        event(1, { slug: 'nordic', 'time-zone': 'Europe/Helsinki' }),
        { id: '2', type: 'event', attributes: { name: 'Two', 'starts-at': 'A', 'ends-at': 'B' } },
        { id: '3', type: 'event', attributes: { title: 'Three', 'start-date': '2023-05-10', 'end-date': null } },
        { id: '4', type: 'event', attributes: null as never },
      ]),
    };
    const { client } = fakeClient(fake);
    const { items } = await client.listEvents(9);
    await client.close();
    assert.deepEqual(items[0], { id: '1', name: 'Event 1', startTime: '2023-05-10T08:00:00.000Z', endTime: '2023-05-15T18:00:00.000Z', timeZone: 'Europe/Helsinki', extra: { slug: 'nordic' } });
    assert.deepEqual([items[1].startTime, items[1].endTime], ['A', 'B']);
    assert.deepEqual([items[2].name, items[2].startTime, items[2].endTime], ['Three', '2023-05-10', null]);
    assert.deepEqual(items[3], { id: '4', name: 'Event 4', startTime: null, endTime: null, timeZone: null, extra: {} });
  });

  test('attendees: names, email, company, tolerant of missing parts', async () => {
    reply = {
      body: listDoc([
        attendee(1, { title: 'CTO' }),
        { id: '2', type: 'attendee', attributes: { 'first-name': '', email: null } },
        { id: '3', type: 'attendee', attributes: { 'last-name': 'Hopper', company: 'Navy' } },
      ]),
    };
    const { client } = fakeClient(fake);
    const { items } = await client.listAttendees(9, 8);
    await client.close();
    assert.deepEqual(items[0], { id: '1', firstName: 'Ada', lastName: 'Lovelace', name: 'Ada Lovelace', email: 'ada@example.com', companyName: 'ACME', extra: { title: 'CTO' } });
    assert.deepEqual([items[1].name, items[1].firstName, items[1].email], ['Attendee 2', null, null]);
    assert.deepEqual([items[2].name, items[2].companyName], ['Hopper', 'Navy']);
  });

  test('getEvent returns the item and its raw document', async () => {
    const doc = { data: event(77, { name: 'Summit' }) };
    reply = { body: doc };
    const { client } = fakeClient(fake);
    const { item, raw } = await client.getEvent('5', 77);
    await client.close();
    assert.equal(item.name, 'Summit');
    assert.deepEqual(raw, { page: 1, url: `${fake.baseUrl}/organizations/5/events/77`, status: 200, body: doc });
    assert.equal(fake.requests.at(-1)?.url, '/api/integration/organizations/5/events/77');
  });
});
