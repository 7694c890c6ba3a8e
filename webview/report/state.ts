/**
 * The report panel's state: a plain reducer over the host's messages, with no DOM, so it is tested on its own.
 * The host owns the report (its ledger); this state only holds what the panel shows, applied as the host says:
 * each attendee named in a change now has exactly that row, or that failure. `apply` returns what changed, so the
 * view parts redraw only that (the grid appends rows when it can, instead of taking them all again).
 */
import type {
  DayCount, ReportAction, ReportFailure, ReportPause, ReportProgress, ReportRow, ReportSummary, ToReportWebview,
} from '../../src/protocol/report';
import { trackableTally, type TrackableTally } from '../../src/model/trackable-tally';

export type Init = Extract<ToReportWebview, { type: 'init' }>;

export type Outcome =
  | { kind: 'done'; summary: ReportSummary; failures: ReportFailure[]; cancelled: boolean; restored: boolean; paused?: ReportPause }
  | { kind: 'failed'; message: string; status?: number; actions: ReportAction[] };

export interface ReportViewState {
  init?: Init;
  runId: number;
  running: boolean;
  rows: Map<string, ReportRow>;
  /** Counts the changes of `rows`: what is computed from them is kept until it moves. */
  rowsVersion: number;
  /** The Sponsors and Streams tabs' sums over `rows`, kept as each row changes. */
  trackables: TrackableTally;
  failures: ReportFailure[];
  summary?: ReportSummary;
  daily: DayCount[];
  progress?: ReportProgress;
  /** The last run's end (or the restored report's), until the next run starts. */
  outcome?: Outcome;
  timeZone?: string;
  /** Booth and stream names by trackable key, and what the last naming took. */
  names: Record<string, string>;
  namingNote?: string;
}

/** What a message changed; the rows as `append` (only new attendees) or `all` (some row replaced or removed). */
export interface Changes {
  init?: boolean;
  rows?: { append: ReportRow[] } | 'all';
  summary?: boolean;
  progress?: boolean;
  running?: boolean;
  outcome?: boolean;
  timeZone?: boolean;
  names?: boolean;
}

export function initialState(): ReportViewState {
  return { runId: -1, running: false, rows: new Map(), rowsVersion: 0, trackables: trackableTally(), failures: [], daily: [], names: {} };
}

/** Whether Retry Failed has anyone to ask: failures, or attendees never asked. */
export function canRetry(state: ReportViewState): boolean {
  return !state.running && (state.failures.length > 0 || (state.summary?.missing ?? 0) > 0);
}

function applyRows(state: ReportViewState, msg: Extract<ToReportWebview, { type: 'rows' }>): Changes['rows'] {
  state.rowsVersion++;
  if (msg.reset) {
    state.rows = new Map(msg.rows.map((r) => [r.attendeeId, r]));
    state.trackables.reset(state.rows.values());
    state.failures = msg.failures.slice();
    return 'all';
  }
  let replaced = false;
  const added: ReportRow[] = [];
  const named = new Set([...msg.rows.map((r) => r.attendeeId), ...msg.failures.map((f) => f.attendeeId)]);
  state.failures = [...state.failures.filter((f) => !named.has(f.attendeeId)), ...msg.failures];
  for (const r of msg.rows) {
    if (state.rows.has(r.attendeeId)) replaced = true;
    else added.push(r);
    state.rows.set(r.attendeeId, r);
    state.trackables.set(r.attendeeId, r);
  }
  for (const f of msg.failures) {
    if (!state.rows.delete(f.attendeeId)) continue;
    state.trackables.set(f.attendeeId, undefined);
    replaced = true;
  }
  return replaced ? 'all' : { append: added };
}

/** Applies one message from the host to the state; returns what changed. */
export function apply(state: ReportViewState, msg: ToReportWebview): Changes {
  switch (msg.type) {
    case 'init':
      state.init = msg;
      state.timeZone = msg.timeZone;
      return { init: true, running: true };
    case 'started':
      state.runId = msg.runId;
      state.running = true;
      state.progress = undefined;
      state.outcome = undefined;
      return { running: true, outcome: true };
    case 'progress':
      if (msg.runId !== state.runId && state.running) return {};
      state.progress = msg.progress;
      return { progress: true };
    case 'rows': {
      const rows = applyRows(state, msg);
      if (!msg.summary) return { rows };
      state.summary = msg.summary;
      state.daily = msg.daily ?? [];
      return { rows, summary: true, running: true };
    }
    case 'done':
      state.failures = msg.failures.slice();
      state.summary = msg.summary;
      state.daily = msg.daily;
      state.running = false;
      state.outcome = {
        kind: 'done', summary: msg.summary, failures: msg.failures, cancelled: msg.cancelled, restored: msg.restored === true,
        ...(msg.paused ? { paused: msg.paused } : {}),
      };
      return { summary: true, running: true, outcome: true };
    case 'failed':
      state.running = false;
      state.outcome = { kind: 'failed', message: msg.message, ...(msg.status !== undefined ? { status: msg.status } : {}), actions: msg.actions };
      return { running: true, outcome: true };
    case 'timeZone':
      state.timeZone = msg.timeZone;
      return { timeZone: true };
    case 'names':
      state.names = { ...state.names, ...msg.names };
      if (msg.note !== undefined) state.namingNote = msg.note;
      return { names: true };
    case 'shortcut':
      return {}; // the page answers it (app.ts); nothing in the state changes
  }
}
