/**
 * The virtual grid: the model (model.ts) drawn by the view (grid-view.ts, its DOM pieces in
 * grid-dom.ts), kept in step by the controller (grid-control.ts) and driven by keyboard and mouse
 * (grid-input.ts). ARIA grid roles (treegrid while grouped, group.ts); one tab stop; rows selected by identity (selection.ts). Styles: see styles.ts.
 * Columns the user moves and resizes: column-edit.ts (keys), column-resize.ts (pointer), column-layout.ts (the rules).
 */
import { FILTER_FIRST_MS, GridControl } from './grid-control';
import { attachInput } from './grid-input';
import { TableModel } from './model';
import './table.css';
import type { GridHandle, GridOptions, Row, SortDir, TimeZone } from './types';

export function createGrid(container: HTMLElement, options: GridOptions = {}): GridHandle {
  const model = new TableModel([], options); // its zone, hidden, pinned, ordered and fixed columns
  model.filterBudgetMs = FILTER_FIRST_MS; // then the rows found so far show, and the grid goes on between frames
  if (options.groupBy) model.groupBy(options.groupBy, options.collapsedGroups);
  const grid = new GridControl(container, model, options);
  attachInput(grid.view.root, grid.view.body, grid);
  grid.refresh();

  /** Runs a model change (the selection keeping its rows), then re-renders. */
  const change =
    <A extends unknown[]>(fn: (...args: A) => unknown) =>
    (...args: A): void => {
      grid.beforeChange();
      fn(...args);
      grid.refresh();
    };
  return {
    setRows: change((rows: readonly Row[]) => {
      grid.selection.clear(); // other rows: nothing of them was selected
      model.setRows(rows);
    }),
    appendRows: change((rows: readonly Row[]) => model.append(rows)),
    setFilter: change((text: string) => model.setFilter(text)),
    sortBy: change((key: string | null, dir: SortDir | null = 'asc') => model.sortBy(key, dir)),
    setTimeZone: change((tz: TimeZone) => model.setTimeZone(tz)),
    setHiddenColumns: change((keys: readonly string[]) => model.setHiddenColumns(keys)),
    setPinnedColumns: change((keys: readonly string[]) => model.setPinnedColumns(keys)),
    moveColumn: grid.edits.move,
    groupBy: change((key: string | null, collapsed?: readonly string[]) => model.groupBy(key, collapsed)),
    getState: () => grid.state(),
    toCsv: (zone) => (grid.settle(), model.toCsv(zone)),
    toJson: (zone) => (grid.settle(), model.toJson(zone)),
    rows: () => model.visibleRows(),
    times: (key) => model.shownTimes(key),
    whenReady: () => grid.whenReady(),
    selectRow: (row) => grid.selectRow(row),
    selectedRows: () => grid.selectedRows(),
    copy: (format) => grid.copy(format),
    destroy: () => grid.destroy(),
  };
}
