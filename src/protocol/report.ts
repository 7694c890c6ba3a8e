/**
 * The messages between the event report panel's host (src/features/report/panel.ts) and its webview
 * (webview/report/). Both sides import this file. Messages from the webview are validated with `fromReportWebview`
 * (zod) before use; messages to the webview are typed only (the host builds them). The API key is never part of
 * any message, nor of the panel's saved state.
 */
import * as z from 'zod/mini';
import { parseId } from '../model/ids';

export const REPORT_VIEW_TYPE = 'brella.report';

import { parseInstant } from '../model/instants';
import { exportTable } from './slices';
import type { DayCount, ReportColumn, ReportFailure, ReportMode, ReportPause, ReportProgress, ReportRow, ReportSummary } from '../model/report';

export { exportTableOf, shownTable, type ExportColumnSource, type ExportTable, type ShownGrid } from './slices';
export type {
  DayCount, ReportColumn, ReportDay, ReportFailure, ReportKind, ReportMode, ReportPause, ReportProgress, ReportRow, ReportSummary, ReportWindow,
} from '../model/report';

/** Text of at most `max` characters. */
const text = (max: number) => z.string().check(z.maxLength(max));

/**
 * The limits of a saved ReportPanelTarget, for `reportPanelTarget` and for the webview's own reading of its saved
 * state (webview/shared/checks.ts): the longest texts, the most configured attendees, and the form of an instant
 * as the host writes it (UTC with milliseconds). Its ids are positive safe integers (src/model/ids.ts).
 */
export const REPORT_TARGET_LIMITS = {
  eventName: 200, timeZone: 64, attendeeName: 200, attendees: 10_000, instant: 40,
  instantForm: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/,
} as const;

// Every schema below is built in a function marked pure, so the webview's bundles, which import this file for its
// types and helpers, leave zod out.

/** An instant as the host writes it (UTC with milliseconds), checked field by field: 2023-02-30 is refused, never rolled over. */
const isoInstant = /* @__PURE__ */ (() => z.string().check(
  z.maxLength(REPORT_TARGET_LIMITS.instant),
  z.regex(REPORT_TARGET_LIMITS.instantForm, 'an ISO 8601 UTC instant'),
  z.refine((s) => parseInstant(s).ok, 'a date that exists (no rollover)'),
))();
/** An id Brella gives: a positive safe integer (a longer one would be rounded to another id). */
const safeId = /* @__PURE__ */ (() => z.int().check(z.positive(), z.maximum(Number.MAX_SAFE_INTEGER)))();
const safeIdText = /* @__PURE__ */ (() => z.string().check(z.refine((s) => parseId(s) !== undefined && String(parseId(s)) === s, 'a positive safe integer id')))();

/** What the report is about. Saved in the webview's state; the serializer reads it back after a window reload. */
export const reportPanelTarget = /* @__PURE__ */ (() => z.object({
  organizationId: safeId,
  eventId: safeId,
  eventName: text(REPORT_TARGET_LIMITS.eventName),
  /** The event's IANA zone, when Brella gives one: days are cut in it. */
  timeZone: z.optional(text(REPORT_TARGET_LIMITS.timeZone)),
  kind: z.enum(['presence', 'engagement']),
  window: z.object({ startFrom: isoInstant, startTo: z.optional(isoInstant) }),
  /** Every attendee Brella lists, or only those configured under the event. */
  who: z.enum(['all', 'configured']),
  /** The configured attendees (ids and names only), when `who` is 'configured'. */
  attendees: z.optional(z.array(z.object({ id: safeIdText, name: text(REPORT_TARGET_LIMITS.attendeeName) })).check(z.maxLength(REPORT_TARGET_LIMITS.attendees))),
  /** The event belongs to the demo organization (reopened with the panel after a reload). */
  demo: z.optional(z.boolean()),
}))();
export type ReportPanelTarget = z.infer<typeof reportPanelTarget>;

/** The webview's saved state, as far as the host's serializer reads it. */
export const reportPanelState = /* @__PURE__ */ (() => z.object({ target: reportPanelTarget }))();

export type ReportAction = 'setApiKey' | 'resume' | 'retryFailed' | 'showLog';

/** Everything the webview may say. Anything else is ignored (and logged) by the host. */
export const fromReportWebview = /* @__PURE__ */ (() => z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('run'), mode: z.enum(['resume', 'retryFailed', 'full', 'incremental']) }),
  z.object({ type: z.literal('cancel') }),
  z.object({ type: z.literal('export'), format: z.enum(['csv', 'json']), text: text(256 * 1024 * 1024), rows: z.int().check(z.nonnegative()) }),
  /** The shown rows as a typed table, for the host to write as an Excel workbook (the slices panel's format). */
  z.object({ type: z.literal('exportXlsx'), table: exportTable }),
  z.object({ type: z.literal('copy'), text: text(64 * 1024 * 1024) }),
  /** `trackingType`: only the slices of this kind (a stream's viewer, a booth's visitor). */
  z.object({ type: z.literal('openSlices'), attendeeId: safeIdText, name: text(200), trackingType: z.optional(z.enum(['streamlink', 'sponsor'])) }),
  /** Write one CSV per sponsor booth with its visitors, and a summary, into a folder the host asks for. */
  z.object({ type: z.literal('exportVisitorLists') }),
  /** Ask Brella for the names of the booths and streams still shown by type and id (through tracking sessions). */
  z.object({ type: z.literal('nameTrackables') }),
  /** Copy this attendee's slice request with the report's filters as cURL (the row inspector). */
  z.object({ type: z.literal('copyCurl'), attendeeId: safeIdText }),
  z.object({ type: z.literal('command'), command: z.enum(['setApiKey', 'showLog']) }),
]))();
export type FromReportWebview = z.infer<typeof fromReportWebview>;

/** The window as text, in UTC and in the event's zone (when known). */
export interface WindowText {
  utc: string;
  zone?: string;
}

/** Everything the host may say. */
export type ToReportWebview =
  /** `timeZone`: where the table shows times: 'local', 'utc' or an IANA zone (the event's, when the setting says "event"). */
  /** `open`: the window still takes new slices (open-ended, or its end not passed), so Update is offered. */
  | { type: 'init'; target: ReportPanelTarget; columns: ReportColumn[]; windowText: WindowText; dayZone: string; timeZone: string; open: boolean }
  | { type: 'started'; runId: number; mode: ReportMode }
  | { type: 'progress'; runId: number; progress: ReportProgress }
  /**
   * What changed in the ledger: each attendee named here now has exactly this row, or this failure (the panel shows
   * it so, nothing more). `reset`: the first chunk of the whole report (a replay). `summary` and `daily`: the report
   * as it stands now, while a run goes.
   */
  | { type: 'rows'; runId: number; rows: ReportRow[]; failures: ReportFailure[]; reset?: boolean; summary?: ReportSummary; daily?: DayCount[] }
  /**
   * The end of a run (or of a replay): the whole picture. `restored`: rows from storage, no run in this window.
   * `paused`: the run stopped as a whole, with one message and what to do.
   */
  | { type: 'done'; runId: number; summary: ReportSummary; daily: DayCount[]; failures: ReportFailure[]; cancelled: boolean; restored?: boolean; paused?: ReportPause }
  | { type: 'failed'; runId: number; message: string; status?: number; actions: ReportAction[] }
  | { type: 'timeZone'; timeZone: string }
  /**
   * Booth and stream names, by the key of src/model/trackables.ts (kind|type|id): those kept for the event, and
   * after a naming, what it took (`note`, as text).
   */
  | { type: 'names'; names: Record<string, string>; note?: string }
  /** Ctrl/Cmd+F while the panel had the focus outside its page (src/protocol/shortcuts.ts). */
  | { type: 'shortcut'; shortcut: 'focusFilter' };

/** "120 / 300 attendees · 9.8/s · about 18 s left", for the panel and the notification. */
export function progressText(p: ReportProgress): string {
  if (p.phase === 'listing') return 'Listing the attendees…';
  if (p.phase === 'waiting' && p.waitingUntil) {
    return `${p.done} / ${p.total} attendees · Brella asked to wait until ${p.waitingUntil.slice(11, 19)} UTC${p.failed > 0 ? ` · ${p.failed} failed` : ''}`;
  }
  const rate = p.ratePerSecond > 0 ? ` · ${p.ratePerSecond.toFixed(1)}/s` : '';
  const eta = p.etaSeconds === null || p.done >= p.total ? '' : ` · about ${formatEta(p.etaSeconds)} left`;
  const failed = p.failed > 0 ? ` · ${p.failed} failed` : '';
  return `${p.done} / ${p.total} attendees${rate}${eta}${failed}`;
}

function formatEta(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}
