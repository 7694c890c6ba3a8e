/**
 * The event report's shapes: one row per attendee, a summary, failures, progress, and the store that keeps
 * finished rows between runs. Pure data; nothing here imports vscode.
 */
import type { BrellaClient } from '../brella';

/** Presence: time_spent slices only (the seed's recipe). Engagement: all three kinds (time in the app, streams, sponsor booths). */
export type ReportKind = 'presence' | 'engagement';

/** start_from (and optional start_to), ISO 8601 UTC with milliseconds, e.g. 2023-05-10T00:00:00.000Z. */
export interface ReportWindow {
  startFrom: string;
  startTo?: string;
}

export interface ReportAttendee {
  id: string;
  name: string;
  email: string | null;
  company: string | null;
}

export interface ReportTarget {
  organizationId: number;
  eventId: number;
  eventName: string;
  /** IANA zone of the event, when Brella gives one. */
  timeZone?: string;
}

/** One day (cut in the summary's dayZone) on which the attendee had slices in the window. */
export interface ReportDay {
  /** YYYY-MM-DD in dayZone. */
  day: string;
  appSeconds: number;
  streamSeconds: number;
  sponsorSeconds: number;
  /** Whether the attendee had a time_spent slice starting that day. */
  inApp: boolean;
}

export interface ReportRow {
  attendeeId: string;
  name: string;
  email: string | null;
  company: string | null;
  /** Any time_spent slice in the window. */
  checkedIn: boolean;
  /** Earliest start / latest end (or start when no end) of the slices counted, ISO instants. */
  firstSeen: string | null;
  lastSeen: string | null;
  /** Slices counted (time_spent only for presence; all kinds for engagement). */
  slices: number;
  /** Sum of time_spent duration-seconds. */
  appSeconds: number;
  /** Engagement only. */
  streamSeconds?: number;
  sponsorSeconds?: number;
  distinctStreams?: number;
  distinctSponsors?: number;
  days: ReportDay[];
}

export interface ReportFailure {
  attendeeId: string;
  name: string;
  /** What went wrong, as text (a 403 says what was refused and how to fix it). */
  reason: string;
  status?: number;
}

export interface ReportSummary {
  attendees: number;
  checkedIn: number;
  notCheckedIn: number;
  /** checkedIn ÷ rows × 100, one decimal; 0 when there are no rows. */
  percent: number;
  failures: number;
  /** Rows taken from the store without a request in this run. */
  reused: number;
  /** Attendees asked of Brella in this run and answered (a row or a failure); a cancelled request is not counted. */
  asked: number;
  window: ReportWindow;
  kind: ReportKind;
  dayZone: string;
}

export interface ReportProgress {
  /** Attendees finished (rows and failures, reused ones included). */
  done: number;
  total: number;
  failed: number;
  /** Attendees asked per second in this run. */
  ratePerSecond: number;
  etaSeconds: number | null;
}

export interface ReportResult {
  rows: ReportRow[];
  failures: ReportFailure[];
  summary: ReportSummary;
  cancelled: boolean;
  /**
   * Set when Brella refused the key (403) and the run stopped asking (every other request would be refused too):
   * what was refused and how to fix it. The attendees not asked stay missing; Resume asks them.
   */
  stopped?: string;
}

export interface StoredReport {
  version: 1;
  rows: Record<string, ReportRow>;
  failures: Record<string, ReportFailure>;
  attendees?: ReportAttendee[];
  updatedAt: string;
}

/** Where finished rows are kept between runs (the host backs it with the extension's storage). Never holds the key. */
export interface ReportStore {
  load(key: string): Promise<StoredReport | undefined>;
  save(key: string, value: StoredReport): Promise<void>;
}

export type ReportMode = 'resume' | 'retryFailed' | 'full' | 'incremental';

export interface RunEventReportOptions {
  client: BrellaClient;
  target: ReportTarget;
  kind: ReportKind;
  window: ReportWindow;
  /** Listed through client.listAttendees when absent. */
  attendees?: ReportAttendee[];
  /** Rows reused from it (resume / incremental) and saved to it, in batches, as they finish. */
  store?: ReportStore;
  /**
   * 'resume' (default) asks attendees with no stored row (stored failures included); 'retryFailed' asks only
   * stored failures; 'full' asks everyone; 'incremental' (open-ended window only) reuses stored checked-in rows
   * and asks the rest plus new attendees.
   */
  mode?: ReportMode;
  /** IANA zone days are cut in; default target.timeZone ?? 'UTC'. */
  dayZone?: string;
  /** Attendees in flight at once (the client's pacer still sets the pace). Default max(12, the key's requests per second), at most 256. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (p: ReportProgress) => void;
  /** Batches of finished rows and failures as they come. */
  onRows?: (rows: ReportRow[], failures: ReportFailure[]) => void;
}

export interface DayCount {
  day: string;
  /** Distinct attendees in the app (a time_spent slice) that day. */
  attendees: number;
  streamSeconds: number;
  sponsorSeconds: number;
}

export interface SummaryMeta {
  window: ReportWindow;
  kind: ReportKind;
  dayZone: string;
  reused: number;
  asked: number;
}

export type ReportColumnKind = 'text' | 'number' | 'time' | 'duration' | 'boolean';

export interface ReportColumn {
  id: string;
  label: string;
  kind: ReportColumnKind;
}
