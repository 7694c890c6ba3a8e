/**
 * The grid's rendering: a sticky header and only the rows in view (+ overscan) in the DOM, at a
 * fixed row height inside a spacer as tall as all rows; row elements are recycled (row p lives in
 * slot p mod slots). The active cell is shown through aria-activedescendant (row -1 = header), the
 * selected rows through aria-selected and a class. Pinned columns come first and are sticky. While grouped the
 * grid is a treegrid whose lines (a position `p` above is a line) are group header rows and the open groups' rows.
 */
import { addResizeHandles, showWidths } from './column-resize';
import { formatValue } from './format';
import { applyLayout, buildFrame, buildHeader, makeSlot, markGroup, showSort, type Frame, type Slot } from './grid-dom';
import { isNumeric } from './group';
import type { TableModel } from './model';
import type { Cell } from './nav';
import type { Column } from './types';
import { t } from '../shared/l10n';

export interface ViewOptions {
  label?: string;
  rowHeight?: number;
  overscan?: number;
}

let gridCount = 0;

export class GridView {
  readonly root: HTMLDivElement;
  readonly body: HTMLDivElement;
  /** The visible columns as last shown (the model's, after `sync`). */
  columns: readonly Column[] = [];
  /** Widths the user set (px by column key); the other columns are sized from their content. */
  widths: ReadonlyMap<string, number> = new Map();
  private readonly frame: Frame;
  private readonly rowH: number;
  private readonly headH: number;
  private readonly overscan: number;
  private readonly activeId = `bt-grid-${++gridCount}-active`;
  private readonly observer: ResizeObserver;
  private headCells: HTMLDivElement[] = [];
  /** How many of `columns` are pinned, as last shown. */
  private pins = 0;
  /** Whether lines were grouped as last shown, and how many columns a group header row's label spans. */
  private grouped = false;
  private span = 1;
  private slots: Slot[] = [];
  private activeEl: HTMLElement | null = null;
  private template = '';
  private sampled = 0;
  private longest: number[] = [];
  // Viewport height and scroll offset are tracked (ResizeObserver, scroll events) rather than
  // read while rendering, so a render never forces a synchronous layout.
  private viewH: number;
  private scrollY = 0;

  constructor(
    container: HTMLElement,
    private readonly model: TableModel,
    private readonly active: () => Cell | null,
    private readonly selected: (pos: number) => boolean,
    options: ViewOptions,
  ) {
    this.rowH = options.rowHeight ?? 24;
    this.headH = this.rowH + 4;
    this.overscan = options.overscan ?? 8;
    this.frame = buildFrame(container, options.label ?? t('Tracking session slices'), this.headH);
    this.root = this.frame.root;
    this.body = this.frame.body;
    const scroll = this.frame.scroll;
    this.viewH = scroll.clientHeight;
    const win = container.ownerDocument.defaultView ?? window;
    this.observer = new win.ResizeObserver((entries) => {
      this.viewH = entries[entries.length - 1]!.contentRect.height;
      this.render();
    });
    this.observer.observe(scroll);
    scroll.addEventListener(
      'scroll',
      () => {
        this.scrollY = scroll.scrollTop;
        this.render();
      },
      { passive: true },
    );
  }

  /** Rows that fit in the viewport. */
  pageRows(): number {
    return Math.floor(this.bodyHeight() / this.rowH);
  }

  /** Re-reads the model after any change (columns, sizes, empty note, sort arrows); `render` then redraws every row. */
  sync(): void {
    const model = this.model;
    const n = model.grouping.lineCount;
    if (model.visibleColumns !== this.columns || model.pinnedCount !== this.pins) this.setColumns();
    if (model.grouping.active !== this.grouped) {
      this.grouped = !this.grouped;
      for (const s of this.slots) {
        markGroup(s, null, this.span);
        s.el.removeAttribute('aria-level');
      }
    }
    this.layout();
    this.body.style.height = `${n * this.rowH}px`;
    this.root.setAttribute('role', this.grouped ? 'treegrid' : 'grid');
    this.root.setAttribute('aria-rowcount', String(n + 1));
    const busy = model.filtering; // rows still being found: no note that none match yet
    if (busy) this.root.setAttribute('aria-busy', 'true');
    else this.root.removeAttribute('aria-busy');
    const empty = this.frame.empty;
    empty.textContent = n > 0 || busy ? '' : model.totalCount > 0 ? t('No rows match the filter.') : t('No rows.');
    empty.style.display = n > 0 || busy ? 'none' : '';
    for (const s of this.slots) s.pos = -1;
    showSort(this.headCells, this.columns, model.sort);
  }

  /** Shows the rows in view (and overscan), recycling slots, then marks the active cell. */
  render(): void {
    this.ensureSlots();
    const { slots, rowH, overscan } = this;
    const size = slots.length;
    const rowCount = this.model.grouping.lineCount;
    const maxTop = Math.max(0, rowCount * rowH - this.bodyHeight());
    const top = Math.min(this.scrollY, maxTop);
    const first = Math.max(0, Math.floor(top / rowH) - overscan);
    const last = Math.min(rowCount - 1, Math.ceil((top + this.bodyHeight()) / rowH) + overscan, first + size - 1);
    for (let pos = first; pos <= last; pos++) {
      const slot = slots[pos % size]!;
      if (slot.pos !== pos) this.fill(slot, pos);
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
    this.markSelection();
    this.markActive();
  }

  /** Brings the shown rows' selected marking (class and aria-selected) up to date; writes only what changed. */
  markSelection(): void {
    for (const s of this.slots) {
      if (!s.shown) continue;
      const on = this.selected(s.pos);
      if (on === s.selected) continue;
      s.selected = on;
      s.el.classList.toggle('bt-selected', on);
      s.el.setAttribute('aria-selected', on ? 'true' : 'false');
    }
  }

  /** Moves the active marking (and aria-activedescendant) to the active cell if it is shown. */
  markActive(): void {
    const active = this.active();
    let el: HTMLElement | null = null;
    if (active !== null && active.row === -1) el = this.headCells[active.col] ?? null;
    else if (active !== null && this.slots.length > 0) {
      const slot = this.slots[active.row % this.slots.length]!;
      // A group header row's label cell stands for the columns it spans.
      if (slot.pos === active.row && slot.shown) el = slot.cells[slot.head && active.col < this.span ? 0 : active.col] ?? null;
    }
    if (el === this.activeEl) return;
    if (this.activeEl !== null) {
      this.activeEl.classList.remove('bt-active');
      this.activeEl.parentElement?.classList.remove('bt-active-row');
      this.activeEl.removeAttribute('id');
    }
    this.activeEl = el;
    if (el === null) this.root.removeAttribute('aria-activedescendant');
    else {
      el.id = this.activeId;
      el.classList.add('bt-active');
      if (active!.row >= 0) el.parentElement?.classList.add('bt-active-row');
      this.root.setAttribute('aria-activedescendant', this.activeId);
    }
  }

  /** Scrolls a cell into view (its row unless it is the header, and its column), then renders. */
  reveal(cell: Cell): void {
    const { rowH, frame } = this;
    const scroll = frame.scroll;
    if (cell.row >= 0) {
      const y = cell.row * rowH;
      if (y < this.scrollY) this.scrollTo(y);
      else if (y + rowH > this.scrollY + this.bodyHeight()) this.scrollTo(y + rowH - this.bodyHeight());
    }
    const hc = this.headCells[cell.col];
    // Pinned columns are always in view; the others must clear them.
    if (hc !== undefined && cell.col >= this.pins) {
      const pinned = this.pins > 0 ? this.headCells[this.pins]!.offsetLeft : 0;
      const right = hc.offsetLeft + hc.offsetWidth;
      if (hc.offsetLeft < scroll.scrollLeft + pinned) scroll.scrollLeft = hc.offsetLeft - pinned;
      else if (right > scroll.scrollLeft + scroll.clientWidth) scroll.scrollLeft = right - scroll.clientWidth;
    }
    this.render();
  }

  /** Sets the user's widths (px by key): only the column template changes, no row is drawn again. */
  setWidths(widths: ReadonlyMap<string, number>): void {
    this.widths = widths;
    this.applyWidths();
  }

  /** The width a visible column shows at, in px: as set, else as laid out. */
  widthOf(col: number): number {
    const key = this.columns[col]?.key;
    return (key === undefined ? undefined : this.widths.get(key)) ?? this.headCells[col]?.getBoundingClientRect().width ?? 0;
  }

  /**
   * The text of a group header row's cell: the label with the count, or a number column's sum. A label that
   * spans the whole row (no two columns before the first number one) says the sums itself: "Sponsor (3) · Duration 2m".
   */
  groupText(line: number, col: number): string {
    const model = this.model;
    const group = model.grouping.groups[-1 - model.grouping.posAt(line)]!;
    const sum = (c: Column): string => {
      const s = group.sums[c.key];
      return s === undefined ? '' : formatValue(c.kind, +s.toPrecision(15), model.timeZone);
    };
    if (col >= this.span) return sum(this.columns[col]!);
    let text = `${group.label} (${group.count})`;
    if (col > 0 || this.span < this.columns.length) return text;
    for (const c of this.columns) {
      const each = sum(c);
      if (each) text += ` · ${c.label} ${each}`;
    }
    return text;
  }

  destroy(): void {
    this.observer.disconnect();
    this.root.remove();
  }

  private bodyHeight(): number {
    return Math.max(0, this.viewH - this.headH);
  }

  private scrollTo(y: number): void {
    const scroll = this.frame.scroll;
    scroll.scrollTop = y;
    this.scrollY = scroll.scrollTop;
  }

  /**
   * Column widths from the first rows' text; redone only when the columns or time zone change or
   * more rows arrived while fewer than 50 were sampled, so widths do not jump while filtering.
   */
  private layout(): void {
    const model = this.model;
    const sample = Math.min(model.rowCount, 50);
    const key = `${model.timeZone} ${sample}`;
    if (key === this.template || (this.sampled >= 50 && this.template.startsWith(model.timeZone + ' '))) return;
    this.longest = this.columns.map((c) => {
      let max = 0;
      for (let i = 0; i < sample; i++) max = Math.max(max, model.cellText(i, c).length);
      return max;
    });
    this.template = key;
    this.sampled = sample;
    this.applyWidths();
  }

  private applyWidths(): void {
    applyLayout(this.root, this.columns, this.longest, this.model.timeZone, this.rowH, this.headH, this.pins, this.widths);
    showWidths(this.headCells, this.columns, this.widths);
  }

  private setColumns(): void {
    this.columns = this.model.visibleColumns;
    this.pins = this.model.pinnedCount;
    const numeric = this.columns.findIndex(isNumeric);
    // The label spans the columns before the first number column, or the whole row when fewer than two are.
    this.span = numeric > 1 ? numeric : this.columns.length;
    this.template = '';
    this.sampled = 0;
    this.headCells = buildHeader(this.root.ownerDocument, this.frame.headRow, this.columns, this.pins);
    addResizeHandles(this.headCells);
    for (const s of this.slots) s.el.remove();
    this.slots = [];
    this.activeEl = null;
    this.root.setAttribute('aria-colcount', String(this.columns.length));
  }

  private ensureSlots(): void {
    const needed = Math.ceil(this.bodyHeight() / this.rowH) + 1 + 2 * this.overscan;
    if (this.slots.length === needed) return;
    for (const s of this.slots) s.el.remove();
    this.slots = Array.from({ length: needed }, () => makeSlot(this.root.ownerDocument, this.columns, this.rowH, this.pins));
    this.body.append(...this.slots.map((s) => s.el));
    this.activeEl = null;
  }

  private fill(slot: Slot, line: number): void {
    const columns = this.columns;
    const lines = this.model.grouping;
    const pos = lines.posAt(line);
    slot.pos = line;
    slot.el.style.transform = `translateY(${line * this.rowH}px)`;
    slot.el.setAttribute('aria-rowindex', String(line + 2));
    if (this.grouped) {
      slot.el.setAttribute('aria-level', pos < 0 ? '1' : '2');
      markGroup(slot, pos < 0 ? lines.isOpen(-1 - pos) : null, this.span);
    }
    for (let c = 0; c < columns.length; c++) slot.texts[c]!.data = pos < 0 ? this.groupText(line, c) : this.model.cellText(pos, columns[c]!);
  }
}
