/**
 * The virtual grid: a sticky header and only the rows in view (+ overscan) in the DOM, at a fixed
 * row height inside a spacer as tall as all rows; row elements are recycled (row p lives in slot
 * p mod slots). ARIA grid roles; one tab stop, the active cell shown through
 * aria-activedescendant (row -1 = header). Styles: see styles.ts.
 */
import { applyLayout, buildHeader, div, makeSlot, showSort, whenIdle, type Slot } from './grid-dom';
import { attachInput } from './grid-input';
import { TableModel } from './model';
import type { Cell } from './nav';
import { installGridStyles } from './styles';
import type { Column, GridHandle, GridOptions, GridState, Row, SortDir, TimeZone } from './types';

let gridCount = 0;

export function createGrid(container: HTMLElement, options: GridOptions = {}): GridHandle {
  const doc = container.ownerDocument;
  const win = doc.defaultView ?? window;
  installGridStyles(doc, options.styleNonce);
  const rowH = options.rowHeight ?? 24;
  const headH = rowH + 4;
  const overscan = options.overscan ?? 8;
  const model = new TableModel([], { timeZone: options.timeZone, hiddenColumns: options.hiddenColumns, ...(options.columns ? { columns: options.columns } : {}) });
  const activeId = `bt-grid-${++gridCount}-active`;

  const root = div(doc, 'bt-grid', 'grid');
  root.tabIndex = 0;
  root.setAttribute('aria-label', options.label ?? 'Tracking session slices');
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

  let columns: readonly Column[] = [];
  let headCells: HTMLDivElement[] = [];
  let slots: Slot[] = [];
  let active: Cell | null = null;
  let activeEl: HTMLElement | null = null;
  let cancelIdle: (() => void) | null = null;
  let template = '';
  let sampled = 0;
  // Viewport height and scroll offset are tracked (ResizeObserver, scroll events) rather than
  // read while rendering, so a render never forces a synchronous layout.
  let viewH = scroll.clientHeight;
  let scrollY = 0;

  const bodyHeight = (): number => Math.max(0, viewH - headH);

  /**
   * Column widths from the first rows' text; redone only when the columns or time zone change or
   * more rows arrived while fewer than 50 were sampled, so widths do not jump while filtering.
   */
  function layout(): void {
    const sample = Math.min(model.rowCount, 50);
    const key = `${model.timeZone} ${sample}`;
    if (key === template || (sampled >= 50 && template.startsWith(model.timeZone + ' '))) return;
    const longest = columns.map((c) => {
      let max = 0;
      for (let i = 0; i < sample; i++) max = Math.max(max, model.cellText(i, c).length);
      return max;
    });
    applyLayout(root, columns, longest, model.timeZone, rowH, headH);
    template = key;
    sampled = sample;
  }

  function setColumns(): void {
    columns = model.visibleColumns;
    template = '';
    sampled = 0;
    headCells = buildHeader(doc, headRow, columns);
    for (const s of slots) s.el.remove();
    slots = [];
    activeEl = null;
    root.setAttribute('aria-colcount', String(columns.length));
  }

  function ensureSlots(): void {
    const needed = Math.ceil(bodyHeight() / rowH) + 1 + 2 * overscan;
    if (slots.length === needed) return;
    for (const s of slots) s.el.remove();
    slots = Array.from({ length: needed }, () => makeSlot(doc, columns, rowH));
    body.append(...slots.map((s) => s.el));
    activeEl = null;
  }

  function fill(slot: Slot, pos: number): void {
    slot.pos = pos;
    slot.el.style.transform = `translateY(${pos * rowH}px)`;
    slot.el.setAttribute('aria-rowindex', String(pos + 2));
    for (let c = 0; c < columns.length; c++) slot.texts[c]!.data = model.cellText(pos, columns[c]!);
  }

  function render(): void {
    ensureSlots();
    const size = slots.length;
    const maxTop = Math.max(0, model.rowCount * rowH - bodyHeight());
    const top = Math.min(scrollY, maxTop);
    const first = Math.max(0, Math.floor(top / rowH) - overscan);
    const last = Math.min(model.rowCount - 1, Math.ceil((top + bodyHeight()) / rowH) + overscan, first + size - 1);
    for (let pos = first; pos <= last; pos++) {
      const slot = slots[pos % size]!;
      if (slot.pos !== pos) fill(slot, pos);
      if (!slot.shown) {
        slot.shown = true;
        slot.el.style.display = '';
      }
    }
    for (const s of slots) {
      if (s.shown && !(s.pos >= first && s.pos <= last)) {
        s.shown = false;
        s.el.style.display = 'none';
      }
    }
    markActive();
  }

  function markActive(): void {
    let el: HTMLElement | null = null;
    if (active !== null && active.row === -1) el = headCells[active.col] ?? null;
    else if (active !== null && slots.length > 0) {
      const slot = slots[active.row % slots.length]!;
      if (slot.pos === active.row && slot.shown) el = slot.cells[active.col] ?? null;
    }
    if (el === activeEl) return;
    if (activeEl !== null) {
      activeEl.classList.remove('bt-active');
      activeEl.parentElement?.classList.remove('bt-active-row');
      activeEl.removeAttribute('id');
    }
    activeEl = el;
    if (el === null) root.removeAttribute('aria-activedescendant');
    else {
      el.id = activeId;
      el.classList.add('bt-active');
      if (active!.row >= 0) el.parentElement?.classList.add('bt-active-row');
      root.setAttribute('aria-activedescendant', activeId);
    }
  }

  /** Re-reads the model after any change and re-renders every row. */
  function refresh(): void {
    const n = model.rowCount;
    if (model.visibleColumns !== columns) setColumns();
    layout();
    body.style.height = `${n * rowH}px`;
    root.setAttribute('aria-rowcount', String(n + 1));
    empty.textContent = n > 0 ? '' : model.totalCount > 0 ? 'No rows match the filter.' : 'No rows.';
    empty.style.display = n > 0 ? 'none' : '';
    if (active !== null) active = { row: Math.min(active.row, n - 1), col: Math.min(active.col, Math.max(0, columns.length - 1)) };
    for (const s of slots) s.pos = -1;
    showSort(headCells, columns, model.sort);
    render();
    options.onChange?.(state());
    // Build the filter's search strings (and sort ties) while idle, so the first keystroke is fast too.
    cancelIdle ??= whenIdle(win, (budget) => {
      const done = model.prepare(budget);
      if (done) cancelIdle = null;
      return done;
    });
  }

  function state(): GridState {
    const hidden = new Set(model.hiddenColumns);
    const col = active === null ? undefined : columns[active.col];
    return {
      totalRows: model.totalCount,
      rowCount: model.rowCount,
      sort: model.sort,
      filter: model.filter,
      timeZone: model.timeZone,
      hiddenColumns: model.hiddenColumns,
      columns: model.columns.map((c) => ({ key: c.key, label: c.label, kind: c.kind, hidden: hidden.has(c.key) })),
      activeCell: active === null || col === undefined ? null : { row: active.row, col: active.col, key: col.key },
      summary: model.summary(),
    };
  }

  function scrollTo(y: number): void {
    scroll.scrollTop = y;
    scrollY = scroll.scrollTop;
  }

  function setActive(cell: Cell, reveal = true): void {
    const before = active === null || active.row < 0 ? null : model.rowAt(active.row);
    active = cell;
    const after = cell.row < 0 || cell.row >= model.rowCount ? null : model.rowAt(cell.row);
    if (after !== before) options.onSelect?.(after);
    if (!reveal) return markActive();
    if (cell.row >= 0) {
      const y = cell.row * rowH;
      if (y < scrollY) scrollTo(y);
      else if (y + rowH > scrollY + bodyHeight()) scrollTo(y + rowH - bodyHeight());
    }
    const hc = headCells[cell.col];
    if (hc !== undefined) {
      const right = hc.offsetLeft + hc.offsetWidth;
      if (hc.offsetLeft < scroll.scrollLeft) scroll.scrollLeft = hc.offsetLeft;
      else if (right > scroll.scrollLeft + scroll.clientWidth) scroll.scrollLeft = right - scroll.clientWidth;
    }
    render();
  }

  attachInput(root, body, {
    model,
    columns: () => columns,
    active: () => active,
    setActive,
    sortByHeader: (col) => {
      const key = columns[col]?.key;
      if (key === undefined) return;
      const cur = model.sort;
      model.sortBy(key, cur !== null && cur.key === key && cur.dir === 'asc' ? 'desc' : 'asc');
      refresh();
      options.onSortChange?.(model.sort);
    },
    pageRows: () => Math.floor(bodyHeight() / rowH),
    onCopy: options.onCopy,
    onActivate: (cell, via) => {
      const key = columns[cell.col]?.key;
      if (options.onActivate && key !== undefined && cell.row >= 0 && cell.row < model.rowCount) options.onActivate(model.rowAt(cell.row), key, via);
    },
  });
  const observer = new win.ResizeObserver((entries) => {
    viewH = entries[entries.length - 1]!.contentRect.height;
    render();
  });
  observer.observe(scroll);
  scroll.addEventListener(
    'scroll',
    () => {
      scrollY = scroll.scrollTop;
      render();
    },
    { passive: true },
  );
  refresh();

  /** Runs a model change, then re-renders. */
  const change =
    <A extends unknown[]>(fn: (...args: A) => unknown) =>
    (...args: A): void => {
      fn(...args);
      refresh();
    };
  return {
    setRows: change((rows: readonly Row[]) => model.setRows(rows)),
    appendRows: change((rows: readonly Row[]) => model.append(rows)),
    setFilter: change((text: string) => model.setFilter(text)),
    sortBy: change((key: string | null, dir: SortDir | null = 'asc') => model.sortBy(key, dir)),
    setTimeZone: change((tz: TimeZone) => model.setTimeZone(tz)),
    setHiddenColumns: change((keys: readonly string[]) => model.setHiddenColumns(keys)),
    getState: state,
    toCsv: (zone) => model.toCsv(zone),
    toJson: (zone) => model.toJson(zone),
    rows: () => model.visibleRows(),
    selectRow: (row) => {
      const pos = model.positionOf(row);
      if (pos < 0) return false;
      setActive({ row: pos, col: active === null ? 0 : active.col });
      return true;
    },
    destroy: () => {
      observer.disconnect();
      cancelIdle?.();
      root.remove();
    },
  };
}
