/**
 * Sorting of row-index arrays (Uint32Array), never of row objects. A sort encodes each row as
 * one double, key × n + previous position (keys being small integers: seconds, epoch ms minus
 * the minimum, ids, text ranks), and runs the engine's native numeric sort on a Float64Array:
 * no comparator calls, and stable by construction.
 */
import type { SortDir } from './types';

export type Compare = (a: number, b: number) => number;

/** 0..n-1 */
export function identity(n: number): Uint32Array {
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/**
 * Sort keys as small integers: every non-NaN value is an integer in [min, min + span), NaN is
 * null; (span + 1) × rows stays below 2^53 so rank × n + position is exact in a double.
 */
export interface IntKeys {
  values: Float64Array;
  min: number;
  span: number;
}

const EXACT = 2 ** 53;

/** The first n values as IntKeys when they are integers in a small enough range, else null. */
export function intKeys(values: Float64Array, n: number): IntKeys | null {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    if (v !== Math.floor(v)) return null;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === Infinity) return { values, min: 0, span: 0 };
  const span = max - min + 1;
  return (span + 1) * (n + 1) < EXACT ? { values, min, span } : null;
}

/** Dense ranks (0..distinct-1, NaN kept) of the first n values: IntKeys for any numbers. */
export function denseRanks(values: Float64Array, n: number): IntKeys {
  const sorted = values.slice(0, n).sort(); // NaN sorts last
  let u = 0;
  for (let i = 0; i < n; i++) {
    const v = sorted[i]!;
    if (v !== v) break;
    if (u === 0 || sorted[u - 1] !== v) sorted[u++] = v;
  }
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v !== v) {
      ranks[i] = NaN;
      continue;
    }
    let lo = 0;
    let hi = u - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    ranks[i] = lo;
  }
  return { values: ranks, min: 0, span: u };
}

/**
 * `prev` (every row once, in the current order) re-sorted by key in `dir`, nulls last either
 * way; rows with equal keys keep their order in `prev`.
 */
export function sortByKeys(prev: Uint32Array, { values, min, span }: IntKeys, dir: SortDir): Uint32Array {
  const n = prev.length;
  const keys = new Float64Array(n);
  const top = min + span - 1;
  const desc = dir === 'desc';
  for (let p = 0; p < n; p++) {
    const v = values[prev[p]!]!;
    const k = v !== v ? span : desc ? top - v : v - min;
    keys[p] = k * n + p;
  }
  keys.sort();
  const out = new Uint32Array(n);
  // The previous position of each: key % n, exact (keys are integers below 2^53).
  for (let i = 0; i < n; i++) out[i] = prev[keys[i]! % n]!;
  return out;
}

/**
 * Inserts `added` (already sorted by `cmp`) into `order` (sorted by `cmp`, a total order);
 * returns a new array. Costs O(m log n) comparisons plus one copy.
 */
export function mergeSorted(order: Uint32Array, added: Uint32Array, cmp: Compare): Uint32Array {
  const out = new Uint32Array(order.length + added.length);
  let from = 0;
  let w = 0;
  for (let j = 0; j < added.length; j++) {
    const row = added[j]!;
    let lo = from;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp(order[mid]!, row) < 0) lo = mid + 1;
      else hi = mid;
    }
    out.set(order.subarray(from, lo), w);
    w += lo - from;
    out[w++] = row;
    from = lo;
  }
  out.set(order.subarray(from), w);
  return out;
}
