/** The report truth helper (helpers/report-truth.ts) on small hand-made data, where every number is known. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DemoAttendee, DemoData, DemoEvent, DemoSlice } from '../../src/demo/index.ts';
import { dayInZone, reportTruth } from './helpers/report-truth.ts';

const EVENT: DemoEvent = {
  id: 1, organizationId: 10, name: 'Test Event', slug: 'test-event', startTime: '2023-05-10T06:00:00.000Z',
  endTime: '2023-05-11T15:00:00.000Z', timeZone: 'Europe/Helsinki', venueName: null, createdAt: '2023-01-01T00:00:00.000Z',
};
const WINDOW = { startFrom: '2023-05-10T00:00:00.000Z', startTo: '2023-05-11T23:59:59.999Z' };
const ZONE = 'Europe/Helsinki';

let nextId = 1;

/** A slice; `end` defaults to start + duration. */
function slice(type: string, start: string, durationSeconds: number, more: Partial<DemoSlice> = {}): DemoSlice {
  const startMs = Date.parse(start);
  const endMs = startMs + (Number.isFinite(durationSeconds) ? durationSeconds : 0) * 1000;
  return {
    id: nextId++, sessionId: 500 + nextId, trackingType: type, trackableType: null, trackableId: null, clickTime: null, clickMs: null,
    startTime: new Date(startMs).toISOString(), startMs, endTime: new Date(endMs).toISOString(), endMs, durationSeconds, ...more,
  };
}

function attendee(id: number): DemoAttendee {
  return { id, eventId: EVENT.id, firstName: 'A', lastName: String(id), email: null, companyName: null, title: null, createdAt: EVENT.createdAt, profile: 'added' };
}

function dataOf(slices: Record<number, DemoSlice[]>): DemoData {
  const ids = Object.keys(slices).map(Number);
  return {
    seed: 1, organization: { id: 10, name: 'Org' }, organizations: [{ id: 10, name: 'Org' }], events: [EVENT],
    attendeesByEvent: new Map([[EVENT.id, ids.map(attendee)]]),
    slicesByAttendee: new Map(ids.map((id) => [id, slices[id]!])),
    sessionsByAttendee: new Map(), featured: [], largeAttendeeId: null,
    expectedSlices: () => [],
  };
}

const stream = (id: number) => ({ trackableType: 'Streamlink', trackableId: id });
const booth = (id: number) => ({ trackableType: 'Sponsor', trackableId: id });

const DATA = dataOf({
  // In the app on both days (one slice at the window's very start, one at its very end), a stream, a booth.
  11: [
    slice('time_spent', '2023-05-09T23:59:59.999Z', 100),
    slice('time_spent', '2023-05-10T00:00:00.000Z', 300),
    slice('streamlink', '2023-05-10T08:00:00.000Z', 120, stream(1)),
    slice('streamlink', '2023-05-10T09:00:00.000Z', 60, stream(1)),
    slice('sponsor', '2023-05-10T21:30:00.000Z', 45, booth(7)),
    slice('sponsor_media_click', '2023-05-10T21:31:00.000Z', 0, { trackableType: 'SponsorMedia', trackableId: 71 }),
    slice('time_spent', '2023-05-11T23:59:59.999Z', 30),
    slice('time_spent', '2023-05-12T00:00:00.000Z', 999),
  ],
  // Streams and booths only: no trackable (told apart by session, then by slice), a negative and a NaN duration.
  12: [
    slice('streamlink', '2023-05-11T10:00:00.000Z', 200, { sessionId: 900 }),
    slice('streamlink', '2023-05-11T11:00:00.000Z', 100, { sessionId: 900 }),
    slice('streamlink', '2023-05-11T12:00:00.000Z', -50, { sessionId: undefined as unknown as number }),
    slice('sponsor', '2023-05-11T13:00:00.000Z', Number.NaN, booth(8)),
    slice('sponsor', '2023-05-11T14:00:00.000Z', 80, { ...booth(9), endTime: '2023-05-11T13:00:00.000Z', endMs: Date.parse('2023-05-11T13:00:00.000Z') }),
  ],
  // Nothing in the window.
  13: [slice('time_spent', '2023-05-01T10:00:00.000Z', 60)],
});

test('dayInZone: the calendar day of an instant in a zone', () => {
  assert.equal(dayInZone(Date.parse('2023-05-10T21:30:00.000Z'), 'Europe/Helsinki'), '2023-05-11');
  assert.equal(dayInZone(Date.parse('2023-05-10T21:30:00.000Z'), 'UTC'), '2023-05-10');
  assert.equal(dayInZone(Date.parse('2023-05-10T02:00:00.000Z'), 'America/New_York'), '2023-05-09');
});

test('presence: time_spent slices of the window only, bounds included', () => {
  const { rows, daily } = reportTruth(DATA, { eventId: EVENT.id, kind: 'presence', window: WINDOW, dayZone: ZONE });
  assert.deepEqual(rows[0], {
    attendeeId: '11', checkedIn: true, firstSeen: '2023-05-10T00:00:00.000Z', lastSeen: '2023-05-12T00:00:29.999Z', slices: 2, appSeconds: 330,
    days: [
      { day: '2023-05-10', appSeconds: 300, streamSeconds: 0, sponsorSeconds: 0, inApp: true },
      { day: '2023-05-12', appSeconds: 30, streamSeconds: 0, sponsorSeconds: 0, inApp: true },
    ],
  });
  assert.deepEqual(rows[1], { attendeeId: '12', checkedIn: false, firstSeen: null, lastSeen: null, slices: 0, appSeconds: 0, days: [] });
  assert.deepEqual(rows.map((r) => r.attendeeId), ['11', '12', '13']);
  assert.deepEqual(daily, [
    { day: '2023-05-10', attendees: 1, streamSeconds: 0, sponsorSeconds: 0 },
    { day: '2023-05-12', attendees: 1, streamSeconds: 0, sponsorSeconds: 0 },
  ]);
});

test('engagement: the three kinds and the media clicks, distinct streams and booths, durations that are not seconds count 0', () => {
  const { rows, daily } = reportTruth(DATA, { eventId: EVENT.id, kind: 'engagement', window: WINDOW, dayZone: ZONE });
  const [a, b, c] = rows;
  assert.deepEqual(
    [a!.slices, a!.appSeconds, a!.streamSeconds, a!.sponsorSeconds, a!.distinctStreams, a!.distinctSponsors, a!.clicks],
    [6, 330, 180, 45, 1, 1, 1],
    'a media click is a slice and a click, with no time and no booth of its own',
  );
  const media = a!.visits!.find((v) => v.trackableType === 'SponsorMedia');
  assert.deepEqual(media, { kind: 'sponsor', trackableType: 'SponsorMedia', trackableId: '71', seconds: 0, slices: 0, clicks: 1 });
  assert.deepEqual(a!.days.map((d) => [d.day, d.appSeconds, d.streamSeconds, d.sponsorSeconds, d.inApp]), [
    ['2023-05-10', 300, 180, 0, true],
    ['2023-05-11', 0, 0, 45, false],
    ['2023-05-12', 30, 0, 0, true],
  ]);
  assert.deepEqual(
    [b!.checkedIn, b!.slices, b!.appSeconds, b!.streamSeconds, b!.sponsorSeconds, b!.distinctStreams, b!.distinctSponsors],
    [false, 5, 0, 300, 80, 2, 2],
  );
  assert.equal(b!.firstSeen, '2023-05-11T10:00:00.000Z');
  assert.equal(b!.lastSeen, '2023-05-11T14:00:00.000Z', 'an end before the start counts as the start');
  assert.deepEqual([c!.slices, c!.firstSeen, c!.streamSeconds, c!.days], [0, null, 0, []]);
  assert.deepEqual(daily, [
    { day: '2023-05-10', attendees: 1, streamSeconds: 180, sponsorSeconds: 0 },
    { day: '2023-05-11', attendees: 0, streamSeconds: 300, sponsorSeconds: 125 },
    { day: '2023-05-12', attendees: 1, streamSeconds: 0, sponsorSeconds: 0 },
  ]);
});

test('an open window, chosen attendees in their order, and an unknown attendee refused', () => {
  const { rows } = reportTruth(DATA, { eventId: EVENT.id, kind: 'presence', window: { startFrom: '2023-05-11' }, dayZone: 'UTC', attendeeIds: ['13', '11'] });
  assert.deepEqual(rows.map((r) => [r.attendeeId, r.slices, r.appSeconds]), [['13', 0, 0], ['11', 2, 1029]]);
  assert.deepEqual(rows[1]!.days.map((d) => d.day), ['2023-05-11', '2023-05-12']);
  assert.throws(() => reportTruth(DATA, { eventId: EVENT.id, kind: 'presence', window: WINDOW, dayZone: ZONE, attendeeIds: ['99'] }), /99/);
});
