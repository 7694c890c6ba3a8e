/**
 * The grid's controller: keeps the active cell, re-renders the view after each model change, and
 * answers the input handlers (grid-input.ts) with sorting from the header and row activation.
 */
import { whenIdle } from './grid-dom';
import type { InputControl } from './grid-input';
import { GridView } from './grid-view';
import { gridState, type TableModel } from './model';
import { clampCell, type Cell } from './nav';
import type { Column, GridOptions, GridState, Row } from './types';

export class GridControl implements InputControl {
  readonly view: GridView;
  readonly onCopy: ((text: string) => void) | undefined;
  private current: Cell | null = null;
  private cancelIdle: (() => void) | null = null;
  private readonly win: Window;

  constructor(
    container: HTMLElement,
    readonly model: TableModel,
    private readonly options: GridOptions,
  ) {
    this.win = container.ownerDocument.defaultView ?? window;
    this.view = new GridView(container, model, () => this.current, options);
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

  setActive(cell: Cell, reveal = true): void {
    const model = this.model;
    const before = this.current === null || this.current.row < 0 ? null : model.rowAt(this.current.row);
    this.current = cell;
    const after = cell.row < 0 || cell.row >= model.rowCount ? null : model.rowAt(cell.row);
    if (after !== before) this.options.onSelect?.(after);
    if (reveal) this.view.reveal(cell);
    else this.view.markActive();
  }

  /** Makes a row active (keeping the column) and scrolls to it; false when the filter hides it. */
  selectRow(row: Row): boolean {
    const pos = this.model.positionOf(row);
    if (pos < 0) return false;
    this.setActive({ row: pos, col: this.current === null ? 0 : this.current.col });
    return true;
  }

  sortByHeader(col: number): void {
    const key = this.view.columns[col]?.key;
    if (key === undefined) return;
    const model = this.model;
    const cur = model.sort;
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
}
