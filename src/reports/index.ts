/**
 * The event report (pure, no vscode): who checked in, and what each attendee did, for a whole event.
 *
 * - runEventReport(options) → { rows, failures, summary, cancelled, stopped? }: one slices request per attendee
 *   through the client (paced per key), resumable from a ReportStore.
 * - summarize, dailyCounts, reportColumns: what the panel shows around the rows.
 * - reportStoreKey(target, kind, window): where a report's rows are kept; memoryReportStore() keeps them in memory.
 */
export type {
  DayCount, ReportAttendee, ReportColumn, ReportColumnKind, ReportDay, ReportFailure, ReportKind, ReportMode, ReportProgress,
  ReportResult, ReportRow, ReportStore, ReportSummary, ReportTarget, ReportWindow, RunEventReportOptions, StoredReport, SummaryMeta,
} from './types';
export { runEventReport, reportFilters, listReportAttendees, failureReason } from './run';
export { dailyCounts, reportColumns, summarize } from './summary';
export { ReportInputError, normalizeWindow, reportStoreKey } from './window';
export { memoryReportStore } from './store';
export { DayCutter, sliceKind } from './rows';
