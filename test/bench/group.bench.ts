/**
 * Benchmark of grouping the results table in headless chromium (not a test):
 *   node --import tsx test/bench/group.bench.ts [rows]
 * At 100 000 synthetic slices, the time from `groupBy` to the next painted frame, grouping by tracking type,
 * trackable id, the day of the start time (in Europe/Helsinki) and, sorted by duration, by tracking type; then a
 * filter keystroke and a sort while grouped, and back to the flat table. Each figure is the median of 5 runs (the
 * grid flat before each). `runGroupBench` is exported for a top-level `npm run bench`.
 */
import { cpus, loadavg } from 'node:os';
import type { Browser } from 'playwright-core';
import type { GridHandle, Row } from '../../webview/table/types';
import { bundle, launch, openPage, serve } from '../webview/harness';

const ENTRY = `
import * as table from './webview/table/index.ts';
import { makeRows } from './test/webview/rows.ts';
Object.assign(globalThis, { __table: table, __makeRows: makeRows });
`;

/** Grouping at 150 ms or less at 100 000 rows; the other steps have no goal of their own. */
export const GROUP_GOAL_MS = 150;

interface Step {
  label: string;
  ms: number;
  goal: number | null;
}

export interface GroupBenchResult {
  rows: number;
  steps: Step[];
  cpus: number;
  load: [before: number, after: number];
}

interface InPage {
  __table: { createGrid(host: unknown, options: { timeZone: string }): GridHandle };
  __makeRows(n: number): Row[];
  document: { getElementById(id: string): unknown; querySelector(sel: string): { click(): void } };
  performance: { now(): number };
  requestAnimationFrame(cb: () => void): number;
  setTimeout(cb: () => void, ms: number): number;
}

/** Runs in the page: each step's median time (ms) from the call to just after the next frame. */
async function measureInPage(n: number): Promise<Record<string, number>> {
  const w = globalThis as unknown as InPage;
  const afterPaint = (): Promise<void> => new Promise((r) => w.requestAnimationFrame(() => w.setTimeout(r, 0)));
  const grid = w.__table.createGrid(w.document.getElementById('host'), { timeZone: 'Europe/Helsinki' });
  grid.setRows(w.__makeRows(n));
  // Idle time, as between data arriving and a click (the grid builds its search strings while idle).
  await new Promise((r) => w.setTimeout(() => r(null), 2500));
  const runs: number[] = [];
  const time = async (step: () => void, before: () => void = () => grid.groupBy(null)): Promise<number> => {
    runs.length = 0;
    for (let i = 0; i < 5; i++) {
      before();
      await afterPaint();
      const t = w.performance.now();
      step();
      await afterPaint();
      runs.push(w.performance.now() - t);
    }
    return runs.slice().sort((a, b) => a - b)[2]!;
  };
  const out: Record<string, number> = {};
  out.type = await time(() => grid.groupBy('trackingType'));
  out.cold = runs[0]!; // the first grouping also computes the columns' sort keys (kept for later sorts and groupings)
  out.trackable = await time(() => grid.groupBy('trackableId'));
  out.day = await time(() => grid.groupBy('startTime'));
  grid.sortBy('durationSeconds', 'desc');
  out.sorted = await time(() => grid.groupBy('trackingType'));
  // A click on the first group's toggle (it opens again before each run).
  out.collapse = await time(() => w.document.querySelector('.bt-group .bt-toggle').click(), () => grid.groupBy('trackingType', []));
  out.filter = await time(() => grid.setFilter('laptop'), () => {
    grid.groupBy('trackingType');
    grid.setFilter('');
  });
  grid.setFilter('');
  out.sort = await time(() => grid.sortBy('startTime', 'asc'), () => grid.sortBy('durationSeconds', 'desc'));
  out.ungroup = await time(() => grid.groupBy(null), () => grid.groupBy('trackingType'));
  out.each = await time(() => grid.groupBy('id'));
  grid.destroy();
  return out;
}

const STEPS: { key: string; label: string; goal: number | null }[] = [
  { key: 'cold', label: 'first grouping: by tracking type (4 groups)', goal: GROUP_GOAL_MS },
  { key: 'type', label: 'group by tracking type', goal: GROUP_GOAL_MS },
  { key: 'trackable', label: 'group by trackable id (41 groups)', goal: GROUP_GOAL_MS },
  { key: 'day', label: 'group by start day, Europe/Helsinki', goal: GROUP_GOAL_MS },
  { key: 'sorted', label: 'group by tracking type, sorted by duration', goal: GROUP_GOAL_MS },
  { key: 'collapse', label: '  collapse a group (click)', goal: null },
  { key: 'filter', label: '  filter keystroke while grouped', goal: null },
  { key: 'sort', label: '  sort by start while grouped', goal: null },
  { key: 'ungroup', label: '  back to the flat table', goal: null },
  { key: 'each', label: '  group by id (a group per row)', goal: null },
];

export async function runGroupBench(rows = 100_000): Promise<GroupBenchResult> {
  const loadBefore = loadavg()[0]!;
  const server = await serve(await bundle(ENTRY), { width: 1000, height: 600 });
  let browser: Browser | undefined;
  try {
    browser = await launch();
    const { page } = await openPage(browser, server.url);
    const figures = await page.evaluate(measureInPage, rows);
    const steps = STEPS.map((s) => ({ label: s.label, ms: figures[s.key]!, goal: s.goal }));
    return { rows, steps, cpus: cpus().length, load: [loadBefore, loadavg()[0]!] };
  } finally {
    await browser?.close().catch(() => undefined);
    await server.close();
  }
}

export function formatGroupBench(r: GroupBenchResult): string {
  const lines = [['step', 'goal (ms)', `ms @${r.rows}`, 'ratio'], ...r.steps.map((s) => [s.label, s.goal === null ? '' : `≤${s.goal}`, s.ms.toFixed(1), s.goal === null ? '' : (s.ms / s.goal).toFixed(2)])];
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  const text = lines.map((l) => l.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
  return `${text}\n\nms = median of 5 runs (the first grouping: its first run), from the call to the next painted frame;
ratio = ms ÷ goal (≤ 1 meets it).
Machine: ${r.cpus} CPUs, load average ${r.load[0].toFixed(1)} before, ${r.load[1].toFixed(1)} after (figures are wall-clock).`;
}

if (/group\.bench\.ts$/.test(process.argv[1] ?? '')) {
  runGroupBench(Number(process.argv[2]) || undefined)
    .then((r) => console.log(`Grouping the results table in headless chromium\n${formatGroupBench(r)}`))
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
