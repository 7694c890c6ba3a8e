import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createBrellaClient, type BrellaClient } from '../../src/brella';
import { NORDIC_SUMMIT_EVENT_ID, startDemoServer, type DemoServer } from '../../src/demo';

/** A seeded random source, so a failing run can be repeated. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe('the client against the local Brella', () => {
  let clean: DemoServer;
  let faulty: DemoServer;
  let good: BrellaClient;
  let shaky: BrellaClient;
  const log: string[] = [];

  before(async () => {
    clean = await startDemoServer({ rateLimit: false, largeAttendee: 1_500 });
    faulty = await startDemoServer({
      rateLimit: false, largeAttendee: 1_500, apiKey: clean.apiKey,
      faults: { serverErrorRate: 0.05, dropRate: 0.02, malformedRate: 0.02, random: seeded(7) },
    });
    good = createBrellaClient({ baseUrl: clean.baseUrl, apiKey: clean.apiKey, requestsPerSecond: 200, pageSize: 50 });
    shaky = createBrellaClient({
      baseUrl: faulty.baseUrl, apiKey: clean.apiKey, requestsPerSecond: 200, pageSize: 50, backoffBaseMs: 5, retries: 6,
      log: (e) => log.push(`${e.status ?? e.error} ${e.willRetry}`),
    });
  });
  after(async () => {
    await good.close();
    await shaky.close();
    await clean.close();
    await faulty.close();
  });

  test('every endpoint: events, one event, attendees, slices', async () => {
    const events = await good.listEvents(clean.organizationId);
    assert.deepEqual(events.items.map((e) => e.id).sort(), clean.data.events.filter((e) => e.organizationId === clean.organizationId).map((e) => String(e.id)).sort());
    const summit = await good.getEvent(clean.organizationId, NORDIC_SUMMIT_EVENT_ID);
    assert.equal(summit.item.name, clean.data.events.find((e) => e.id === NORDIC_SUMMIT_EVENT_ID)!.name);
    const attendees = await good.listAttendees(clean.organizationId, NORDIC_SUMMIT_EVENT_ID);
    assert.equal(attendees.items.length, clean.data.attendeesByEvent.get(NORDIC_SUMMIT_EVENT_ID)!.length);
    const someone = attendees.items[0];
    const slices = await good.listSlices(clean.organizationId, NORDIC_SUMMIT_EVENT_ID, someone.id, { tracking_type: 'time_spent', start_from: '2023-05-10' });
    assert.deepEqual(slices.items.map((s) => s.id), clean.data.expectedSlices(NORDIC_SUMMIT_EVENT_ID, Number(someone.id), { tracking_type: 'time_spent', start_from: '2023-05-10' }).map((s) => String(s.id)));
  });

  test('with 5% 5xx, 2% dropped sockets and 2% malformed bodies the results equal a fault-free run', async () => {
    const org = clean.organizationId;
    const attendees = (await good.listAttendees(org, NORDIC_SUMMIT_EVENT_ID)).items.slice(0, 40);
    const ids = [...attendees.map((a) => a.id), String(clean.data.largeAttendeeId)];
    const read = (client: BrellaClient) => Promise.all([
      client.listEvents(org).then((l) => l.items),
      client.listAttendees(org, NORDIC_SUMMIT_EVENT_ID).then((l) => l.items),
      ...ids.map((id) => client.listSlices(org, NORDIC_SUMMIT_EVENT_ID, id, {}).then((l) => l.items)),
    ]);
    const [expected, actual] = [await read(good), await read(shaky)];
    assert.deepEqual(actual, expected);
    const statuses = faulty.requests.list().map((r) => r.status);
    assert.ok(statuses.filter((s) => s >= 500).length > 0, 'some 5xx were answered');
    assert.ok(statuses.filter((s) => s === 0).length > 0, 'some sockets were dropped');
    assert.ok(log.some((line) => line.startsWith('200') && line.endsWith('true')), 'some malformed 200 bodies were retried');
  });
});
