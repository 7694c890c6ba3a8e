/**
 * Keyboard and mouse handling of the grid: active cell movement, row selection, header sorting, copy, groups; on a
 * header, the keys that move and resize its column (column-edit.ts; the pointer's ways are column-resize.ts's).
 */
import type { TableModel } from './model';
import { firstCell, navigate, type Cell } from './nav';
import type { Column, CopyFormat } from './types';

/** How a move changes the selection: only the new row, from the anchor to it (Shift), or toggle it (Ctrl/Cmd). */
export type SelectHow = 'only' | 'extend' | 'toggle';

export interface InputControl {
  readonly model: TableModel;
  columns(): readonly Column[];
  active(): Cell | null;
  /** Makes a cell active, selects as `how` says, and (unless `reveal` is false) scrolls it into view. */
  moveTo(cell: Cell, how?: SelectHow, reveal?: boolean): void;
  /** Selects every row that passes the filter. */
  selectAll(): void;
  /** Leaves only the active row selected; false when at most one row was selected. */
  collapseSelection(): boolean;
  /** Whether two or more rows in view are selected. */
  multiSelected(): boolean;
  /** Sends the text to `onCopy`. */
  copy(format: CopyFormat): string;
  /** Alt(+Shift)+Left/Right on the header of a visible column moves or resizes it (true when handled). */
  readonly edits?: { headerKey(e: KeyboardEvent, col: number): boolean };
  /** Sorts by a visible column from the header: ascending, or descending if already ascending. */
  sortByHeader(col: number): void;
  /** Rows that fit in the viewport. */
  pageRows(): number;
  /** Rows shown (a cell's row is one of them): while grouped, group header rows too. */
  lineCount(): number;
  /** Opens, closes or (without `open`) toggles the group whose header row is `line`; false if it is none or stays. */
  toggleGroup(line: number, open?: boolean): boolean;
  onCopy?: (text: string) => void;
  /** false: Ctrl/Cmd+Shift+C is left to the page. */
  shiftCopiesRows?: boolean;
  /** Enter on a body cell, or a click on one. */
  onActivate?: (cell: Cell, via: 'key' | 'click') => void;
  /** Enter or Space on a body cell, or a double click: false when the grid has no inspector. */
  inspect?: (cell: Cell) => boolean;
}

function isKey(e: KeyboardEvent, letter: 'a' | 'c'): boolean {
  return e.code === `Key${letter.toUpperCase()}` || e.key.toLowerCase() === letter;
}

/** Ctrl/Cmd+C, Ctrl/Cmd+A and Escape; true when the key was handled. */
function selectionKey(e: KeyboardEvent, ctl: InputControl, ctrl: boolean): boolean {
  if (ctrl && !e.altKey && isKey(e, 'c')) {
    if (ctl.onCopy === undefined) return false; // leave the browser's own copy alone
    if (e.shiftKey && ctl.shiftCopiesRows === false) return false; // the page's own Ctrl/Cmd+Shift+C
    ctl.copy(e.shiftKey || ctl.multiSelected() ? 'tsv' : 'cell');
    return true;
  }
  if (ctrl && !e.altKey && !e.shiftKey && isKey(e, 'a')) {
    ctl.selectAll();
    return true;
  }
  return e.key === 'Escape' && ctl.collapseSelection();
}

/** The body cell an event landed on. */
function cellAt(target: Element): Cell | null {
  const cell = target.closest<HTMLElement>('.bt-cell');
  const row = cell?.parentElement;
  if (!cell || !row) return null;
  return { row: Number(row.getAttribute('aria-rowindex')) - 2, col: Number(cell.getAttribute('aria-colindex')) - 1 };
}

/** Wires listeners on the grid root (focusable) and its body. */
export function attachInput(root: HTMLElement, body: HTMLElement, ctl: InputControl): void {
  root.addEventListener('focus', () => {
    // No scrolling here: a click that focuses the grid must land where it was aimed.
    if (ctl.active() === null) ctl.moveTo(firstCell(ctl.lineCount()), 'only', false);
  });

  root.addEventListener('keydown', (e: KeyboardEvent) => {
    const ctrl = e.ctrlKey || e.metaKey;
    const from = ctl.active() ?? firstCell(ctl.lineCount());
    if (selectionKey(e, ctl, ctrl) || (from.row === -1 && ctl.edits?.headerKey(e, from.col) === true)) {
      e.preventDefault();
      return;
    }
    // On a group's header row: Enter/Space toggle it, ArrowRight opens it and ArrowLeft closes it (else they move).
    const open = e.key === 'ArrowRight' ? true : e.key === 'ArrowLeft' ? false : e.key === 'Enter' || e.key === ' ' ? undefined : null;
    if (open !== null && !ctrl && ctl.toggleGroup(from.row, open)) {
      e.preventDefault();
      return;
    }
    if ((e.key === 'Enter' || e.key === ' ') && from.row === -1) {
      e.preventDefault();
      ctl.sortByHeader(from.col);
      return;
    }
    if ((e.key === 'Enter' || e.key === ' ') && from.row >= 0 && !ctrl && !e.shiftKey && !e.altKey && ctl.inspect?.(from) === true) {
      e.preventDefault();
      return;
    }
    if (e.key === 'Enter' && from.row >= 0 && ctl.onActivate !== undefined) {
      e.preventDefault();
      ctl.onActivate(from, 'key');
      return;
    }
    const to = navigate(from, { key: e.key, ctrl }, ctl.lineCount(), ctl.columns().length, ctl.pageRows());
    if (to === null) return;
    e.preventDefault();
    // Shift extends the selection over body rows; it does not carry it into the header.
    if (e.shiftKey && from.row >= 0 && to.row < 0) to.row = from.row;
    ctl.moveTo(to, e.shiftKey ? 'extend' : 'only');
  });

  // Shift+click would also select the page's text from the last click: the grid selects rows instead.
  body.addEventListener('mousedown', (e: MouseEvent) => {
    if (!e.shiftKey) return;
    e.preventDefault();
    root.focus({ preventScroll: true });
  });

  root.addEventListener('click', (e: MouseEvent) => {
    const target = e.target as Element;
    const header = target.closest<HTMLElement>('.bt-hcell');
    if (header !== null) {
      const col = Number(header.dataset.col);
      ctl.moveTo({ row: -1, col });
      ctl.sortByHeader(col);
      return;
    }
    const at = cellAt(target);
    if (at === null) return;
    const how: SelectHow = e.shiftKey ? 'extend' : e.ctrlKey || e.metaKey ? 'toggle' : 'only';
    ctl.moveTo(at, how);
    if (target.closest('.bt-toggle') !== null) ctl.toggleGroup(at.row);
    else if (how === 'only') ctl.onActivate?.(at, 'click');
  });

  root.addEventListener('dblclick', (e: MouseEvent) => {
    const at = cellAt(e.target as Element);
    if (at !== null) ctl.inspect?.(at);
  });

  // A tooltip with the full text, only for cells cut off by their width.
  body.addEventListener('mouseover', (e: MouseEvent) => {
    const cell = (e.target as Element).closest<HTMLElement>('.bt-cell');
    if (cell === null) return;
    if (cell.scrollWidth > cell.clientWidth) cell.title = cell.textContent ?? '';
    else cell.removeAttribute('title');
  });
}
