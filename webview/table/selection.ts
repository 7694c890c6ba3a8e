/**
 * The grid's row selection, by row identity: a row is its index among all loaded rows, so a selection
 * survives sorting and filtering. DOM-free.
 *
 * Two parts, so that no click or key walks the rows:
 * - the live range, from the anchor to the active row, as view positions (plain click, Shift+click,
 *   Shift+Arrow and Ctrl/Cmd+A only move its ends);
 * - marks, one byte per row (Ctrl/Cmd+click toggles one). Before the rows move (sort, filter, new rows)
 *   the grid calls `commit`, which marks the rows of the live range, as positions mean nothing afterwards.
 */

/** The rows in view: how many, and which row is at a position. */
export interface RowView {
  readonly rowCount: number;
  /** Rows loaded in all. */
  readonly totalCount: number;
  /** Index among all loaded rows of the row at a view position. */
  rowIndexAt(pos: number): number;
}

export class RowSelection {
  private marks = new Uint8Array(0);
  private marked = 0;
  /** The live range (view positions); lo > hi when there is none. */
  private lo = 0;
  private hi = -1;
  /** Where Shift extends from; -1 for the active row. */
  private anchor = -1;

  constructor(private readonly view: RowView) {}

  /** Whether the row at a view position is selected. O(1). */
  has(pos: number): boolean {
    if (this.inRange(pos)) return true;
    return this.marked > 0 && this.marks[this.view.rowIndexAt(pos)] === 1;
  }

  /** Plain click or movement: only this row. */
  only(pos: number): void {
    this.clearMarks();
    this.setRange(pos, pos);
    this.anchor = pos;
  }

  /** Shift: the rows from the anchor (or `from`, the active row, when there is none) to `pos`. */
  extend(pos: number, from: number): void {
    if (this.anchor < 0) this.anchor = from;
    this.setRange(this.anchor, pos);
  }

  /** Ctrl/Cmd+click: adds or removes one row, which becomes the anchor. */
  toggle(pos: number): void {
    const on = !this.has(pos);
    this.commit();
    this.mark(this.view.rowIndexAt(pos), on);
    this.anchor = pos;
  }

  /** Ctrl/Cmd+A: every row in view. O(1). */
  all(): void {
    this.clearMarks();
    const last = this.view.rowCount - 1;
    this.setRange(0, last);
    this.anchor = last < 0 ? -1 : 0;
  }

  /** Escape: back to the row at `pos` alone (none when -1); false when at most one row was selected. */
  collapse(pos: number): boolean {
    if (!this.atLeast(2)) return false;
    if (pos >= 0) this.only(pos);
    else this.clear();
    return true;
  }

  /** Nothing selected (new rows). */
  clear(): void {
    this.marks = new Uint8Array(0);
    this.marked = 0;
    this.setRange(0, -1);
    this.anchor = -1;
  }

  /** Turns the live range into marks; call before the rows in view move. */
  commit(): void {
    const { lo, hi } = this.bounds();
    if (hi >= lo) {
      this.grow();
      const view = this.view;
      for (let p = lo; p <= hi; p++) this.mark(view.rowIndexAt(p), true);
    }
    this.setRange(0, -1);
    this.anchor = -1;
  }

  /** Whether at least `n` rows in view are selected; stops counting there. */
  atLeast(n: number): boolean {
    const { lo, hi } = this.bounds();
    if (hi - lo + 1 >= n) return true;
    if (this.marked === 0) return false;
    let count = 0;
    const rows = this.view.rowCount;
    for (let p = 0; p < rows && count < n; p++) if (this.has(p)) count++;
    return count >= n;
  }

  /** View positions of the selected rows, in display order. */
  positions(): number[] {
    const out: number[] = [];
    const { lo, hi } = this.bounds();
    if (this.marked === 0) {
      for (let p = lo; p <= hi; p++) out.push(p);
      return out;
    }
    const rows = this.view.rowCount;
    for (let p = 0; p < rows; p++) if (this.has(p)) out.push(p);
    return out;
  }

  private inRange(pos: number): boolean {
    return pos >= this.lo && pos <= this.hi;
  }

  /** The live range, clamped to the rows in view; empty (lo > hi) when there is none. */
  private bounds(): { lo: number; hi: number } {
    return { lo: Math.max(0, this.lo), hi: Math.min(this.view.rowCount - 1, this.hi) };
  }

  /** The range between two positions (either order); (0, -1) for none. */
  private setRange(a: number, b: number): void {
    const none = a < 0 || b < 0;
    this.lo = none ? 0 : Math.min(a, b);
    this.hi = none ? -1 : Math.max(a, b);
  }

  private mark(row: number, on: boolean): void {
    if (row >= this.marks.length) {
      if (!on) return;
      this.grow();
    }
    const v = on ? 1 : 0;
    if (this.marks[row] === v) return;
    this.marks[row] = v;
    this.marked += on ? 1 : -1;
  }

  private grow(): void {
    const n = this.view.totalCount;
    if (this.marks.length >= n) return;
    const next = new Uint8Array(n);
    next.set(this.marks);
    this.marks = next;
  }

  private clearMarks(): void {
    if (this.marked === 0) return;
    this.marks.fill(0);
    this.marked = 0;
  }
}
