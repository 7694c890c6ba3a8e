/**
 * Copied rows as text for the clipboard (pure, no DOM): tab-separated values that paste into Excel or
 * Google Sheets as columns, or a Markdown table. Cells come as the grid shows them (model.cellText); a header
 * row of column labels comes first.
 */
import { neutralizeFormula } from './export';

/** Tabs and line breaks would start a new cell or row: they become spaces. */
function oneLine(text: string): string {
  return /[\t\r\n]/.test(text) ? text.replace(/\r\n|[\t\r\n]/g, ' ') : text;
}

/**
 * A cell in TSV, on one line; TSV is pasted into spreadsheets, so a text that would run as a formula
 * (`=HYPERLINK(…)`) gets a leading `'`, as in the CSV export.
 */
export function tsvCell(text: string): string {
  return neutralizeFormula(oneLine(text));
}

/** A cell in a Markdown table: `|` escaped as `\|`, line breaks (and tabs) as spaces. */
export function markdownCell(text: string): string {
  return oneLine(text).replace(/\|/g, '\\|');
}

/**
 * The header `labels`, then `rowCount` rows whose cells `cellAt(row, col)` gives, one line each (no line
 * break after the last).
 */
export function rowsText(format: 'tsv' | 'markdown', labels: readonly string[], rowCount: number, cellAt: (row: number, col: number) => string): string {
  const cols = labels.length;
  const lines: string[] = [];
  if (format === 'tsv') {
    lines.push(labels.map(tsvCell).join('\t'));
    for (let r = 0; r < rowCount; r++) {
      let line = '';
      for (let c = 0; c < cols; c++) line += (c > 0 ? '\t' : '') + tsvCell(cellAt(r, c));
      lines.push(line);
    }
    return lines.join('\n');
  }
  const row = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  lines.push(row(labels.map(markdownCell)), row(labels.map(() => '---')));
  const cells: string[] = new Array<string>(cols);
  for (let r = 0; r < rowCount; r++) {
    for (let c = 0; c < cols; c++) cells[c] = markdownCell(cellAt(r, c));
    lines.push(row(cells));
  }
  return lines.join('\n');
}
