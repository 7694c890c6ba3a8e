/**
 * The row order of the table model. Rows show in arrival order until sorted. Sorting is stable:
 * rows that tie on the new column keep their previous order; the first sort breaks ties by id
 * (then arrival). So the order always equals "sort columns, most recent first, then id, then
 * arrival", which lets appended rows be merged in. Nulls sort last in both directions; text
 * sorts case-insensitively with digit runs by value.
 */
import { BASE_COLUMNS } from './columns';
import type { KeyCache, SortKeys } from './keys';
import { identity, mergeSorted, sortByKeys, type Compare } from './sort';
import type { Column, SortDir, SortSpec } from './types';

export class Ordering {
  /** Sorts applied, most recent first, one per column. */
  private stack: SortSpec[] = [];
  /** Every row index once, in display order (before filtering). */
  order: Uint32Array = new Uint32Array(0);
  private base: Uint32Array | null = null;
  private kinds = '';

  constructor(
    private readonly keys: KeyCache,
    private readonly column: (key: string) => Column | undefined,
    /** The column ties fall back to (slices: id). */
    private readonly idColumn: () => Column = () => BASE_COLUMNS[0]!,
  ) {}

  get sort(): SortSpec | null {
    return this.stack[0] ?? null;
  }

  /** New data of n rows: the current sorts are applied again (dropping vanished columns). */
  reset(n: number): void {
    this.base = null;
    this.stack = this.stack.filter((s) => this.column(s.key) !== undefined);
    this.order = this.stack.length === 0 ? identity(n) : this.sortAll(n);
    this.kinds = this.kindsOfStack();
  }

  /** Sorts by a column, or with a null key/dir returns to arrival order. False for an unknown key. */
  sortBy(key: string | null, dir: SortDir | null, n: number): boolean {
    if (key === null || dir === null) {
      this.stack = [];
      this.order = identity(n);
      return true;
    }
    const col = this.column(key);
    if (col === undefined) return false;
    const prev = this.stack.length === 0 ? this.baseOrder(n) : this.order;
    this.order = sortByKeys(prev, this.keys.get(col).sortKeys(), dir);
    this.stack = [{ key, dir }, ...this.stack.filter((s) => s.key !== key)];
    this.kinds = this.kindsOfStack();
    return true;
  }

  /** Computes the tie order ahead of the first sort (the grid calls this when idle). */
  prepare(n: number): void {
    if (this.stack.length === 0) this.baseOrder(n);
  }

  /** Rows [from, n) were added: merged into the order (or everything re-sorted if a sort column changed kind). */
  appended(from: number, n: number): Uint32Array {
    this.base = null;
    const added = identity(n - from).map((i) => i + from);
    if (this.stack.length === 0) {
      const order = new Uint32Array(n);
      order.set(this.order);
      order.set(added, from);
      this.order = order;
    } else if (this.kindsOfStack() !== this.kinds) {
      this.order = this.sortAll(n);
      this.kinds = this.kindsOfStack();
    } else {
      const cmp = this.comparator();
      this.order = mergeSorted(this.order, added.sort(cmp), cmp);
    }
    return added;
  }

  private kindsOfStack(): string {
    return this.stack.map((s) => this.column(s.key)?.kind ?? '').join();
  }

  /** Id ascending (nulls last), then arrival: the order ties fall back to. Cached per data. */
  private baseOrder(n: number): Uint32Array {
    if (this.base === null) {
      const ids = this.keys.get(this.idColumn()).sortKeys();
      const v = ids.values;
      let sorted = true;
      for (let i = 1; i < n && sorted; i++) sorted = v[i - 1]! <= v[i]! || v[i] !== v[i];
      this.base = sorted ? identity(n) : sortByKeys(identity(n), ids, 'asc');
    }
    return this.base;
  }

  /** Every sort of the stack applied again, oldest first. */
  private sortAll(n: number): Uint32Array {
    let order = this.baseOrder(n);
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const col = this.column(this.stack[i]!.key);
      if (col !== undefined) order = sortByKeys(order, this.keys.get(col).sortKeys(), this.stack[i]!.dir);
    }
    return order;
  }

  /** The full order as one comparator (sort columns, most recent first, then id, then arrival). */
  private comparator(): Compare {
    const specs: { keys: SortKeys; dir: SortDir }[] = [];
    for (const s of this.stack) {
      const col = this.column(s.key);
      if (col !== undefined) specs.push({ keys: this.keys.get(col), dir: s.dir });
    }
    const id = this.keys.get(this.idColumn());
    return (a, b) => {
      for (const s of specs) {
        const c = s.keys.compare(a, b, s.dir);
        if (c !== 0) return c;
      }
      return id.compare(a, b, 'asc') || a - b;
    };
  }
}
