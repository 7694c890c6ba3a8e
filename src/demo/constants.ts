/** Fixed identifiers of the demo data set. They never depend on the seed. */

export const DEMO_ORGANIZATION_ID = 1001;
export const DEMO_ORGANIZATION_NAME = 'Demo Organization';
/** A second organization, so that "an event of another organization" and "a key of another organization" can be tested. */
export const OTHER_ORGANIZATION_ID = 2002;
export const OTHER_ORGANIZATION_NAME = 'Other Organization';

/** Five days, 2023-05-10 .. 2023-05-14 (the dates of Brella's own presence example). ~300 attendees. */
export const NORDIC_SUMMIT_EVENT_ID = 5001;
/** One day, 2023-09-14. */
export const PARTNER_DAY_EVENT_ID = 5002;
/** In 2030: attendees only have slices from before the event (or none). */
export const FUTURE_EVENT_ID = 5003;
/** One day in 2022. */
export const PAST_WEBINAR_EVENT_ID = 5004;
/** The event of {@link OTHER_ORGANIZATION_ID}. */
export const OTHER_ORG_EVENT_ID = 6001;

/** The attendee added to {@link NORDIC_SUMMIT_EVENT_ID} by the `largeAttendee: N` option; it has N slices. */
export const LARGE_ATTENDEE_ID = 199999;
/**
 * The attendee added to {@link NORDIC_SUMMIT_EVENT_ID} by the `boundaryAttendee` option: slices exactly at the
 * first day's midnight UTC (the presence window's start_from), 1 ms before it, exactly at the event's end, and a
 * stream slice without trackable.
 */
export const BOUNDARY_ATTENDEE_ID = 199998;

export const DEFAULT_SEED = 20230510;
export const DEFAULT_ATTENDEE_COUNT = 300;

/** Without `tracking_type` the slices endpoint answers these three kinds only. */
export const DEFAULT_TRACKING_TYPES: readonly string[] = ['time_spent', 'sponsor', 'streamlink'];
/** Every tracking type present in the data (the last one is only returned when asked for). */
export const ALL_TRACKING_TYPES: readonly string[] = ['time_spent', 'sponsor', 'streamlink', 'sponsor_media_click'];

export const BRELLA_ACCEPT = 'application/vnd.brella.v4+json';
export const API_BASE_PATH = '/api/integration';
