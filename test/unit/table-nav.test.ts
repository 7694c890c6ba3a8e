/** Keyboard movement of the grid's active cell, and the index sorting helpers. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { navigate } from '../../webview/table/nav';
import { denseRanks, identity, intKeys, mergeSorted, sortByKeys } from '../../webview/table/sort';

const go = (row: number, col: number, key: string, ctrl = false) => navigate({ row, col }, { key, ctrl }, 100, 5, 20);

test('arrows move one cell and stop at the edges; up from the first row enters the header', () => {
  assert.deepEqual(go(5, 2, 'ArrowDown'), { row: 6, col: 2 });
  assert.deepEqual(go(99, 2, 'ArrowDown'), { row: 99, col: 2 });
  assert.deepEqual(go(0, 2, 'ArrowUp'), { row: -1, col: 2 });
  assert.deepEqual(go(-1, 2, 'ArrowUp'), { row: -1, col: 2 });
  assert.deepEqual(go(-1, 2, 'ArrowDown'), { row: 0, col: 2 });
  assert.deepEqual(go(5, 0, 'ArrowLeft'), { row: 5, col: 0 });
  assert.deepEqual(go(5, 4, 'ArrowRight'), { row: 5, col: 4 });
  assert.equal(go(5, 4, 'Tab'), null);
});

test('Home/End go to the row start/end; with Ctrl to the first/last row', () => {
  assert.deepEqual(go(5, 2, 'Home'), { row: 5, col: 0 });
  assert.deepEqual(go(5, 2, 'End'), { row: 5, col: 4 });
  assert.deepEqual(go(5, 2, 'Home', true), { row: 0, col: 0 });
  assert.deepEqual(go(5, 2, 'End', true), { row: 99, col: 4 });
});

test('PageUp/PageDown move by a page and clamp', () => {
  assert.deepEqual(go(5, 1, 'PageDown'), { row: 25, col: 1 });
  assert.deepEqual(go(90, 1, 'PageDown'), { row: 99, col: 1 });
  assert.deepEqual(go(-1, 1, 'PageDown'), { row: 20, col: 1 });
  assert.deepEqual(go(25, 1, 'PageUp'), { row: 5, col: 1 });
  assert.deepEqual(go(5, 1, 'PageUp'), { row: 0, col: 1 });
  assert.deepEqual(navigate({ row: -1, col: 0 }, { key: 'ArrowDown', ctrl: false }, 0, 3, 20), { row: -1, col: 0 }, 'no rows');
});

test('sortByKeys is stable, puts NaN last both ways, and falls back to ranks for decimals', () => {
  const values = new Float64Array([3, NaN, 1, 3, 2.5, 1]);
  const ints = intKeys(values, values.length);
  assert.equal(ints, null, 'decimals are not integer keys');
  const keys = denseRanks(values, values.length);
  assert.deepEqual(Array.from(sortByKeys(identity(6), keys, 'asc')), [2, 5, 4, 0, 3, 1]);
  assert.deepEqual(Array.from(sortByKeys(identity(6), keys, 'desc')), [0, 3, 4, 2, 5, 1]);
  const big = new Float64Array([2 ** 52, 0, 5]);
  assert.equal(intKeys(big, 3), null, 'a range too wide for key × n + position');
  const times = new Float64Array([1.7e12 + 5, 1.7e12, NaN, 1.7e12 + 5]);
  assert.deepEqual(Array.from(sortByKeys(new Uint32Array([3, 2, 1, 0]), intKeys(times, 4)!, 'desc')), [3, 0, 1, 2]);
});

test('mergeSorted inserts sorted rows into a sorted order', () => {
  const cmp = (a: number, b: number) => (a % 10) - (b % 10) || a - b;
  const merged = mergeSorted(new Uint32Array([10, 1, 21, 3, 9]), new Uint32Array([0, 11, 5, 19]), cmp);
  assert.deepEqual(Array.from(merged), [0, 10, 1, 11, 21, 3, 5, 9, 19]);
});
