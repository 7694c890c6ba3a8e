/**
 * Writes an Excel workbook (.xlsx) of a table the webview exported, with exceljs's streaming writer: a sheet of
 * the rows with typed cells, and a "Query" sheet saying what they answer. The build makes this file a bundle of
 * its own (dist/xlsx.js, esbuild.js LAZY_BUNDLES), loaded by xlsx.ts when the first workbook is written: nothing
 * of it is part of activation. It imports no module of the extension bundle (types only).
 *
 * Cells are typed: times are Excel dates of the wall clock in the table's zone (Excel dates have no zone: the
 * headers and the Query sheet name it), formatted yyyy-mm-dd hh:mm:ss; durations (seconds) and counts are numbers;
 * text (ids included) stays text, never read as a number or a formula. A time that is not an ISO 8601 instant is
 * kept as the text it was.
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

export interface WorkbookSpec {
  /** The rows' sheet: "Slices", "Report". */
  sheet: string;
  table: ExportTable;
  /** The Query sheet, one line each: what was asked, the zone, when. */
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

/** The workbook's bytes. Rejects when the zone is unknown or exceljs fails. */
export async function writeWorkbook(spec: WorkbookSpec): Promise<Buffer> {
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
  const toDate = dateOf(wallClock(spec.table.zone));
  await writeRows(workbook.addWorksheet(spec.sheet, { views: [{ state: 'frozen', ySplit: 1 }] }), spec.table, toDate);
  writeQuery(workbook.addWorksheet('Query'), spec.query, toDate);
  await workbook.commit();
  return Buffer.concat(chunks);
}

/** An instant's text → the Excel date of its wall clock, or undefined when it is not an instant Excel can hold. */
function dateOf(toWall: (ms: number) => number): (text: string) => Date | undefined {
  return (text) => {
    if (!INSTANT.test(text)) return undefined;
    const ms = Date.parse(text);
    if (!Number.isFinite(ms)) return undefined;
    const wall = toWall(ms);
    return wall >= FIRST_DATE_MS && wall < LAST_DATE_MS ? new Date(wall) : undefined;
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

async function writeRows(sheet: Worksheet, table: ExportTable, toDate: (text: string) => Date | undefined): Promise<void> {
  const { columns } = table;
  const headers = columns.map((c) => headerOf(c, table.zoneName));
  sheet.columns = columns.map((c, i) => ({
    key: c.key, width: widthOf(c, headers[i]!), ...(c.kind === 'time' ? { style: { numFmt: DATE_FORMAT } } : {}),
  }));
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  header.commit();
  const rows = columns[0]?.values.length ?? 0;
  const cell = columns.map((c): ((row: number) => Cell) => {
    if (c.kind === 'time') return (row) => {
      const v = c.values[row] ?? null;
      return v === null ? null : (toDate(v) ?? v);
    };
    if (c.kind === 'text') return (row) => {
      const v = c.values[row] ?? null;
      return v === null ? null : String(v);
    };
    return (row) => c.values[row] ?? null;
  });
  // One style object per column, shared by its cells: exceljs looks a style up once per object, not per cell.
  const styles = columns.map((c): Partial<Style> => (c.kind === 'time' ? { numFmt: DATE_FORMAT } : {}));
  for (let row = 0; row < rows; row++) {
    const line = sheet.addRow(cell.map((read) => read(row)));
    line.eachCell((c, column) => (c.style = styles[column - 1]!));
    line.commit();
    if ((row + 1) % ROWS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  if (rows > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows + 1, column: columns.length } };
  sheet.commit();
}

function writeQuery(sheet: Worksheet, items: readonly QueryItem[], toDate: (text: string) => Date | undefined): void {
  sheet.columns = [{ key: 'name', width: 24 }, { key: 'value', width: 100 }];
  for (const { name, value } of items) {
    const date = value !== null && typeof value === 'object' ? toDate(value.instant) : undefined;
    const shown: Cell = date ?? (value !== null && typeof value === 'object' ? value.instant : value);
    const row = sheet.addRow([name, shown]);
    row.getCell(1).font = { bold: true };
    if (date) row.getCell(2).numFmt = DATE_FORMAT;
    row.getCell(2).alignment = { horizontal: 'left' };
    row.commit();
  }
  sheet.commit();
}
