/**
 * The user's column edits: moving a column (Alt+Left/Right on its header, a header dragged onto another, the chooser's
 * Move buttons through `moveColumn`) and sizing one (Alt+Shift+Left/Right on its header, its edge dragged or
 * double-clicked, column-resize.ts). The pure rules are column-layout.ts's; here they meet the model, the view, the
 * active cell, a polite live region beside the grid that says what happened, and `onColumnsChange`, which a panel saves.
 */
import { clampWidth, moveBy, moveOnto, WIDTH_STEP, type Placing } from './column-layout';
import { div } from './grid-dom';
import type { GridView } from './grid-view';
import type { TableModel } from './model';
import type { Cell } from './nav';
import type { ColumnLayout } from './types';
import { t } from '../shared/l10n';

/** What the edits need of the grid's controller. */
export interface EditHost {
  readonly model: TableModel;
  readonly view: GridView;
  active(): Cell | null;
  /** Call before the model changes (the selection keeps its rows). */
  beforeChange(): void;
  /** Re-reads the model and re-renders the rows in view. */
  refresh(): void;
  /** Keeps the active cell on its row at another column, scrolled into view. */
  activeColumn(col: number): void;
}

export interface ColumnEdits {
  /** The order, widths and pins as a panel saves them. */
  layout(): ColumnLayout;
  /**
   * Alt+Left/Right (move) and Alt+Shift+Left/Right (narrow/widen by a step) on the header of visible column `col`;
   * true when the key was one of them.
   */
  headerKey(e: KeyboardEvent, col: number): boolean;
  /**
   * Moves a column one place within its group (pinned or not): past the next visible column (`shown`), or the next
   * of all. Says so; false when it is first or last there.
   */
  move(key: string, by: -1 | 1, shown?: boolean): boolean;
  /** Takes a column to another's place (a header dropped on another); false when they are not of one group. `dry`: only asks. */
  moveOnto(key: string, target: string, dry?: boolean): boolean;
  /** Sets a column's width (px, clamped), or with null its own width again; `commit` false while a drag goes on. */
  resize(key: string, px: number | null, commit?: boolean): void;
  destroy(): void;
}

export function columnEdits(host: EditHost, onColumnsChange?: (layout: ColumnLayout) => void): ColumnEdits {
  const { model, view } = host;
  const live = div(view.root.ownerDocument, 'bt-live', 'status'); // a polite live region
  view.root.after(live); // beside the grid, which holds rows only
  const say = (text: string): void => void (live.textContent = text);
  const label = (key: string): string => model.column(key)?.label ?? key;
  const placing = (): Placing => ({ order: model.columnOrder, pinned: model.pinnedColumns });
  const keys = (): string[] => model.columns.map((c) => c.key);
  const layout = (): ColumnLayout => ({ order: model.columnOrder, widths: Object.fromEntries(view.widths), pinned: model.pinnedColumns });
  const changed = (): void => onColumnsChange?.(layout());

  /** Shows the columns as `next` places them; the active cell stays on the column it was on. */
  const place = (key: string, next: Placing | null): boolean => {
    if (next === null) return false;
    const active = host.active();
    const activeKey = active === null ? undefined : view.columns[active.col]?.key;
    host.beforeChange();
    if (next.pinned.join('\0') !== model.pinnedColumns.join('\0')) model.setPinnedColumns(next.pinned);
    model.setColumnOrder(next.order);
    host.refresh();
    const col = view.columns.findIndex((c) => c.key === activeKey);
    if (col >= 0 && col !== active?.col) host.activeColumn(col);
    const at = view.columns.findIndex((c) => c.key === key) + 1;
    say(at > 0 ? t('{0} moved to column {1} of {2}.', label(key), at, view.columns.length) : t('{0} moved.', label(key)));
    changed();
    return true;
  };

  const move = (key: string, by: -1 | 1, shown = false): boolean => {
    const visible = new Set(model.visibleColumns.map((c) => c.key));
    if (place(key, moveBy(placing(), keys(), key, by, shown ? (k) => visible.has(k) : undefined))) return true;
    say(by < 0 ? t('{0} cannot move further left.', label(key)) : t('{0} cannot move further right.', label(key)));
    return false;
  };

  const resize = (key: string, px: number | null, commit = true): void => {
    const widths = new Map(view.widths);
    const width = px === null ? null : clampWidth(px);
    if (width === null) widths.delete(key);
    else widths.set(key, width);
    view.setWidths(widths);
    if (!commit) return;
    say(width === null ? t('{0}: its own width.', label(key)) : t('{0}: {1} pixels wide.', label(key), width));
    changed();
  };

  return {
    layout,
    move,
    resize,
    headerKey(e, col) {
      const by = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      const key = view.columns[col]?.key;
      if (by === 0 || !e.altKey || e.ctrlKey || e.metaKey || key === undefined) return false;
      if (e.shiftKey) resize(key, view.widthOf(col) + by * WIDTH_STEP);
      else move(key, by, true);
      return true;
    },
    moveOnto(key, target, dry) {
      const next = moveOnto(placing(), keys(), key, target);
      return dry ? next !== null : place(key, next);
    },
    destroy: () => live.remove(),
  };
}
