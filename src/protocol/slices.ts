/**
 * The messages between the slices panel's host (src/features/slices/panel.ts) and its webview (webview/slices/).
 * Both sides import this file. Messages from the webview are validated with `fromWebview` (zod) before use;
 * messages to the webview are typed only (the host builds them). The API key is never part of any message.
 */
import * as z from 'zod/mini';
import type { SliceFilterField } from '../model/filters';
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

/** Raw form values, keyed by the API's parameter names; validated again by the host. */
const formValues = z.record(text(64), z.union([text(200), z.array(text(64)).check(z.maxLength(20)), z.number()]));

/** Everything the webview may say. Anything else is ignored (and logged) by the host. */
export const fromWebview = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('run'), requestId: requestId(), filters: formValues }),
  z.object({ type: z.literal('cancel') }),
  z.object({ type: z.literal('export'), format: z.enum(['csv', 'json']), text: text(512 * 1024 * 1024), rows: count() }),
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
]);
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
  | { type: 'notice'; text: string };

/** The part of the webview's saved state the panel serializer reads to bring the panel back after a reload. */
export const panelState = z.object({
  target: z.object({
    organizationId: positiveId(),
    eventId: positiveId(),
    attendeeId: positiveId(),
    attendeeName: text(200),
    eventName: text(200),
    eventStart: z.optional(text(10)),
    eventEnd: z.optional(text(10)),
    demo: z.optional(z.boolean()),
    timeZone: z.optional(text(64)),
  }),
});
export type PanelState = z.infer<typeof panelState>;

/** The reply to a request whose filters were refused: each problem with its field, naming the request. */
export function invalidReply(errors: ReadonlyArray<{ field: string; message: string }>, requestId?: number): Extract<ToWebview, { type: 'invalid' }> {
  return { type: 'invalid', errors: errors.map((e) => ({ field: e.field, message: e.message })), ...(requestId !== undefined ? { requestId } : {}) };
}
