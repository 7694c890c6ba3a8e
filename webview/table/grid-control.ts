/**
 * The grid's controller: keeps the active cell and the row selection, re-renders the view after each model
 * change, and answers the input handlers (grid-input.ts) with sorting from the header, row activation and
 * copying.
 */
import { rowsText } from './copy-text';
import { whenIdle } from './grid-dom';
import type { InputControl, SelectHow } from './grid-input';
import { GridView } from './grid-view';
import type { TableModel } from './model';
import { clampCell, firstCell, type Cell } from './nav';
import { RowSelection } from './selection';
import type { Column, CopyFormat, GridOptions, GridState, Row } from './types';

export class GridControl implements InputControl {
  readonly view: GridView;
  readonly onCopy: ((text: string) => void) | undefined;
  readonly selection: RowSelection;
  private current: Cell | null = null;
  private cancelIdle: (() => void) | null = null;
  private readonly win: Window;

  constructor(
    container: HTMLElement,
    readonly model: TableModel,
    private readonly options: GridOptions,
  ) {
    this.win = container.ownerDocument.defaultView ?? window;
    this.selection = new RowSelection(model);
    this.view = new GridView(container, model, () => this.current, (pos) => this.selection.has(pos), options);
    this.onCopy = options.onCopy;
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

  state(): GridState {
    return gridState(this.model, this.view.columns, this.current);
  }

  /** Call before the model changes: the selection keeps its rows by identity while their positions move. */
  beforeChange(): void {
    this.selection.commit();
  }

  /** Re-reads the model after any change and re-renders every row. */
  refresh(): void {
    const model = this.model;
    this.view.sync();
    this.current = clampCell(this.current, model.rowCount, this.view.columns.length);
    this.view.render();
    this.options.onChange?.(this.state());
    // Build the filter's search strings (and sort ties) while idle, so the first keystroke is fast too.
    this.cancelIdle ??= whenIdle(this.win, (budget) => {
      const done = model.prepare(budget);
      if (done) this.cancelIdle = null;
      return done;
    });
  }

  /** Makes a cell active and, on a body row, selects: only its row, from the anchor to it, or toggles it. */
  moveTo(cell: Cell, how: SelectHow = 'only', reveal = true): void {
    const from = this.current;
    if (cell.row >= 0 && cell.row < this.model.rowCount) {
      const sel = this.selection;
      if (how === 'extend') sel.extend(cell.row, from !== null && from.row >= 0 ? from.row : cell.row);
      else if (how === 'toggle') sel.toggle(cell.row);
      else sel.only(cell.row);
    }
    this.setActive(cell, reveal);
    this.view.markSelection();
  }

  selectAll(): void {
    this.selection.all();
    this.view.markSelection();
  }

  /** Back to the active row alone; false when at most one row was selected. */
  collapseSelection(): boolean {
    const cur = this.current;
    if (!this.selection.collapse(cur === null ? -1 : cur.row)) return false;
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
    this.moveTo({ row: pos, col: this.current === null ? 0 : this.current.col });
    return true;
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
    const { model, options } = this;
    if (options.onActivate && key !== undefined && cell.row >= 0 && cell.row < model.rowCount) options.onActivate(model.rowAt(cell.row), key, via);
  }

  destroy(): void {
    this.view.destroy();
    this.cancelIdle?.();
  }

  private setActive(cell: Cell, reveal: boolean): void {
    const model = this.model;
    const before = this.current === null || this.current.row < 0 ? null : model.rowAt(this.current.row);
    this.current = cell;
    const after = cell.row < 0 || cell.row >= model.rowCount ? null : model.rowAt(cell.row);
    if (after !== before) this.options.onSelect?.(after);
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
      const { row, col } = cur ?? firstCell(model.rowCount);
      return row < 0 ? (columns[col]?.label ?? '') : model.cellText(row, columns[col]!);
    }
    let rows = this.selection.positions();
    if (rows.length === 0 && cur !== null && cur.row >= 0) rows = [cur.row];
    return rowsText(format, columns.map((c) => c.label), rows.length, (r, c) => model.cellText(rows[r]!, columns[c]!));
  }
}

/** The grid's state: the model's, with the active cell among the `columns` shown. */
function gridState(model: TableModel, columns: readonly Column[], active: Cell | null): GridState {
  const hidden = new Set(model.hiddenColumns);
  const pinned = new Set(model.pinnedColumns);
  const col = active === null ? undefined : columns[active.col];
  return {
    totalRows: model.totalCount,
    rowCount: model.rowCount,
    sort: model.sort,
    filter: model.filter,
    timeZone: model.timeZone,
    hiddenColumns: model.hiddenColumns,
    pinnedColumns: model.pinnedColumns,
    columns: model.columns.map((c) => ({ key: c.key, label: c.label, kind: c.kind, hidden: hidden.has(c.key), pinned: pinned.has(c.key) })),
    activeCell: active === null || col === undefined ? null : { row: active.row, col: active.col, key: col.key },
    summary: model.summary(),
  };
}
