/**
 * The table model: rows, columns, sort, filter, summary. Pure TS (no DOM). See order.ts for how
 * rows are ordered and filter.ts for how the filter matches. Appended rows are merged into the
 * current order and tested against the current filter. With a filter budget (the grid's), a change
 * tests rows that long, shows those found so far (`filtering`), and `filterStep` goes on.
 */
import { BASE_COLUMNS, ColumnChoice, ExtraColumns, type ColumnsChange } from './columns';
import { toCsv, toJson, type ExportZone } from './export';
import { TextFilter } from './filter';
import { formatValue } from './format';
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
  /** The columns' order (column-layout.ts `arrange`); pinned ones still come first. */
  columnOrder?: Iterable<string>;
  /** Fixed columns instead of the slice columns and their `extra.*` ones; the first breaks sort ties. */
  columns?: readonly Column[];
  /** See GridOptions.tieKey. */
  tieKey?: string;
}

export class TableModel {
  private rows: Row[] = [];
  private readonly extras = new ExtraColumns();
  private allColumns: Column[] = [...BASE_COLUMNS];
  private readonly choice: ColumnChoice;
  private tz: TimeZone;
  private readonly keys = new KeyCache(() => this.rows);
  /** Every time column's instants, parsed once as rows arrive (times.ts). */
  readonly times = this.keys.times;
  private readonly ordering = new Ordering(this.keys, (key) => this.column(key), () => this.column(this.tie!) ?? this.allColumns[0] ?? BASE_COLUMNS[0]!);
  private readonly fixed: readonly Column[] | undefined;
  private readonly tie: string | undefined;
  private view: Uint32Array = new Uint32Array(0);
  private shown: Uint32Array = this.view; // what positions count: `view`, or its rows group by group while grouped
  private readonly search = new TextFilter(() => ({
    columns: this.choice.visible, rows: this.rows, tz: this.tz, instants: (c) => this.times.reader(c, this.rows), unparsed: (c) => this.times.unparsed(c.key),
  }));
  private summaryCache: Summary | null = null;
  readonly grouping = new Grouping(); // by a column, see group.ts
  /** Bumped on every change that alters what is shown. */
  version = 0;
  /** True once `prepare` has done its work for the rows, columns and zone as they are (a change clears it). */
  prepared = false;

  constructor(rows: readonly Row[] = [], options: ModelOptions = {}) {
    this.tz = options.timeZone ?? 'local';
    this.choice = new ColumnChoice(options);
    this.fixed = options.columns;
    this.tie = options.tieKey;
    this.setRows(rows);
  }

  get columns(): readonly Column[] {
    return this.allColumns;
  }
  get visibleColumns(): readonly Column[] {
    return this.choice.visible;
  }
  get hiddenColumns(): string[] {
    return [...this.choice.hidden];
  }
  get pinnedColumns(): string[] {
    return [...this.choice.pinned];
  }
  /** The column order as set (empty: the columns' own). */
  get columnOrder(): string[] {
    return [...this.choice.order];
  }
  /** How many of the visible columns are pinned; they come first. */
  get pinnedCount(): number {
    return this.choice.pins;
  }
  get timeZone(): TimeZone {
    return this.tz;
  }
  /** The primary sort, or null in arrival order. */
  get sort(): SortSpec | null {
    return this.ordering.sort;
  }
  get filter(): string {
    return this.search.query;
  }
  /** True while the filter has tested only some rows: the view holds the first rows of its result, in order. */
  get filtering(): boolean {
    return this.search.pending;
  }
  /** How long (ms) a change tests rows for the filter at once before it shows those found so far. */
  set filterBudgetMs(ms: number) {
    this.search.budgetMs = ms;
  }
  get totalCount(): number {
    return this.rows.length;
  }
  /** Rows passing the filter (so far, while `filtering`). */
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
    this.stale();
    this.refreshColumns(); // times: parsed by the first reader or while idle (the first paint comes first)
    this.ordering.reset(this.rows.length);
    this.refilter();
  }

  append(rows: readonly Row[]): void {
    if (rows.length === 0) return;
    const from = this.rows.length;
    for (const r of rows) this.rows.push(r);
    this.prepared = false;
    const changedColumns = this.extras.scan(this.rows, from) && this.refreshColumns() !== 'same';
    this.times.extend(this.rows, this.allColumns);
    const added = this.ordering.appended(from, this.rows.length);
    if (changedColumns) this.refilter();
    else this.setView(this.search.appended(added, this.ordering.order));
  }

  /** Sorts by a column; `null` key or dir returns to arrival order. False for an unknown key. */
  sortBy(key: string | null, dir: SortDir | null = 'asc'): boolean {
    if (!this.ordering.sortBy(key, dir, this.rows.length)) return false;
    // The same rows in another order: the summary (counts and sums) stays as it was (not while filtering).
    const summary = this.search.pending ? null : this.summaryCache;
    this.setView(this.search.reorder(this.ordering.order));
    this.summaryCache = summary;
    return true;
  }

  setFilter(text: string): void {
    const view = this.search.set(text, this.ordering.order, this.view);
    if (view !== null) this.setView(view);
  }

  /** Goes on with a filter left part way for about `budgetMs` (to its end by default); true when none is left. */
  filterStep(budgetMs = Infinity): boolean {
    const view = this.search.step(budgetMs);
    if (view !== null) this.setView(view);
    return !this.search.pending;
  }

  /** Groups by a column, or with null stops; `collapsed`: the groups shown closed (see Grouping.use). */
  groupBy(key: string | null, collapsed?: Iterable<string>): void {
    this.grouping.use(key, collapsed);
    this.regroup();
  }

  setHiddenColumns(keys: Iterable<string>): void {
    this.choice.hidden = new Set(keys);
    this.columnsSet();
  }

  setPinnedColumns(keys: Iterable<string>): void {
    this.choice.pinned = [...keys];
    this.columnsSet();
  }

  setColumnOrder(keys: Iterable<string>): void {
    this.choice.order = [...keys];
    this.columnsSet();
  }

  setTimeZone(tz: TimeZone): void {
    if (tz === this.tz) return;
    this.tz = tz;
    this.stale();
    this.version++;
    if (this.search.query !== '') this.refilter();
    else this.regroup();
  }

  /**
   * Work ahead of the first keystroke and sort, in slices of about `budgetMs`: the times not parsed yet, the
   * search strings, then the tie order of sorting. True when done (`prepared`).
   */
  prepare(budgetMs: number): boolean {
    if (!this.times.extend(this.rows, this.allColumns, budgetMs) || !this.search.index.build(this.rows.length, budgetMs)) return false;
    this.ordering.prepare(this.rows.length);
    return (this.prepared = true);
  }

  /** A time column's epoch ms for the rows `visibleRows()` gives, in that order (NaN for none, or not a time column). */
  shownTimes(key: string): Float64Array {
    const col = this.column(key);
    return col?.kind === 'time' ? this.times.pick(col, this.rows, this.shown, this.arrival) : new Float64Array(this.shown.length).fill(NaN);
  }

  summary(): Summary {
    this.summaryCache ??= summarize(this.rows, this.view);
    return this.summaryCache;
  }

  /** Filtered rows in display order (group by group while grouped; `flat`: sorted, as if not grouped). */
  visibleRows(flat = false): Row[] {
    if (this.arrival) return this.rows.slice();
    const order = flat ? this.view : this.shown;
    const out = new Array<Row>(order.length);
    for (let i = 0; i < order.length; i++) out[i] = this.rows[order[i]!]!;
    return out;
  }

  /** With a zone, time columns are written in it and their headers name it (see ExportZone). Never grouped. */
  toCsv(zone?: ExportZone): string {
    this.filterStep();
    return toCsv(this.visibleRows(true), this.choice.visible, zone);
  }

  toJson(zone?: ExportZone): string {
    this.filterStep();
    return toJson(this.visibleRows(true), zone, this.allColumns);
  }

  /** True while every row shows, in arrival order (no filter, sort or grouping). */
  private get arrival(): boolean {
    return this.search.query === '' && this.ordering.sort === null && !this.grouping.active;
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
      const ms = this.times.at(col.key, row);
      if (ms !== undefined) return ms === ms ? formatValue('time', ms, this.tz) : (col.get(this.rows[row]!) ?? '').toString();
    }
    return formatValue(col.kind, col.get(this.rows[row]!), this.tz);
  }

  /** After hidden, pinned or ordered columns were set: the search strings follow the visible columns (not their order). */
  private columnsSet(): void {
    const change = this.refreshColumns();
    if (change !== 'same') this.version++;
    if (this.search.query !== '' && change === 'changed') this.refilter();
  }

  /** Recomputes column lists; says what that did to the visible columns (their order alone leaves the search strings). */
  private refreshColumns(): ColumnsChange {
    this.allColumns = this.fixed !== undefined ? [...this.fixed] : [...BASE_COLUMNS, ...this.extras.columns()];
    const change = this.choice.update(this.allColumns);
    if (change === 'changed') this.stale();
    return change;
  }

  /** Other rows, columns or zone: the filter's index is to be built again, and what `prepare` does to be done again. */
  private stale(): void {
    this.search.index.invalidate();
    this.prepared = false;
  }

  private refilter(): void {
    this.setView(this.search.start(this.ordering.order));
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
