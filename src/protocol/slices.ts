/**
 * The messages between the slices panel's host (src/features/slices/panel.ts) and its webview (webview/slices/).
 * Both sides import this file. Messages from the webview are validated with `fromWebview` (zod) before use;
 * messages to the webview are typed only (the host builds them). The API key is never part of any message.
 */
import * as z from 'zod/mini';
import type { PanelShortcut } from './shortcuts';
import type { SliceFilterField } from '../model/filter-fields';
import type { TrackingSession } from '../model/types';
import type { PackedSlices } from './packed-slices';

export const VIEW_TYPE = 'brella.slices';

/** Text of at most `max` characters; a count (0, 1, …); an id (1, 2, …). */
const text = (max: number) => z.string().check(z.maxLength(max));
const count = () => z.int().check(z.nonnegative());
const positiveId = () => z.int().check(z.positive());

/**
 * Names a request the host may refuse (`invalid`), so that its reply names it back: a refused Copy as… never
 * ends a run, and a refused run is told apart from a refused copy. The webview counts them from 1.
 */
const requestId = () => positiveId();

/**
 * The limits of raw form values, for `formValues` and for the webview's own check of a run's values before it
 * posts them (webview/slices/values.ts, which leaves zod out of its bundle): a name of at most `key` characters;
 * a value of text of at most `text` characters, a list of at most `items` texts of at most `item` characters each,
 * or a number.
 */
export const FORM_VALUE_LIMITS = { key: 64, text: 200, items: 20, item: 64 } as const;

/**
 * Raw form values as the protocol carries them (FORM_VALUE_LIMITS). Built in a function marked pure, like every
 * schema here the webview does not need, so the webview's bundles leave zod out.
 */
export const formValues = /* @__PURE__ */ (() => z.record(text(FORM_VALUE_LIMITS.key), z.union([
  text(FORM_VALUE_LIMITS.text), z.array(text(FORM_VALUE_LIMITS.item)).check(z.maxLength(FORM_VALUE_LIMITS.items)), z.number(),
])))();

/** Rows an Excel sheet holds below its header row. */
export const XLSX_MAX_ROWS = 1_048_575;
/** Characters an Excel cell holds. */
const XLSX_MAX_TEXT = 32_767;

/** One column of an exported table: its cells' raw values, one per row, in the order shown. */
const exportColumn = <K extends string, V extends z.core.SomeType>(kind: K, value: V) => z.object({
  key: text(200),
  /** The column's name, as the grid's header shows it. */
  header: text(200),
  kind: z.literal(kind),
  values: z.array(z.nullable(value)).check(z.maxLength(XLSX_MAX_ROWS)),
});

/**
 * The rows shown (filtered, sorted, visible columns), by column, with raw values as the grid holds them: text
 * (ids stay text), numbers, durations in seconds, times as ISO 8601 instants. `zone`: where times are written
 * ('utc', 'local' or an IANA name); `zoneName`: how headers name it. `filter` and `totalRows`: the table's filter
 * text and the rows loaded, for the Query sheet.
 */
export const exportTable = /* @__PURE__ */ (() => z.object({
  columns: z.array(z.discriminatedUnion('kind', [
    exportColumn('text', z.union([text(XLSX_MAX_TEXT), z.number()])),
    exportColumn('number', z.number()),
    exportColumn('duration', z.number()),
    exportColumn('time', text(XLSX_MAX_TEXT)),
  ])).check(z.minLength(1), z.maxLength(500)),
  zone: z.string().check(z.refine(knownZone, 'utc, local or a time zone name this runtime knows')),
  zoneName: text(100),
  filter: z.optional(text(500)),
  totalRows: z.optional(count()),
}).check(z.refine((t) => t.columns.every((c) => c.values.length === t.columns[0]!.values.length), 'every column has one value per row')))();
export type ExportTable = z.infer<typeof exportTable>;

function knownZone(zone: string): boolean {
  if (zone === 'utc' || zone === 'local') return true;
  if (zone.length === 0 || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A column of the table as the webview knows it: how to read a row's raw value. */
export interface ExportColumnSource<R> {
  key: string;
  label: string;
  kind: ExportTable['columns'][number]['kind'];
  get(row: R): string | number | null;
}

/**
 * The typed table of these rows and columns (see exportTable), as the webview sends it. A number column holds
 * numbers (anything else is empty), a time column text, and a text cell longer than a cell holds is cut.
 */
export function exportTableOf<R>(
  rows: readonly R[], columns: ReadonlyArray<ExportColumnSource<R>>, about: Omit<ExportTable, 'columns'>,
): ExportTable {
  const cut = (v: string): string => (v.length > XLSX_MAX_TEXT ? v.slice(0, XLSX_MAX_TEXT) : v);
  const number = (v: string | number | null): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const cells = (c: ExportColumnSource<R>): Array<string | number | null> => rows.map((row) => {
    const v = c.get(row);
    if (c.kind === 'number' || c.kind === 'duration') return number(v);
    if (typeof v === 'string') return cut(v);
    return c.kind === 'time' && v !== null ? String(v) : number(v);
  });
  return { ...about, columns: columns.map((c) => ({ key: c.key, header: c.label, kind: c.kind, values: cells(c) }) as ExportTable['columns'][number]) };
}

/** A grid as the webview's table (webview/table GridHandle) shows it: its columns, filter, and rows in display order. */
export interface ShownGrid<R> {
  getState(): {
    columns: ReadonlyArray<{ key: string; label: string; kind: ExportColumnSource<R>['kind']; hidden: boolean }>;
    /** Shown first, in this order. */
    pinnedColumns?: readonly string[];
    filter: string;
    totalRows: number;
  };
  rows(): R[];
}

/**
 * What the grid shows, as a typed table: its filtered rows in display order, its shown columns (the pinned first)
 * read by `reader` (a key it does not know is left out). `zone`: where the grid shows times ('local' is sent by
 * its IANA name, so the host writes the wall clock the webview shows); `zoneName`: how headers name it.
 */
export function shownTable<R>(
  grid: ShownGrid<R>, reader: (key: string) => ((row: R) => string | number | null) | undefined, zone: { zone: string; zoneName: string },
): ExportTable {
  const state = grid.getState();
  const shown = state.columns.filter((c) => !c.hidden);
  const pinned = (state.pinnedColumns ?? []).flatMap((key) => shown.filter((c) => c.key === key));
  const columns = [...new Set([...pinned, ...shown])].flatMap((c) => {
    const get = reader(c.key);
    return get ? [{ ...c, get }] : [];
  });
  const local = zone.zone === 'local' ? Intl.DateTimeFormat().resolvedOptions().timeZone : undefined;
  return exportTableOf(grid.rows(), columns, {
    zone: local && knownZone(local) ? local : zone.zone, zoneName: zone.zoneName, totalRows: state.totalRows, ...(state.filter ? { filter: state.filter } : {}),
  });
}

/**
 * Everything the webview may say. Anything else is ignored (and logged) by the host. Built in a function marked
 * pure, so a bundle that only needs the types (the webview's) leaves the schema out.
 */
export const fromWebview = /* @__PURE__ */ (() => z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('run'), requestId: requestId(), filters: formValues }),
  z.object({ type: z.literal('cancel') }),
  z.object({ type: z.literal('export'), format: z.enum(['csv', 'json']), text: text(512 * 1024 * 1024), rows: count() }),
  /** The shown rows as a typed table, for the host to write as an Excel workbook (see exportTable). */
  z.object({ type: z.literal('exportXlsx'), table: exportTable }),
  z.object({ type: z.literal('copy'), text: text(64 * 1024 * 1024) }),
  z.object({ type: z.literal('copyCurl'), requestId: requestId(), filters: formValues }),
  z.object({ type: z.literal('openRaw') }),
  z.object({ type: z.literal('command'), command: z.enum(['setApiKey', 'showLog']) }),
  z.object({ type: z.literal('timeZone'), timeZone: z.enum(['local', 'utc', 'event']) }),
  /** Copy the request for these filters as cURL (POSIX shells), PowerShell or JavaScript fetch. */
  z.object({ type: z.literal('copyAs'), requestId: requestId(), format: z.enum(['curl', 'powershell', 'fetch']), filters: formValues }),
  /** Save these filters under a name (the host asks for it) in the event's saved queries. */
  z.object({ type: z.literal('saveQuery'), requestId: requestId(), filters: formValues }),
  /** Load the attendee's tracking sessions (the Sessions tab). */
  z.object({ type: z.literal('loadSessions') }),
  /** The raw JSON:API resource of this slice (the row inspector), answered by `resource`. */
  z.object({ type: z.literal('inspect'), id: text(64) }),
]))();
export type FromWebview = z.infer<typeof fromWebview>;

/** `event`: the event's own zone (PanelTarget.timeZone); shown as local time while that is unknown. */
export type TimeZoneSetting = 'local' | 'utc' | 'event';

export interface PanelTarget {
  organizationId: number;
  eventId: number;
  attendeeId: number;
  attendeeName: string;
  eventName: string;
  /** YYYY-MM-DD when known, for the presets. */
  eventStart?: string;
  eventEnd?: string;
  /** The attendee belongs to the demo organization (reopened with the panel after a reload). */
  demo?: boolean;
  /** The event's IANA time zone (Europe/Helsinki) when Brella gives one. */
  timeZone?: string;
}

/** A saved query of the event (brella.organizations[].events[].savedQueries). */
export interface SavedQueryItem {
  name: string;
  filters: Record<string, string | string[]>;
}

/** A recent run of this attendee's slices, newest first. */
export interface RecentRun {
  filters: Record<string, string | string[] | number>;
  rows: number;
  /** ISO 8601 instant the run finished. */
  at: string;
}

export type ErrorAction = 'setApiKey' | 'retry' | 'showLog';

/** Everything the host may say. */
export type ToWebview =
  | {
      type: 'init'; target: PanelTarget; fields: readonly SliceFilterField[]; timeZone: TimeZoneSetting; filters?: Record<string, unknown>;
      savedQueries?: SavedQueryItem[]; recentRuns?: RecentRun[];
    }
  /** `requestId`: the webview's `run` this answers; absent when the host started the run (a saved query, a replay). */
  | { type: 'started'; runId: number; filters: Record<string, unknown>; requestId?: number }
  /**
   * Rows packed by column (see packed-slices.ts). `sentAt` (host clock, ms) lets the webview measure
   * post-to-paint time, recorded in body[data-last-page-ms].
   */
  | { type: 'page'; runId: number; rows: PackedSlices; page: number; pagesKnown?: number; rowsSoFar: number; sentAt?: number }
  | { type: 'done'; runId: number; rows: number; cancelled: boolean }
  | { type: 'failed'; runId: number; message: string; status?: number; actions: ErrorAction[] }
  /** The filters of request `requestId` were refused (absent: of a run the host started itself). */
  | { type: 'invalid'; errors: Array<{ field: string; message: string }>; requestId?: number }
  | { type: 'timeZone'; timeZone: TimeZoneSetting }
  /** The event's zone became known (after the panel opened). */
  | { type: 'eventZone'; timeZone: string }
  | { type: 'savedQueries'; queries: SavedQueryItem[] }
  | { type: 'recentRuns'; runs: RecentRun[] }
  | { type: 'sessionsLoading' }
  | { type: 'sessions'; sessions: TrackingSession[]; complete: boolean }
  | { type: 'sessionsFailed'; message: string; status?: number; actions: ErrorAction[] }
  | { type: 'notice'; text: string }
  /** A keyboard shortcut pressed while the panel had the focus outside its page (src/protocol/shortcuts.ts). */
  | { type: 'shortcut'; shortcut: PanelShortcut }
  /**
   * The slice `id` as Brella sent it (pretty-printed JSON) and the included resources it points at, with their
   * names by "type:id"; `resource` null with a `note` when the raw pages do not hold it (a run under way).
   */
  | { type: 'resource'; id: string; resource: string | null; related: string | null; names: Record<string, string>; note?: string };

/**
 * The longest texts of a saved PanelTarget, for `panelState` and for the webview's own reading of its saved state
 * (webview/slices/state.ts): names, the event's dates (YYYY-MM-DD) and its time zone. Its ids are positive safe
 * integers (src/model/ids.ts).
 */
export const PANEL_TARGET_LIMITS = { name: 200, date: 10, timeZone: 64 } as const;

/** The part of the webview's saved state the panel serializer reads to bring the panel back after a reload. */
export const panelState = /* @__PURE__ */ (() => z.object({
  target: z.object({
    organizationId: positiveId(),
    eventId: positiveId(),
    attendeeId: positiveId(),
    attendeeName: text(PANEL_TARGET_LIMITS.name),
    eventName: text(PANEL_TARGET_LIMITS.name),
    eventStart: z.optional(text(PANEL_TARGET_LIMITS.date)),
    eventEnd: z.optional(text(PANEL_TARGET_LIMITS.date)),
    demo: z.optional(z.boolean()),
    timeZone: z.optional(text(PANEL_TARGET_LIMITS.timeZone)),
  }),
}))();
export type PanelState = z.infer<typeof panelState>;

/** The reply to a request whose filters were refused: each problem with its field, naming the request. */
export function invalidReply(errors: ReadonlyArray<{ field: string; message: string }>, requestId?: number): Extract<ToWebview, { type: 'invalid' }> {
  return { type: 'invalid', errors: errors.map((e) => ({ field: e.field, message: e.message })), ...(requestId !== undefined ? { requestId } : {}) };
}
