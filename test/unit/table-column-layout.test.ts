/** Column order and widths as the user sets them (pure rules of the grid's column layout), and the model's order. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { arrange, clampWidth, moveBy, moveOnto, ORDER_MAX, readWidths, sameItems, WIDTH_MAX, WIDTH_MIN, type Placing } from '../../webview/table/column-layout';
import { TableModel } from '../../webview/table/model';
import { slice } from '../webview/rows';

const KEYS = ['a', 'b', 'c', 'd', 'e'];
const at = (order: string[], pinned: string[] = []): Placing => ({ order, pinned });
/** The keys as they show: the pinned first (in pin order), then the rest in order. */
const shown = (p: Placing | null, keys = KEYS): string[] => {
  assert.ok(p !== null, 'a move');
  const pinned = p.pinned.filter((k) => keys.includes(k));
  return [...pinned, ...arrange(keys, p.order).filter((k) => !pinned.includes(k))];
};

test('arrange: the keys the order names first, in its order; unknown keys ignored; the others after, in their own order', () => {
  assert.deepEqual(arrange(KEYS, []), KEYS);
  assert.deepEqual(arrange(KEYS, ['d', 'gone', 'b']), ['d', 'b', 'a', 'c', 'e']);
  assert.deepEqual(arrange(KEYS, ['e', 'd', 'c', 'b', 'a', 'e']), ['e', 'd', 'c', 'b', 'a'], 'a repeat counts where it first comes');
  const columns = KEYS.map((key) => ({ key }));
  assert.deepEqual(arrange(columns, ['c', 'a']).map((c) => c.key), ['c', 'a', 'b', 'd', 'e'], 'columns as well as keys');
  assert.deepEqual(arrange(['a', 'b', 'c', 'new'], ['c', 'b', 'a']), ['c', 'b', 'a', 'new'], 'a column new since the save comes last');
});

test('widths are clamped whole pixels; saved widths that are not finite numbers are left out', () => {
  assert.equal(clampWidth(3), WIDTH_MIN);
  assert.equal(clampWidth(1e9), WIDTH_MAX);
  assert.equal(clampWidth(120.6), 121);
  const widths = readWidths({ a: 200, b: 5, c: Number.NaN, d: Infinity, e: '90', f: 5000 } as Record<string, unknown>);
  assert.deepEqual([...widths], [['a', 200], ['b', WIDTH_MIN], ['f', WIDTH_MAX]]);
  assert.equal(readWidths(undefined).size, 0);
  assert.equal(readWidths(JSON.parse('{"__proto__": 100}') as Record<string, unknown>).get('__proto__'), 100, 'an odd key is only a key');
});

test('moveBy moves one place within the unpinned columns and stops at the ends', () => {
  assert.deepEqual(shown(moveBy(at([]), KEYS, 'b', 1)), ['a', 'c', 'b', 'd', 'e']);
  assert.deepEqual(shown(moveBy(at([]), KEYS, 'b', -1)), ['b', 'a', 'c', 'd', 'e']);
  assert.equal(moveBy(at([]), KEYS, 'a', -1), null);
  assert.equal(moveBy(at([]), KEYS, 'e', 1), null);
  assert.equal(moveBy(at([]), KEYS, 'nope', 1), null);
  // From a saved order: the next one as shown.
  assert.deepEqual(shown(moveBy(at(['e', 'd', 'c', 'b', 'a']), KEYS, 'd', -1)), ['d', 'e', 'c', 'b', 'a']);
});

test('moveBy skips the columns `among` refuses (hidden ones, from the header) and keeps keys of columns gone', () => {
  const visible = (k: string): boolean => k !== 'c';
  const next = moveBy(at(['x', 'a', 'b', 'c', 'd', 'e']), KEYS, 'b', 1, visible);
  assert.deepEqual(shown(next), ['a', 'c', 'd', 'b', 'e'], 'b passes the hidden c and lands after d');
  assert.deepEqual(next!.order, ['a', 'c', 'd', 'b', 'e', 'x'], 'x (no column now) is kept, after the others');
  assert.deepEqual(shown(moveBy(at([]), KEYS, 'b', 1)), ['a', 'c', 'b', 'd', 'e'], 'among all: one place');
});

test('pinned columns stay first: a pinned one moves among the pinned (the pin order), another never past them', () => {
  const p = at([], ['d', 'b']);
  assert.deepEqual(shown(p), ['d', 'b', 'a', 'c', 'e']);
  const swapped = moveBy(p, KEYS, 'b', -1);
  assert.deepEqual(swapped, { order: [], pinned: ['b', 'd'] }, 'only the pin order changes');
  assert.equal(moveBy(p, KEYS, 'b', 1), null, 'the last pinned does not leave the pinned');
  assert.equal(moveBy(p, KEYS, 'a', -1), null, 'the first unpinned does not go among the pinned');
  assert.deepEqual(shown(moveBy(p, KEYS, 'c', -1)), ['d', 'b', 'c', 'a', 'e']);
  assert.equal(moveOnto(p, KEYS, 'a', 'd'), null, 'no drop across the groups');
  assert.equal(moveOnto(p, KEYS, 'd', 'e'), null);
  // A hidden pinned column (still in the pin list) is skipped from the header.
  assert.equal(moveBy(at([], ['d', 'b']), KEYS, 'd', 1, (k) => k !== 'b'), null);
});

test('moveOnto takes a column to the target\'s place: after it moving right, before it moving left', () => {
  assert.deepEqual(shown(moveOnto(at([]), KEYS, 'a', 'd')), ['b', 'c', 'd', 'a', 'e']);
  assert.deepEqual(shown(moveOnto(at([]), KEYS, 'e', 'b')), ['a', 'e', 'b', 'c', 'd']);
  assert.equal(moveOnto(at([]), KEYS, 'a', 'a'), null);
  assert.equal(moveOnto(at([]), KEYS, 'a', 'zz'), null);
  const many = Array.from({ length: ORDER_MAX + 10 }, (_, i) => `gone${i}`);
  assert.equal(moveOnto(at(many), KEYS, 'a', 'b')!.order.length, ORDER_MAX, 'the keys of columns gone are dropped first');
});

test('sameItems ignores the order', () => {
  assert.ok(sameItems(['a', 'b'], ['b', 'a']));
  assert.ok(!sameItems(['a', 'b'], ['a', 'c']));
  assert.ok(!sameItems(['a'], ['a', 'a']));
});

test('the model shows its columns in the order set (pinned first), CSV follows, the filter is unchanged by an order', () => {
  const rows = [slice('1', { trackingType: 'sponsor', durationSeconds: 30, extra: { booth: 'B' } }), slice('2', { trackingType: 'time_spent', durationSeconds: 5 })];
  const m = new TableModel(rows, { timeZone: 'utc', columnOrder: ['durationSeconds', 'nope', 'trackingType'], hiddenColumns: ['clickTime', 'endTime'] });
  const keys = (): string[] => m.visibleColumns.map((c) => c.key);
  assert.deepEqual(keys(), ['durationSeconds', 'trackingType', 'id', 'trackableType', 'trackableId', 'startTime', 'trackingSessionId', 'extra.booth']);
  assert.match(m.toCsv(), /^\uFEFFDuration \(s\),Tracking type,Id,/);
  m.setFilter('sponsor');
  assert.equal(m.rowCount, 1);
  const version = m.version;
  m.setColumnOrder(['id']);
  assert.deepEqual(keys().slice(0, 2), ['id', 'trackingType']);
  assert.ok(m.version > version, 'an order change is a change shown');
  assert.equal(m.rowCount, 1, 'still filtered');
  m.setPinnedColumns(['extra.booth']);
  assert.deepEqual(keys().slice(0, 2), ['extra.booth', 'id']);
  assert.deepEqual(m.columnOrder, ['id']);
});
