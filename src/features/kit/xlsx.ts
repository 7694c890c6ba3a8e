/**
 * Excel export, the host's part apart from the save dialog (panels.ts exportToFile): what the "Query" sheet says
 * for a slices table and for an event report, and the workbook's bytes, written by xlsx-workbook.ts. That module
 * is a bundle of its own (dist/xlsx.js, with exceljs), loaded here with the first workbook, never at activation.
 * No `vscode` import. The API key is never part of a workbook: the request is described by its URL alone.
 */
import type { ExportTable, PanelTarget } from '../../protocol/slices';
import type { ReportPanelTarget, ReportSummary } from '../../protocol/report';
import type { QueryItem, TableSheet } from './xlsx-workbook';

export type { QueryItem, QueryValue, TableSheet } from './xlsx-workbook';

/** The workbook of a table: `sheet` holds its rows, "Query" the items. Loads dist/xlsx.js the first time. */
export async function workbookBytes(sheet: string, table: ExportTable, query: readonly QueryItem[]): Promise<Uint8Array> {
  return sheetsWorkbookBytes([{ name: sheet, table }], query);
}

/** The workbook of several tables, a sheet each in this order, then "Query". Loads dist/xlsx.js the first time. */
export async function sheetsWorkbookBytes(sheets: readonly TableSheet[], query: readonly QueryItem[]): Promise<Uint8Array> {
  const { writeWorkbook } = await import('./xlsx-workbook');
  return writeWorkbook({ sheets, query });
}

/** Rows in the table (every column holds one value per row). */
export const tableRows = (table: ExportTable): number => table.columns[0]?.values.length ?? 0;

export interface SliceQuery {
  target: PanelTarget;
  /** The first request of the run, as the client sends it, without its key; undefined when it cannot be told. */
  url: string | undefined;
  /** The form's values of the run (API names). */
  filters: Record<string, unknown> | undefined;
  /** When the run shown finished (ISO), when known. */
  ranAt: string | undefined;
  exportedAt: string;
}

/** The Query sheet of a slices table: the attendee, the request and its filters, then the table's own items. */
export function sliceQuery(q: SliceQuery, table: ExportTable): QueryItem[] {
  const t = q.target;
  return [
    { name: 'Query', value: 'Tracking session slices of one attendee' },
    { name: 'Organization', value: t.organizationId },
    { name: 'Event', value: `${t.eventName} (${t.eventId})` },
    { name: 'Attendee', value: `${t.attendeeName} (${t.attendeeId})` },
    { name: 'Request', value: q.url ?? 'unknown (no run, or its filters are no longer valid)' },
    ...Object.entries(q.filters ?? {}).map(([name, value]) => ({ name: `Filter ${name}`, value: filterText(value) })),
    { name: 'Ran at', value: q.ranAt ? { instant: q.ranAt } : 'unknown' },
    ...tableItems(table, q.exportedAt),
  ];
}

export interface ReportQuery {
  target: ReportPanelTarget;
  /** The summary as the panel shows it, when one came. */
  summary: ReportSummary | undefined;
  /** When the last run of this panel finished (ISO), when known. */
  ranAt: string | undefined;
  exportedAt: string;
}

/** The Query sheet of an event report: event, kind, who, window, the summary figures, then the table's items. */
export function reportQuery(q: ReportQuery, table: ExportTable): QueryItem[] {
  const t = q.target;
  const s = q.summary;
  const who = t.who === 'all' ? 'All attendees' : `Configured attendees (${t.attendees?.length ?? 0})`;
  return [
    { name: 'Query', value: `Event report (${t.kind})` },
    { name: 'Organization', value: t.organizationId },
    { name: 'Event', value: `${t.eventName} (${t.eventId})` },
    { name: 'Kind', value: t.kind === 'presence' ? 'Presence (time in the app)' : 'Engagement (time in the app, streams, sponsor booths)' },
    { name: 'Who', value: who },
    { name: 'Window from', value: { instant: t.window.startFrom } },
    { name: 'Window to', value: t.window.startTo ? { instant: t.window.startTo } : 'open (no end)' },
    ...(s ? summaryItems(s) : [{ name: 'Summary', value: 'none yet' }]),
    { name: 'Ran at', value: q.ranAt ? { instant: q.ranAt } : 'unknown (rows kept from an earlier run)' },
    ...tableItems(table, q.exportedAt),
  ];
}

function summaryItems(s: ReportSummary): QueryItem[] {
  return [
    { name: 'Days cut in', value: s.dayZone },
    { name: 'Attendees', value: s.attendees },
    { name: 'Checked in', value: s.checkedIn },
    { name: 'Not checked in', value: s.notCheckedIn },
    { name: 'Checked in (%)', value: s.percent },
    { name: 'Failed', value: s.failures },
    { name: 'Not asked yet', value: s.missing },
    ...(s.listedAt ? [{ name: 'Attendees listed at', value: { instant: s.listedAt } }] : []),
  ];
}

/** What the table itself says: its rows, filter, the zone of its times, and when it was exported. */
function tableItems(table: ExportTable, exportedAt: string): QueryItem[] {
  return [
    { name: 'Rows exported', value: tableRows(table) },
    ...(table.totalRows !== undefined ? [{ name: 'Rows loaded', value: table.totalRows }] : []),
    ...(table.filter ? [{ name: 'Table filter', value: table.filter }] : []),
    { name: 'Time zone', value: `${table.zoneName} (times are the wall clock in this zone; Excel dates have no zone)` },
    { name: 'Exported at', value: { instant: exportedAt } },
  ];
}

function filterText(value: unknown): string | number {
  if (Array.isArray(value)) return value.map(String).join(', ');
  return typeof value === 'number' ? value : String(value);
}
