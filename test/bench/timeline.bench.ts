/**
 * Benchmark of the slices timeline in headless chromium (not a test):
 *   node --import tsx test/bench/timeline.bench.ts [rows]
 * With 100 000 synthetic slices already in memory (appended to a table model in pages, which parses their times as
 * they arrive), how long the timeline takes from `draw(rows, zone, name, times)` to the next frame (the table's rows
 * and times as the panel passes them, lanes and aggregation, the SVG paths, layout), in UTC and in Europe/Helsinki: the draw once the last page
 * is there after drawing as pages arrived (the panel's own path), the first draw of all the rows at once after
 * only a first page of 500, and the median of five redraws. Goal: ≤ 100 ms.
 * `runTimelineBench` is exported for `npm run bench`.
 */
import { cpus, loadavg } from 'node:os';
import type { Browser } from 'playwright-core';
import { buildTimeline, parseTimes } from '../../webview/slices/timeline-model';
import { bundle, launch, openPage, serve } from '../webview/harness';
import { makeRows } from '../webview/rows';

const ENTRY = `
import { buildTimelineView } from './webview/slices/timeline.ts';
import { buildTimeline } from './webview/slices/timeline-model.ts';
import { BASE_COLUMNS } from './webview/table/columns.ts';
import { TableModel } from './webview/table/model.ts';
import { TimeStore } from './webview/table/times.ts';
import { makeRows } from './test/webview/rows.ts';
const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
// The rows as the panel gets them: pages of 5 000 appended to the table, which parses their times as they arrive.
const arrive = (model, rows, upTo) => {
  for (let k = model.totalCount; k < upTo; k = model.totalCount) model.append(rows.slice(k, Math.min(upTo, k + 5000)));
};
// What the panel draws (shown.ts): the table's rows, with the times it parsed.
const draw = (view, model, zone) => view.draw(model.visibleRows(), zone, zone, { start: model.shownTimes('startTime'), end: model.shownTimes('endTime') });
// The parsing alone, page by page, as it happens when the pages arrive.
const parseMs = (rows) => {
  const store = new TimeStore();
  const t0 = performance.now();
  for (let k = 5000; k < rows.length + 5000; k += 5000) for (const col of BASE_COLUMNS) if (col.kind === 'time') store.read(col, rows, Math.min(k, rows.length));
  return performance.now() - t0;
};
globalThis.__measure = async (n, zone) => {
  const rows = makeRows(n, 3);
  const model = new TableModel([], { timeZone: zone });
  const view = buildTimelineView(() => undefined);
  document.body.append(view.root);
  const draws = [];
  const models = [];
  let bars = 0;
  let lanes = 0;
  // As in the panel, where the first page (500 rows) draws before the rest arrive.
  arrive(model, rows, 500);
  await frame();
  const t500 = performance.now();
  draw(view, model, zone);
  await frame();
  const first500 = performance.now() - t500;
  arrive(model, rows, n);
  const times = { start: model.shownTimes('startTime'), end: model.shownTimes('endTime') };
  for (let i = 0; i < 6; i++) {
    await frame();
    const t0 = performance.now();
    draw(view, model, zone);
    view.root.getBoundingClientRect();
    await frame();
    draws.push(performance.now() - t0);
    const t1 = performance.now();
    const t = buildTimeline(rows, zone, 1000, times);
    models.push(performance.now() - t1);
    bars = t.bars.length;
    lanes = t.lanes.length;
  }
  const median = (a) => a.slice().sort((x, y) => x - y)[Math.floor(a.length / 2)];
  return { first500, cold: draws[0], draw: median(draws.slice(1)), model: median(models), bars, lanes, parse: parseMs(rows) };
};
// As the panel draws while a run's pages arrive: every 400 ms, with what has arrived (500 rows a page at
// 10 requests a second: 2 000 more rows a redraw). The figure is the draw once the last page is there.
globalThis.__pages = async (n, zone) => {
  const rows = makeRows(n, 3);
  const model = new TableModel([], { timeZone: zone });
  const view = buildTimelineView(() => undefined);
  document.body.append(view.root);
  await frame();
  let last = 0;
  for (let k = 500; ; k = Math.min(n, k + 2000)) {
    arrive(model, rows, k);
    const t0 = performance.now();
    draw(view, model, zone);
    view.root.getBoundingClientRect();
    await frame();
    last = performance.now() - t0;
    if (k === n) return last;
  }
};
`;

export interface TimelineFigures {
  zone: string;
  rows: number;
  /** The first draw of the page, 500 rows, nothing warm (ms). */
  first500: number;
  /** The first draw of all the rows, after the 500 (ms). */
  cold: number;
  /** Median draw to the next frame (ms). */
  draw: number;
  /** The draw once the last page is there, after drawing as pages arrived, as the panel does (ms). */
  paged: number;
  /** Median of the geometry alone, from the parsed times (ms). */
  model: number;
  /** Parsing the rows' times alone, page by page as they arrive (ms, all pages): done before any draw. */
  parse: number;
  bars: number;
  lanes: number;
  /** The geometry in node: median CPU time (user + system) of five runs, which a busy machine inflates less than wall time. */
  cpuMs: number;
}

/** CPU milliseconds of the geometry in this process, from parsed times (median of five, after one warm-up). */
function geometryCpuMs(rows: number, zone: string): number {
  const data = makeRows(rows, 3);
  const parsed = parseTimes(data);
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const before = process.cpuUsage();
    buildTimeline(data, zone, 1000, parsed);
    const used = process.cpuUsage(before);
    if (i > 0) times.push((used.user + used.system) / 1000);
  }
  return times.sort((a, b) => a - b)[2]!;
}

export async function runTimelineBench(rows = 100_000): Promise<{ figures: TimelineFigures[]; cpus: number; load: [number, number] }> {
  const loadBefore = loadavg()[0]!;
  const server = await serve(await bundle(ENTRY), { csp: true, width: 1200, height: 800 });
  let browser: Browser | undefined;
  const figures: TimelineFigures[] = [];
  try {
    for (const zone of ['utc', 'Europe/Helsinki']) {
      browser = await launch();
      const { page } = await openPage(browser, server.url);
      const r = await page.evaluate(([n, z]) => (globalThis as unknown as { __measure(n: number, z: string): Promise<Omit<TimelineFigures, 'zone' | 'rows'>> }).__measure(n, z), [rows, zone] as const);
      await browser.close();
      // A fresh page for the panel's own path, so the draws above warm nothing.
      browser = await launch();
      const fresh = await openPage(browser, server.url);
      const paged = await fresh.page.evaluate(([n, z]) => (globalThis as unknown as { __pages(n: number, z: string): Promise<number> }).__pages(n, z), [rows, zone] as const);
      figures.push({ zone, rows, ...r, paged, cpuMs: geometryCpuMs(rows, zone) });
      await browser.close();
      browser = undefined;
    }
  } finally {
    await browser?.close().catch(() => undefined);
    await server.close();
  }
  return { figures, cpus: cpus().length, load: [loadBefore, loadavg()[0]!] };
}

export function formatTimelineBench(r: Awaited<ReturnType<typeof runTimelineBench>>): string {
  const head = ['zone', 'rows', 'lanes', 'bars', 'last page ms', 'ratio', 'draw ms', 'ratio', 'first all-rows ms', 'ratio', 'first 500 ms', 'geometry ms', 'geometry CPU ms (node)', 'parse at arrival ms'];
  const lines = [head, ...r.figures.map((f) => [
    f.zone, String(f.rows), String(f.lanes), String(f.bars), f.paged.toFixed(1), (f.paged / 100).toFixed(2), f.draw.toFixed(1), (f.draw / 100).toFixed(2), f.cold.toFixed(1), (f.cold / 100).toFixed(2), f.first500.toFixed(1), f.model.toFixed(1), f.cpuMs.toFixed(1), f.parse.toFixed(1),
  ])];
  const widths = head.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  const text = lines.map((l) => l.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')).join('\n');
  return `${text}\n\nGoal: the timeline drawn ≤ 100 ms after the rows are there (ratio = figure ÷ 100; ≤ 1 meets it). last page = the draw once the last\npage is there, the panel having drawn every 400 ms as pages arrived (its own path); draw = draw() to the next frame, median of 5 redraws;\nfirst all-rows = the first draw of all of them at once, after only a first page of 500 drew (first 500 = that draw,\nnothing warm yet); geometry = lanes and aggregation alone (in the page, wall time; in node, CPU time). Each draw takes\nthe rows and the times the table parsed once when their pages arrived (5 000 rows a page), as the panel does; parse at\narrival = that parsing alone, all pages (work done as the rows arrive, before and outside the draws). Machine: ${r.cpus} CPUs, load ${r.load[0].toFixed(1)} before, ${r.load[1].toFixed(1)} after.`;
}

if (/timeline\.bench\.ts$/.test(process.argv[1] ?? '')) {
  runTimelineBench(Number(process.argv[2]) || undefined)
    .then((r) => console.log(formatTimelineBench(r)))
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
