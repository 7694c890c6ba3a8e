/**
 * The report's table columns for the shared grid (webview/table): one per column the host names (src/reports
 * reportColumns). The grid's rows are slices by type, so report rows pass through it as opaque objects and each
 * column reads its own field. "Checked in" shows yes/no.
 */
import type { ReportColumn, ReportRow } from '../../src/protocol/report';
import type { CellValue, Column, ColumnKind, Row } from '../table/types';

/** A report row as the grid holds it. */
export const asGridRows = (rows: readonly ReportRow[]): Row[] => rows as unknown as Row[];
export const fromGridRow = (row: Row): ReportRow => row as unknown as ReportRow;

function cell(value: unknown): CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function gridColumns(columns: readonly ReportColumn[]): Column[] {
  return columns.map((c) => {
    const kind: ColumnKind = c.kind === 'boolean' ? 'text' : c.kind;
    const id = c.id as keyof ReportRow;
    return { key: c.id, label: c.label, kind, get: (row: Row) => cell(fromGridRow(row)[id]) };
  });
}
