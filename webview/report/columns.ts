/**
 * The report's table columns for the shared grid (webview/table): one per column the host names (src/reports
 * reportColumns). The grid's rows are slices by type, so report rows pass through it as opaque objects and each
 * column reads its own field. "Checked in" shows yes/no.
 */
import { shownTable, type ExportTable, type ReportColumn, type ReportRow } from '../../src/protocol/report';
import type { CellValue, Column, ColumnKind, GridHandle, Row } from '../table/types';
import { localZoneName } from '../table/zones';
import { t } from '../shared/l10n';

/** A report row as the grid holds it. */
export const asGridRows = (rows: readonly ReportRow[]): Row[] => rows as unknown as Row[];
export const fromGridRow = (row: Row): ReportRow => row as unknown as ReportRow;

function cell(value: unknown): CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
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

/** The rows and columns shown, with raw values and times in `zone` (the table's), for an Excel workbook. */
export function reportTable(grid: GridHandle, columns: readonly ReportColumn[], zone: string): ExportTable {
  const all = gridColumns(columns);
  const local = localZoneName();
  const zoneName = zone === 'utc' ? t('UTC') : zone === 'local' ? (local ? t('local time {0}', local) : t('local time')) : zone;
  return shownTable(grid, (key) => all.find((c) => c.key === key)?.get, { zone, zoneName });
}
