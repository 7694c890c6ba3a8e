/** Keyboard movement of the active cell (pure). Row -1 is the header row. */

export interface Cell {
  row: number;
  col: number;
}

export interface NavKey {
  key: string;
  /** Ctrl (or Cmd on macOS). */
  ctrl: boolean;
}

/**
 * The cell a key moves to, or null when the key is not a movement key. `pageRows` is how many
 * rows fit in the viewport.
 */
export function navigate(from: Cell, k: NavKey, rowCount: number, colCount: number, pageRows: number): Cell | null {
  const lastRow = rowCount - 1;
  const lastCol = Math.max(0, colCount - 1);
  const clampRow = (r: number): number => Math.max(-1, Math.min(lastRow, r));
  const { row, col } = from;
  switch (k.key) {
    case 'ArrowUp':
      return { row: Math.max(-1, Math.min(row, lastRow) - 1), col };
    case 'ArrowDown':
      return { row: clampRow(row + 1), col };
    case 'ArrowLeft':
      return { row, col: Math.max(0, col - 1) };
    case 'ArrowRight':
      return { row, col: Math.min(lastCol, col + 1) };
    case 'Home':
      return k.ctrl ? { row: Math.min(0, lastRow), col: 0 } : { row, col: 0 };
    case 'End':
      return k.ctrl ? { row: lastRow, col: lastCol } : { row, col: lastCol };
    case 'PageDown':
      return { row: clampRow(Math.max(row, 0) + Math.max(1, pageRows)), col };
    case 'PageUp':
      return { row: row < 0 ? row : Math.max(Math.min(0, lastRow), row - Math.max(1, pageRows)), col };
    default:
      return null;
  }
}

/** Keeps a cell inside `rowCount` rows (the header when there are none) and `colCount` columns. */
export function clampCell(cell: Cell | null, rowCount: number, colCount: number): Cell | null {
  return cell === null ? null : { row: Math.min(cell.row, rowCount - 1), col: Math.min(cell.col, Math.max(0, colCount - 1)) };
}

/** Where the active cell starts: the first row's first cell, or the header's when there are no rows. */
export function firstCell(rowCount: number): Cell {
  return { row: rowCount > 0 ? 0 : -1, col: 0 };
}
