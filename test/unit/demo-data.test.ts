import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  DEFAULT_TRACKING_TYPES, DEMO_ORGANIZATION_ID, LARGE_ATTENDEE_ID, NORDIC_SUMMIT_EVENT_ID, OTHER_ORG_EVENT_ID,
  OTHER_ORGANIZATION_ID, createDemoData, parseSliceFilters, parseTimestamp,
} from '../../src/demo/index.ts';

const EVENT_MIDNIGHT = Date.parse('2023-05-10T00:00:00.000Z');

describe('demo data', () => {
  const data = createDemoData();
  const main = data.attendeesByEvent.get(NORDIC_SUMMIT_EVENT_ID) ?? [];

  it('has the demo organization, its events and another organization with its own event', () => {
    assert.equal(data.organization.id, DEMO_ORGANIZATION_ID);
    assert.equal(data.organization.name, 'Demo Organization');
    const own = data.events.filter((e) => e.organizationId === DEMO_ORGANIZATION_ID);
    assert.ok(own.length >= 3 && own.length <= 4);
    const summit = own.find((e) => e.id === NORDIC_SUMMIT_EVENT_ID);
    assert.equal(summit?.startTime.slice(0, 10), '2023-05-10');
    assert.equal(summit?.endTime.slice(0, 10), '2023-05-14');
    assert.equal(data.events.find((e) => e.id === OTHER_ORG_EVENT_ID)?.organizationId, OTHER_ORGANIZATION_ID);
  });

  it('has ~300 attendees with names, unique emails and companies', () => {
    assert.equal(main.length, 300);
    const emails = main.map((a) => a.email).filter((e) => e !== null);
    assert.equal(new Set(emails).size, emails.length);
    assert.ok(main.filter((a) => a.firstName && a.lastName && a.companyName).length > 200);
    assert.ok(emails.every((e) => /^[a-z0-9.]+@[a-z0-9.-]+$/.test(e)));
  });

  it('is the same for a seed and differs for another seed', () => {
    const again = createDemoData();
    assert.deepEqual(again.attendeesByEvent.get(NORDIC_SUMMIT_EVENT_ID), main);
    assert.deepEqual([...again.slicesByAttendee.entries()], [...data.slicesByAttendee.entries()]);
    const other = createDemoData({ seed: 7 });
    assert.notDeepEqual(other.attendeesByEvent.get(NORDIC_SUMMIT_EVENT_ID), main);
  });

  it('has realistic slices: durations, end = start + duration, sorted, click-time mostly null', () => {
    let clicks = 0;
    let total = 0;
    const types = new Set<string>();
    for (const slices of data.slicesByAttendee.values()) {
      for (let i = 0; i < slices.length; i++) {
        const s = slices[i]!;
        total++;
        types.add(s.trackingType);
        if (s.clickTime !== null) clicks++;
        assert.equal(Date.parse(s.endTime) - Date.parse(s.startTime), s.durationSeconds * 1000);
        assert.ok(Number.isInteger(s.durationSeconds));
        if (s.trackingType === 'sponsor_media_click') assert.equal(s.durationSeconds, 0);
        else assert.ok(s.durationSeconds >= 30 && s.durationSeconds <= 7200, `${s.durationSeconds}`);
        const prev = slices[i - 1];
        if (prev) assert.ok(prev.startMs < s.startMs || (prev.startMs === s.startMs && prev.id < s.id));
      }
    }
    assert.ok(total > 3000);
    assert.ok(clicks / total < 0.25);
    assert.deepEqual([...types].sort(), ['sponsor', 'sponsor_media_click', 'streamlink', 'time_spent']);
    const all = [...data.slicesByAttendee.values()].flat();
    assert.ok(all.some((s) => s.trackingType === 'time_spent' && s.trackableType === null));
    assert.ok(all.filter((s) => s.trackingType === 'sponsor').every((s) => s.trackableType === 'Sponsor' && s.trackableId !== null));
    assert.ok(all.filter((s) => s.trackingType === 'streamlink').every((s) => s.trackableType === 'Streamlink'));
  });

  it('features attendees with the profiles the demo needs', () => {
    const featured = data.featured.find((f) => f.eventId === NORDIC_SUMMIT_EVENT_ID);
    assert.ok(featured);
    const [checkedIn, before, sponsorOnly, nothing] = featured.attendeeIds.map((id) => data.slicesByAttendee.get(id) ?? []);
    assert.ok(checkedIn!.some((s) => s.trackingType === 'time_spent' && s.startMs >= EVENT_MIDNIGHT));
    assert.ok(before!.length > 0 && before!.every((s) => s.startMs < EVENT_MIDNIGHT && s.trackingType === 'time_spent'));
    assert.ok(sponsorOnly!.length > 0 && sponsorOnly!.every((s) => s.trackingType.startsWith('sponsor')));
    assert.equal(nothing!.length, 0);
    for (const f of data.featured) {
      const ids = new Set(data.attendeesByEvent.get(f.eventId)?.map((a) => a.id));
      assert.ok(f.attendeeIds.length >= 2 && f.attendeeIds.every((id) => ids.has(id)));
    }
  });

  it('counts attendees by profile in plausible shares', () => {
    const profiles = new Map<string, number>();
    for (const a of main) profiles.set(a.profile, (profiles.get(a.profile) ?? 0) + 1);
    assert.ok((profiles.get('checked-in') ?? 0) > 150);
    for (const p of ['before-only', 'sponsor-only', 'stream-only', 'no-activity']) assert.ok((profiles.get(p) ?? 0) >= 5, p);
  });

  it('adds a large attendee on demand', () => {
    assert.equal(data.largeAttendeeId, null);
    // 120 000 slices are served in demo-limits.test.ts; the structure is the same at any size.
    const big = createDemoData({ largeAttendee: 20_000 });
    assert.equal(big.largeAttendeeId, LARGE_ATTENDEE_ID);
    const slices = big.slicesByAttendee.get(LARGE_ATTENDEE_ID) ?? [];
    assert.equal(slices.length, 20_000);
    assert.ok(slices.some((s) => s.startMs < EVENT_MIDNIGHT) && slices.some((s) => s.startMs >= EVENT_MIDNIGHT));
    assert.ok(big.featured[0]?.attendeeIds.includes(LARGE_ATTENDEE_ID));
    assert.ok(big.attendeesByEvent.get(NORDIC_SUMMIT_EVENT_ID)?.some((a) => a.id === LARGE_ATTENDEE_ID));
    assert.deepEqual(big.slicesByAttendee.get(100001), data.slicesByAttendee.get(100001));
  });

  it('computes expected slices for filters, and rejects bad ones', () => {
    const id = main[0]!.id;
    const all = data.slicesByAttendee.get(id) ?? [];
    assert.deepEqual(data.expectedSlices(NORDIC_SUMMIT_EVENT_ID, id), all.filter((s) => DEFAULT_TRACKING_TYPES.includes(s.trackingType)));
    assert.deepEqual(data.expectedSlices(NORDIC_SUMMIT_EVENT_ID, id, { tracking_type: 'time_spent' }), all.filter((s) => s.trackingType === 'time_spent'));
    assert.deepEqual(data.expectedSlices(OTHER_ORG_EVENT_ID, id), []);
    assert.throws(() => data.expectedSlices(NORDIC_SUMMIT_EVENT_ID, id, { start_from: 'yesterday' }));
    assert.throws(() => data.expectedSlices(NORDIC_SUMMIT_EVENT_ID, id, { duration: '1.5' }));
  });
});

describe('demo filters parsing', () => {
  it('parses ISO 8601 timestamps and dates as UTC', () => {
    assert.equal(parseTimestamp('2023-05-10T00:00:00.000Z'), EVENT_MIDNIGHT);
    assert.equal(parseTimestamp('2023-05-10'), EVENT_MIDNIGHT);
    assert.equal(parseTimestamp('2023-05-10T00:00:00'), EVENT_MIDNIGHT);
    assert.equal(parseTimestamp('2023-05-10T03:00:00+03:00'), EVENT_MIDNIGHT);
    assert.equal(parseTimestamp('2023-05-10T03:00:00 03:00'), EVENT_MIDNIGHT);
    assert.equal(parseTimestamp('2023-05-09T21:00:00.5-03:00'), EVENT_MIDNIGHT + 500);
    for (const bad of ['', 'yesterday', '2023-13-01', '2023-02-30', '2023-05-10T25:00:00Z', '1683676800', '10/05/2023']) {
      assert.equal(parseTimestamp(bad), null, bad);
    }
  });

  it('reads lists, repeated parameters and ignores blank values', () => {
    const parsed = parseSliceFilters(new URLSearchParams('tracking_type=sponsor,streamlink&tracking_type=time_spent&start_from=&duration=60'));
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.filters.trackingTypes, ['sponsor', 'streamlink', 'time_spent']);
    assert.equal(parsed.filters.startFrom, undefined);
    assert.equal(parsed.filters.duration, 60);
    assert.equal(parsed.hasFilters, true);
    const none = parseSliceFilters(new URLSearchParams('page[size]=5'));
    assert.ok(none.ok && !none.hasFilters && none.filters.trackingTypes === null);
    const bad = parseSliceFilters({ end_to: 'soon' });
    assert.ok(!bad.ok && bad.parameter === 'end_to');
  });
});
