/** The demo data model: what the local Brella holds. Times are ISO 8601 UTC strings with milliseconds. */

export interface DemoOrganization {
  id: number;
  name: string;
}

export interface DemoEvent {
  id: number;
  organizationId: number;
  name: string;
  slug: string;
  startTime: string;
  endTime: string;
  timeZone: string;
  venueName: string | null;
  createdAt: string;
}

/** How an attendee behaved; not served by the API, kept for tests and the demo tree. */
export type AttendeeProfile = 'checked-in' | 'before-only' | 'sponsor-only' | 'stream-only' | 'no-activity' | 'large' | 'boundary'
  /** Added while the server runs (server.world.addAttendee): its slices are whatever the test appends. */
  | 'added';

export interface DemoAttendee {
  id: number;
  eventId: number;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  companyName: string | null;
  title: string | null;
  createdAt: string;
  profile: AttendeeProfile;
}

/** One thing an attendee interacted with (see sessions.ts); its slices' `sessionId` is its id. */
export interface DemoSession {
  id: number;
  attendeeId: number;
  trackingType: string;
  trackableType: string | null;
  trackableId: number | null;
  startTime: string;
  endTime: string;
  startMs: number;
  /** Sum of its slices' durations. */
  durationSeconds: number;
  /** Visits (runs of back-to-back slices) it groups. */
  interactionCount: number;
  /** Its slices, by start time. */
  sliceIds: number[];
}

export interface DemoSlice {
  id: number;
  sessionId: number;
  trackingType: string;
  trackableType: string | null;
  trackableId: number | null;
  /** Set on media clicks and on some stream-link slices; null otherwise. */
  clickTime: string | null;
  clickMs: number | null;
  startTime: string;
  startMs: number;
  endTime: string;
  endMs: number;
  durationSeconds: number;
}

/** Query of the slices endpoint, with the API's own parameter names (`tracking_type`, `start_from`, …). */
export type SliceQuery =
  | URLSearchParams
  | Readonly<Record<string, string | number | readonly string[] | null | undefined>>;

export interface FeaturedAttendees {
  eventId: number;
  /** For the main event: checked in, only visited before the event, sponsor booths only, no activity (and the large attendee when enabled). */
  attendeeIds: number[];
}

export interface DemoData {
  seed: number;
  /** The organization the demo key belongs to. */
  organization: DemoOrganization;
  /** Every organization, the demo one first. */
  organizations: DemoOrganization[];
  /** Every event of every organization, ordered by id. */
  events: DemoEvent[];
  attendeesByEvent: Map<number, DemoAttendee[]>;
  /** Sorted by start time, then id. */
  slicesByAttendee: Map<number, DemoSlice[]>;
  /** Sorted by start time, then id. */
  sessionsByAttendee: Map<number, DemoSession[]>;
  featured: FeaturedAttendees[];
  /** {@link LARGE_ATTENDEE_ID} when the `largeAttendee` option is on, else null. */
  largeAttendeeId: number | null;
  /**
   * The slices the server answers for these filters (all pages, in order). Throws on invalid filters
   * (the server answers 400 to those). An attendee not in the event gives [] (the server answers 404).
   */
  expectedSlices(eventId: number, attendeeId: number, query?: SliceQuery): DemoSlice[];
}
