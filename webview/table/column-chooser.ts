/**
 * Show/hide, pin and order columns: a button that opens a small panel with a checkbox per column the grid knows, in
 * the order they show (pinned first) and, when `onPin` is given, a Pin toggle beside it (pinned columns come first and
 * stay in view while the table scrolls sideways); when `onMove` is given, Move up / Move down buttons (↑ ↓) that move
 * the column one place within its group (pinned or not; the grid's `moveColumn`). Columns from rows' extra attributes
 * appear as rows arrive; the panel is rebuilt each time it opens and after a move (the moved button keeps the focus;
 * at the end of its group it is aria-disabled, still focusable). Escape or a click outside closes it (shared/popup.ts);
 * at least one column stays visible.
 */
import { checkbox, h, setAttr, type ToolkitCheckbox } from '../shared/dom';
import { buildPopup } from '../shared/popup';
import type { ColumnState } from './types';
import { t } from '../shared/l10n';

export interface ColumnChooser {
  root: HTMLElement;
  close(): void;
}

/** `onPin` gets the pinned column keys in pin order (a newly pinned column goes last); `onMove` a key and -1 (up) or +1. */
export function buildColumnChooser(
  getColumns: () => ColumnState[], onChange: (hidden: string[]) => void, onPin?: (pinned: string[]) => void, onMove?: (key: string, by: -1 | 1) => void,
): ColumnChooser {
  const panel = h('div', { id: 'columns-panel', className: 'columns-panel', attrs: { role: 'group', 'aria-label': t('Visible columns') } });
  const { root, close } = buildPopup(panel, {
    label: t('Columns ▾'), id: 'columns', title: t('Show or hide columns'), hasPopup: 'true', className: 'columns-chooser',
    opening: () => {
      render();
      return boxes[0]?.box;
    },
  });
  let boxes: { key: string; box: ToolkitCheckbox }[] = [];
  let pinned: string[] = [];
  /** Each column's Move up and Move down buttons, as last rendered. */
  let moves = new Map<string, HTMLElement[]>();

  const pinToggle = (c: ColumnState): HTMLElement => {
    const pin = h('button', { className: 'pin-toggle', text: t('Pin'), title: t('Keep {0} in view, first', c.label), attrs: { type: 'button', 'data-pin': c.key, 'aria-pressed': String(c.pinned), 'aria-label': t('Pin {0}', c.label) } });
    pin.addEventListener('click', () => {
      const on = !pinned.includes(c.key);
      pinned = on ? [...pinned, c.key] : pinned.filter((k) => k !== c.key);
      setAttr(pin, 'aria-pressed', on);
      onPin!(pinned);
    });
    return pin;
  };

  const moveButton = (columns: readonly ColumnState[], i: number, by: -1 | 1): HTMLElement => {
    const c = columns[i]!;
    const edge = columns[i + by]?.pinned !== c.pinned; // first or last of its group
    const move = h('button', { className: 'pin-toggle column-move', text: by < 0 ? '↑' : '↓', attrs: { type: 'button', 'aria-label': by < 0 ? t('Move {0} up', c.label) : t('Move {0} down', c.label), 'aria-disabled': String(edge) } });
    move.addEventListener('click', () => {
      if (edge) return;
      onMove!(c.key, by);
      render();
      moves.get(c.key)?.[(by + 1) / 2]?.focus();
    });
    return move;
  };

  /** Fills the panel from the grid's columns, in the order they show. */
  function render(): void {
    const columns = getColumns().slice().sort((a, b) => a.order - b.order);
    pinned = columns.filter((c) => c.pinned).map((c) => c.key);
    moves = new Map(onMove ? columns.map((c, i) => [c.key, [moveButton(columns, i, -1), moveButton(columns, i, 1)]]) : []);
    boxes = columns.map((c) => {
      const box = checkbox(c.label, { attrs: { 'data-column': c.key } });
      box.checked = !c.hidden;
      return { key: c.key, box };
    });
    panel.replaceChildren(...boxes.map((b, i) => {
      if (!onPin && !onMove) return b.box;
      return h('div', { className: 'column-line' }, b.box, ...(onPin ? [pinToggle(columns[i]!)] : []), ...(moves.get(b.key) ?? []));
    }));
  }

  panel.addEventListener('change', (e) => {
    if (boxes.every((b) => !b.box.checked)) {
      const box = boxes.find((b) => b.box === e.target)?.box;
      if (box !== undefined) box.checked = true;
      return;
    }
    onChange(boxes.filter((b) => !b.box.checked).map((b) => b.key));
  });
  return { root, close };
}
