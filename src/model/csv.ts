/**
 * CSV cells, one home for the rules (the webview's table export and the host's visitor lists): RFC 4180 quoting,
 * and text a spreadsheet would run as a formula kept as text. Pure.
 */

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
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  return csvField(neutralizeFormula(value));
}

/** A CSV file: the byte order mark, a header, one line per row, CRLF after every record. */
export function csvFile(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
  const lines = [header.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))];
  return CSV_BOM + lines.join('\r\n') + '\r\n';
}
