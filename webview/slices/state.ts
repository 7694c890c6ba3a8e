/**
 * The slices panel's state, with no DOM, so it is tested on its own.
 * What the webview remembers across reloads (vscode.getState/setState): the form (and whether its More filters
 * fold is open), the table's filter text, sort, hidden columns and time zone, whether the timeline is collapsed,
 * and the panel's target (attendee and event) for the host's serializer.
 * Never the rows: the host sends them again after `ready`.
 * What it shows of its target, zone and runs: a plain reducer over the host's messages (and the runs the user
 * starts or cancels); `apply` returns what changed, so the view parts show only that.
 */
import type { PackedSlices } from '../../src/protocol/packed-slices';
import { PANEL_TARGET_LIMITS, type ErrorAction, type PanelTarget, type RecentRun, type SavedQueryItem, type ToWebview } from '../../src/protocol/slices';
import type { VsCodeApi } from '../shared/api';
import { anyOf, bool, columnOrder, columnWidths, id, list, nullable, obj, oneOf, optional, read, record, sortSpec, text, type Check } from '../shared/checks';
import type { SortSpec, TimeZone } from '../table/types';
import { progressText, rowsText } from './format';
import { problemsByField, toFormValues, toRunFilters, type FormValues, type RunFilters } from './values';
import { eventZoneOf, resolveZone, zoneName, type ZoneChoice } from './zone-choice';
import { t } from '../shared/l10n';

/** The panel's target as it saves it (src/protocol/slices.ts panelState, which the host's serializer reads). */
const panelTarget: Check<PanelTarget> = obj({
  organizationId: id,
  eventId: id,
  attendeeId: id,
  attendeeName: text(PANEL_TARGET_LIMITS.name),
  eventName: text(PANEL_TARGET_LIMITS.name),
  eventStart: optional(text(PANEL_TARGET_LIMITS.date)),
  eventEnd: optional(text(PANEL_TARGET_LIMITS.date)),
  demo: optional(bool),
  timeZone: optional(text(PANEL_TARGET_LIMITS.timeZone)),
});

const saved: Check<SavedState> = obj({
  form: optional(record(anyOf(text(), list(text())))),
  filter: optional(text()),
  sort: optional(sortSpec),
  hidden: optional(list(text())),
  pinned: optional(list(text())),
  order: optional(columnOrder),
  widths: optional(columnWidths),
  groupBy: optional(nullable(text())),
  timeZone: optional(oneOf('local', 'utc', 'event')),
  target: optional(panelTarget),
  tab: optional(oneOf('slices', 'sessions')),
  moreFiltersOpen: optional(bool),
  timelineOpen: optional(bool),
});

export interface SavedState {
  form?: FormValues;
  filter?: string;
  sort?: SortSpec | null;
  hidden?: string[];
  /** Pinned columns, in pin order. */
  pinned?: string[];
  /** Column order and widths the user chose (see the grid's columnOrder, columnWidths). */
  order?: string[];
  widths?: Record<string, number>;
  /** The column the rows are grouped by (null or undefined: none). */
  groupBy?: string | null;
  timeZone?: ZoneChoice;
  target?: PanelTarget;
  tab?: 'slices' | 'sessions';
  /** The form's More filters fold is open (undefined: never toggled, it follows the values). */
  moreFiltersOpen?: boolean;
  /** The timeline is shown (undefined: it is). */
  timelineOpen?: boolean;
}

export interface StateStore {
  readonly value: Readonly<SavedState>;
  update(patch: SavedState): void;
}

/**
 * The saved state as this view saved it (vscode.getState()): unknown keys are dropped; anything wrong in it (a field
 * of the wrong kind, a text too long, an id that is not a positive safe integer), and the panel starts from nothing
 * saved.
 */
export function readSavedState(raw: unknown): SavedState {
  return read(saved, raw, {});
}

export function createStore(vscode: VsCodeApi): StateStore {
  let value = readSavedState(vscode.getState());
  return {
    get value() {
      return value;
    },
    update(patch) {
      value = { ...value, ...patch };
      vscode.setState(value);
    },
  };
}

export type Init = Extract<ToWebview, { type: 'init' }>;
type RunMessage = Extract<ToWebview, { type: 'started' | 'page' | 'done' | 'failed' | 'invalid' }>;
type SessionsMessage = Extract<ToWebview, { type: 'sessionsLoading' | 'sessions' | 'sessionsFailed' }>;

/**
 * The life of a run: `run` posted → `started` → `page`… → `done` (or `failed`, or `invalid` before it starts).
 * Messages of an older run than the current one are ignored. After a reload the host replays
 * started/page/done, which rebuilds the table the same way.
 */
export interface SlicesViewState {
  target?: PanelTarget;
  choice: ZoneChoice;
  /** An init came: a later one prefers the host's filters to the saved form. */
  initialized: boolean;
  /** A run is asked for or fetching pages. */
  running: boolean;
  /** Whether the host said `started` for the current request. */
  started: boolean;
  /** The id of the `run` request posted last: only an `invalid` naming it ends a run not started yet. */
  runRequest?: number;
  runId?: number;
  /** The last run's filters, for Run Again and Retry. */
  lastFilters?: RunFilters;
}

/** What a message (or the user's run or cancel) changed, in the order the view parts show it. */
export interface Changes {
  /** The target changed: saved for the host's serializer, given to the presets. */
  target?: boolean;
  /** An init: the title, the form and its values (the saved form on the first init, the host's filters after). */
  init?: { msg: Init; first: boolean };
  savedQueries?: SavedQueryItem[];
  recentRuns?: RecentRun[];
  /** The zone choice changed (saved). */
  choice?: boolean;
  /** The zone follows the choice and the event's zone: table, timeline, summary, recent runs, the form's note. */
  zone?: boolean;
  /** A newer run: the grid empties. */
  newRun?: boolean;
  /** The empty and error states hide. */
  clear?: boolean;
  /** A page of rows to append. */
  rows?: PackedSlices;
  /** `running` was set: the run bar follows it. */
  running?: boolean;
  /** The host was asked to cancel: Cancel waits. */
  cancelling?: boolean;
  status?: { text: string; busy: boolean };
  /** When the host sent the page, to time its paint (the run's first page apart). */
  paint?: { sentAt: number; first: boolean };
  /** A run done without rows: says why, when the table is empty. */
  empty?: { filters: RunFilters | undefined; attendeeName: string };
  failure?: { message: string; status?: number; actions: ErrorAction[] };
  /** The host's problems with the filters, by field. */
  problems?: Map<string, string>;
  sessions?: SessionsMessage;
  notice?: string;
  /** A slice's raw resource, for the inspector. */
  resource?: Extract<ToWebview, { type: 'resource' }>;
}

export function initialViewState(saved: Readonly<SavedState>): SlicesViewState {
  return { target: saved.target, choice: saved.timeZone ?? 'event', initialized: false, running: false, started: false };
}

/** The zone times are shown in: the choice, with Event as local time while the event's zone is unknown. */
export function shownZone(state: SlicesViewState): TimeZone {
  return resolveZone(state.choice, eventZoneOf(state.target));
}

/** The shown zone's name: "Event time (Europe/Helsinki)", "UTC"… */
export function shownZoneName(state: SlicesViewState): string {
  return zoneName(state.choice, eventZoneOf(state.target));
}

function setTarget(state: SlicesViewState, next: PanelTarget): void {
  // A zone already read for this event stays while the host reads it again.
  const known = state.target?.eventId === next.eventId && state.target.organizationId === next.organizationId ? state.target.timeZone : undefined;
  state.target = next.timeZone === undefined && known !== undefined ? { ...next, timeZone: known } : next;
}

/** Applies one message from the host to the state; returns what changed. */
export function apply(state: SlicesViewState, msg: ToWebview): Changes {
  switch (msg.type) {
    case 'init': {
      const first = !state.initialized;
      setTarget(state, msg.target);
      state.choice = msg.timeZone;
      state.initialized = true;
      return { target: true, init: { msg, first }, savedQueries: msg.savedQueries, recentRuns: msg.recentRuns, choice: true, zone: true };
    }
    case 'timeZone':
      state.choice = msg.timeZone;
      return { choice: true, zone: true };
    case 'eventZone':
      if (state.target === undefined) return { zone: true };
      setTarget(state, { ...state.target, timeZone: msg.timeZone });
      return { target: true, zone: true };
    case 'savedQueries':
      return { savedQueries: msg.queries };
    case 'recentRuns':
      return { recentRuns: msg.runs };
    case 'sessionsLoading':
    case 'sessions':
    case 'sessionsFailed':
      return { sessions: msg };
    case 'notice':
      return { notice: msg.text };
    case 'resource':
      return { resource: msg };
    case 'shortcut':
      return {}; // the page answers it (app.ts); nothing in the state changes
    default:
      return applyRun(state, msg);
  }
}

/**
 * For a message of run `id`: undefined when it is of an older run; else whether it is of a newer one (its
 * `started` missed), which becomes the current run.
 */
function accept(state: SlicesViewState, id: number): boolean | undefined {
  if (state.runId !== undefined && id < state.runId) return undefined;
  if (state.runId !== undefined && id === state.runId) return false;
  state.runId = id;
  return true;
}

function applyRun(state: SlicesViewState, msg: RunMessage): Changes {
  if (msg.type === 'started') return applyStarted(state, msg);
  if (msg.type === 'invalid') return applyInvalid(state, msg);
  const newRun = accept(state, msg.runId);
  if (newRun === undefined) return {};
  switch (msg.type) {
    case 'page':
      return {
        newRun, clear: newRun, rows: msg.rows, status: { text: progressText(msg.page, msg.pagesKnown, msg.rowsSoFar), busy: state.running },
        ...(msg.sentAt !== undefined ? { paint: { sentAt: msg.sentAt, first: msg.rowsSoFar === msg.rows.count } } : {}),
      };
    case 'done': {
      state.running = false;
      const rows = rowsText(msg.rows);
      const empty = !msg.cancelled && msg.rows === 0 ? { filters: state.lastFilters, attendeeName: state.target?.attendeeName ?? t('The attendee') } : undefined;
      return { newRun, clear: newRun, running: true, status: { text: msg.cancelled ? t('Cancelled · {0} kept', rows) : t('Done · {0}', rows), busy: false }, empty };
    }
    case 'failed':
      state.running = false;
      return { newRun, clear: newRun, running: true, status: { text: t('Failed'), busy: false }, failure: { message: msg.message, status: msg.status, actions: msg.actions } };
  }
  return {};
}

function applyStarted(state: SlicesViewState, msg: Extract<RunMessage, { type: 'started' }>): Changes {
  if (state.runId !== undefined && msg.runId < state.runId) return {};
  state.runId = msg.runId;
  state.started = true;
  state.lastFilters = toRunFilters(toFormValues(msg.filters));
  state.running = true;
  return { newRun: true, clear: true, running: true, status: { text: t('Fetching the first page…'), busy: true } };
}

/**
 * The problems show at their fields. A refused run request (the one posted last, not started yet) ends; a refused
 * Copy as… or Save Query… leaves a run as it is.
 */
function applyInvalid(state: SlicesViewState, msg: Extract<RunMessage, { type: 'invalid' }>): Changes {
  const problems = problemsByField(msg.errors);
  if (!state.running || state.started || msg.requestId === undefined || msg.requestId !== state.runRequest) return { problems };
  state.running = false;
  return { running: true, status: { text: t('The host did not accept these filters.'), busy: false }, problems };
}

/** The user asks for a run of these filters (the caller posts it). */
export function startRun(state: SlicesViewState, filters: RunFilters, requestId?: number): Changes {
  state.lastFilters = filters;
  state.runRequest = requestId;
  state.started = false;
  state.running = true;
  return { clear: true, running: true, status: { text: t('Starting…'), busy: true } };
}

/** The user cancels the run; undefined when none goes (nothing to ask the host). */
export function cancelRun(state: SlicesViewState): Changes | undefined {
  if (!state.running) return undefined;
  if (state.started) return { cancelling: true, status: { text: t('Cancelling…'), busy: true } };
  state.running = false;
  return { running: true, status: { text: t('Cancelled'), busy: false } };
}
