/** DOM pieces of the grid: elements, header cells, recycled row slots (data or group header rows), column widths. */
import { setAttr } from '../shared/dom';
import { isNumeric } from './group';
import type { Column, SortSpec, TimeZone } from './types';

/** The grid's fixed elements: root (the focusable grid) > scroll > sticky head > header row, body, empty note. */
export interface Frame {
  root: HTMLDivElement;
  scroll: HTMLDivElement;
  headRow: HTMLDivElement;
  body: HTMLDivElement;
  empty: HTMLDivElement;
}

export interface Slot {
  el: HTMLDivElement;
  cells: HTMLDivElement[];
  texts: Text[];
  /** View position whose text the slot holds, or -1. */
  pos: number;
  shown: boolean;
  /** As shown by its class and aria-selected. */
  selected: boolean;
  /** Whether it shows a group header row, and that row's expand/collapse toggle (made when first needed). */
  head: boolean;
  toggle?: HTMLSpanElement;
}

export function div(doc: Document, cls: string, role?: string): HTMLDivElement {
  const el = doc.createElement('div');
  el.className = cls;
  if (role !== undefined) el.setAttribute('role', role);
  return el;
}

function spanEl(doc: Document, cls: string): HTMLSpanElement {
  const el = doc.createElement('span');
  el.className = cls;
  return el;
}

/** Builds the grid's fixed elements and appends them to `container`. */
export function buildFrame(container: HTMLElement, label: string, headH: number): Frame {
  const doc = container.ownerDocument;
  const root = div(doc, 'bt-grid', 'grid');
  root.tabIndex = 0;
  root.setAttribute('aria-label', label);
  root.setAttribute('aria-multiselectable', 'true');
  const scroll = div(doc, 'bt-scroll');
  const head = div(doc, 'bt-head', 'rowgroup');
  const headRow = div(doc, 'bt-row', 'row');
  headRow.setAttribute('aria-rowindex', '1');
  headRow.style.height = `${headH}px`;
  const body = div(doc, 'bt-body', 'rowgroup');
  const empty = div(doc, 'bt-empty');
  head.appendChild(headRow);
  scroll.append(head, body, empty);
  root.appendChild(scroll);
  container.appendChild(root);
  return { root, scroll, headRow, body, empty };
}

/** Width of a column in characters (plus 16px padding), from its kind, label and longest sampled text. */
function widthCh(col: Column, longest: number, tz: TimeZone): number {
  if (col.kind === 'time') return Math.max(tz === 'utc' ? 25 : 21, col.label.length + 4);
  return Math.min(48, Math.max(isNumeric(col) ? 10 : 8, col.label.length + 4, longest + 2));
}

/**
 * Sets the CSS variables that size columns and rows on the grid root, and `--bt-pin-<i>`, the left offset of
 * each of the first `pins` (pinned) columns: the widths of the columns before it. A column the user sized is as wide
 * as `widths` says (px); the others are sized from their content (in `ch`, plus 16px of padding). Rows follow the
 * variables: nothing is redrawn.
 */
export function applyLayout(
  root: HTMLElement, columns: readonly Column[], longest: readonly number[], tz: TimeZone, rowH: number, headH: number, pins: number,
  widths: ReadonlyMap<string, number> = new Map(),
): void {
  const sizes = columns.map((c, i) => {
    const px = widths.get(c.key);
    return px === undefined ? { ch: widthCh(c, longest[i] ?? 0, tz), px: 16 } : { ch: 0, px };
  });
  const css = (ch: number, px: number): string => (ch === 0 ? `${px}px` : `calc(${ch}ch + ${px}px)`);
  root.style.setProperty('--bt-template', sizes.map((s) => css(s.ch, s.px)).join(' ') || '1fr');
  let ch = 0;
  let px = 0;
  for (let i = 0; i < sizes.length; i++) {
    if (i < pins) root.style.setProperty(`--bt-pin-${i}`, `calc(${ch}ch + ${px}px)`);
    ch += sizes[i]!.ch;
    px += sizes[i]!.px;
  }
  root.style.setProperty('--bt-width', `calc(${ch}ch + ${px}px)`);
  root.style.setProperty('--bt-row-h', `${rowH}px`);
  root.style.setProperty('--bt-head-h', `${headH}px`);
}

/**
 * Runs `step(budgetMs)` in idle periods until it returns true; returns a canceller. Slices of at most 12 ms, so a
 * keystroke waits little; where the browser tells of pending input (Chromium's isInputPending), slices go on while
 * the idle period lasts and no input waits. Falls back to short timeouts where requestIdleCallback is missing.
 */
export function whenIdle(win: Window, step: (budgetMs: number) => boolean): () => void {
  let handle = 0;
  const idle = typeof win.requestIdleCallback === 'function';
  const input = (win.navigator as { scheduling?: { isInputPending?(): boolean } } | undefined)?.scheduling;
  const run = (deadline?: IdleDeadline): void => {
    for (;;) {
      if (step(deadline === undefined ? 8 : Math.max(4, Math.min(12, deadline.timeRemaining())))) return;
      if (deadline === undefined || deadline.timeRemaining() < 4 || input?.isInputPending?.() !== false) break;
    }
    schedule();
  };
  const schedule = (): void => {
    handle = idle ? win.requestIdleCallback(run, { timeout: 1000 }) : win.setTimeout(run, 16);
  };
  schedule();
  return () => (idle ? win.cancelIdleCallback(handle) : win.clearTimeout(handle));
}

/**
 * Marks one of the first `pins` columns' cells as pinned: sticky at the offset applyLayout sets (set through
 * the CSSOM, which a CSP without 'unsafe-inline' allows).
 */
function pin(cell: HTMLElement, i: number, pins: number): void {
  if (i >= pins) return;
  cell.classList.add('bt-pin');
  if (i === pins - 1) cell.classList.add('bt-pin-last');
  cell.style.left = `var(--bt-pin-${i})`;
}

export function buildHeader(doc: Document, headRow: HTMLElement, columns: readonly Column[], pins: number): HTMLDivElement[] {
  headRow.replaceChildren();
  return columns.map((col, i) => {
    const cell = div(doc, isNumeric(col) ? 'bt-hcell bt-num' : 'bt-hcell', 'columnheader');
    pin(cell, i, pins);
    setAttr(cell, 'aria-colindex', i + 1);
    cell.dataset.col = String(i);
    const label = div(doc, 'bt-label');
    label.textContent = col.label;
    const arrow = spanEl(doc, 'bt-arrow');
    arrow.setAttribute('aria-hidden', 'true');
    cell.append(label, arrow);
    headRow.appendChild(cell);
    return cell;
  });
}

export function showSort(cells: readonly HTMLElement[], columns: readonly Column[], sort: SortSpec | null): void {
  cells.forEach((cell, i) => {
    const dir = sort !== null && sort.key === columns[i]!.key ? sort.dir : null;
    cell.setAttribute('aria-sort', dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none');
    cell.lastElementChild!.textContent = dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : '';
  });
}

export function makeSlot(doc: Document, columns: readonly Column[], rowH: number, pins: number): Slot {
  const el = div(doc, 'bt-row', 'row');
  el.style.height = `${rowH}px`;
  el.style.display = 'none';
  el.setAttribute('aria-selected', 'false');
  const cells: HTMLDivElement[] = [];
  const texts: Text[] = [];
  columns.forEach((col, i) => {
    const cell = div(doc, isNumeric(col) ? 'bt-cell bt-num' : 'bt-cell', 'gridcell');
    setAttr(cell, 'aria-colindex', i + 1);
    pin(cell, i, pins);
    const text = doc.createTextNode('');
    if (i < pins) {
      // The cell keeps the row's font, so the `ch` of its offset measure what the column widths measure.
      const box = spanEl(doc, 'bt-text');
      box.appendChild(text);
      cell.appendChild(box);
    } else cell.appendChild(text);
    el.appendChild(cell);
    cells.push(cell);
    texts.push(text);
  });
  return { el, cells, texts, pos: -1, shown: false, selected: false, head: false };
}

/**
 * Shows a slot as a group header row, open or not (its first cell spanning `span` columns, after a toggle), or
 * with `open` null as a data row again.
 */
export function markGroup(slot: Slot, open: boolean | null, span: number): void {
  const { el, cells } = slot;
  const head = open !== null;
  if (head) {
    setAttr(el, 'aria-expanded', open);
    if (slot.toggle === undefined) {
      slot.toggle = spanEl(el.ownerDocument, 'bt-toggle'); // its arrow is CSS content, out of the cell's text
      cells[0]!.prepend(slot.toggle);
    }
  } else el.removeAttribute('aria-expanded');
  if (head === slot.head) return;
  slot.head = head;
  el.classList.toggle('bt-group', head);
  if (slot.toggle !== undefined) slot.toggle.hidden = !head;
  cells[0]!.style.gridColumn = head ? `span ${span}` : '';
  for (let i = 1; i < span; i++) cells[i]!.hidden = head;
}
