/**
 * The grid's controller: keeps the active cell and the row selection, re-renders the view after each model
 * change, and answers the input handlers (grid-input.ts) with sorting from the header, row activation and
 * copying.
 */
import { columnEdits, type ColumnEdits } from './column-edit';
import { arrange, readWidths } from './column-layout';
import { attachColumnPointer } from './column-resize';
import { shownColumns } from './columns';
import { rowsText } from './copy-text';
import { whenIdle } from './grid-dom';
import type { InputControl, SelectHow } from './grid-input';
import { GridView } from './grid-view';
import type { TableModel } from './model';
import { clampCell, firstCell, type Cell } from './nav';
import { RowSelection } from './selection';
import type { Column, CopyFormat, GridOptions, GridState, Row } from './types';

/** How long (ms) a change's filter tests rows before the grid shows those found so far (then it goes on while idle). */
export const FILTER_FIRST_MS = 8;

export class GridControl implements InputControl {
  readonly view: GridView;
  readonly onCopy: ((text: string) => void) | undefined;
  readonly shiftCopiesRows: boolean | undefined;
  readonly selection: RowSelection;
  /** Moves and widths of columns by the user (keys, pointer, `moveColumn`). */
  readonly edits: ColumnEdits;
  private current: Cell | null = null;
  private cancelIdle: (() => void) | null = null;
  private readonly waiting: (() => void)[] = [];
  private readonly win: Window;

  constructor(
    container: HTMLElement,
    readonly model: TableModel,
    private readonly options: GridOptions,
  ) {
    this.win = container.ownerDocument.defaultView ?? window;
    this.selection = new RowSelection(model);
    this.view = new GridView(container, model, () => this.current, (line) => this.pos(line) >= 0 && this.selection.has(this.pos(line)), options);
    this.onCopy = options.onCopy;
    this.shiftCopiesRows = options.shiftCopiesRows;
    this.view.widths = readWidths(options.columnWidths);
    this.edits = columnEdits(this, options.onColumnsChange);
    attachColumnPointer(this.view, this.edits);
  }

  columns(): readonly Column[] {
    return this.view.columns;
  }

  active(): Cell | null {
    return this.current;
  }

  pageRows(): number {
    return this.view.pageRows();
  }

  /** Rows shown: the filtered rows, and while grouped a header row per group (a collapsed group's rows not). */
  lineCount(): number {
    return this.model.grouping.lineCount;
  }

  /**
   * The position among filtered rows of the row a line shows; -1 for the header or none, and for a group's header
   * row unless `head` (then its first row's).
   */
  pos(line: number, head = false): number {
    const g = this.model.grouping;
    if (line < 0 || line >= g.lineCount) return -1;
    const p = g.posAt(line);
    return p >= 0 ? p : head ? g.groups[-1 - p]!.start : -1;
  }

  /** The position of the active cell's row (see `pos`); -1 when no cell is active. */
  private activePos(head = false): number {
    return this.current === null ? -1 : this.pos(this.current.row, head);
  }

  /** Opens, closes or (without `open`) toggles the group whose header row is `line`; false if it is none or stays. */
  toggleGroup(line: number, open?: boolean): boolean {
    const g = this.model.grouping;
    if (line < 0 || line >= g.lineCount || !g.toggle(-1 - g.posAt(line), open)) return false;
    this.refresh();
    return true;
  }

  state(): GridState {
    return gridState(this.model, this.view, this.current);
  }

  /** Call before the model changes: the selection keeps its rows by identity while their positions move. */
  beforeChange(): void {
    this.selection.commit();
  }

  /** Re-reads the model after any change and re-renders every row. */
  refresh(): void {
    this.view.sync();
    this.current = clampCell(this.current, this.lineCount(), this.view.columns.length);
    this.view.render();
    this.options.onChange?.(this.state());
    this.cancelIdle ??= whenIdle(this.win, (budget) => this.idleStep(budget));
  }

  /** Resolves when the idle work is done and the filter has tested every row (at once when so). */
  whenReady(): Promise<void> {
    return new Promise((resolve) => (this.isReady() ? resolve() : this.waiting.push(resolve)));
  }

  /** Finishes a filter left part way at once (an export, Ctrl+A: every row that passes). */
  settle(): void {
    if (!this.model.filtering) return;
    this.beforeChange();
    this.model.filterStep();
    this.refresh();
    this.ready();
  }

  /** Makes a cell active and, on a body row, selects: only its row, from the anchor to it, or toggles it. */
  moveTo(cell: Cell, how: SelectHow = 'only', reveal = true): void {
    const from = this.activePos(true);
    const pos = this.pos(cell.row);
    const sel = this.selection;
    if (pos >= 0) {
      if (how === 'extend') sel.extend(pos, from >= 0 ? from : pos);
      else if (how === 'toggle') sel.toggle(pos);
      else sel.only(pos);
    } else if (cell.row >= 0 && how === 'only') sel.only(-1); // a group's header row: no row
    this.setActive(cell, reveal);
    this.view.markSelection();
  }

  selectAll(): void {
    this.settle();
    this.selection.all();
    this.view.markSelection();
  }

  /** Back to the active row alone; false when at most one row was selected. */
  collapseSelection(): boolean {
    if (!this.selection.collapse(this.activePos())) return false;
    this.view.markSelection();
    return true;
  }

  multiSelected(): boolean {
    return this.selection.atLeast(2);
  }

  /** The selected rows in view, in display order. */
  selectedRows(): Row[] {
    return this.selection.positions().map((pos) => this.model.rowAt(pos));
  }

  copy(format: CopyFormat): string {
    const text = this.copyText(format);
    this.onCopy?.(text);
    return text;
  }

  /** Makes a row active and the only one selected (keeping the column) and scrolls to it; false when the filter hides it. */
  selectRow(row: Row): boolean {
    const pos = this.model.positionOf(row);
    if (pos < 0) return false;
    const g = this.model.grouping;
    if (g.active && g.toggle(g.groupOf(pos), true)) this.refresh();
    this.moveTo({ row: g.lineOf(pos), col: this.current === null ? 0 : this.current.col });
    return true;
  }

  activeColumn(col: number): void {
    if (this.current === null) return;
    this.current = { row: this.current.row, col };
    this.view.reveal(this.current);
  }

  sortByHeader(col: number): void {
    const key = this.view.columns[col]?.key;
    if (key === undefined) return;
    const model = this.model;
    const cur = model.sort;
    this.beforeChange();
    model.sortBy(key, cur !== null && cur.key === key && cur.dir === 'asc' ? 'desc' : 'asc');
    this.refresh();
    this.options.onSortChange?.(model.sort);
  }

  onActivate(cell: Cell, via: 'key' | 'click'): void {
    const key = this.view.columns[cell.col]?.key;
    const pos = this.pos(cell.row);
    if (this.options.onActivate && key !== undefined && pos >= 0) this.options.onActivate(this.model.rowAt(pos), key, via);
  }

  inspect(cell: Cell): boolean {
    const { model, options } = this;
    const pos = this.pos(cell.row);
    if (!options.onInspect || pos < 0) return false;
    options.onInspect(model.rowAt(pos));
    return true;
  }

  destroy(): void {
    this.edits.destroy();
    this.view.destroy();
    this.cancelIdle?.();
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  /**
   * A slice of the work done while idle; true when all is done. First a filter left part way goes on, the rows found
   * so far shown after each slice; then the times are parsed and the filter's index and the sort's ties built, so
   * the first keystroke is fast too.
   */
  private idleStep(budgetMs: number): boolean {
    const model = this.model;
    if (model.filtering) {
      this.beforeChange();
      model.filterStep(budgetMs);
      this.refresh();
      return false;
    }
    if (!model.prepare(budgetMs)) return false;
    this.cancelIdle = null;
    this.ready();
    return true;
  }

  private isReady(): boolean {
    return this.model.prepared && !this.model.filtering;
  }

  private ready(): void {
    if (this.isReady()) for (const resolve of this.waiting.splice(0)) resolve();
  }

  private setActive(cell: Cell, reveal: boolean): void {
    const before = this.activePos();
    this.current = cell;
    const after = this.pos(cell.row);
    if (after !== before) this.options.onSelect?.(after < 0 ? null : this.model.rowAt(after));
    if (reveal) this.view.reveal(cell);
    else this.view.markActive();
  }

  /**
   * The active cell's text (a header cell's label; the first cell when none is active), or the selected rows
   * (else the active row; else none) under a header.
   */
  private copyText(format: CopyFormat): string {
    const columns = this.view.columns;
    const model = this.model;
    const cur = this.current;
    if (format === 'cell') {
      const { row, col } = cur ?? firstCell(this.lineCount());
      const pos = this.pos(row);
      return row < 0 ? (columns[col]?.label ?? '') : pos < 0 ? this.view.groupText(row, col) : model.cellText(pos, columns[col]!);
    }
    let rows = this.selection.positions();
    const pos = this.activePos();
    if (rows.length === 0 && pos >= 0) rows = [pos];
    return rowsText(format, columns.map((c) => c.label), rows.length, (r, c) => model.cellText(rows[r]!, columns[c]!));
  }
}

/** The grid's state: the model's, with the user's widths and the active cell among the columns the view shows. */
function gridState(model: TableModel, view: GridView, active: Cell | null): GridState {
  const { columns, widths } = view;
  const hidden = new Set(model.hiddenColumns);
  const pinned = new Set(model.pinnedColumns);
  const arranged = arrange(model.columns, model.columnOrder);
  const shown = shownColumns(arranged, new Set(), model.pinnedColumns);
  const col = active === null ? undefined : columns[active.col];
  const g = model.grouping;
  const at = active === null || active.row < 0 ? -1 : g.posAt(active.row);
  const group = active !== null && active.row >= 0 && at < 0 ? { group: g.groups[-1 - at]!.key } : {};
  return {
    totalRows: model.totalCount,
    rowCount: model.rowCount,
    sort: model.sort,
    filter: model.filter,
    timeZone: model.timeZone,
    hiddenColumns: model.hiddenColumns,
    pinnedColumns: model.pinnedColumns,
    columns: arranged.map((c) => ({ key: c.key, label: c.label, kind: c.kind, hidden: hidden.has(c.key), pinned: pinned.has(c.key), order: shown.indexOf(c) })),
    columnOrder: model.columnOrder,
    columnWidths: Object.fromEntries(widths),
    activeCell: active === null || col === undefined ? null : { row: Math.max(-1, at), col: active.col, key: col.key, ...group },
    summary: model.summary(),
    ...(model.filtering ? { filtering: true as const } : {}),
    groupBy: g.key,
    collapsedGroups: [...g.collapsed],
  };
}
