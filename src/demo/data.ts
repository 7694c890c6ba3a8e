/** The demo data set: organizations, events, attendees and their tracking data, deterministic for a seed. */
import {
  BOUNDARY_ATTENDEE_ID, DEFAULT_ATTENDEE_COUNT, DEFAULT_SEED, DEMO_ORGANIZATION_ID, DEMO_ORGANIZATION_NAME, FUTURE_EVENT_ID, LARGE_ATTENDEE_ID,
  NORDIC_SUMMIT_EVENT_ID, OTHER_ORG_EVENT_ID, OTHER_ORGANIZATION_ID, OTHER_ORGANIZATION_NAME, PARTNER_DAY_EVENT_ID,
  PAST_WEBINAR_EVENT_ID,
} from './constants.ts';
import { filterSlices, parseSliceFilters } from './filters.ts';
import { ActivityBuilder, generateActivity, generateBoundary, generateLarge, type ActivityWindow, type IdCounters } from './generate.ts';
import { COMPANIES, FIRST_NAMES, LAST_NAMES, TITLES, emailPart } from './names.ts';
import { chance, int, mulberry32, pick, subSeed, type Rng } from './random.ts';
import type { AttendeeProfile, DemoAttendee, DemoData, DemoEvent, DemoSession, DemoSlice, SliceQuery } from './types.ts';

export * from './constants.ts';
export type * from './types.ts';

export interface DemoDataOptions {
  seed?: number;
  /** Attendees of the main event (Nordic Summit 2023). Default 300. */
  attendeeCount?: number;
  /** Adds {@link LARGE_ATTENDEE_ID} to the main event with that many slices. Default off. */
  largeAttendee?: number | false;
  /** Adds {@link BOUNDARY_ATTENDEE_ID} to the main event: slices on the edges of its windows. Default off. */
  boundaryAttendee?: boolean;
}

interface EventPlan {
  event: DemoEvent;
  attendees: number;
  firstAttendeeId: number;
  future: boolean;
  streamIds: number[];
  sponsorIds: number[];
}

function ev(id: number, organizationId: number, name: string, start: string, end: string, timeZone: string, venueName: string | null): DemoEvent {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const createdAt = new Date(Date.parse(start) - 120 * 86_400_000).toISOString();
  return { id, organizationId, name, slug, startTime: start, endTime: end, timeZone, venueName, createdAt };
}

function range(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from + i);
}

function plans(attendeeCount: number): EventPlan[] {
  return [
    { event: ev(NORDIC_SUMMIT_EVENT_ID, DEMO_ORGANIZATION_ID, 'Nordic Summit 2023', '2023-05-10T06:00:00.000Z', '2023-05-14T15:00:00.000Z', 'Europe/Helsinki', 'Helsinki Expo and Convention Centre'),
      attendees: attendeeCount, firstAttendeeId: 100001, future: false, streamIds: range(9101, 6), sponsorIds: range(7201, 12) },
    { event: ev(PARTNER_DAY_EVENT_ID, DEMO_ORGANIZATION_ID, 'Helsinki Partner Day', '2023-09-14T06:00:00.000Z', '2023-09-14T15:00:00.000Z', 'Europe/Helsinki', 'Dipoli'),
      attendees: 40, firstAttendeeId: 200001, future: false, streamIds: range(9201, 2), sponsorIds: range(7301, 4) },
    { event: ev(FUTURE_EVENT_ID, DEMO_ORGANIZATION_ID, 'Nordic Summit 2030', '2030-05-14T06:00:00.000Z', '2030-05-16T15:00:00.000Z', 'Europe/Helsinki', null),
      attendees: 25, firstAttendeeId: 300001, future: true, streamIds: range(9301, 2), sponsorIds: range(7401, 2) },
    { event: ev(PAST_WEBINAR_EVENT_ID, DEMO_ORGANIZATION_ID, 'Winter Webinar 2022', '2022-12-01T13:00:00.000Z', '2022-12-01T16:00:00.000Z', 'UTC', null),
      attendees: 15, firstAttendeeId: 400001, future: false, streamIds: [9401], sponsorIds: [7501] },
    { event: ev(OTHER_ORG_EVENT_ID, OTHER_ORGANIZATION_ID, 'Baltic Expo 2023', '2023-06-06T07:00:00.000Z', '2023-06-07T15:00:00.000Z', 'Europe/Riga', 'Riga Congress Centre'),
      attendees: 10, firstAttendeeId: 600001, future: false, streamIds: [9601], sponsorIds: [7601, 7602] },
  ];
}

/** The first attendees of each event have fixed profiles (they are the featured ones). */
const FIXED_PROFILES: readonly AttendeeProfile[] = ['checked-in', 'before-only', 'sponsor-only', 'no-activity', 'stream-only'];
const FIXED_FUTURE_PROFILES: readonly AttendeeProfile[] = ['before-only', 'no-activity'];

function profileFor(rng: Rng, index: number, future: boolean): AttendeeProfile {
  const fixed = future ? FIXED_FUTURE_PROFILES : FIXED_PROFILES;
  if (index < fixed.length) return fixed[index] as AttendeeProfile;
  const r = rng();
  if (future) return r < 0.4 ? 'before-only' : 'no-activity';
  if (r < 0.68) return 'checked-in';
  if (r < 0.78) return 'before-only';
  if (r < 0.84) return 'sponsor-only';
  if (r < 0.9) return 'stream-only';
  return 'no-activity';
}

function makeAttendee(rng: Rng, id: number, event: DemoEvent, profile: AttendeeProfile, emails: Set<string>): DemoAttendee {
  const nameless = chance(rng, 0.01);
  const firstName = nameless ? null : pick(rng, FIRST_NAMES);
  const lastName = nameless ? null : pick(rng, LAST_NAMES);
  const company = chance(rng, 0.9) ? pick(rng, COMPANIES) : null;
  let email: string | null = null;
  if (firstName && lastName) {
    const base = `${emailPart(firstName)}.${emailPart(lastName)}`;
    const domain = company?.domain ?? 'mail.example';
    email = `${base}@${domain}`;
    for (let n = 2; emails.has(email); n++) email = `${base}${n}@${domain}`;
    emails.add(email);
  }
  const createdAt = new Date(Date.parse(event.startTime) - int(rng, 8, 60) * 86_400_000 - int(rng, 0, 86_399) * 1000).toISOString();
  return {
    id, eventId: event.id, firstName, lastName, email, companyName: company?.name ?? null,
    title: chance(rng, 0.85) ? pick(rng, TITLES) : null, createdAt, profile,
  };
}

export function createDemoData(options: DemoDataOptions = {}): DemoData {
  const seed = options.seed ?? DEFAULT_SEED;
  const ids: IdCounters = { slice: 66001, session: 33001 };
  const attendeesByEvent = new Map<number, DemoAttendee[]>();
  const slicesByAttendee = new Map<number, DemoSlice[]>();
  const sessionsByAttendee = new Map<number, DemoSession[]>();
  const featured: DemoData['featured'] = [];
  const allPlans = plans(options.attendeeCount ?? DEFAULT_ATTENDEE_COUNT);
  const windows = new Map<number, ActivityWindow>();

  for (const plan of allPlans) {
    const emails = new Set<string>();
    const attendees: DemoAttendee[] = [];
    const w: ActivityWindow = {
      eventId: plan.event.id, startMs: Date.parse(plan.event.startTime), endMs: Date.parse(plan.event.endTime),
      streamIds: plan.streamIds, sponsorIds: plan.sponsorIds,
    };
    windows.set(plan.event.id, w);
    for (let i = 0; i < plan.attendees; i++) {
      const id = plan.firstAttendeeId + i;
      const rng = mulberry32(subSeed(seed, id));
      const attendee = makeAttendee(rng, id, plan.event, profileFor(rng, i, plan.future), emails);
      const builder = new ActivityBuilder(ids, id);
      generateActivity(rng, attendee.profile, w, builder);
      const { slices, sessions } = builder.finish();
      attendees.push(attendee);
      slicesByAttendee.set(id, slices);
      sessionsByAttendee.set(id, sessions);
    }
    attendeesByEvent.set(plan.event.id, attendees);
    const fixedCount = plan.future ? FIXED_FUTURE_PROFILES.length : 4;
    featured.push({ eventId: plan.event.id, attendeeIds: attendees.slice(0, fixedCount).map((a) => a.id) });
  }

  let largeAttendeeId: number | null = null;
  if (options.largeAttendee !== undefined && options.largeAttendee !== false) {
    const main = allPlans[0] as EventPlan;
    const rng = mulberry32(subSeed(seed, LARGE_ATTENDEE_ID));
    const attendee = makeAttendee(rng, LARGE_ATTENDEE_ID, main.event, 'large', new Set());
    const builder = new ActivityBuilder(ids, LARGE_ATTENDEE_ID);
    generateLarge(rng, options.largeAttendee, windows.get(main.event.id) as ActivityWindow, builder);
    const { slices, sessions } = builder.finish();
    attendeesByEvent.get(main.event.id)?.push(attendee);
    slicesByAttendee.set(LARGE_ATTENDEE_ID, slices);
    sessionsByAttendee.set(LARGE_ATTENDEE_ID, sessions);
    featured[0]?.attendeeIds.push(LARGE_ATTENDEE_ID);
    largeAttendeeId = LARGE_ATTENDEE_ID;
  }

  if (options.boundaryAttendee) {
    const main = allPlans[0] as EventPlan;
    const rng = mulberry32(subSeed(seed, BOUNDARY_ATTENDEE_ID));
    const attendee = makeAttendee(rng, BOUNDARY_ATTENDEE_ID, main.event, 'boundary', new Set());
    const builder = new ActivityBuilder(ids, BOUNDARY_ATTENDEE_ID);
    generateBoundary(windows.get(main.event.id) as ActivityWindow, builder);
    const { slices, sessions } = builder.finish();
    attendeesByEvent.get(main.event.id)?.push(attendee);
    slicesByAttendee.set(BOUNDARY_ATTENDEE_ID, slices);
    sessionsByAttendee.set(BOUNDARY_ATTENDEE_ID, sessions);
  }

  const organizations = [
    { id: DEMO_ORGANIZATION_ID, name: DEMO_ORGANIZATION_NAME },
    { id: OTHER_ORGANIZATION_ID, name: OTHER_ORGANIZATION_NAME },
  ];
  const events = allPlans.map((p) => p.event).sort((a, b) => a.id - b.id);

  return {
    seed, organization: organizations[0] as DemoData['organization'], organizations, events,
    attendeesByEvent, slicesByAttendee, sessionsByAttendee, featured, largeAttendeeId,
    expectedSlices(eventId: number, attendeeId: number, query?: SliceQuery): DemoSlice[] {
      const parsed = parseSliceFilters(query);
      if (!parsed.ok) throw new Error(parsed.detail);
      if (!attendeesByEvent.get(eventId)?.some((a) => a.id === attendeeId)) return [];
      return filterSlices(slicesByAttendee.get(attendeeId) ?? [], parsed.filters);
    },
  };
}
