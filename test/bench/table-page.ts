/**
 * In-page half of the table benchmark, bundled into the page (see table.bench.ts). Typed against
 * a minimal view of the browser globals, since the node tsconfig has no DOM lib.
 */
import type { CellValue, Column, GridHandle, GridOptions, Row, TimeZone } from '../../webview/table/types';

interface El {
  style: Record<string, string>;
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
  textContent: string | null;
  querySelector(sel: string): El | null;
  querySelectorAll(sel: string): ArrayLike<El>;
  appendChild(child: El): El;
  addEventListener(type: string, fn: () => void, capture?: boolean): void;
  removeEventListener(type: string, fn: () => void, capture?: boolean): void;
  getBoundingClientRect(): unknown;
  remove(): void;
  [prop: string]: unknown;
}

interface BenchWindow {
  document: { getElementById(id: string): El; createElement(tag: string): El; body: El };
  performance: { now(): number; memory?: { usedJSHeapSize: number } };
  requestAnimationFrame(cb: (t: number) => void): number;
  setTimeout(cb: () => void, ms: number): number;
  gc?: () => void;
  __makeRows(n: number): Row[];
  __table: {
    createGrid(container: El, options?: GridOptions): GridHandle;
    BASE_COLUMNS: readonly Column[];
    formatValue(kind: Column['kind'], v: CellValue, tz: TimeZone): string;
  };
}

/** Figures in ms, except heap (MB); null = did not finish within the cap (or not measured: the anchor). */
export interface Figures {
  rows: number;
  firstPaintMs: number | null;
  sortMs: number | null;
  /** The slowest keystroke after the first. */
  filterMs: number | null;
  /** The first keystroke after the rows arrived, once the grid said its idle work was done (`whenReady`). */
  filterFirstMs: number | null;
  /** From the rows set to the grid ready (times parsed, the filter's index and the sort's ties built while idle). */
  readyMs: number | null;
  /** The first keystroke right after setRows, with no idle time at all: the worst case. */
  filterColdMs: number | null;
  scrollP95Ms: number | null;
  scrollWorkP95Ms: number | null;
  heapMB: number | null;
  rowsHeapMB: number | null;
}

const w = globalThis as unknown as BenchWindow;
const now = (): number => w.performance.now();
const frame = (): Promise<number> => new Promise((r) => w.requestAnimationFrame(r));
/** Resolves just after the next frame has been produced. */
const afterPaint = (): Promise<void> => new Promise((r) => w.requestAnimationFrame(() => w.setTimeout(r, 0)));
const sleep = (ms: number): Promise<void> => new Promise((r) => w.setTimeout(r, ms));

function heapMB(): number | null {
  w.gc?.();
  const m = w.performance.memory;
  return m === undefined ? null : m.usedJSHeapSize / 2 ** 20;
}

export function percentile(values: number[], p: number): number {
  const s = values.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
}

/**
 * Scrolls `scroller` by `step` px every frame for `ms`, bouncing at the ends. Returns the p95 of
 * frame intervals (rAF timestamps) and of the work per scroll event: from a capturing listener
 * on the document (before the grid's handler) to after the grid's handler and a forced layout.
 */
async function scrollFor(scroller: El, ms: number, step: number): Promise<{ p95: number; workP95: number }> {
  const intervals: number[] = [];
  const work: number[] = [];
  let start = 0;
  const onCapture = (): void => {
    start = now();
  };
  const onScroll = (): void => {
    scroller.getBoundingClientRect();
    void scroller.scrollHeight; // forces style and layout
    work.push(now() - start);
  };
  const doc = w.document as unknown as El;
  doc.addEventListener('scroll', onCapture, true);
  scroller.addEventListener('scroll', onScroll);
  let last = await frame();
  const end = last + ms;
  let dir = 1;
  for (;;) {
    const t = await frame();
    intervals.push(t - last);
    last = t;
    if (t > end) break;
    const max = scroller.scrollHeight - scroller.clientHeight;
    if (scroller.scrollTop + step * dir > max || scroller.scrollTop + step * dir < 0) dir = -dir;
    scroller.scrollTop += step * dir;
  }
  scroller.removeEventListener('scroll', onScroll);
  doc.removeEventListener('scroll', onCapture, true);
  return { p95: percentile(intervals.slice(1), 95), workP95: percentile(work, 95) };
}

function box(height: number): El {
  const el = w.document.createElement('div');
  el.style.height = `${height}px`;
  el.style.width = '1000px';
  w.document.body.appendChild(el);
  return el;
}

/** The virtual grid: first paint, sort by duration, filter keystrokes, scrolling, heap. */
export async function measureGrid(n: number): Promise<Figures> {
  const rows = w.__makeRows(n);
  await afterPaint();
  const rowsHeapMB = heapMB();

  // The worst case: a keystroke right after the rows, before any idle time (nothing parsed or built ahead).
  const cold = w.__table.createGrid(box(300));
  cold.setRows(rows);
  let t = now();
  cold.setFilter('laptop');
  await afterPaint();
  const filterColdMs = now() - t;
  cold.destroy();
  await sleep(500);

  const host = w.document.getElementById('host');
  t = now();
  const grid = w.__table.createGrid(host);
  grid.setRows(rows);
  const ready = grid.whenReady().then(() => now() - t);
  await afterPaint();
  const firstPaintMs = now() - t;

  t = now();
  grid.sortBy('durationSeconds', 'asc');
  await afterPaint();
  const sortMs = now() - t;

  // The realistic case: the first keystroke comes once the grid says its idle work is done.
  const readyMs = await ready;
  let filterFirstMs = 0;
  let filterMs = 0;
  for (const [i, q] of ['l', 'la', 'lap', 'lapt', 'lapto', 'laptop', 'lapto', 'lapt', 'lap', 'la', 'l', ''].entries()) {
    t = now();
    grid.setFilter(q);
    await afterPaint();
    if (i === 0) filterFirstMs = now() - t;
    else filterMs = Math.max(filterMs, now() - t);
  }

  const scroll = await scrollFor(host.querySelector('.bt-scroll')!, 2000, 20 * 24);
  const heap = heapMB();
  grid.destroy();
  return { rows: n, firstPaintMs, sortMs, filterMs, filterFirstMs, readyMs, filterColdMs, scrollP95Ms: scroll.p95, scrollWorkP95Ms: scroll.workP95, heapMB: heap, rowsHeapMB };
}

/** Polls once per frame until `ok()` or the deadline; false on timeout. */
async function until(ok: () => boolean, deadline: number): Promise<boolean> {
  while (!ok()) {
    if (now() > deadline) return false;
    await frame();
  }
  await afterPaint();
  return true;
}

/** The anchor: the same rows in @vscode/webview-ui-toolkit's vscode-data-grid. */
export async function measureDataGrid(n: number, capMs: number): Promise<Figures> {
  const cols = w.__table.BASE_COLUMNS;
  const rows = w.__makeRows(n);
  const data = rows.map((r) => Object.fromEntries(cols.map((c) => [c.key, w.__table.formatValue(c.kind, c.get(r), 'local')])));
  await afterPaint();
  const rowsHeapMB = heapMB();
  const host = w.document.getElementById('host');
  host.style.overflow = 'auto';
  const dg = w.document.createElement('vscode-data-grid');
  dg.columnDefinitions = cols.map((c) => ({ columnDataKey: c.key, title: c.label }));
  host.appendChild(dg);
  const rowCount = (): number => dg.querySelectorAll('vscode-data-grid-row').length - 1; // minus the header row
  const out: Figures = { rows: n, firstPaintMs: null, sortMs: null, filterMs: null, filterFirstMs: null, readyMs: null, filterColdMs: null, scrollP95Ms: null, scrollWorkP95Ms: null, heapMB: null, rowsHeapMB };

  let t = now();
  dg.rowsData = data;
  if (!(await until(() => rowCount() >= n, t + capMs))) return out;
  out.firstPaintMs = now() - t;

  const scroll = await scrollFor(host, 2000, 20 * 24);
  out.scrollP95Ms = scroll.p95;
  out.scrollWorkP95Ms = scroll.workP95;
  out.heapMB = heapMB();

  const order = rows.map((r, i) => [r.durationSeconds, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const sorted = order.map(([, i]) => data[i]!);
  const firstCell = (): string | null => dg.querySelectorAll('vscode-data-grid-row')[1]?.querySelector('vscode-data-grid-cell')?.textContent ?? null;
  t = now();
  dg.rowsData = sorted;
  if (!(await until(() => firstCell() === sorted[0]!['id'], t + capMs))) return out;
  out.sortMs = now() - t;

  const filtered = sorted.filter((d) => Object.values(d).join('\u0001').toLowerCase().includes('laptop'));
  t = now();
  dg.rowsData = filtered;
  if (!(await until(() => rowCount() === filtered.length, t + capMs))) return out;
  out.filterMs = now() - t;
  return out;
}
