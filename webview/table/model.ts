/**
 * The table model: rows, columns, sort, filter, summary. Pure TS (no DOM). See order.ts for how
 * rows are ordered and filter.ts for how the filter matches. Appended rows are merged into the
 * current order and tested against the current filter.
 */
import { BASE_COLUMNS, ExtraColumns, pinnedCount, shownColumns } from './columns';
import { toCsv, toJson, type ExportZone } from './export';
import { filterRows, normalizeQuery, pickMatched, SEARCH_SEP, SearchIndex } from './filter';
import { formatTimeMs, formatValue } from './format';
import { groupByColumn, Grouping, isNumeric } from './group';
import { KeyCache } from './keys';
import { Ordering } from './order';
import { summarize } from './summary';
import type { Column, Row, SortDir, SortSpec, Summary, TimeZone } from './types';

export interface ModelOptions {
  timeZone?: TimeZone;
  hiddenColumns?: Iterable<string>;
  /** Shown first, in this order (see shownColumns). */
  pinnedColumns?: Iterable<string>;
  /** Fixed columns instead of the slice columns and their `extra.*` ones; the first breaks sort ties. */
  columns?: readonly Column[];
}

export class TableModel {
  private rows: Row[] = [];
  private readonly extras = new ExtraColumns();
  private allColumns: Column[] = [...BASE_COLUMNS];
  private visible: Column[] = [...BASE_COLUMNS];
  private hidden: Set<string>;
  private pinned: string[];
  private pins = 0;
  private tz: TimeZone;
  private readonly keys = new KeyCache(() => this.rows);
  private readonly ordering = new Ordering(this.keys, (key) => this.column(key), () => this.allColumns[0] ?? BASE_COLUMNS[0]!);
  private readonly fixed: readonly Column[] | undefined;
  private query = '';
  private match: Uint8Array = new Uint8Array(0);
  private view: Uint32Array = new Uint32Array(0);
  private shown: Uint32Array = this.view; // what positions count: `view`, or its rows group by group while grouped
  private readonly search = new SearchIndex(() => this.searchRowText());
  private summaryCache: Summary | null = null;
  readonly grouping = new Grouping(); // by a column, see group.ts
  /** Bumped on every change that alters what is shown. */
  version = 0;

  constructor(rows: readonly Row[] = [], options: ModelOptions = {}) {
    this.tz = options.timeZone ?? 'local';
    this.hidden = new Set(options.hiddenColumns ?? []);
    this.pinned = [...(options.pinnedColumns ?? [])];
    this.fixed = options.columns;
    this.setRows(rows);
  }

  get columns(): readonly Column[] {
    return this.allColumns;
  }
  get visibleColumns(): readonly Column[] {
    return this.visible;
  }
  get hiddenColumns(): string[] {
    return [...this.hidden];
  }
  get pinnedColumns(): string[] {
    return [...this.pinned];
  }
  /** How many of the visible columns are pinned; they come first. */
  get pinnedCount(): number {
    return this.pins;
  }
  get timeZone(): TimeZone {
    return this.tz;
  }
  /** The primary sort, or null in arrival order. */
  get sort(): SortSpec | null {
    return this.ordering.sort;
  }
  get filter(): string {
    return this.query;
  }
  get totalCount(): number {
    return this.rows.length;
  }
  /** Rows passing the filter. */
  get rowCount(): number {
    return this.view.length;
  }

  /** Row at a position among the filtered, sorted (and grouped) rows. */
  rowAt(pos: number): Row {
    return this.rows[this.shown[pos]!]!;
  }

  /** Index among all loaded rows (arrival order) of the row at a view position. */
  rowIndexAt(pos: number): number {
    return this.shown[pos]!;
  }

  /** Display text of a column at a view position. */
  cellText(pos: number, col: Column): string {
    return this.text(this.shown[pos]!, col);
  }

  setRows(rows: readonly Row[]): void {
    this.rows = rows.slice();
    this.extras.reset();
    this.extras.scan(this.rows);
    this.keys.clear();
    this.search.invalidate();
    this.refreshColumns();
    this.ordering.reset(this.rows.length);
    this.refilter();
  }

  append(rows: readonly Row[]): void {
    if (rows.length === 0) return;
    const from = this.rows.length;
    for (const r of rows) this.rows.push(r);
    const changedColumns = this.extras.scan(this.rows, from) && this.refreshColumns();
    const added = this.ordering.appended(from, this.rows.length);
    if (this.query === '') this.setView(this.ordering.order);
    else if (changedColumns) this.refilter();
    else {
      this.buildSearch();
      this.match = grow(this.match, this.rows.length);
      filterRows(this.search, added, this.query, this.match);
      this.setView(pickMatched(this.ordering.order, this.match));
    }
  }

  /** Sorts by a column; `null` key or dir returns to arrival order. False for an unknown key. */
  sortBy(key: string | null, dir: SortDir | null = 'asc'): boolean {
    if (!this.ordering.sortBy(key, dir, this.rows.length)) return false;
    const order = this.ordering.order;
    // The same rows in another order: the summary (counts and sums) stays as it was.
    const summary = this.summaryCache;
    this.setView(this.query === '' ? order : pickMatched(order, this.match));
    this.summaryCache = summary;
    return true;
  }

  setFilter(text: string): void {
    const q = normalizeQuery(text);
    if (q === this.query) return;
    const prev = this.query;
    this.query = q;
    if (q === '') this.setView(this.ordering.order);
    else if (prev !== '' && q.includes(prev)) {
      this.buildSearch();
      this.setView(filterRows(this.search, this.view, q, this.match));
    } else this.refilter();
  }

  /** Groups by a column, or with null stops; `collapsed`: the groups shown closed (see Grouping.use). */
  groupBy(key: string | null, collapsed?: Iterable<string>): void {
    this.grouping.use(key, collapsed);
    this.regroup();
  }

  setHiddenColumns(keys: Iterable<string>): void {
    this.hidden = new Set(keys);
    this.columnsSet();
  }

  setPinnedColumns(keys: Iterable<string>): void {
    this.pinned = [...keys];
    this.columnsSet();
  }

  setTimeZone(tz: TimeZone): void {
    if (tz === this.tz) return;
    this.tz = tz;
    this.search.invalidate();
    this.version++;
    if (this.query !== '') this.refilter();
    else this.regroup();
  }

  /**
   * Work ahead of the first keystroke and sort, in slices of about `budgetMs`: search strings,
   * then the tie order of sorting. True when done.
   */
  prepare(budgetMs: number): boolean {
    if (!this.buildSearch(budgetMs)) return false;
    this.ordering.prepare(this.rows.length);
    return true;
  }

  summary(): Summary {
    this.summaryCache ??= summarize(this.rows, this.view);
    return this.summaryCache;
  }

  /** Filtered rows in display order (group by group while grouped; `flat`: sorted, as if not grouped). */
  visibleRows(flat = false): Row[] {
    return Array.from(flat ? this.view : this.shown, (i) => this.rows[i]!);
  }

  /** With a zone, time columns are written in it and their headers name it (see ExportZone). Never grouped. */
  toCsv(zone?: ExportZone): string {
    return toCsv(this.visibleRows(true), this.visible, zone);
  }

  toJson(zone?: ExportZone): string {
    return toJson(this.visibleRows(true), zone, this.allColumns);
  }

  /** Position of a row among the filtered, sorted rows, or -1 when the filter hides it. */
  positionOf(row: Row): number {
    const rows = this.rows;
    const view = this.shown;
    for (let i = 0; i < view.length; i++) if (rows[view[i]!] === row) return i;
    return -1;
  }

  column(key: string): Column | undefined {
    return this.allColumns.find((c) => c.key === key);
  }

  private text(row: number, col: Column): string {
    if (col.kind === 'time') {
      const ms = this.keys.cachedTime(col, row);
      if (ms !== undefined) return ms === ms ? formatValue('time', ms, this.tz) : (col.get(this.rows[row]!) ?? '').toString();
    }
    return formatValue(col.kind, col.get(this.rows[row]!), this.tz);
  }

  /**
   * A function giving a row's search string: the visible cells' lowercase display text joined by
   * SEARCH_SEP (times without ' UTC'), specialised once for the current columns and zone.
   */
  private searchRowText(): (row: number) => string {
    const rows = this.rows;
    const tz = this.tz;
    const cells = this.visible.map((col): ((row: number, r: Row) => string) => {
      if (col.kind === 'time') {
        const ms = this.keys.get(col).values;
        return (row, r) => {
          const t = ms[row]!;
          return t === t ? formatTimeMs(t, tz, false) : lower(col.get(r));
        };
      }
      if (col.kind === 'duration') return (_row, r) => formatValue('duration', col.get(r), tz);
      return (_row, r) => lower(col.get(r));
    });
    const parts: string[] = cells.map(() => '');
    return (row) => {
      const r = rows[row]!;
      for (let c = 0; c < cells.length; c++) parts[c] = cells[c]!(row, r);
      return parts.join(SEARCH_SEP);
    };
  }

  /** After hidden or pinned columns were set: the search strings follow the visible columns. */
  private columnsSet(): void {
    if (!this.refreshColumns()) return;
    this.version++;
    if (this.query !== '') this.refilter();
  }

  /** Recomputes column lists; true when the visible columns changed. */
  private refreshColumns(): boolean {
    const before = this.visible;
    this.allColumns = this.fixed !== undefined ? [...this.fixed] : [...BASE_COLUMNS, ...this.extras.columns()];
    this.visible = shownColumns(this.allColumns, this.hidden, this.pinned);
    const pins = pinnedCount(this.visible, this.pinned);
    const changed = pins !== this.pins || before.length !== this.visible.length || before.some((c, i) => c !== this.visible[i]);
    this.pins = pins;
    if (changed) this.search.invalidate();
    return changed;
  }

  private buildSearch(budgetMs = Infinity): boolean {
    return this.search.build(this.rows.length, budgetMs);
  }

  private refilter(): void {
    if (this.query === '') return this.setView(this.ordering.order);
    this.buildSearch();
    this.match = new Uint8Array(this.rows.length);
    this.setView(filterRows(this.search, this.ordering.order, this.query, this.match));
  }

  private setView(view: Uint32Array): void {
    this.view = view;
    this.summaryCache = null;
    this.regroup();
  }

  /** Groups the filtered rows again (none while no column is the grouping's). */
  private regroup(): void {
    const g = this.grouping;
    const col = g.key === null ? undefined : this.column(g.key);
    const numeric = this.allColumns.filter(isNumeric);
    g.set(col && groupByColumn(col, this.rows, this.view, this.tz, (c) => this.keys.get(c).values, numeric, this.ordering.sort?.key === g.key), this.view.length);
    this.shown = g.order ?? this.view;
    this.version++;
  }
}

function lower(v: string | number | null): string {
  return v === null ? '' : String(v).toLowerCase();
}

function grow(a: Uint8Array, n: number): Uint8Array {
  if (a.length >= n) return a;
  const b = new Uint8Array(n);
  b.set(a);
  return b;
}
