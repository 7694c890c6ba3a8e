/**
 * Writes an Excel workbook (.xlsx) of tables with exceljs's streaming writer: a sheet of rows with typed cells per
 * table (the one table the webview exported; or the sponsors' visitor lists, a summary and a sheet per booth), then
 * a "Query" sheet saying what they answer. The build makes this file a bundle of its own (dist/xlsx.js, esbuild.js
 * LAZY_BUNDLES), loaded by xlsx.ts when the first workbook is written: nothing of it is part of activation. It
 * imports no module of the extension bundle (types only).
 *
 * Cells are typed: times are Excel dates of the wall clock in the table's zone (Excel dates have no zone: the
 * headers and the Query sheet name it), formatted yyyy-mm-dd hh:mm:ss; durations (seconds) and counts are numbers;
 * text (ids included) stays text, never read as a number or a formula. A time that is not an ISO 8601 instant is
 * kept as the text it was.
 *
 * exceljs writes the workbook: its parts, each sheet's columns, views, header row and filter, and the Query sheet.
 * The rows of a table are written here as the sheet's XML, many rows at a time (rowXml): exceljs's own rows make a
 * dozen objects per cell, and took twice as long for the 200 000 rows of the sponsors' visitor lists.
 */
import { Writable } from 'node:stream';
import type { Style, Worksheet } from 'exceljs';
import WorkbookWriter from 'exceljs/lib/stream/xlsx/workbook-writer.js';
import type { ExportTable } from '../../protocol/slices';
import { wallClock } from './xlsx-zone';

/** A value of the Query sheet: text, a number, an instant (written as a date in the table's zone), or nothing. */
export type QueryValue = string | number | { instant: string } | null;
export interface QueryItem {
  name: string;
  value: QueryValue;
}

/** One table's sheet. Its name is Excel's: at most 31 characters, none of []:*?/\, unique whatever the case. */
export interface TableSheet {
  name: string;
  table: ExportTable;
}

export interface WorkbookSpec {
  /** The rows' sheet: "Slices", "Report". */
  sheet: string;
  table: ExportTable;
  /** The Query sheet, one line each: what was asked, the zone, when. */
  query: readonly QueryItem[];
}

/** A workbook of several tables, a sheet each in this order, then the Query sheet (its times in the first's zone). */
export interface SheetsSpec {
  sheets: readonly TableSheet[];
  query: readonly QueryItem[];
}

export const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';
/** Excel counts days from 1900 and takes 1900 for a leap year: its dates before March 1900 are a day off. */
const FIRST_DATE_MS = Date.UTC(1900, 2, 1);
/** Excel's last date, 9999-12-31. */
const LAST_DATE_MS = Date.UTC(10000, 0, 1);
/** An instant with a zone (Z or an offset), as Brella writes them. */
const INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/i;
/** Rows written between two pauses, so the extension host keeps answering while a large table is written. */
const ROWS_PER_TURN = 2_000;

type Cell = string | number | Date | null;
/** An instant's text → the ms of its wall clock in the zone (read as UTC), or undefined (see wallMsOf). */
type ToWall = (text: string) => number | undefined;

/** Rows of XML handed to the sheet's stream at once. */
const ROWS_PER_WRITE = 200;
const DAY_MS = 86_400_000;
/** The Excel date of 1970-01-01 00:00 (Excel counts days from 1900-01-00, 1900 taken for a leap year). */
const EXCEL_1970 = 25_569;

/**
 * What this file uses of exceljs's streaming writer beyond its types (exceljs 4.4, pinned by the lockfile; the
 * unit tests read every kind of cell back): a sheet's XML stream, and the workbook's styles, for a style's id.
 */
interface SheetStream {
  stream: { write(xml: string): unknown };
}
interface WorkbookStyles {
  styles: { addStyleModel(style: Partial<Style>): number };
}

/** The workbook's bytes. Rejects when a zone is unknown, no sheet is given, or exceljs fails. */
export async function writeWorkbook(spec: WorkbookSpec | SheetsSpec): Promise<Buffer> {
  const sheets = 'sheets' in spec ? spec.sheets : [{ name: spec.sheet, table: spec.table }];
  if (sheets.length === 0) throw new Error('A workbook needs a table to write.');
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const workbook = new WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Brella Explorer';
  workbook.lastModifiedBy = 'Brella Explorer';
  const zones = new Map<string, ToWall>();
  const toWallIn = (zone: string): ToWall => {
    let toWall = zones.get(zone);
    if (!toWall) zones.set(zone, (toWall = wallMsOf(wallClock(zone))));
    return toWall;
  };
  const dateStyle = (workbook as unknown as WorkbookStyles).styles.addStyleModel({ numFmt: DATE_FORMAT });
  const pause = pauser();
  for (const { name, table } of sheets) {
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    await writeRows(sheet, table, { toWall: toWallIn(table.zone), dateStyle, pause });
  }
  writeQuery(workbook.addWorksheet('Query'), spec.query, toWallIn(sheets[0]!.table.zone));
  await workbook.commit();
  return Buffer.concat(chunks);
}

/** Resolves after every ROWS_PER_TURN rows across the sheets, so the extension host keeps answering. */
function pauser(): () => Promise<void> | undefined {
  let rows = 0;
  return () => (++rows % ROWS_PER_TURN === 0 ? new Promise((resolve) => setImmediate(resolve)) : undefined);
}

/** An instant's text → the ms of its wall clock, or undefined when it is not an instant Excel can hold as a date. */
function wallMsOf(toWall: (ms: number) => number): ToWall {
  return (text) => {
    if (!INSTANT.test(text)) return undefined;
    const ms = Date.parse(text);
    if (!Number.isFinite(ms)) return undefined;
    const wall = toWall(ms);
    return wall >= FIRST_DATE_MS && wall < LAST_DATE_MS ? wall : undefined;
  };
}

/** A column's header, as the CSV export names it: times name the zone, durations their unit. */
export function headerOf(column: ExportTable['columns'][number], zoneName: string): string {
  if (column.kind === 'time') return `${column.header} (${zoneName})`;
  return column.kind === 'duration' ? `${column.header} (s)` : column.header;
}

/** Characters wide: the header, or the longest of the first values, within bounds. */
function widthOf(column: ExportTable['columns'][number], header: string): number {
  if (column.kind === 'time') return Math.max(header.length + 2, 20);
  let longest = header.length;
  for (let i = 0; i < Math.min(column.values.length, 200); i++) longest = Math.max(longest, String(column.values[i] ?? '').length);
  return Math.min(Math.max(longest + 2, 8), 60);
}

interface RowsContext {
  toWall: ToWall;
  /** The style id of the date cells. */
  dateStyle: number;
  pause: () => Promise<void> | undefined;
}

async function writeRows(sheet: Worksheet, table: ExportTable, context: RowsContext): Promise<void> {
  const { columns } = table;
  const headers = columns.map((c) => headerOf(c, table.zoneName));
  sheet.columns = columns.map((c, i) => ({
    key: c.key, width: widthOf(c, headers[i]!), ...(c.kind === 'time' ? { style: { numFmt: DATE_FORMAT } } : {}),
  }));
  // exceljs writes the header row, and before it the sheet's columns and the start of its data.
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  header.commit();
  const rows = columns[0]?.values.length ?? 0;
  const cells = columns.map((c, i) => cellXml(c, columnName(i + 1), context));
  const { stream } = sheet as unknown as SheetStream;
  let batch = '';
  for (let row = 0; row < rows; row++) {
    batch += rowXml(row, cells);
    if ((row + 1) % ROWS_PER_WRITE === 0) {
      stream.write(batch);
      batch = '';
    }
    const turn = context.pause();
    if (turn) await turn;
  }
  if (batch) stream.write(batch);
  if (rows > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows + 1, column: columns.length } };
  sheet.commit();
}

/** A row of the table (0: the first below the header, row 2 of the sheet) as XML: its cells that hold a value. */
function rowXml(row: number, cells: ReadonlyArray<(row: number, line: number) => string>): string {
  const line = row + 2;
  let xml = `<row r="${line}">`;
  for (const cell of cells) xml += cell(row, line);
  return `${xml}</row>`;
}

/**
 * A column's cell at a row, as XML (empty for no value): a time as an Excel date (a day count) with the date
 * style; a number as a number; text, and a time that is not an instant, as a string (t="str", a value and never a
 * formula: no <f> element is ever written).
 */
function cellXml(column: ExportTable['columns'][number], name: string, context: RowsContext): (row: number, line: number) => string {
  const text = (line: number, value: string): string => `<c r="${name}${line}" t="str"><v>${xmlText(value)}</v></c>`;
  if (column.kind === 'time') {
    const { values } = column;
    return (row, line) => {
      const v = values[row] ?? null;
      if (v === null) return '';
      const wall = context.toWall(v);
      return wall === undefined ? text(line, v) : `<c r="${name}${line}" s="${context.dateStyle}"><v>${EXCEL_1970 + wall / DAY_MS}</v></c>`;
    };
  }
  if (column.kind === 'text') {
    const { values } = column;
    return (row, line) => {
      const v = values[row] ?? null;
      return v === null ? '' : text(line, String(v));
    };
  }
  const { values } = column;
  return (row, line) => {
    const v = values[row];
    return typeof v === 'number' && Number.isFinite(v) ? `<c r="${name}${line}"><v>${v}</v></c>` : '';
  };
}

/** The column's letters: 1 → A, 26 → Z, 27 → AA. */
function columnName(n: number): string {
  let name = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) name = String.fromCharCode(65 + ((k - 1) % 26)) + name;
  return name;
}

/** Characters XML 1.0 cannot hold (control characters but tab, line feed and carriage return): left out. */
// eslint-disable-next-line no-control-regex -- these are the characters to find
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;
// eslint-disable-next-line no-control-regex -- as NOT_XML, and the three characters to escape
const XML_SPECIAL = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Text as an element's content: `&`, `<` and `>` escaped, characters XML cannot hold left out. */
function xmlText(text: string): string {
  return XML_SPECIAL.test(text) ? text.replace(NOT_XML, '').replace(/[&<>]/g, (c) => XML_ESCAPES[c]!) : text;
}

function writeQuery(sheet: Worksheet, items: readonly QueryItem[], toWall: ToWall): void {
  sheet.columns = [{ key: 'name', width: 24 }, { key: 'value', width: 100 }];
  for (const { name, value } of items) {
    const wall = value !== null && typeof value === 'object' ? toWall(value.instant) : undefined;
    const date = wall === undefined ? undefined : new Date(wall);
    const shown: Cell = date ?? (value !== null && typeof value === 'object' ? value.instant : value);
    const row = sheet.addRow([name, shown]);
    row.getCell(1).font = { bold: true };
    if (date) row.getCell(2).numFmt = DATE_FORMAT;
    row.getCell(2).alignment = { horizontal: 'left' };
    row.commit();
  }
  sheet.commit();
}
