/**
 * The event report (pure, no vscode): who checked in, and what each attendee did, for a whole event.
 *
 * - Ledger: the one owner of a report's state (the attendee list, each attendee's last answer); a report is a pure
 *   function of it. Stored as append-only lines (ledger-lines.ts), each checked when read.
 * - runLedger(options) asks what the ledger's plan says; runEventReport(options) opens, runs and returns in one call.
 * - summarize, dailyCounts, reportColumns: what the panel shows around the rows.
 * - reportStoreKey(target, kind, window, who): where a report's ledger is kept; memoryReportStore() keeps it in memory.
 */
export type {
  DayCount, ReportAttendee, ReportColumn, ReportColumnKind, ReportDay, ReportFailure, ReportKind, ReportMode, ReportPause, ReportProgress,
  ReportResult, ReportRow, ReportStore, ReportSummary, ReportTarget, ReportWho, ReportWindow, RunEventReportOptions,
} from './types';
export { Ledger, windowOpen, type Ask, type LedgerSpec, type Plan } from './ledger';
export { reportSliceFilters } from '../model/presence';
export { runLedger, listReportAttendees, defaultConcurrency, type LedgerRunOutcome } from './run';
export { checkReportInput, openLedger, runEventReport, syncLedger, uniqueAttendees, withListedDetails } from './report';
export { dailyCounts, reportColumns, summarize, type SummaryMeta } from './summary';
export { ReportInputError, checkId, normalizeWindow, parseInstant, reportStoreKey } from './window';
export { LineWriter, memoryReportStore } from './store';
export { OUTAGE_BURST, pauseOf } from './pause';
export { DayCutter, sliceKind, type RowMarks } from './rows';
export { sponsorVisitorLists, type ListFile } from './visitor-lists';
export {
  planNaming, resolveNames, sessionAsker, parseNames, serializeNames, rememberNames, trackableNameKey, visitNameKey,
  type AskSessions, type NamingPlan, type NamingProgress, type NamingResult, type NamingStep,
} from './naming';
