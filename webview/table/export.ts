/**
 * CSV and JSON export of table rows. Pure functions (no DOM), so the extension host can import
 * them too.
 *
 * CSV follows RFC 4180: a header row of column labels, CRLF after every record, fields quoted
 * when they contain a comma, a double quote, CR or LF, with inner quotes doubled. Values are
 * the raw data, not display text: times are the ISO strings as the API gave them (UTC), durations
 * are whole seconds (their header gets " (s)"), null is an empty field.
 */
import type { Column, Row } from './types';

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
}

function header(col: Column): string {
  return col.kind === 'duration' ? col.label + ' (s)' : col.label;
}

export function toCsv(rows: readonly Row[], columns: readonly Column[]): string {
  const lines: string[] = [columns.map((c) => csvField(header(c))).join(',')];
  for (const row of rows) {
    let line = '';
    for (let c = 0; c < columns.length; c++) {
      const v = columns[c]!.get(row);
      if (c > 0) line += ',';
      if (v !== null) line += csvField(String(v));
    }
    lines.push(line);
  }
  return lines.join('\r\n') + '\r\n';
}

/** The rows as given (all fields, `extra` included), pretty-printed. */
export function toJson(rows: readonly Row[]): string {
  return JSON.stringify(rows, null, 2);
}
