/**
 * Sort keys per column, computed once per row and cached in typed arrays: times are parsed once,
 * durations and numbers copied, text turned into ranks of a case-insensitive, digit-aware key.
 * Null is NaN. Appending rows extends the arrays; text ranks are redone lazily.
 */
import { parseIsoMs } from './format';
import { denseRanks, intKeys, type IntKeys } from './sort';
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

  constructor(readonly col: Column) {}

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

  get length(): number {
    return this.size;
  }

  /** Computes keys for rows [size, rows.length). */
  extend(rows: readonly Row[]): void {
    const from = this.size;
    const n = rows.length;
    if (from >= n) return;
    this.ints = null;
    const { col } = this;
    if (col.kind === 'text' && this.texts === null && !this.numericText(rows, from)) this.toTexts(rows);
    if (this.texts !== null) {
      for (let i = from; i < n; i++) {
        const v = col.get(rows[i]!);
        this.texts.push(v === null ? null : naturalKey(String(v)));
      }
      this.textRanks = null;
    } else {
      this.nums = growF64(this.nums, n);
      for (let i = from; i < n; i++) this.nums[i] = this.numberOf(col.get(rows[i]!));
    }
    this.size = n;
  }

  private numberOf(v: string | number | null): number {
    if (v === null) return NaN;
    if (typeof v === 'number') return v;
    return this.col.kind === 'time' ? parseIsoMs(v) : v === '' ? NaN : Number(v);
  }

  /** True while every text value is a canonical integer, so plain numbers order them. */
  private numericText(rows: readonly Row[], from: number): boolean {
    for (let i = from; i < rows.length; i++) {
      const v = this.col.get(rows[i]!);
      if (v !== null && !(typeof v === 'string' && CANONICAL_INT.test(v))) return false;
    }
    return true;
  }

  private toTexts(rows: readonly Row[]): void {
    this.texts = [];
    for (let i = 0; i < this.size; i++) {
      const v = this.col.get(rows[i]!);
      this.texts.push(v === null ? null : naturalKey(String(v)));
    }
    this.nums = new Float64Array(0);
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

  constructor(private readonly rows: () => readonly Row[]) {}

  get(col: Column): SortKeys {
    let e = this.entries.get(col.key);
    if (e === undefined || e.col.kind !== col.kind) {
      e = new KeyEntry(col);
      this.entries.set(col.key, e);
    }
    e.extend(this.rows());
    return e;
  }

  /** Cached epoch ms of a time column's row, or undefined when that column has no keys yet. */
  cachedTime(col: Column, row: number): number | undefined {
    const e = this.entries.get(col.key);
    return e === undefined || e.col.kind !== 'time' || row >= e.length ? undefined : e.values[row];
  }

  clear(): void {
    this.entries.clear();
  }
}
