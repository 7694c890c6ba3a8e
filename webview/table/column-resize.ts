/**
 * Pointer input on the grid's header. Each header cell's right edge is a handle (role separator): a drag resizes its
 * column, a double click gives it its own width again. A header dragged onto another takes its column to that one's
 * place, within its group (a pinned column among the pinned, another among the unpinned); the header it would land on
 * is marked. A width changes only the column template (grid-dom.ts applyLayout): a drag redraws no row. A click that
 * ends a drag, or lands on a handle, does not sort. The keyboard's ways to do the same are in column-edit.ts.
 */
import { setAttr } from '../shared/dom';
import type { ColumnEdits } from './column-edit';
import { WIDTH_MAX, WIDTH_MIN } from './column-layout';
import { div } from './grid-dom';
import type { GridView } from './grid-view';
import type { Column } from './types';

/** Gives each header cell its resize handle: first, out of the flow (the sort arrow stays the last child). */
export function addResizeHandles(cells: readonly HTMLElement[]): void {
  for (const cell of cells) {
    const handle = div(cell.ownerDocument, 'bt-resize', 'separator');
    handle.setAttribute('aria-orientation', 'vertical');
    setAttr(handle, 'aria-valuemin', WIDTH_MIN);
    setAttr(handle, 'aria-valuemax', WIDTH_MAX);
    cell.prepend(handle);
  }
}

/** The handles' aria-valuenow: the width the user set, in px (none while the column is sized from its content). */
export function showWidths(cells: readonly HTMLElement[], columns: readonly Column[], widths: ReadonlyMap<string, number>): void {
  cells.forEach((cell, i) => {
    const px = widths.get(columns[i]!.key);
    if (px === undefined) cell.firstElementChild!.removeAttribute('aria-valuenow');
    else setAttr(cell.firstElementChild!, 'aria-valuenow', px);
  });
}

/** Wires the header's handles and header drags of a grid's view to its column edits. */
export function attachColumnPointer(view: GridView, edits: ColumnEdits): void {
  const root = view.root;
  let swallowClick = false;
  const keyOf = (cell: Element | null | undefined): string | undefined => {
    const col = (cell as HTMLElement | null | undefined)?.dataset.col;
    return col === undefined ? undefined : view.columns[Number(col)]?.key;
  };

  root.addEventListener('pointerdown', (e) => {
    swallowClick = false;
    const target = e.target as Element;
    const cell = target.closest<HTMLElement>('.bt-hcell');
    const key = keyOf(cell);
    if (e.button !== 0 || cell === null || key === undefined) return;
    const handle = target.closest<HTMLElement>('.bt-resize');
    const el = handle ?? cell;
    const x0 = e.clientX;
    const w0 = cell.getBoundingClientRect().width;
    const from = Number(cell.dataset.col);
    let moved = false;
    let onto: HTMLElement | undefined;
    const mark = (next?: HTMLElement): void => {
      onto?.classList.remove('bt-drop-before', 'bt-drop-after');
      onto = next;
      next?.classList.add(Number(next.dataset.col) > from ? 'bt-drop-after' : 'bt-drop-before');
    };
    el.setPointerCapture(e.pointerId);
    el.onpointermove = (ev) => {
      const dx = ev.clientX - x0;
      // A press becomes a drag past a few pixels; short of that it is a click, which sorts.
      if (!moved && Math.abs(dx) < (handle ? 2 : 6)) return;
      moved = swallowClick = true;
      if (handle) return edits.resize(key, w0 + dx, false);
      cell.classList.add('bt-dragging');
      // Pinned cells come first and lie over the cells scrolled under them.
      const over = Array.from(root.querySelectorAll<HTMLElement>('.bt-head .bt-hcell')).find((c) => {
        const r = c.getBoundingClientRect();
        return ev.clientX >= r.left && ev.clientX < r.right;
      });
      const overKey = keyOf(over);
      mark(overKey !== undefined && edits.moveOnto(key, overKey, true) ? over : undefined);
    };
    // The end: a width is kept however the drag ends; a header moves only when dropped (not when the press is lost).
    el.onpointerup = el.onpointercancel = el.onlostpointercapture = (ev) => {
      el.onpointermove = el.onpointerup = el.onpointercancel = el.onlostpointercapture = null;
      const target = keyOf(onto);
      cell.classList.remove('bt-dragging');
      mark();
      if (handle && moved) edits.resize(key, view.widths.get(key) ?? w0);
      else if (target !== undefined && ev.type === 'pointerup') edits.moveOnto(key, target);
    };
  });
  root.addEventListener('click', (e) => {
    if (!swallowClick && (e.target as Element).closest('.bt-resize') === null) return;
    swallowClick = false;
    e.stopPropagation();
  }, true);
  root.addEventListener('dblclick', (e) => {
    const key = keyOf((e.target as Element).closest('.bt-resize')?.parentElement);
    if (key !== undefined) edits.resize(key, null);
  });
}
