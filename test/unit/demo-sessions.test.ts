import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createBrellaClient, type BrellaClient, type TrackingSessionSlice } from '../../src/brella/index.ts';
import {
  ALL_TRACKING_TYPES, LARGE_ATTENDEE_ID, NORDIC_SUMMIT_EVENT_ID, createDemoData, startDemoServer, type DemoServer, type DemoSlice,
} from '../../src/demo/index.ts';
import { call } from './helpers/demo-http.ts';

/** What the sessions should be, computed here from the slices alone: one per tracking type and trackable. */
function expectedFromSlices(slices: readonly DemoSlice[]) {
  const groups = new Map<string, DemoSlice[]>();
  for (const s of slices) {
    const key = `${s.trackingType}|${s.trackableType}|${s.trackableId}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return groups;
}

describe('demo tracking sessions are the grouping of its slices', () => {
  const data = createDemoData({ attendeeCount: 60, largeAttendee: 400, boundaryAttendee: true });

  test('every attendee: one session per thing, its slices, their total duration; each slice names its session', () => {
    let checked = 0;
    for (const [attendeeId, slices] of data.slicesByAttendee) {
      const sessions = data.sessionsByAttendee.get(attendeeId) ?? [];
      const groups = expectedFromSlices(slices);
      assert.equal(sessions.length, groups.size, `attendee ${attendeeId}`);
      const byId = new Map(sessions.map((s) => [s.id, s]));
      assert.equal(byId.size, sessions.length, 'session ids are unique');
      for (const group of groups.values()) {
        const session = byId.get(group[0]!.sessionId);
        assert.ok(session, `attendee ${attendeeId}: slice ${group[0]!.id} names no session`);
        assert.deepEqual(session.sliceIds, group.map((s) => s.id));
        assert.ok(group.every((s) => s.sessionId === session.id), 'every slice of the group names the same session');
        assert.equal(session.durationSeconds, group.reduce((sum, s) => sum + s.durationSeconds, 0));
        assert.equal([session.trackingType, session.trackableType, session.trackableId].join('|'), [group[0]!.trackingType, group[0]!.trackableType, group[0]!.trackableId].join('|'));
        assert.ok(session.interactionCount >= 1 && session.interactionCount <= group.length);
        assert.equal(session.startTime, group[0]!.startTime);
        checked++;
      }
      for (let i = 1; i < sessions.length; i++) assert.ok(sessions[i - 1]!.startMs <= sessions[i]!.startMs, 'sorted by start');
    }
    assert.ok(checked > 100, `checked ${checked} sessions`);
  });

  test('interaction-count counts visits: a stream watched on several days is one session with several interactions', () => {
    const all = [...data.sessionsByAttendee.values()].flat();
    assert.ok(all.some((s) => s.interactionCount > 1));
    // The large attendee's slices are each their own visit.
    for (const s of data.sessionsByAttendee.get(LARGE_ATTENDEE_ID)!) assert.equal(s.interactionCount, s.sliceIds.length);
  });
});

describe('the local Brella serves them, and the client reads them', () => {
  let server: DemoServer;
  let client: BrellaClient;
  const event = NORDIC_SUMMIT_EVENT_ID;
  before(async () => {
    server = await startDemoServer({ rateLimit: false, attendeeCount: 30, largeAttendee: 1_200 });
    client = createBrellaClient({ baseUrl: server.baseUrl, apiKey: server.apiKey, requestsPerSecond: 500, pageSize: 7 });
  });
  after(async () => {
    await client.close();
    await server.close();
  });

  test('sessions over pages equal the grouping of the slices the same client reads', async () => {
    const attendees = (server.data.attendeesByEvent.get(event) ?? []).slice(0, 8).map((a) => a.id);
    for (const attendeeId of [...attendees, LARGE_ATTENDEE_ID]) {
      const slices = (await client.listSlices(1001, event, attendeeId, { tracking_type: [...ALL_TRACKING_TYPES] })).items;
      const { items: sessions, rawPages } = await client.listTrackingSessions(1001, event, attendeeId);
      const bySession = new Map<string, TrackingSessionSlice[]>();
      for (const s of slices) bySession.set(s.trackingSessionId!, [...(bySession.get(s.trackingSessionId!) ?? []), s]);
      assert.equal(sessions.length, bySession.size, `attendee ${attendeeId}`);
      for (const session of sessions) {
        const own = bySession.get(session.id) ?? [];
        assert.deepEqual(session.sliceIds, own.map((s) => s.id));
        assert.equal(session.durationSeconds, own.reduce((sum, s) => sum + s.durationSeconds, 0));
        // The demo gives the trackable only as a relationship, with JSON:API type names.
        assert.equal(session.trackableId, own[0]!.trackableId);
        // Each page's `included` names what the page's sessions point at: the event, a stream, a sponsor, a video.
        if (session.trackableType === 'event') assert.equal(session.trackableName, server.data.events.find((e) => e.id === event)!.name);
        else if (session.trackableType !== null) assert.match(session.trackableName ?? '', /\S/, `session ${session.id} (${session.trackableType}) is named`);
      }
      if (sessions.length > 7) assert.ok(rawPages.length > 1, 'paged');
    }
  });

  test('trackable_type filters the sessions; a parameter sessions do not know is a 400', async () => {
    const attendeeId = LARGE_ATTENDEE_ID;
    const all = (await client.listTrackingSessions(1001, event, attendeeId)).items;
    const sponsors = (await client.listTrackingSessions(1001, event, attendeeId, { trackableType: 'Sponsor' })).items;
    const expected = server.data.sessionsByAttendee.get(attendeeId)!.filter((s) => s.trackableType === 'Sponsor').map((s) => String(s.id));
    assert.ok(expected.length > 0);
    assert.deepEqual(sponsors.map((s) => s.id), expected);
    assert.ok(sponsors.length < all.length);
    assert.ok(sponsors.every((s) => s.trackableType === 'sponsor'));

    const bad = await call(server, `/organizations/1001/events/${event}/attendees/${attendeeId}/tracking_sessions`, { query: { tracking_type: 'sponsor' } });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.errors[0].source.parameter, 'tracking_type');
  });

  test('events carry their IANA time zones; Nordic Summit is in Europe/Helsinki', async () => {
    const { items } = await client.listEvents(1001);
    assert.equal(items.find((e) => e.id === String(event))?.timeZone, 'Europe/Helsinki');
    assert.ok(items.every((e) => e.timeZone !== null));
    assert.equal((await client.getEvent(1001, event)).item.timeZone, 'Europe/Helsinki');
  });
});
