/*
 * Types for the one exceljs file xlsx-workbook.ts loads: the streaming workbook writer. exceljs's index loads its
 * reader, CSV and in-memory workbook too, which an export never runs; this is the very class it exports as
 * `stream.xlsx.WorkbookWriter`.
 */
declare module 'exceljs/lib/stream/xlsx/workbook-writer.js' {
  import type { stream } from 'exceljs';
  const WorkbookWriter: typeof stream.xlsx.WorkbookWriter;
  export = WorkbookWriter;
}
