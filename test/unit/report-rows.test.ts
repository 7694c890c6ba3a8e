import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { TrackingSessionSlice } from '../../src/brella';
import { normalizeWindow, pauseOf, reportStoreKey, sliceKind, summarize } from '../../src/reports';
import { DayCutter, RowBuilder } from '../../src/reports/rows';

const FROM = Date.parse('2023-05-10T00:00:00.000Z');
const AS_OF = '2023-05-20T00:00:00.000Z';
const who = { id: '7', name: 'Ada Lovelace', email: 'ada@example.com', company: null };
let nextId = 1;
function slice(type: string, start: string, seconds: number, more: Partial<TrackingSessionSlice> = {}): TrackingSessionSlice {
  const startMs = Date.parse(start);
  return {
    id: String(nextId++), trackingType: type, trackableType: null, trackableId: null, startTime: start,
    endTime: new Date(startMs + seconds * 1000).toISOString(), clickTime: null, durationSeconds: seconds, trackingSessionId: null, extra: {}, ...more,
  };
}

describe('a report row from slices', () => {
  test('slices before the window (a server that ignored start_from) and repeated ids (shifted pages) are left out', () => {
    const b = new RowBuilder('presence', { fromMs: FROM, toMs: undefined }, new DayCutter('UTC'));
    const inside = slice('time_spent', '2023-05-10T08:00:00.000Z', 100);
    b.add([slice('time_spent', '2023-05-09T23:59:59.999Z', 50), inside]);
    b.add([inside, slice('time_spent', '2023-05-11T08:00:00.000Z', 20)]);
    const row = b.finish(who, AS_OF);
    assert.equal(row.slices, 2);
    assert.equal(row.appSeconds, 120);
    assert.equal(row.firstSeen, '2023-05-10T08:00:00.000Z');
    assert.equal(row.lastSeen, '2023-05-11T08:00:20.000Z');
  });

  test('a slice after start_to is left out; one exactly at it is kept', () => {
    const b = new RowBuilder('presence', { fromMs: FROM, toMs: Date.parse('2023-05-11T00:00:00.000Z') }, new DayCutter('UTC'));
    b.add([slice('time_spent', '2023-05-11T00:00:00.000Z', 10), slice('time_spent', '2023-05-11T00:00:00.001Z', 10)]);
    assert.equal(b.finish(who, AS_OF).slices, 1);
  });

  test('presence counts time_spent only; engagement splits the kinds, tolerating spellings and missing trackables', () => {
    const slices = [
      slice('time_spent', '2023-05-10T08:00:00.000Z', 60),
      slice('Time-Spent', '2023-05-10T09:00:00.000Z', 40),
      slice('streamlink', '2023-05-10T10:00:00.000Z', 300, { trackableType: 'Streamlink', trackableId: '91' }),
      slice('stream_link', '2023-05-10T11:00:00.000Z', 200, { trackableType: 'Streamlink', trackableId: '91' }),
      slice('streamlink', '2023-05-10T12:00:00.000Z', 100, { trackingSessionId: 's1' }),
      slice('streamlink', '2023-05-10T12:01:40.000Z', 100, { trackingSessionId: 's1' }),
      slice('sponsor', '2023-05-10T13:00:00.000Z', 30),
      slice('sponsor', '2023-05-10T14:00:00.000Z', 30),
      slice('sponsor_media_click', '2023-05-10T15:00:00.000Z', 0),
    ];
    const p = new RowBuilder('presence', { fromMs: FROM, toMs: undefined }, new DayCutter('UTC'));
    p.add(slices);
    const presence = p.finish(who, AS_OF);
    assert.deepEqual([presence.slices, presence.appSeconds, presence.streamSeconds], [2, 100, undefined]);
    const e = new RowBuilder('engagement', { fromMs: FROM, toMs: undefined }, new DayCutter('UTC'));
    e.add(slices);
    const row = e.finish(who, AS_OF);
    assert.equal(row.slices, 9);
    assert.equal(row.appSeconds, 100);
    assert.equal(row.streamSeconds, 700);
    assert.equal(row.sponsorSeconds, 60);
    assert.equal(row.distinctStreams, 2, 'stream 91 twice, and one stream known only by its tracking session');
    assert.equal(row.distinctSponsors, 2, 'sponsor slices with neither trackable nor session count one each');
    assert.equal(row.lastSeen, '2023-05-10T15:00:00.000Z');
    assert.deepEqual(row.days, [{ day: '2023-05-10', appSeconds: 100, streamSeconds: 700, sponsorSeconds: 60, inApp: true }]);
  });

  test('sponsor or stream only: not checked in, but seen', () => {
    const b = new RowBuilder('engagement', { fromMs: FROM, toMs: undefined }, new DayCutter('Europe/Helsinki'));
    b.add([slice('sponsor', '2023-05-10T21:30:00.000Z', 30, { trackableId: '5' })]);
    const row = b.finish(who, AS_OF);
    assert.equal(row.checkedIn, false);
    assert.equal(row.firstSeen, '2023-05-10T21:30:00.000Z');
    assert.deepEqual(row.days, [{ day: '2023-05-11', appSeconds: 0, streamSeconds: 0, sponsorSeconds: 30, inApp: false }]);
  });

  test('kinds are recognised whatever their spelling', () => {
    assert.deepEqual(['time_spent', 'TIME_SPENT', 'streamlink', 'stream_link', 'sponsor', 'sponsor_media_click', 'SponsorMediaClick', 'check_in'].map(sliceKind), ['app', 'app', 'stream', 'stream', 'sponsor', 'click', 'click', 'other']);
  });
});

describe('summary, window and store key', () => {
  test('summarize counts checked in, not checked in and the percentage', () => {
    const rows = [true, true, false].map((checkedIn, i) => ({ attendeeId: String(i), checkedIn }));
    const s = summarize(rows as never, [{ attendeeId: '9', name: 'x', reason: 'r' }], { window: { startFrom: 'a' }, kind: 'presence', dayZone: 'UTC', reused: 1, asked: 3 });
    assert.deepEqual([s.attendees, s.checkedIn, s.notCheckedIn, s.percent, s.failures, s.reused, s.asked], [3, 2, 1, 66.7, 1, 1, 3]);
    assert.equal(summarize([], [], { window: { startFrom: 'a' }, kind: 'presence', dayZone: 'UTC', reused: 0, asked: 0 }).percent, 0);
  });

  test('the window is normalised to UTC with milliseconds; the store key names org, event, kind and window', () => {
    assert.deepEqual(normalizeWindow({ startFrom: '2023-05-10T03:00:00+03:00' }), { startFrom: '2023-05-10T00:00:00.000Z' });
    const target = { organizationId: 1001, eventId: 5001, eventName: 'x' };
    assert.equal(reportStoreKey(target, 'presence', { startFrom: '2023-05-10T00:00:00Z' }), 'brella.report.v2/1001/5001/presence/2023-05-10T00:00:00.000Z/open/all');
    // Who is part of the key: a report over the configured attendees never shares a ledger with the one over all.
    const configured = (ids: string[]) => ({ kind: 'configured' as const, attendees: ids.map((id) => ({ id, name: id, email: null, company: null })) });
    const mine = reportStoreKey(target, 'presence', { startFrom: '2023-05-10T00:00:00Z' }, configured(['7', '8']));
    assert.match(mine, /\/configured:[0-9a-f]{16}$/);
    assert.equal(mine, reportStoreKey(target, 'presence', { startFrom: '2023-05-10T00:00:00Z' }, configured(['8', '7'])), 'the same attendees in any order');
    assert.notEqual(mine, reportStoreKey(target, 'presence', { startFrom: '2023-05-10T00:00:00Z' }, configured(['7'])));
    assert.notEqual(reportStoreKey(target, 'presence', { startFrom: '2023-05-10T00:00:00Z' }), reportStoreKey(target, 'engagement', { startFrom: '2023-05-10T00:00:00Z' }));
    assert.match(reportStoreKey(target, 'engagement', { startFrom: '2023-05-10T00:00:00Z', startTo: '2023-05-15T00:00:00Z' }), /engagement\/.*\/2023-05-15T00:00:00.000Z\/all$/);
  });

  test('a refused key pauses the run with what was refused and the fix; an ordinary error does not', () => {
    const refused = Object.assign(new Error('Brella refused the API key for organization 1001.'), { status: 403 });
    const pause = pauseOf(refused, Date.now(), 0)!(39);
    assert.equal(pause.reason, 'key');
    assert.equal(pause.message, "Brella refused the API key for organization 1001. The report paused: 39 attendees were not asked. Set the organization's API key again (Set API Key), then Resume.");
    assert.equal(pauseOf(new Error('socket hang up'), Date.now(), 1), undefined);
  });
});
