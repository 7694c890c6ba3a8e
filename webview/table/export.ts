/**
 * CSV and JSON export of table rows. Pure functions (no DOM), so the extension host can import
 * them too.
 *
 * CSV follows RFC 4180: a header row of column labels, CRLF after every record, fields quoted
 * when they contain a comma, a double quote, CR or LF, with inner quotes doubled. Values are
 * the raw data, not display text: times are the ISO strings as the API gave them (UTC), durations
 * are whole seconds (their header gets " (s)"), null is an empty field.
 *
 * The file starts with a UTF-8 byte order mark: without it Excel reads the file in the system's
 * code page and mangles names such as "Jürgen" or "Łukasz". Text that a spreadsheet would run as
 * a formula (see {@link neutralizeFormula}) gets a leading `'`; numbers stay numbers.
 */
import type { CellValue, Column, Row } from './types';

/** U+FEFF, written as the bytes EF BB BF: tells Excel the file is UTF-8. */
export const CSV_BOM = '\uFEFF';

/** Characters that make Excel, LibreOffice or Google Sheets read a cell as a formula (tab and CR included). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain decimal number such as -5, +3.25 or -1e3: a spreadsheet reads it as that number, never as a formula. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * CSV injection: a text cell that begins with `=`, `+`, `-`, `@`, a tab or a CR is prefixed with `'`, so a
 * spreadsheet shows it as text instead of running it (`=HYPERLINK(…)`, `@SUM(…)`, `-2+3+cmd|…`). A plain number
 * written as text (`-5`) is left as it is.
 */
export function neutralizeFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
}

/** One cell: numbers as they are (`-5` stays `-5`), text neutralized and quoted as needed, null empty. */
export function csvCell(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return csvField(neutralizeFormula(value));
}

function header(col: Column): string {
  return col.kind === 'duration' ? col.label + ' (s)' : col.label;
}

export function toCsv(rows: readonly Row[], columns: readonly Column[]): string {
  const lines: string[] = [columns.map((c) => csvCell(header(c))).join(',')];
  for (const row of rows) {
    let line = '';
    for (let c = 0; c < columns.length; c++) {
      if (c > 0) line += ',';
      line += csvCell(columns[c]!.get(row));
    }
    lines.push(line);
  }
  return CSV_BOM + lines.join('\r\n') + '\r\n';
}

/** The rows as given (all fields, `extra` included), pretty-printed. */
export function toJson(rows: readonly Row[]): string {
  return JSON.stringify(rows, null, 2);
}
