/**
 * The messages between the event report panel's host (src/views/report-panel.ts) and its webview
 * (webview/report/). Both sides import this file. Messages from the webview are validated with `fromReportWebview`
 * (zod) before use; messages to the webview are typed only (the host builds them). The API key is never part of
 * any message, nor of the panel's saved state.
 */
import * as z from 'zod';

export const REPORT_VIEW_TYPE = 'brella.report';

/*
 * The data shapes the panel receives. They mirror src/reports/types.ts (the host passes that module's values
 * straight through, so the compiler checks they still fit) but are declared here, because the webview's build
 * must not pull in the API layer that src/reports depends on.
 */
export type ReportKind = 'presence' | 'engagement';
export type ReportMode = 'resume' | 'retryFailed' | 'full' | 'incremental';
export interface ReportWindow { startFrom: string; startTo?: string }
export interface ReportDay { day: string; appSeconds: number; streamSeconds: number; sponsorSeconds: number; inApp: boolean }
export interface ReportRow {
  attendeeId: string; name: string; email: string | null; company: string | null;
  checkedIn: boolean; firstSeen: string | null; lastSeen: string | null; slices: number; appSeconds: number;
  streamSeconds?: number; sponsorSeconds?: number; distinctStreams?: number; distinctSponsors?: number;
  days: ReportDay[];
}
export interface ReportFailure { attendeeId: string; name: string; reason: string; status?: number }
export interface ReportSummary {
  attendees: number; checkedIn: number; notCheckedIn: number; percent: number; failures: number;
  reused: number; asked: number; window: ReportWindow; kind: ReportKind; dayZone: string;
}
export interface ReportProgress { done: number; total: number; failed: number; ratePerSecond: number; etaSeconds: number | null }
export interface DayCount { day: string; attendees: number; streamSeconds: number; sponsorSeconds: number }
export interface ReportColumn { id: string; label: string; kind: 'text' | 'number' | 'time' | 'duration' | 'boolean' }

const isoInstant = z.string().max(40).regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/, 'an ISO 8601 UTC instant');

/** What the report is about. Saved in the webview's state; the serializer reads it back after a window reload. */
export const reportPanelTarget = z.object({
  organizationId: z.number().int().positive(),
  eventId: z.number().int().positive(),
  eventName: z.string().max(200),
  /** The event's IANA zone, when Brella gives one: days are cut in it. */
  timeZone: z.string().max(64).optional(),
  kind: z.enum(['presence', 'engagement']),
  window: z.object({ startFrom: isoInstant, startTo: isoInstant.optional() }),
  /** Every attendee Brella lists, or only those configured under the event. */
  who: z.enum(['all', 'configured']),
  /** The configured attendees (ids and names only), when `who` is 'configured'. */
  attendees: z.array(z.object({ id: z.string().regex(/^\d{1,16}$/), name: z.string().max(200) })).max(10_000).optional(),
  /** The event belongs to the demo organization (reopened with the panel after a reload). */
  demo: z.boolean().optional(),
});
export type ReportPanelTarget = z.infer<typeof reportPanelTarget>;

/** The webview's saved state, as far as the host's serializer reads it. */
export const reportPanelState = z.object({ target: reportPanelTarget });

export type ReportAction = 'setApiKey' | 'resume' | 'retryFailed' | 'showLog';

/** Everything the webview may say. Anything else is ignored (and logged) by the host. */
export const fromReportWebview = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('run'), mode: z.enum(['resume', 'retryFailed', 'full', 'incremental']) }),
  z.object({ type: z.literal('cancel') }),
  z.object({ type: z.literal('export'), format: z.enum(['csv', 'json']), text: z.string().max(256 * 1024 * 1024), rows: z.number().int().nonnegative() }),
  z.object({ type: z.literal('copy'), text: z.string().max(64 * 1024 * 1024) }),
  z.object({ type: z.literal('openSlices'), attendeeId: z.string().regex(/^[1-9]\d{0,15}$/), name: z.string().max(200) }),
  z.object({ type: z.literal('command'), command: z.enum(['setApiKey', 'showLog']) }),
]);
export type FromReportWebview = z.infer<typeof fromReportWebview>;

/** The window as text, in UTC and in the event's zone (when known). */
export interface WindowText {
  utc: string;
  zone?: string;
}

/** Everything the host may say. */
export type ToReportWebview =
  /** `timeZone`: where the table shows times: 'local', 'utc' or an IANA zone (the event's, when the setting says "event"). */
  | { type: 'init'; target: ReportPanelTarget; columns: ReportColumn[]; windowText: WindowText; dayZone: string; timeZone: string }
  | { type: 'started'; runId: number; mode: ReportMode }
  | { type: 'progress'; runId: number; progress: ReportProgress }
  /** Finished rows and failures; `reset` replaces what the webview holds (a replay or a restored report). */
  | { type: 'rows'; runId: number; rows: ReportRow[]; failures: ReportFailure[]; reset?: boolean }
  /** The end of a run (or of a replay): the whole picture. `restored`: rows from storage, no run in this window. */
  | { type: 'done'; runId: number; summary: ReportSummary; daily: DayCount[]; failures: ReportFailure[]; cancelled: boolean; restored?: boolean }
  | { type: 'failed'; runId: number; message: string; status?: number; actions: ReportAction[] }
  | { type: 'timeZone'; timeZone: string }
  | { type: 'notice'; text: string };

/** "120 / 300 attendees · 9.8/s · about 18 s left", for the panel and the notification. */
export function progressText(p: ReportProgress): string {
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
