/** Keyboard and mouse handling of the grid: active cell movement, header sorting, copy. */
import type { TableModel } from './model';
import { navigate, type Cell } from './nav';
import type { Column } from './types';

export interface InputControl {
  readonly model: TableModel;
  columns(): readonly Column[];
  active(): Cell | null;
  /** Makes a cell active and (unless `reveal` is false) scrolls it into view. */
  setActive(cell: Cell, reveal?: boolean): void;
  /** Sorts by a visible column from the header: ascending, or descending if already ascending. */
  sortByHeader(col: number): void;
  /** Rows that fit in the viewport. */
  pageRows(): number;
  onCopy?: (text: string) => void;
  /** Enter on a body cell, or a click on one. */
  onActivate?: (cell: Cell, via: 'key' | 'click') => void;
}

function copyText(ctl: InputControl, cell: Cell, withRow: boolean): string {
  const columns = ctl.columns();
  const { row, col } = cell;
  if (row < 0) return withRow ? columns.map((c) => c.label).join('\t') : (columns[col]?.label ?? '');
  return withRow ? columns.map((c) => ctl.model.cellText(row, c)).join('\t') : ctl.model.cellText(row, columns[col]!);
}

function firstCell(ctl: InputControl): Cell {
  return { row: ctl.model.rowCount > 0 ? 0 : -1, col: 0 };
}

/** Wires listeners on the grid root (focusable) and its body. */
export function attachInput(root: HTMLElement, body: HTMLElement, ctl: InputControl): void {
  root.addEventListener('focus', () => {
    // No scrolling here: a click that focuses the grid must land where it was aimed.
    if (ctl.active() === null) ctl.setActive(firstCell(ctl), false);
  });

  root.addEventListener('keydown', (e: KeyboardEvent) => {
    const ctrl = e.ctrlKey || e.metaKey;
    const from = ctl.active() ?? firstCell(ctl);
    if (ctrl && !e.altKey && (e.code === 'KeyC' || e.key.toLowerCase() === 'c')) {
      if (ctl.onCopy === undefined) return; // leave the browser's own copy alone
      e.preventDefault();
      ctl.onCopy(copyText(ctl, from, e.shiftKey));
      return;
    }
    if ((e.key === 'Enter' || e.key === ' ') && from.row === -1) {
      e.preventDefault();
      ctl.sortByHeader(from.col);
      return;
    }
    if (e.key === 'Enter' && from.row >= 0 && ctl.onActivate !== undefined) {
      e.preventDefault();
      ctl.onActivate(from, 'key');
      return;
    }
    const to = navigate(from, { key: e.key, ctrl }, ctl.model.rowCount, ctl.columns().length, ctl.pageRows());
    if (to === null) return;
    e.preventDefault();
    ctl.setActive(to);
  });

  root.addEventListener('click', (e: MouseEvent) => {
    const target = e.target as Element;
    const header = target.closest<HTMLElement>('.bt-hcell');
    if (header !== null) {
      const col = Number(header.dataset.col);
      ctl.setActive({ row: -1, col });
      ctl.sortByHeader(col);
      return;
    }
    const cell = target.closest<HTMLElement>('.bt-cell');
    const row = cell?.parentElement;
    if (!cell || !row) return;
    const at = { row: Number(row.getAttribute('aria-rowindex')) - 2, col: Number(cell.getAttribute('aria-colindex')) - 1 };
    ctl.setActive(at);
    ctl.onActivate?.(at, 'click');
  });

  // A tooltip with the full text, only for cells cut off by their width.
  body.addEventListener('mouseover', (e: MouseEvent) => {
    const cell = (e.target as Element).closest<HTMLElement>('.bt-cell');
    if (cell === null) return;
    if (cell.scrollWidth > cell.clientWidth) cell.title = cell.textContent ?? '';
    else cell.removeAttribute('title');
  });
}
