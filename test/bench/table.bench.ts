/**
 * Benchmark of the results table in headless chromium (not a test):
 *   node --import tsx test/bench/table.bench.ts [rows] [anchorRows]
 * Measures the virtual grid at 100 000 synthetic slices (and at 10 000, to compare) and, as the
 * anchor, @vscode/webview-ui-toolkit's vscode-data-grid at 10 000 rows, each in a fresh browser.
 * `runTableBench` is exported for a top-level `npm run bench`.
 */
import { cpus, loadavg } from 'node:os';
import type { Browser } from 'playwright-core';
import { bundle, launch, openPage, serve } from '../webview/harness';
import type { Figures } from './table-page';

const ENTRY = `
import * as table from './webview/table/index.ts';
import * as bench from './test/bench/table-page.ts';
import { makeRows } from './test/webview/rows.ts';
Object.assign(globalThis, { __table: table, __bench: bench, __makeRows: makeRows });
`;
const ANCHOR_ENTRY = `${ENTRY}
import { provideVSCodeDesignSystem, vsCodeDataGrid, vsCodeDataGridRow, vsCodeDataGridCell } from '@vscode/webview-ui-toolkit';
provideVSCodeDesignSystem().register(vsCodeDataGrid(), vsCodeDataGridRow(), vsCodeDataGridCell());
`;

interface BenchGlobals {
  __bench: typeof import('./table-page');
}

export interface BenchResult {
  grid: Figures;
  gridSmall: Figures;
  dataGrid: Figures;
  capMs: number;
  /** The machine: CPUs and the 1-minute load average before and after (the figures are wall-clock). */
  cpus: number;
  load: [before: number, after: number];
}

export interface BenchOptions {
  rows?: number;
  anchorRows?: number;
  /** Per-phase wait limit for the anchor. */
  capMs?: number;
  log?: (line: string) => void;
}

const CHROMIUM_BENCH_ARGS = ['--enable-precise-memory-info', '--js-flags=--expose-gc'];

function empty(rows: number): Figures {
  return { rows, firstPaintMs: null, sortMs: null, filterMs: null, filterFirstMs: null, readyMs: null, filterColdMs: null, scrollP95Ms: null, scrollWorkP95Ms: null, heapMB: null, rowsHeapMB: null };
}

/** Runs one in-page measurement in a fresh browser; a hung page is killed after `guardMs`. */
async function measure(js: string, what: 'grid' | 'dataGrid', rows: number, capMs: number, guardMs: number): Promise<Figures> {
  const server = await serve(js, { csp: what === 'grid', width: 1000, height: 600 });
  let browser: Browser | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    browser = await launch(CHROMIUM_BENCH_ARGS);
    const { page } = await openPage(browser, server.url);
    const run = page.evaluate(
      ([kind, n, cap]) => {
        const b = (globalThis as unknown as BenchGlobals).__bench;
        return kind === 'grid' ? b.measureGrid(n) : b.measureDataGrid(n, cap);
      },
      [what, rows, capMs] as const,
    );
    const guard = new Promise<Figures>((resolve) => {
      timer = setTimeout(() => resolve(empty(rows)), guardMs);
    });
    return await Promise.race([run, guard]);
  } finally {
    clearTimeout(timer);
    await browser?.close().catch(() => undefined);
    await server.close();
  }
}

export async function runTableBench(opts: BenchOptions = {}): Promise<BenchResult> {
  const rows = opts.rows ?? 100_000;
  const anchorRows = opts.anchorRows ?? 10_000;
  const capMs = opts.capMs ?? 30_000;
  const log = opts.log ?? ((line: string) => console.log(line));
  const loadBefore = loadavg()[0]!;
  const [js, anchorJs] = await Promise.all([bundle(ENTRY), bundle(ANCHOR_ENTRY)]);
  log(`virtual grid, ${rows} rows…`);
  const grid = await measure(js, 'grid', rows, capMs, 120_000);
  log(`virtual grid, ${anchorRows} rows…`);
  const gridSmall = await measure(js, 'grid', anchorRows, capMs, 120_000);
  log(`vscode-data-grid, ${anchorRows} rows (each step capped at ${capMs / 1000} s)…`);
  const dataGrid = await measure(anchorJs, 'dataGrid', anchorRows, capMs, 4 * capMs + 30_000);
  return { grid, gridSmall, dataGrid, capMs, cpus: cpus().length, load: [loadBefore, loadavg()[0]!] };
}

/** `anchor`: the data-grid measures it too. */
const METRICS: { key: keyof Figures; label: string; goal: number | null; anchor?: false }[] = [
  { key: 'firstPaintMs', label: 'first rows painted (ms)', goal: 100 },
  { key: 'sortMs', label: 'full sort by duration (ms)', goal: 100 },
  { key: 'filterFirstMs', label: 'first keystroke after the rows (ms)', goal: 100, anchor: false },
  { key: 'filterMs', label: 'later keystrokes, slowest (ms)', goal: 100 },
  { key: 'filterColdMs', label: 'first keystroke, no idle gap (ms)', goal: 100, anchor: false },
  { key: 'readyMs', label: '  rows set → idle work done (ms)', goal: null, anchor: false },
  { key: 'scrollP95Ms', label: 'scroll frame p95 (ms)', goal: 17 },
  { key: 'scrollWorkP95Ms', label: '  scroll work p95 (ms)', goal: null },
  { key: 'heapMB', label: 'JS heap used (MB)', goal: 100 },
  { key: 'rowsHeapMB', label: '  of which the rows (MB)', goal: null },
];

function num(v: number | null, unit = ''): string {
  return v === null || Number.isNaN(v) ? 'DNF' : v.toFixed(v < 10 ? 2 : 1) + unit;
}

export function formatBenchReport(r: BenchResult): string {
  const head = ['metric', 'goal', `grid@${r.grid.rows}`, 'ratio', `grid@${r.gridSmall.rows}`, `data-grid@${r.dataGrid.rows}`, 'speed-up'];
  const lines = [head];
  for (const m of METRICS) {
    const g = r.grid[m.key] as number | null;
    const small = r.gridSmall[m.key] as number | null;
    const dg = r.dataGrid[m.key] as number | null;
    const ratio = m.goal === null || g === null ? '' : (g / m.goal).toFixed(2);
    let speedUp = '';
    if (m.goal !== null && m.anchor !== false && small !== null && small > 0) {
      if (dg !== null) speedUp = `${(dg / small).toFixed(1)}×`;
      else if (r.dataGrid.firstPaintMs !== null && m.key !== 'heapMB') speedUp = `≥${(r.capMs / small).toFixed(0)}×`;
    }
    lines.push([m.label, m.goal === null ? '' : `≤${m.goal}`, num(g), ratio, num(small), dg === null ? (m.anchor === false ? '—' : 'DNF') : num(dg), speedUp]);
  }
  const widths = head.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  const text = lines.map((l) => l.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
  const notes = [
    'ratio = figure ÷ goal (≤ 1 meets the goal); speed-up = data-grid ÷ grid, both at the smaller row count',
    '(≥: the data-grid did not finish, so at least the cap ÷ grid).',
    `DNF = did not finish within ${r.capMs / 1000} s. Frame p95 = rAF interval while scrolling 20 rows per frame for 2 s.`,
    'Keystrokes: typing and deleting "laptop". The first one comes when the grid says its idle work is done',
    '(grid.whenReady(): times parsed, the filter\'s index and the sort\'s ties built while idle, "rows set → idle work done"',
    'after setRows); "no idle gap" = a keystroke right after setRows, before any idle time: the worst case, not the usual one.',
    `Machine: ${r.cpus} CPUs, load average ${r.load[0].toFixed(1)} before, ${r.load[1].toFixed(1)} after (figures are wall-clock).`,
  ];
  return `${text}\n\n${notes.join('\n')}`;
}

if (/table\.bench\.ts$/.test(process.argv[1] ?? '')) {
  const [rows, anchorRows] = process.argv.slice(2).map(Number);
  runTableBench({ rows: rows || undefined, anchorRows: anchorRows || undefined })
    .then((r) => console.log(`\n${formatBenchReport(r)}`))
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
