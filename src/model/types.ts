/**
 * Plain, camelCased objects the client returns (src/brella/schemas.ts maps them), shared by host and webview.
 * Ids stay strings, as Brella sends them.
 */

export interface BrellaEvent {
  id: string;
  name: string;
  /** ISO 8601 as the API gives it, or null when absent. */
  startTime: string | null;
  endTime: string | null;
  /** IANA zone of the event (e.g. Europe/Helsinki) from `time-zone` or `timezone`, or null when absent. */
  timeZone: string | null;
  /** Attributes the client does not model, camelCased, kept as they came. */
  extra: Record<string, unknown>;
}

export interface BrellaAttendee {
  id: string;
  firstName: string | null;
  lastName: string | null;
  /** "First Last" (else a name given whole: `name`, `full-name`), or "Attendee <id>" when Brella has no name. */
  name: string;
  email: string | null;
  companyName: string | null;
  extra: Record<string, unknown>;
}

export interface TrackingSessionSlice {
  id: string;
  trackingType: string;
  trackableType: string | null;
  trackableId: string | null;
  /** ISO 8601 instants as the API gives them. */
  startTime: string;
  endTime: string | null;
  clickTime: string | null;
  durationSeconds: number;
  trackingSessionId: string | null;
  /** The trackable's name, when the answer carries it (`trackable-name`, or the resource in `included`). */
  trackableName?: string;
  extra: Record<string, unknown>;
}

/**
 * One tracking session: everything an attendee did with one thing (the app, a stream, a sponsor booth, booth
 * media), summed. Not limited to the event's dates.
 */
export interface TrackingSession {
  id: string;
  /** Total seconds (`duration-seconds`). */
  durationSeconds: number;
  /** How many interactions (`interaction-count`); 0 when Brella leaves it out. */
  interactionCount: number;
  /** From the `trackable` relationship (or `trackable-type`/`trackable-id` attributes), e.g. StreamLink. */
  trackableType: string | null;
  trackableId: string | null;
  /** A name for the trackable when Brella gives one (attribute or included resource). */
  trackableName?: string | null;
  /** Ids of the slices of the `tracking-session-slices` relationship, when Brella lists them. */
  sliceIds: string[];
  extra: Record<string, unknown>;
}
