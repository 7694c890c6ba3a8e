/**
 * Sort keys per column, computed once per row and cached in typed arrays: times are the shared parsed
 * instants (times.ts), durations and numbers copied, text turned into ranks of a case-insensitive,
 * digit-aware key. Null is NaN. Appending rows extends the arrays; text ranks are redone lazily.
 */
import { denseRanks, intKeys, type IntKeys } from './sort';
import { TimeStore } from './times';
import type { Column, Row, SortDir } from './types';

const CANONICAL_INT = /^(0|[1-9]\d{0,14})$/;

/** Case-insensitive key where digit runs compare by numeric value ("a9" < "a10"). */
export function naturalKey(s: string): string {
  const lower = s.toLowerCase();
  if (!/\d/.test(lower)) return lower;
  return lower.replace(/\d+/g, (run) => {
    const digits = run.replace(/^0+(?=\d)/, '');
    return String.fromCharCode(Math.min(digits.length, 31)) + digits;
  });
}

function growF64(a: Float64Array, n: number): Float64Array {
  if (a.length >= n) return a;
  const b = new Float64Array(Math.max(n, a.length * 2));
  b.set(a);
  return b;
}

export interface SortKeys {
  /** Per row: a number whose ascending order is the column's order; NaN for null. */
  readonly values: Float64Array;
  /** `values` as small integers for sorting, cached until rows are added. */
  sortKeys(): IntKeys;
  /** Compares rows a, b in direction `dir`, nulls last either way. */
  compare(a: number, b: number, dir: SortDir): number;
}

function compareNumbers(x: number, y: number, dir: SortDir): number {
  const nx = x !== x;
  const ny = y !== y;
  if (nx || ny) return nx === ny ? 0 : nx ? 1 : -1;
  if (x === y) return 0;
  return (x < y) === (dir === 'asc') ? -1 : 1;
}

class KeyEntry implements SortKeys {
  private nums: Float64Array = new Float64Array(0);
  private texts: (string | null)[] | null = null;
  private textRanks: Float64Array | null = null;
  private ints: IntKeys | null = null;
  private size = 0;

  constructor(
    readonly col: Column,
    private readonly times: TimeStore,
  ) {}

  get values(): Float64Array {
    if (this.texts === null) return this.nums;
    if (this.textRanks === null) this.textRanks = rankTexts(this.texts);
    return this.textRanks;
  }

  sortKeys(): IntKeys {
    if (this.ints === null) {
      const values = this.values;
      this.ints = intKeys(values, this.size) ?? denseRanks(values, this.size);
    }
    return this.ints;
  }

  compare(a: number, b: number, dir: SortDir): number {
    if (this.texts === null) return compareNumbers(this.nums[a]!, this.nums[b]!, dir);
    const x = this.texts[a]!;
    const y = this.texts[b]!;
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    if (x === y) return 0;
    return (x < y) === (dir === 'asc') ? -1 : 1;
  }

  /** Computes keys for rows [size, rows.length). */
  extend(rows: readonly Row[]): void {
    const from = this.size;
    const n = rows.length;
    if (from >= n) return;
    this.ints = null;
    this.size = n;
    const { col } = this;
    if (col.kind === 'time') {
      this.nums = this.times.read(col, rows);
      return;
    }
    if (this.texts === null) {
      // Numbers, and text while every value is a canonical integer (ids): plain numbers order them.
      const nums = (this.nums = growF64(this.nums, n));
      const text = col.kind === 'text';
      for (let i = from; i < n; i++) {
        const v = col.get(rows[i]!);
        if (text && v !== null && !(typeof v === 'string' && CANONICAL_INT.test(v))) {
          // Not every value is a canonical integer: the column sorts as text, every row's key made again.
          this.texts = [];
          this.nums = new Float64Array(0);
          return this.extendTexts(rows, 0);
        }
        nums[i] = v === null || v === '' ? NaN : Number(v);
      }
    } else this.extendTexts(rows, from);
  }

  private extendTexts(rows: readonly Row[], from: number): void {
    for (let i = from; i < rows.length; i++) {
      const v = this.col.get(rows[i]!);
      this.texts!.push(v === null ? null : naturalKey(String(v)));
    }
    this.textRanks = null;
  }
}

function rankTexts(texts: readonly (string | null)[]): Float64Array {
  const unique = [...new Set(texts)].filter((t): t is string => t !== null).sort();
  const rankOf = new Map<string, number>();
  for (let i = 0; i < unique.length; i++) rankOf.set(unique[i]!, i);
  const out = new Float64Array(texts.length);
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i]!;
    out[i] = t === null ? NaN : rankOf.get(t)!;
  }
  return out;
}

/** Sort keys of the current rows, per column key (redone when a column's kind changes). */
export class KeyCache {
  private readonly entries = new Map<string, KeyEntry>();

  constructor(
    private readonly rows: () => readonly Row[],
    /** The parsed times, shared with the filter, the grouping and the timeline. */
    readonly times = new TimeStore(),
  ) {}

  get(col: Column): SortKeys {
    let e = this.entries.get(col.key);
    if (e === undefined || e.col.kind !== col.kind) {
      e = new KeyEntry(col, this.times);
      this.entries.set(col.key, e);
    }
    e.extend(this.rows());
    return e;
  }

  /** Other rows: forgets every key, and the parsed times. */
  clear(): void {
    this.entries.clear();
    this.times.clear();
  }
}
