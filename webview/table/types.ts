/**
 * Types shared by the table model, the grid and their tests. DOM-free on purpose, so node-side
 * code (tests, the extension host) can import them without the DOM lib.
 */
import type { TrackingSessionSlice } from '../../src/model/types';

export type Row = TrackingSessionSlice;
export type ColumnKind = 'text' | 'number' | 'time' | 'duration';
/** What `Column.get` returns: raw data, not display text (times stay ISO strings, durations seconds). */
export type CellValue = string | number | null;

export interface Column {
  key: string;
  label: string;
  kind: ColumnKind;
  get(row: Row): CellValue;
}

export type SortDir = 'asc' | 'desc';
export interface SortSpec {
  key: string;
  dir: SortDir;
}

/** This computer's zone, UTC, or an IANA zone name (Europe/Helsinki) whose wall clock is shown without a suffix. */
export type TimeZone = 'local' | 'utc' | (string & {});

export interface TypeTotal {
  trackingType: string;
  count: number;
  seconds: number;
}

export interface Summary {
  /** Rows that pass the filter. */
  count: number;
  totalSeconds: number;
  /** One entry per tracking type, most seconds first (ties by name). */
  byType: TypeTotal[];
}

export interface ColumnState {
  key: string;
  label: string;
  kind: ColumnKind;
  hidden: boolean;
  pinned: boolean;
  /** Its place among all columns as they show (pinned first, in pin order; a hidden one where it would show). */
  order: number;
}

/**
 * Column widths and order as the user left them, for a panel to save (and give back as `columnOrder`,
 * `columnWidths` and `pinnedColumns`). Moving a pinned column changes the pin order, so that comes too.
 */
export interface ColumnLayout {
  /** Column keys in the order set (see GridState.columnOrder). */
  order: string[];
  /** Widths the user set, in CSS pixels by column key; the others are sized from their content. */
  widths: Record<string, number>;
  pinned: string[];
}

export interface GridState {
  /** All rows loaded. */
  totalRows: number;
  /** Rows that pass the filter. */
  rowCount: number;
  sort: SortSpec | null;
  filter: string;
  timeZone: TimeZone;
  hiddenColumns: string[];
  /** Column keys pinned to the left edge, in the order they show (as set, hidden ones included). */
  pinnedColumns: string[];
  /** Every column the grid has, in the order set (`columnOrder`, then the new ones); `order` says where each shows. */
  columns: ColumnState[];
  /**
   * The column order as set (by the user or `columnOrder`; empty: the columns' own order): keys
   * of columns the grid does not have are kept for when they come back.
   */
  columnOrder: string[];
  /** Widths the user set, in CSS pixels by column key. */
  columnWidths: Record<string, number>;
  /**
   * row: position among filtered rows (an index into `rows()`), -1 for the header row and for a group's header
   * row, whose key is then `group`; col: index among visible columns.
   */
  activeCell: { row: number; col: number; key: string; group?: string } | null;
  summary: Summary;
  /**
   * Present while the filter has tested only some rows (right after a change, at many rows): `rowCount`, `summary`
   * and `rows()` are those found so far, the first of the result in order; the grid goes on between frames.
   */
  filtering?: true;
  /** The column the rows are grouped by (as set, even while no such column exists), or null. */
  groupBy: string | null;
  /** Keys of the groups shown collapsed (see RowGroup.key). */
  collapsedGroups: string[];
}

/**
 * What a copy holds: the active cell's text, or the selected rows (the active row when none is selected) with
 * a header of the visible column labels, tab-separated or as a Markdown table.
 */
export type CopyFormat = 'cell' | 'tsv' | 'markdown';

export interface GridOptions {
  /**
   * Ctrl/Cmd+C: the active cell's text, or the selected rows as TSV with a header when several are selected;
   * Ctrl/Cmd+Shift+C: the selected rows (or the active row) as TSV with a header. Also called by `copy`.
   */
  onCopy?: (text: string) => void;
  /** false: Ctrl/Cmd+Shift+C is not the grid's (a page that binds it to something else); Ctrl/Cmd+C still copies. */
  shiftCopiesRows?: boolean;
  /** Called when the user sorts from the header (mouse or keyboard); not for `sortBy` calls. */
  onSortChange?: (sort: SortSpec | null) => void;
  /** Called after rows, filter, sort, time zone or columns change (for a summary line, say). */
  onChange?: (state: GridState) => void;
  timeZone?: TimeZone;
  hiddenColumns?: string[];
  /** Columns shown first, in this order, that stay in view while the table scrolls sideways. */
  pinnedColumns?: readonly string[];
  /** A saved column order (see GridState.columnOrder): unknown keys are ignored, columns it lacks come after. */
  columnOrder?: readonly string[];
  /** Saved column widths in CSS pixels by key, each clamped to 40–1000; unknown keys are ignored. */
  columnWidths?: Readonly<Record<string, number>>;
  /**
   * The user resized or moved a column: dragged its header's edge or the header, pressed Alt+Shift+Left/Right or
   * Alt+Left/Right on it, double-clicked the edge (back to its own width), or `moveColumn` (the Columns ▾ chooser's
   * Move buttons). A resize by dragging calls it once, when the drag ends.
   */
  onColumnsChange?: (layout: ColumnLayout) => void;
  /** Groups the rows by this column (see GridHandle.groupBy), with these groups collapsed. */
  groupBy?: string | null;
  collapsedGroups?: readonly string[];
  /** The grid's accessible name. Default "Tracking session slices". */
  label?: string;
  /** Pixels; fixed for every row. Default 24. */
  rowHeight?: number;
  /** Extra rows kept rendered above and below the viewport. Default 8. */
  overscan?: number;
  /**
   * Fixed columns instead of the slice columns (no `extra.*` discovery), for tables of other rows (the event
   * report). The first column breaks sort ties, as `id` does for slices.
   */
  columns?: readonly Column[];
  /** The column that breaks sort ties instead of the first: an id, whose numbers order faster than names. */
  tieKey?: string;
  /** A row was chosen: Enter on one of its cells (`via` 'key') or a plain click (no Shift/Ctrl/Cmd) on a cell ('click'). */
  onActivate?: (row: Row, columnKey: string, via: 'key' | 'click') => void;
  /** Enter or Space on a row, or a double click: show the row in full (the row inspector). Takes Enter from `onActivate`. */
  onInspect?: (row: Row) => void;
  /** The active row changed (keys, clicks, `selectRow`), or null for none / the header. */
  onSelect?: (row: Row | null) => void;
}

export interface GridHandle {
  setRows(rows: readonly Row[]): void;
  appendRows(rows: readonly Row[]): void;
  setFilter(text: string): void;
  /** `null` dir (or key) clears sorting and shows rows in arrival order. */
  sortBy(key: string | null, dir?: SortDir | null): void;
  setTimeZone(tz: TimeZone): void;
  setHiddenColumns(keys: readonly string[]): void;
  /** Shows these columns first, in this order, and keeps them in view while the table scrolls sideways. */
  setPinnedColumns(keys: readonly string[]): void;
  /**
   * Moves a column one place up/left (-1) or down/right (+1) among all columns (hidden ones too) within its group:
   * a pinned one among the pinned, another among the unpinned. Calls `onColumnsChange`; false when it cannot move.
   */
  moveColumn(key: string, by: -1 | 1): boolean;
  /**
   * Groups the rows by a column (null: back to the flat table): a header row per group (value, count, sums of
   * the number and duration columns) that expands and collapses; times group by day in the grid's zone. Groups
   * are ordered by key, in the sort's direction when sorted by that column. `collapsed` names the groups shown
   * closed; without it they are kept while the column stays the same.
   */
  groupBy(key: string | null, collapsed?: readonly string[]): void;
  getState(): GridState;
  /** CSV of the filtered, sorted rows (never grouped; a filter part way finished first) and visible columns; with a zone, times in it (see ExportZone). */
  toCsv(zone?: { zone: TimeZone; name: string }): string;
  /** JSON of the filtered, sorted rows (a filter part way finished first); with a zone, each row names it and has its times in it. */
  toJson(zone?: { zone: TimeZone; name: string }): string;
  /** The filtered rows in display order (group by group while grouped, collapsed ones too; so far, see GridState.filtering). */
  rows(): Row[];
  /**
   * A time column's instants (epoch ms, NaN for none) for the rows `rows()` gives, in that order: parsed once when
   * the rows arrived and shared by the sort, the filter and the grouping (for the timeline).
   */
  times(key: string): Float64Array;
  /**
   * Resolves once the work the grid does while idle is done for the rows as they are (their times parsed, the
   * filter's index, the sort's tie order), so the next keystroke costs what any later one does, and the filter has
   * tested every row (see GridState.filtering).
   */
  whenReady(): Promise<void>;
  /** Makes this row active and the only one selected (opening its group), and scrolls to it; false when it is not among the filtered rows. */
  selectRow(row: Row): boolean;
  /** The selected rows that pass the filter, in display order. */
  selectedRows(): Row[];
  /** Calls `onCopy` with the text (see CopyFormat) and returns it. */
  copy(format: CopyFormat): string;
  destroy(): void;
}
