/** Plain, camelCased objects the client returns. Ids stay strings, as Brella sends them. */

export interface BrellaEvent {
  id: string;
  name: string;
  /** ISO 8601 as the API gives it, or null when absent. */
  startTime: string | null;
  endTime: string | null;
  /** Attributes the client does not model, camelCased, kept as they came. */
  extra: Record<string, unknown>;
}

export interface BrellaAttendee {
  id: string;
  firstName: string | null;
  lastName: string | null;
  /** "First Last", or "Attendee <id>" when Brella has no name. */
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
  extra: Record<string, unknown>;
}
