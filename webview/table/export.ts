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
import { CSV_BOM, csvCell } from '../../src/model/csv';
import { parseIsoMs } from './format';
import type { CellValue, Column, Row, TimeZone } from './types';
import { isoInZone } from './zones';

/**
 * Times of an export written in a zone: each time column's header names it ("Start (Europe/Helsinki)") and
 * its values are ISO 8601 with that zone's offset (2023-05-10T10:00:00.000+03:00); in UTC, Brella's own text.
 */
export interface ExportZone {
  zone: TimeZone;
  /** How the header names it: "UTC", "Europe/Helsinki", "local, Europe/Berlin". */
  name: string;
}

function inZone(value: CellValue, zone: TimeZone): CellValue {
  if (typeof value !== 'string' || zone === 'utc') return value;
  const ms = parseIsoMs(value);
  return Number.isFinite(ms) ? isoInZone(ms, zone) : value;
}

// The cell rules (byte order mark, quoting, formulas kept as text) have one home, shared with the host.
export { CSV_BOM, csvCell, csvField, neutralizeFormula } from '../../src/model/csv';

function header(col: Column, zone: ExportZone | undefined): string {
  if (col.kind === 'time' && zone !== undefined) return `${col.label} (${zone.name})`;
  return col.kind === 'duration' ? col.label + ' (s)' : col.label;
}

export function toCsv(rows: readonly Row[], columns: readonly Column[], zone?: ExportZone): string {
  const lines: string[] = [columns.map((c) => csvCell(header(c, zone))).join(',')];
  const shift = columns.map((c) => zone !== undefined && c.kind === 'time');
  for (const row of rows) {
    let line = '';
    for (let c = 0; c < columns.length; c++) {
      if (c > 0) line += ',';
      const value = columns[c]!.get(row);
      line += csvCell(shift[c] ? inZone(value, zone!.zone) : value);
    }
    lines.push(line);
  }
  return CSV_BOM + lines.join('\r\n') + '\r\n';
}

/**
 * The rows as given (all fields, `extra` included), pretty-printed. With a zone, each row also names it
 * (`timeZone`) and carries its times in it (`startTimeInZone`, … for the time columns among `columns`).
 */
export function toJson(rows: readonly Row[], zone?: ExportZone, columns: readonly Column[] = []): string {
  if (zone === undefined) return JSON.stringify(rows, null, 2);
  const times = columns.filter((c) => c.kind === 'time' && !c.key.includes('.'));
  return JSON.stringify(
    rows.map((row) => {
      const out: Record<string, unknown> = { ...row, timeZone: zone.name };
      for (const c of times) out[`${c.key}InZone`] = inZone(c.get(row), zone.zone);
      return out;
    }),
    null,
    2,
  );
}
