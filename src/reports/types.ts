/**
 * The event report's host-side shapes: the data the panel shows comes from src/model/report.ts; here are the target,
 * the attendees, the store of answers and the options of a run. Pure data; nothing here imports vscode.
 */
import type { BrellaClient } from '../brella';
import type { ReportFailure, ReportKind, ReportMode, ReportPause, ReportProgress, ReportRow, ReportSummary, ReportWindow } from '../model/report';

export type {
  DayCount, ReportColumn, ReportColumnKind, ReportDay, ReportFailure, ReportKind, ReportMode, ReportPause, ReportProgress, ReportRow,
  ReportSummary, ReportWindow,
} from '../model/report';

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

/** Whom a report covers: every attendee Brella lists, or the given (configured) ones. Part of the store key. */
export type ReportWho = { kind: 'all' } | { kind: 'configured'; attendees: ReportAttendee[] };

export interface ReportResult {
  rows: ReportRow[];
  failures: ReportFailure[];
  summary: ReportSummary;
  cancelled: boolean;
  /** Set when the run paused as a whole (refused key, block, long wait, outage): what happened and what to do. */
  paused?: ReportPause;
  /** The message of the pause, kept for callers of the first version. */
  stopped?: string;
}

/**
 * Where a report's ledger is kept between runs and window reloads: append-only lines of JSON text, one per finished
 * answer (or attendee listing), under a key. The host backs it with a file per key; tests with memory. Never holds the key.
 */
export interface ReportStore {
  /** Every line kept for the key, oldest first (unchecked text: the ledger checks each); undefined when none. */
  load(key: string): Promise<string[] | undefined>;
  /** Adds lines at the end. */
  append(key: string, lines: readonly string[]): Promise<void>;
  /** Replaces every line (compaction when a report is opened); the lines may be made as they are read. */
  rewrite(key: string, lines: Iterable<string>): Promise<void>;
}

export interface RunEventReportOptions {
  client: BrellaClient;
  target: ReportTarget;
  kind: ReportKind;
  window: ReportWindow;
  /** The configured attendees; every listed attendee when absent. */
  attendees?: ReportAttendee[];
  /** Where the ledger is read from and written to. */
  store?: ReportStore;
  mode?: ReportMode;
  /** IANA zone days are cut in; default target.timeZone ?? 'UTC'. */
  dayZone?: string;
  /** Attendees in flight at once (the client's pacer still sets the pace). Default max(12, the key's requests per second), at most 256. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (p: ReportProgress) => void;
  /** Batches of finished rows and failures as they come. */
  onRows?: (rows: ReportRow[], failures: ReportFailure[]) => void;
  /** The clock (tests). */
  now?: () => number;
}
