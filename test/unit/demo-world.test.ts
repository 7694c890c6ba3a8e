/** server.world and the /_demo/world routes: live changes to the local Brella, seen through a real client and plain HTTP. */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { BrellaAuthError, BrellaServerError, createBrellaClient, type BrellaClient, type BrellaClientOptions } from '../../src/brella';
import { NORDIC_SUMMIT_EVENT_ID, PARTNER_DAY_EVENT_ID, type DemoServer, type DemoServerOptions } from '../../src/demo/index.ts';
import type { NewSlice } from '../../src/demo/world.ts';
import { allSliceIds, call, control, quietServer, slicesPath } from './helpers/demo-http.ts';

const EVENT = NORDIC_SUMMIT_EVENT_ID;

async function open(t: TestContext, options: DemoServerOptions = {}): Promise<DemoServer> {
  const server = await quietServer(options);
  t.after(() => server.close());
  return server;
}

function clientOf(t: TestContext, server: DemoServer, options: Partial<BrellaClientOptions> = {}): BrellaClient {
  const client = createBrellaClient({ baseUrl: server.baseUrl, apiKey: server.apiKey, requestsPerSecond: 200, backoffBaseMs: 5, ...options });
  t.after(() => client.close());
  return client;
}

/** POST a JSON body to a control route (the demo key unless `key` says otherwise). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function post(server: DemoServer, path: string, body: unknown, key = server.apiKey): Promise<{ status: number; json: any }> {
  const res = await fetch(`${server.origin}${path}`, {
    method: 'POST', headers: { 'Brella-API-Access-Token': key, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

const SLICES: NewSlice[] = [
  { trackingType: 'time_spent', startTime: '2023-05-11T08:00:00Z', durationSeconds: 600, trackableType: 'Event', trackableId: EVENT },
  { trackingType: 'streamlink', startTime: '2023-05-11T08:05:00.000Z', durationSeconds: 120, trackableType: 'Streamlink', trackableId: '9101' },
  { trackingType: 'sponsor', startTime: '2023-05-12T10:00:00.000Z', durationSeconds: 45, trackableType: 'Sponsor', trackableId: 7201 },
  { trackingType: 'time_spent', startTime: '2023-05-09T23:59:59.999Z', durationSeconds: 0 },
];

test('addAttendee: the new attendee comes last in the event\'s list, with the given or realistic fields', async (t) => {
  const server = await open(t);
  const client = clientOf(t, server, { pageSize: 7 });
  const before = server.data.attendeesByEvent.get(EVENT)!.length;
  const given = server.world.addAttendee(EVENT, { name: 'Ada Lovelace', email: 'ada@analytical.example', company: 'Analytical Engines' });
  const made = server.world.addAttendee(EVENT);
  const items = (await client.listAttendees(server.organizationId, EVENT)).items;
  assert.equal(items.length, before + 2);
  assert.deepEqual(items.slice(-2).map((a) => a.id), [given, made]);
  const [ada, other] = items.slice(-2);
  assert.deepEqual([ada!.firstName, ada!.lastName, ada!.email, ada!.companyName], ['Ada', 'Lovelace', 'ada@analytical.example', 'Analytical Engines']);
  assert.match(other!.name, /^\S+ \S/);
  assert.match(other!.email ?? '', /^[a-z0-9.]+@[a-z0-9.-]+\.example$/);
  assert.ok(other!.companyName);
  assert.ok(!server.data.attendeesByEvent.get(PARTNER_DAY_EVENT_ID)!.some((a) => String(a.id) === given), 'only in its own event');
  assert.deepEqual((await client.listSlices(server.organizationId, EVENT, given, {})).items, [], 'no slices yet');
  assert.throws(() => server.world.addAttendee(999), /no event 999/);
});

test('appendSlices: new ids, served with every filter as the generated slices are', async (t) => {
  const server = await open(t);
  const attendee = server.world.addAttendee(EVENT);
  const ids = server.world.appendSlices(EVENT, attendee, SLICES);
  const generated = [...server.data.slicesByAttendee.values()].flat().filter((s) => !ids.includes(String(s.id)));
  assert.equal(new Set(ids).size, SLICES.length);
  for (const id of ids) assert.ok(!generated.some((s) => String(s.id) === id), `slice id ${id} is new`);
  const [app, stream, sponsor, midnight] = ids;
  const queries: [Record<string, string | number>, (string | undefined)[]][] = [
    [{}, [midnight, app, stream, sponsor]],
    [{ tracking_type: 'time_spent' }, [midnight, app]],
    [{ tracking_type: 'streamlink,sponsor' }, [stream, sponsor]],
    [{ trackable_type: 'Sponsor' }, [sponsor]],
    [{ start_from: '2023-05-10T00:00:00.000Z' }, [app, stream, sponsor]],
    [{ start_from: '2023-05-11T08:05:00.000Z', start_to: '2023-05-12T10:00:00.000Z' }, [stream, sponsor]],
    [{ end_from: '2023-05-11T08:07:00.000Z', end_to: '2023-05-11T08:10:00.000Z' }, [stream, app]],
    [{ duration: 45 }, [sponsor]],
    [{ start_time: '2023-05-09T23:59:59.999Z' }, [midnight]],
    [{ end_time: '2023-05-11T08:10:00.000Z' }, [app]],
    [{ tracking_type: 'time_spent', start_from: '2023-05-13' }, []],
  ];
  for (const [query, expected] of queries) {
    const served = await allSliceIds(server, EVENT, Number(attendee), query);
    assert.deepEqual(served.sort(), (expected as string[]).sort(), JSON.stringify(query));
    assert.deepEqual(server.data.expectedSlices(EVENT, Number(attendee), query).map((s) => String(s.id)).sort(), served, 'expectedSlices agrees');
  }
  const page = await call(server, slicesPath(EVENT, Number(attendee)), { query: { tracking_type: 'streamlink' } });
  const resource = page.json.data[0];
  assert.deepEqual(resource.attributes, {
    'tracking-type': 'streamlink', 'trackable-type': 'Streamlink', 'trackable-id': 9101, 'click-time': null,
    'start-time': '2023-05-11T08:05:00.000Z', 'end-time': '2023-05-11T08:07:00.000Z', 'duration-seconds': 120,
  });
  const generatedPage = await call(server, slicesPath(EVENT, server.data.featured[0]!.attendeeIds[0]!));
  assert.deepEqual(Object.keys(resource.attributes).sort(), Object.keys(generatedPage.json.data[0].attributes).sort());
  assert.throws(() => server.world.appendSlices(EVENT, attendee, [{ ...SLICES[0]!, durationSeconds: -1 }]), /durationSeconds/);
  assert.throws(() => server.world.appendSlices(PARTNER_DAY_EVENT_ID, attendee, SLICES), /no attendee/);
});

test('appendSlices: slices of a generated attendee interleave by start time and join its tracking sessions', async (t) => {
  const server = await open(t);
  const client = clientOf(t, server, { pageSize: 3 });
  const attendeeId = server.data.featured[0]!.attendeeIds[0]!;
  const org = server.organizationId;
  const sessionsBefore = (await client.listTrackingSessions(org, EVENT, attendeeId)).items;
  const appSession = sessionsBefore.find((s) => s.trackableType === 'event')!;
  const [joined, alone] = server.world.appendSlices(EVENT, attendeeId, [
    { trackingType: 'time_spent', startTime: '2023-05-08T12:00:00.000Z', durationSeconds: 300, trackableType: 'Event', trackableId: EVENT },
    { trackingType: 'sponsor', startTime: '2023-05-13T09:00:00.000Z', durationSeconds: 90, trackableType: 'Sponsor', trackableId: 7999 },
  ]);
  const slices = (await client.listSlices(org, EVENT, attendeeId, { tracking_type: ['time_spent', 'sponsor', 'streamlink', 'sponsor_media_click'] })).items;
  const starts = slices.map((s) => Date.parse(s.startTime));
  assert.deepEqual(starts, [...starts].sort((a, b) => a - b), 'still sorted by start time');
  const sessions = (await client.listTrackingSessions(org, EVENT, attendeeId)).items;
  const app = sessions.find((s) => s.id === appSession.id)!;
  assert.equal(app.durationSeconds, appSession.durationSeconds + 300);
  assert.equal(app.interactionCount, appSession.interactionCount + 1);
  assert.ok(app.sliceIds.includes(joined!));
  assert.equal(slices.find((s) => s.id === joined)!.trackingSessionId, app.id);
  const booth = sessions.find((s) => s.sliceIds.includes(alone!))!;
  assert.deepEqual([booth.durationSeconds, booth.interactionCount, booth.sliceIds], [90, 1, [alone]]);
  assert.ok(!sessionsBefore.some((s) => s.id === booth.id), 'a new session');
  for (const session of sessions) {
    const own = slices.filter((s) => s.trackingSessionId === session.id);
    assert.deepEqual(own.map((s) => s.id).sort(), [...session.sliceIds].sort(), `session ${session.id} lists its slices`);
  }
});

test('revokeKey: the API answers the demo key as a wrong key until restoreKey; the control routes stay open', async (t) => {
  const server = await open(t);
  const client = clientOf(t, server, { retries: 0 });
  const wrong = await call(server, '/organizations/1001/events', { key: 'demo_wrong' });
  server.world.revokeKey();
  const refused = await call(server, '/organizations/1001/events');
  assert.deepEqual([refused.status, refused.json], [wrong.status, wrong.json]);
  assert.equal(refused.status, 403);
  await assert.rejects(client.listEvents(server.organizationId), (e) => e instanceof BrellaAuthError && e.status === 403);
  const other = await call(server, `/organizations/${server.otherOrganization.id}/events`, { key: server.otherOrganization.apiKey });
  assert.equal(other.status, 200, 'the other organization\'s key still works');
  const info = await control(server, '/_demo/world');
  assert.deepEqual([info.status, info.json.keyRevoked], [200, true]);
  server.world.restoreKey();
  assert.equal((await client.listEvents(server.organizationId)).items.length, 4);
});

test('outage: every request past the key check gets the status and Retry-After, until endOutage', async (t) => {
  const server = await open(t);
  server.world.outage({ retryAfterSeconds: 7 });
  const down = await call(server, `/organizations/1001/events/${EVENT}/attendees`);
  assert.deepEqual([down.status, down.headers.get('retry-after'), down.json.errors[0].status], [503, '7', '503']);
  assert.equal((await call(server, '/organizations/1001/events', { key: 'demo_wrong' })).status, 403, 'the key check comes first');
  server.world.outage({ status: 502, retryAfterSeconds: 0 });
  assert.deepEqual([(await call(server, '/organizations/1001/events')).status, server.world.state().outage], [502, { status: 502, retryAfterSeconds: 0 }]);
  assert.throws(() => server.world.outage({ status: 404, retryAfterSeconds: 1 }), /429 or 5xx/);
  server.world.endOutage();
  assert.equal((await call(server, '/organizations/1001/events')).status, 200);
});

test('outage: a client waits the Retry-After and gets its answer once the outage ends', async (t) => {
  const server = await open(t);
  server.world.outage({ retryAfterSeconds: 1 });
  const statuses: (number | undefined)[] = [];
  const client = clientOf(t, server, {
    retries: 3,
    log: (e) => {
      statuses.push(e.status);
      if (e.status === 503) server.world.endOutage();
    },
  });
  assert.equal((await client.listEvents(server.organizationId)).items.length, 4);
  assert.deepEqual(statuses, [503, 200]);
  server.world.outage({ retryAfterSeconds: 1 });
  const failing = clientOf(t, server, { retries: 0 });
  await assert.rejects(failing.listEvents(server.organizationId), (e) => e instanceof BrellaServerError && e.status === 503);
});

test('echoKey: the received key comes back in error details, included names and links; paging still works', async (t) => {
  const server = await open(t, { echoKey: true });
  const key = server.apiKey;
  const wrong = await call(server, '/organizations/1001/events', { key: 'demo_wrong_key' });
  assert.match(wrong.json.errors[0].detail, /demo_wrong_key/);
  const bad = await call(server, slicesPath(EVENT, server.data.featured[0]!.attendeeIds[0]!), { query: { start_from: 'soon' } });
  assert.equal(bad.status, 400);
  assert.ok(bad.json.errors[0].detail.includes(key));
  const attendeeId = server.data.featured[0]!.attendeeIds[0]!;
  const path = `/organizations/1001/events/${EVENT}/attendees/${attendeeId}/tracking_sessions`;
  let next: string | undefined = `${server.baseUrl}${path}?page[size]=2`;
  const ids: string[] = [];
  while (next) {
    const page = await call(server, next);
    assert.equal(page.status, 200, next);
    for (const link of ['self', 'first', 'last', 'next'] as const) {
      if (page.json.links[link]) assert.ok(page.json.links[link].endsWith(`echo=${key}`), `links.${link}`);
    }
    assert.ok(page.json.included.length > 0);
    for (const r of page.json.included) assert.ok(String(r.attributes.name ?? r.attributes.title).includes(key), `${r.type} ${r.id}`);
    ids.push(...page.json.data.map((r: { id: string }) => r.id));
    next = page.json.links.next;
  }
  assert.deepEqual(ids, server.data.sessionsByAttendee.get(attendeeId)!.map((s) => String(s.id)), 'every page, once');
  assert.ok(!JSON.stringify(server.requests.list()).includes(key), 'the echo parameter is not logged');
  server.world.echoKey(false);
  assert.ok(!(await call(server, path)).text.includes(key));
});

test('echoKey: the client follows the echoed links and its log shows the key redacted', async (t) => {
  const server = await open(t, { echoKey: true });
  const lines: string[] = [];
  const client = clientOf(t, server, { pageSize: 2, log: (e) => lines.push(JSON.stringify(e)) });
  const attendeeId = server.data.featured[0]!.attendeeIds[0]!;
  const { items } = await client.listTrackingSessions(server.organizationId, EVENT, attendeeId);
  assert.equal(items.length, server.data.sessionsByAttendee.get(attendeeId)!.length);
  assert.ok(lines.length > 1);
  assert.ok(!lines.join('\n').includes(server.apiKey), 'the key is in no log line');
  assert.ok(lines.slice(1).every((line) => line.includes('echo=***')), 'later pages were read through links.next');
});

test('control routes: the same changes over HTTP with the demo key, even while it is revoked', async (t) => {
  const server = await open(t);
  assert.equal((await post(server, '/_demo/world/key', { revoked: true }, 'demo_wrong')).status, 403);
  const added = await post(server, '/_demo/world/attendees', { eventId: EVENT, name: 'Grace Hopper', company: null });
  assert.equal(added.status, 201);
  const slices = await post(server, '/_demo/world/slices', { eventId: EVENT, attendeeId: added.json.id, slices: SLICES.slice(0, 2) });
  assert.deepEqual([slices.status, slices.json.ids.length], [201, 2]);
  assert.deepEqual(await allSliceIds(server, EVENT, Number(added.json.id)), slices.json.ids);
  const last = (await call(server, `/organizations/1001/events/${EVENT}/attendees`, { query: { 'page[size]': 500 } })).json.data.at(-1);
  assert.deepEqual([last.id, last.attributes['first-name'], last.attributes['company-name']], [added.json.id, 'Grace', null]);

  assert.deepEqual((await post(server, '/_demo/world/key', { revoked: true })).json.keyRevoked, true);
  assert.equal((await call(server, '/organizations/1001/events')).status, 403);
  assert.equal((await post(server, '/_demo/world/outage', { on: true, retryAfterSeconds: 3 })).status, 200, 'control routes still open');
  assert.deepEqual((await post(server, '/_demo/world/key', { revoked: false })).json, { keyRevoked: false, outage: { status: 503, retryAfterSeconds: 3 }, echoKey: false });
  const down = await call(server, '/organizations/1001/events');
  assert.deepEqual([down.status, down.headers.get('retry-after')], [503, '3']);
  assert.equal((await post(server, '/_demo/world/outage', { on: false })).json.outage, null);
  assert.equal((await post(server, '/_demo/world/echo', { on: true })).json.echoKey, true);
  assert.match((await call(server, '/organizations/1001/events')).json.links.self, /echo=demo_/);

  assert.equal((await post(server, '/_demo/world/slices', { eventId: EVENT, attendeeId: added.json.id, slices: [{ trackingType: 'nap' }] })).status, 400);
  assert.equal((await post(server, '/_demo/world/attendees', { eventId: 424242 })).status, 404);
  assert.equal((await post(server, '/_demo/world/outage', { on: 'yes' })).status, 400);
  assert.equal((await control(server, '/_demo/world/key')).status, 405);
});

test('on cue: the key is revoked after a number of 200 answers, and requests are held after a number of them until released', async (t) => {
  const server = await open(t, { rateLimit: false });
  const events = `/organizations/${server.organizationId}/events`;
  assert.equal((await post(server, '/_demo/world/key', { revoked: true, after: 2 })).json.keyRevoked, false);
  assert.equal((await call(server, events)).status, 200);
  assert.equal((await call(server, events)).status, 200);
  assert.equal((await call(server, events)).status, 403, 'revoked after two answers');
  assert.equal((await post(server, '/_demo/world/key', { revoked: false })).status, 200);
  assert.equal((await post(server, '/_demo/world/key', { revoked: true, after: 0 })).status, 400);

  assert.equal((await post(server, '/_demo/world/hold', { after: 1 })).status, 200);
  assert.equal((await call(server, events)).status, 200);
  let answered = false;
  const held = call(server, events).then((r) => { answered = true; return r.status; });
  // The held request is answered only once released: a control route answers meanwhile.
  assert.equal((await post(server, '/_demo/world/key', { revoked: false })).status, 200);
  assert.equal(answered, false);
  assert.equal((await post(server, '/_demo/world/hold', { release: true })).status, 200);
  assert.equal(await held, 200);
});
