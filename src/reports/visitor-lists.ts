/**
 * The sponsors' visitor lists: per sponsor booth its visitors (the sponsor's leads), and a summary with one row per
 * booth. The columns are defined once, as typed tables (ExportTable), and written either as CSV files (one per booth
 * and `sponsors-summary.csv`) or as the sheets of one Excel workbook (a Summary sheet, a sheet per booth, a Query
 * sheet). Pure: the host asks where, and writes. Names and emails are the attendees' as Brella gave them; a CSV cell
 * a spreadsheet would run as a formula is kept as text (csv.ts), and a workbook writes text cells as text.
 */
import { csvFile } from '../model/csv';
import { allVisitors, summarizeTrackables, type TrackableRow, type VisitorRow } from '../model/trackables';
import type { ReportPanelTarget } from '../protocol/report';
import { exportTableOf, type ExportColumnSource, type ExportTable } from '../protocol/slices';
import type { ReportRow } from './types';

export interface ListFile {
  name: string;
  text: string;
}

/** Where the workbook's times are written: 'utc', 'local' or an IANA name, and how headers name it. */
export interface ListZone {
  zone: string;
  zoneName: string;
}

/** One booth's list: what it is, its visitors, and the names of its file and its sheet (each unique). */
export interface BoothList {
  booth: TrackableRow;
  /** Its name when known, else "type id". */
  title: string;
  named: boolean;
  file: string;
  sheet: string;
  visitors: ExportTable;
}

export interface VisitorLists {
  /** Most time first. */
  booths: BoothList[];
  zone: ListZone;
  /** Visitor rows across the booths (an attendee counts once per booth visited). */
  visitors: number;
}

/** A sheet of a workbook (the shape the kit's workbook writer takes). */
export interface ListSheet {
  name: string;
  table: ExportTable;
}

/** A line of the workbook's Query sheet: text, a number, or an instant (written as a date in the zone). */
export interface ListQueryItem {
  name: string;
  value: string | number | { instant: string } | null;
}

export const SUMMARY_FILE = 'sponsors-summary.csv';
export const SUMMARY_SHEET = 'Summary';
const QUERY_SHEET = 'Query';
const UTC: ListZone = { zone: 'utc', zoneName: 'UTC' };

const VISITOR_COLUMNS: ReadonlyArray<ExportColumnSource<VisitorRow>> = [
  { key: 'attendeeId', label: 'Attendee id', kind: 'text', get: (v) => v.attendeeId },
  { key: 'name', label: 'Name', kind: 'text', get: (v) => v.name },
  { key: 'email', label: 'Email', kind: 'text', get: (v) => v.email },
  { key: 'company', label: 'Company', kind: 'text', get: (v) => v.company },
  { key: 'seconds', label: 'Time', kind: 'duration', get: (v) => v.seconds },
  { key: 'visits', label: 'Visits (slices)', kind: 'number', get: (v) => v.visits },
  { key: 'clicks', label: 'Media clicks', kind: 'number', get: (v) => v.clicks },
  { key: 'first', label: 'First visit', kind: 'time', get: (v) => v.first },
];

/** A summary row: the booth's list, and which of its names the summary gives (its file's or its sheet's). */
interface SummaryRow {
  list: BoothList;
  listName: string;
}

const SUMMARY_COLUMNS: ReadonlyArray<ExportColumnSource<SummaryRow>> = [
  { key: 'booth', label: 'Sponsor booth', kind: 'text', get: (r) => r.list.title },
  { key: 'type', label: 'Type', kind: 'text', get: (r) => r.list.booth.trackableType },
  { key: 'id', label: 'Id', kind: 'text', get: (r) => r.list.booth.trackableId },
  { key: 'visitors', label: 'Unique visitors', kind: 'number', get: (r) => r.list.booth.visitors },
  { key: 'visits', label: 'Visits (slices)', kind: 'number', get: (r) => r.list.booth.visits },
  { key: 'seconds', label: 'Total time', kind: 'duration', get: (r) => r.list.booth.seconds },
  { key: 'medianSeconds', label: 'Median time per visitor', kind: 'duration', get: (r) => r.list.booth.medianSeconds },
  { key: 'clicks', label: 'Media clicks', kind: 'number', get: (r) => r.list.booth.clicks },
  { key: 'first', label: 'First visit', kind: 'time', get: (r) => r.list.booth.first },
  { key: 'last', label: 'Last visit', kind: 'time', get: (r) => r.list.booth.last },
  { key: 'list', label: 'Visitor list', kind: 'text', get: (r) => r.listName },
];

/** A file name part: letters, digits, dot, dash and underscore only, at most `max` characters. */
const safe = (text: string, max: number): string => text.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, max) || '_';

/** A name as a file name part: lower case ASCII letters and digits joined by dashes ("Café Nord" → "cafe-nord"). */
export function slugOf(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  return ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+/, '').slice(0, 40).replace(/-+$/, '');
}

/** `base`, or `base` with the first of `suffix(2)`, `suffix(3)`, … whose result (lower-cased) is not taken yet. */
function unique(taken: Set<string>, make: (suffix: string) => string, suffix: (n: number) => string): string {
  let name = make('');
  for (let n = 2; taken.has(name.toLowerCase()); n++) name = make(suffix(n));
  taken.add(name.toLowerCase());
  return name;
}

/** `Sponsor-7-acme-corp-visitors.csv`: the booth's type and id, and its name when known. Unique, in any case. */
function fileNamer(): (booth: TrackableRow, name: string | undefined) => string {
  const taken = new Set<string>([SUMMARY_FILE]);
  return (booth, name) => {
    const slug = name === undefined ? '' : slugOf(name);
    const base = `${safe(booth.trackableType ?? 'sponsor', 40)}-${safe(booth.trackableId, 60)}${slug ? `-${slug}` : ''}`;
    return unique(taken, (suffix) => `${base}${suffix}-visitors.csv`, (n) => `-${n}`);
  };
}

/** Characters an Excel sheet name may not hold: []:*?/\ and control characters. */
const NOT_IN_SHEET_NAME = /[[\]:*?/\\\p{Cc}]+/gu;
export const SHEET_NAME_MAX = 31;

/** At most `max` UTF-16 units, never half a surrogate pair. */
const cut = (text: string, max: number): string => {
  const part = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(part) ? part.slice(0, -1) : part;
};
/** Excel refuses a name that begins or ends with an apostrophe; spaces at the ends would only confuse. */
const trimSheetName = (text: string): string => text.replace(/^['\s]+|['\s]+$/g, '');
const cleanSheetName = (text: string): string => trimSheetName(text.replace(NOT_IN_SHEET_NAME, ' ').replace(/\s+/g, ' '));

/**
 * Excel sheet names for the booths: from the name (else "type id"), without []:*?/\, at most 31 characters, never
 * empty, unique without regard to case ("Acme", "Acme (2)"); Summary, Query and History (Excel's own) are taken.
 */
function sheetNamer(): (titles: readonly string[]) => string {
  const taken = new Set<string>([SUMMARY_SHEET, QUERY_SHEET, 'History'].map((s) => s.toLowerCase()));
  return (titles) => {
    const base = titles.map(cleanSheetName).find((t) => t !== '') ?? 'Booth';
    return unique(taken, (suffix) => `${trimSheetName(cut(base, SHEET_NAME_MAX - suffix.length))}${suffix}`, (n) => ` (${n})`);
  };
}

/**
 * The lists of the report's sponsor booths, most time first. `names`: the booths' names by trackable key
 * (TrackableRow.key); `zone`: where a workbook writes their times (CSV files write UTC).
 */
export function visitorListTables(rows: readonly ReportRow[], names: ReadonlyMap<string, string> = new Map(), zone: ListZone = UTC): VisitorLists {
  // The booths' visits alone: streams (a third of the visits, and their 15-minute buckets) are none of the lists'.
  const booths = summarizeTrackables(rows, 'sponsor').trackables;
  const visitors = allVisitors(rows, 'sponsor');
  const fileOf = fileNamer();
  const sheetOf = sheetNamer();
  let total = 0;
  const lists = booths.map((booth): BoothList => {
    const name = names.get(booth.key)?.trim() || undefined;
    const byTypeAndId = `${booth.trackableType ?? ''} ${booth.trackableId}`.trim();
    const list = visitors.get(booth.key) ?? [];
    total += list.length;
    return {
      booth, title: name ?? byTypeAndId, named: name !== undefined, file: fileOf(booth, name), sheet: sheetOf([name ?? '', byTypeAndId]),
      visitors: exportTableOf(list, VISITOR_COLUMNS, zone),
    };
  });
  return { booths: lists, zone, visitors: total };
}

/** The summary table; its "Visitor list" column names each booth's file or its sheet. */
export function summaryTable(lists: VisitorLists, by: 'file' | 'sheet'): ExportTable {
  return exportTableOf(lists.booths.map((list) => ({ list, listName: list[by] })), SUMMARY_COLUMNS, lists.zone);
}

/** A column's header in a CSV file: times are UTC, durations in seconds (as the workbook names them in its zone). */
const csvHeader = (column: ExportTable['columns'][number]): string =>
  column.kind === 'time' ? `${column.header} (UTC)` : column.kind === 'duration' ? `${column.header} (s)` : column.header;

/** ISO 8601 in UTC to the millisecond, as the report writes its instants. */
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** An instant as ISO 8601 text in UTC; text that is not an instant stays as it is. */
const utcText = (text: string): string => {
  if (ISO_UTC.test(text)) return text;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : text;
};

/** A table as a CSV file (csv.ts: formula-looking text kept as text, a byte order mark, CRLF). */
export function csvOfTable(table: ExportTable): string {
  const { columns } = table;
  const cells = columns.map((c) => c.values);
  const times = columns.map((c) => c.kind === 'time');
  const count = columns[0]?.values.length ?? 0;
  const rows = Array.from({ length: count }, (_, row) => cells.map((values, i) => {
    const v = values[row] ?? null;
    return times[i] && typeof v === 'string' ? utcText(v) : v;
  }));
  return csvFile(columns.map(csvHeader), rows);
}

/** One CSV per booth, then `sponsors-summary.csv`. */
export function visitorListFiles(lists: VisitorLists): ListFile[] {
  const files = lists.booths.map((b) => ({ name: b.file, text: csvOfTable(b.visitors) }));
  files.push({ name: SUMMARY_FILE, text: csvOfTable(summaryTable(lists, 'file')) });
  return files;
}

/** The CSV files of the report's sponsor booths (see visitorListTables), and how many booths have one. */
export function sponsorVisitorLists(rows: readonly ReportRow[], names?: ReadonlyMap<string, string>): { files: ListFile[]; sponsors: number } {
  const lists = visitorListTables(rows, names);
  return { files: visitorListFiles(lists), sponsors: lists.booths.length };
}

export interface ListsAbout {
  target: Pick<ReportPanelTarget, 'organizationId' | 'eventId' | 'eventName' | 'window'>;
  /** When exported (ISO). */
  exportedAt: string;
}

/** A workbook's sheets, in order: Summary, then a sheet per booth (the Query sheet is `query`). */
export function visitorListSheets(lists: VisitorLists): ListSheet[] {
  return [{ name: SUMMARY_SHEET, table: summaryTable(lists, 'sheet') }, ...lists.booths.map((b) => ({ name: b.sheet, table: b.visitors }))];
}

/** The Query sheet: the event, the report's window, what the lists hold, the zone of their times, when exported. */
export function visitorListsQuery(lists: VisitorLists, about: ListsAbout): ListQueryItem[] {
  const t = about.target;
  return [
    { name: 'Query', value: 'Sponsor visitor lists of an event report (Engagement)' },
    { name: 'Organization', value: t.organizationId },
    { name: 'Event', value: `${t.eventName} (${t.eventId})` },
    { name: 'Window from', value: { instant: t.window.startFrom } },
    { name: 'Window to', value: t.window.startTo ? { instant: t.window.startTo } : 'open (no end)' },
    { name: 'Sponsor booths', value: lists.booths.length },
    { name: 'Booths named', value: lists.booths.filter((b) => b.named).length },
    { name: 'Visitors listed', value: lists.visitors },
    { name: 'Time zone', value: `${lists.zone.zoneName} (times are the wall clock in this zone; Excel dates have no zone)` },
    { name: 'Exported at', value: { instant: about.exportedAt } },
  ];
}
