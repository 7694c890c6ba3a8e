/** The grid's row selection (by row identity, lazy ranges) and the copied text (TSV, Markdown). DOM-free. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markdownCell, rowsText, tsvCell } from '../../webview/table/copy-text';
import { RowSelection, type RowView } from '../../webview/table/selection';

/** A view over `total` rows showing `order` (row indexes in display order); counts rowIndexAt calls. */
function view(order: number[], total = order.length): RowView & { order: number[]; total: number; reads: number } {
  return {
    order,
    total,
    reads: 0,
    get rowCount() {
      return this.order.length;
    },
    get totalCount() {
      return this.total;
    },
    rowIndexAt(pos: number) {
      this.reads++;
      return this.order[pos]!;
    },
  };
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

test('only, extend from the anchor and back, toggle; positions in display order', () => {
  const s = new RowSelection(view(range(20)));
  s.only(3);
  assert.deepEqual(s.positions(), [3]);
  s.extend(6, 3);
  assert.deepEqual(s.positions(), [3, 4, 5, 6]);
  s.extend(1, 6);
  assert.deepEqual(s.positions(), [1, 2, 3], 'the anchor stays at 3');
  s.toggle(2);
  assert.deepEqual(s.positions(), [1, 3]);
  s.toggle(10);
  s.extend(12, 10);
  assert.deepEqual(s.positions(), [1, 3, 10, 11, 12], 'Shift after Ctrl extends from the toggled row, keeping the others');
  s.only(5);
  assert.deepEqual(s.positions(), [5]);
  assert.equal(s.has(5), true);
  assert.equal(s.has(4), false);
});

test('extend without an anchor starts at the given row', () => {
  const s = new RowSelection(view(range(10)));
  s.extend(4, 2);
  assert.deepEqual(s.positions(), [2, 3, 4]);
});

test('selection follows rows, not positions: commit before a sort or filter', () => {
  const v = view(range(10));
  const s = new RowSelection(v);
  s.only(1);
  s.extend(3, 1);
  s.toggle(7);
  s.commit();
  v.order = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0]; // sorted the other way
  assert.deepEqual(s.positions(), [2, 6, 7, 8]);
  v.order = [0, 2, 4, 6, 8]; // filtered: rows 1, 3 and 7 hidden
  assert.deepEqual(s.positions(), [1]);
  v.order = range(10);
  assert.deepEqual(s.positions(), [1, 2, 3, 7], 'hidden rows stay selected');
  v.order = range(12);
  v.total = 12;
  s.toggle(11);
  assert.deepEqual(s.positions(), [1, 2, 3, 7, 11], 'rows appended later can be selected');
});

test('all() is lazy: no row is read to select 1 000 000 of them, or to ask about one', () => {
  const v = view(range(1_000_000));
  const s = new RowSelection(v);
  s.all();
  assert.equal(s.has(0) && s.has(999_999) && s.has(500_000), true);
  assert.equal(s.atLeast(2), true);
  assert.equal(v.reads, 0);
  s.only(4);
  assert.equal(s.has(5), false);
  assert.equal(v.reads, 0);
});

test('all() of a filtered view marks those rows only, which stay selected when the filter goes', () => {
  const v = view([1, 4, 5], 8);
  const s = new RowSelection(v);
  s.all();
  s.commit();
  v.order = range(8);
  assert.deepEqual(s.positions(), [1, 4, 5]);
  const none = new RowSelection(view([], 0));
  none.all();
  assert.deepEqual(none.positions(), []);
});

test('collapse leaves the active row only when several were selected; clear empties', () => {
  const s = new RowSelection(view(range(10)));
  s.only(2);
  assert.equal(s.collapse(2), false);
  s.extend(5, 2);
  s.toggle(8);
  assert.equal(s.atLeast(5), true);
  assert.equal(s.atLeast(6), false);
  assert.equal(s.collapse(8), true);
  assert.deepEqual(s.positions(), [8]);
  assert.equal(s.atLeast(2), false);
  s.clear();
  assert.deepEqual(s.positions(), []);
  assert.equal(s.has(8), false);
});

test('TSV: header, then one line per row; tabs and line breaks in a cell become spaces', () => {
  const cells = [['1', 'a\tb'], ['2', 'line\r\nbreak\nand\rmore']];
  assert.equal(rowsText('tsv', ['Id', 'Note'], 2, (r, c) => cells[r]![c]!), 'Id\tNote\n1\ta b\n2\tline break and more');
  assert.equal(rowsText('tsv', ['Id', 'Note'], 0, () => ''), 'Id\tNote');
  assert.equal(tsvCell('plain'), 'plain');
});

test('TSV pastes into spreadsheets: a cell that would run as a formula is kept as text; numbers and Markdown stay as shown', () => {
  const cells = [['=HYPERLINK("http://x","y")', '-5'], ['@SUM(A1)', '+1-2+cmd|x'], ['-0.5', '2023-05-10 08:00:00']];
  assert.equal(
    rowsText('tsv', ['=Label', 'Value'], 3, (r, c) => cells[r]![c]!),
    ["'=Label\tValue", '\'=HYPERLINK("http://x","y")\t-5', "'@SUM(A1)\t'+1-2+cmd|x", '-0.5\t2023-05-10 08:00:00'].join('\n'),
  );
  assert.equal(markdownCell('=1+1'), '=1+1');
});

test('Markdown: a table with a --- row; pipes escaped, line breaks as spaces', () => {
  const cells = [['1', 'a|b'], ['2', 'x\ny'], ['3', '']];
  assert.equal(
    rowsText('markdown', ['Id', 'Pipe|d'], 3, (r, c) => cells[r]![c]!),
    ['| Id | Pipe\\|d |', '| --- | --- |', '| 1 | a\\|b |', '| 2 | x y |', '| 3 |  |'].join('\n'),
  );
  assert.equal(markdownCell('a|b|c\td'), 'a\\|b\\|c d');
});
