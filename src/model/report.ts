/**
 * The event report's data, as the host computes it and the panel shows it: one row per attendee, failures, the
 * summary, the per-day counts, progress and the outcome of a run. Pure types: no Node, no `vscode`, no DOM, so the
 * host (src/reports) and the webview (through src/protocol) share one definition.
 */

import type { Estimate } from './estimate';

/** Presence: time_spent slices only (the seed's recipe). Engagement: all three kinds (time in the app, streams, sponsor booths). */
export type ReportKind = 'presence' | 'engagement';

/**
 * What a run asks:
 * - resume: the attendees with no answer yet;
 * - retryFailed: the failed ones and the never asked;
 * - incremental ("Update check-ins"): lists the attendees again and asks the not yet checked in, the failed, the
 *   never asked and the new ones; checked-in rows keep their figures, with their "as of";
 * - full ("Refresh all"): lists again and asks everyone; a row already known is asked only from its latest slice on.
 */
export type ReportMode = 'resume' | 'retryFailed' | 'full' | 'incremental';

/** start_from (and optional start_to), ISO 8601 UTC with milliseconds, e.g. 2023-05-10T00:00:00.000Z. */
export interface ReportWindow {
  startFrom: string;
  startTo?: string;
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

/**
 * One stream or sponsor booth an attendee visited (engagement), summed: what it is (the trackable the slices name,
 * else the tracking session standing in for it), the seconds and the slices counted.
 */
export interface ReportVisit {
  kind: 'stream' | 'sponsor';
  trackableType: string | null;
  trackableId: string | null;
  /** When the slices name no trackable: their tracking session. */
  sessionId?: string;
  seconds: number;
  /** Booth or stream slices counted (media clicks are not: see `clicks`). */
  slices: number;
  /** Earliest start and latest end (or start, when a slice has no end) of the slices counted, ISO instants. */
  first?: string;
  last?: string;
  /** Booth-media clicks (`sponsor_media_click` slices) on this trackable: a booth, or a media item of one. */
  clicks?: number;
  /**
   * Streams: the 15-minute buckets (quarters of an hour since 1970, UTC; every zone's offset is a multiple of 15
   * minutes, so they are the event zone's quarters too) in which the attendee watched, ascending, each once.
   */
  quarters?: number[];
}

/** What a visit is: its kind, and the trackable its slices name (else their tracking session). */
export type VisitWho = Pick<ReportVisit, 'kind' | 'trackableType' | 'trackableId' | 'sessionId'>;

/**
 * A row's visits kept packed, read field by field without an object per visit: how the host keeps an engagement
 * report's rows (20 000 attendees visit 340 000 booths and streams; as objects they were most of its memory). Such a
 * row has it under VISIT_TABLE, not enumerable, and builds `visits` whenever it is read: a copy of the row, a
 * message or a stored line carries plain visits. The sums over every row (src/model/trackables.ts) read it directly.
 */
export interface VisitTable {
  readonly length: number;
  /** Each visit's kind, trackable and session, in visit order (shared between the rows of a report). */
  readonly whos: readonly VisitWho[];
  seconds(i: number): number;
  slices(i: number): number;
  /** undefined: the visit has no `clicks`. */
  clicks(i: number): number | undefined;
  /** `first` and `last` as epoch milliseconds; NaN when the visit has none. */
  firstMs(i: number): number;
  lastMs(i: number): number;
  /** Calls `f` with each of the visit's quarters, in their order (none when it has no `quarters`). */
  eachQuarter(i: number, f: (quarter: number) => void): void;
}

export const VISIT_TABLE: unique symbol = Symbol('visit table');

/** The row's packed visits, when it keeps them so. */
export function visitTableOf(row: ReportRow): VisitTable | undefined {
  return (row as { [VISIT_TABLE]?: VisitTable })[VISIT_TABLE];
}

/** The kind, trackable and session of each of a row's visits, without building a packed row's visits. */
export function visitWhos(row: ReportRow): readonly VisitWho[] {
  return visitTableOf(row)?.whos ?? row.visits ?? [];
}

/** 15 minutes, in milliseconds: the bucket of Brella's stream exports and of peak concurrent viewers. */
export const QUARTER_MS = 15 * 60_000;

/** Most seconds first; ties by kind, trackable type, trackable id, session: one order wherever visits are listed. */
export function compareVisits(a: ReportVisit, b: ReportVisit): number {
  if (a.seconds !== b.seconds) return b.seconds - a.seconds;
  for (const key of ['kind', 'trackableType', 'trackableId', 'sessionId'] as const) {
    const x = a[key] ?? '';
    const y = b[key] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
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
  /** Engagement only: booth-media clicks (`sponsor_media_click`, asked for explicitly). */
  clicks?: number;
  /** Engagement only: each stream and booth visited, in `compareVisits` order. */
  visits?: ReportVisit[];
  days: ReportDay[];
  /** When Brella was last asked for this attendee: the figures are true as of then. */
  asOf: string;
}

export interface ReportFailure {
  attendeeId: string;
  name: string;
  /** What went wrong, as text. */
  reason: string;
  status?: number;
  /** When it failed. */
  at?: string;
}

export interface ReportSummary {
  /**
   * While some attendees have no answer (not asked yet, or failed): the check-in rate of everyone estimated from the
   * answers so far, which a random order makes a uniform sample, with its 95% interval. Absent once every attendee
   * has a row: the figures are then exact.
   */
  estimate?: Estimate;
  /** Attendees with a row. */
  attendees: number;
  checkedIn: number;
  notCheckedIn: number;
  /** checkedIn ÷ rows × 100, one decimal; 0 when there are no rows. */
  percent: number;
  failures: number;
  /** Attendees of the report (as last listed, or configured) with neither a row nor a failure: never asked. */
  missing: number;
  /** Rows kept from earlier answers without a request in the last run. */
  reused: number;
  /** Attendees asked of Brella in the last run and answered (a row or a failure). */
  asked: number;
  /** Stored lines that could not be read and were dropped (those attendees are asked again). */
  dropped: number;
  /** When the attendee list was last read from Brella (who = all). */
  listedAt?: string;
  window: ReportWindow;
  kind: ReportKind;
  dayZone: string;
}

export interface ReportProgress {
  /** Attendees finished in this run (rows and failures), plus those reused. */
  done: number;
  total: number;
  failed: number;
  /** Attendees asked per second in this run. */
  ratePerSecond: number;
  etaSeconds: number | null;
  /** What the run is doing now, when it is not asking: 'listing' attendees, or 'waiting' (Brella asked to wait). */
  phase?: 'listing' | 'asking' | 'waiting';
  /** With phase 'waiting': until when (ISO). */
  waitingUntil?: string;
}

export interface DayCount {
  day: string;
  /** Distinct attendees in the app (a time_spent slice) that day. */
  attendees: number;
  streamSeconds: number;
  sponsorSeconds: number;
  /**
   * Rows last asked before this day ended (while the window was still open): they cannot count all of it, so the
   * day is partial. 0 or absent: the day is complete.
   */
  askedBefore?: number;
}

/** Why a run paused as a whole (every other request would fail the same way). */
export interface ReportPause {
  reason: 'key' | 'blocked' | 'wait' | 'outage';
  /** One clear message: what was refused or failed, and what to do. */
  message: string;
  /** reason 'wait': until when Brella asked to wait (ISO). */
  until?: string;
}

export type ReportColumnKind = 'text' | 'number' | 'time' | 'duration' | 'boolean';

export interface ReportColumn {
  id: string;
  label: string;
  kind: ReportColumnKind;
}
