/**
 * Benchmark of the engagement report's event-wide aggregates, bounded however big the event (not a test: it prints
 * figures and ratios measured in this one run; nothing fails on a slow figure). Run by `npm run bench` (`engagement`):
 * 1. the host's side of an engagement report of 20 000 attendees × about 50 slices (200 booths and 100 streams,
 *    Zipf-like popularity; engagement-data.ts) in a fresh process of compiled JavaScript, so its peak RSS is the
 *    report's own (goal ≤ 250 MB): every attendee's two pages folded into a RowBuilder and the real Ledger, its line
 *    written to a ledger file; slices folded per second, ledger bytes per attendee, and the time of
 *    summarizeTrackables, visitorsOf (top booth) and viewersPerQuarter (top stream) over the 20 000 rows;
 * 2. the rate: an engagement run (2 requests per attendee) against the local Brella in a child process at 250 ms
 *    latency, wall time ÷ (requests ÷ rate) (goal ≤ 1.05) and 429 answers (goal 0). All 20 000 attendees, with time
 *    scaled: at 100 req/s (a bound of about 400 s) instead of 10 req/s (over an hour). ENGAGEMENT_RATE_ATTENDEES=2000
 *    runs a shorter one, where the fixed start and end weigh ten times more in the ratio;
 * 3. the Sponsors and Streams tabs in headless chromium with the 20 000 rows: click → first row painted, and click on
 *    the top booth or stream → its visitors painted (goal ≤ 100 ms), medians of several.
 * ENGAGEMENT_BENCH_ONLY=fold|rate|tabs runs one part.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { build } from 'esbuild';
import { createBrellaClient } from '../../src/brella';
import { WINDOW_MARGIN_MS } from '../../src/brella/pacer';
import { NORDIC_SUMMIT_EVENT_ID } from '../../src/demo/constants';
import { defaultConcurrency, memoryReportStore, runEventReport, type ReportTarget } from '../../src/reports';
import { engagementRows } from './engagement-data';
import type { FoldFigures } from './engagement-fold';
import { runTabsBench, type Paint, type TabFigures } from './engagement-tabs';
import { ROOT, startDemoProcess } from './demo-process';

const ATTENDEES = 20_000;
const RSS_GOAL_MB = 250;
const PAINT_GOAL_MS = 100;
const RATE = 100;
const RATE_ATTENDEES = Number(process.env.ENGAGEMENT_RATE_ATTENDEES ?? 20_000);
const LATENCY_MS = 250;
/** What a user can set at most (brella.maxConcurrentRequests): 32 in flight × 4 answers/s each at 250 ms > 100 req/s. */
const MAX_IN_FLIGHT = 32;
const KEY = 'bench_engagement_key_0123456789ab';

const line = (what: string, figure: string, goal: string, ratio: string): string => `  ${what.padEnd(62)} ${figure.padStart(14)}  ${goal.padEnd(10)} ${ratio}`;
const ms = (n: number): string => `${n.toFixed(n < 10 ? 1 : 0)} ms`;
const median = (values: readonly number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Runs engagement-fold.ts compiled, in a fresh node process; its one JSON line. */
async function foldInOwnProcess(attendees: number): Promise<FoldFigures> {
  // Compiled JavaScript, as the extension runs it: the TypeScript loader would add its own tens of MB of RSS.
  const file = path.join(ROOT, 'out', 'bench-engagement', 'engagement-fold.js');
  await build({ entryPoints: [path.join(__dirname, 'engagement-fold.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', packages: 'external', outfile: file, logLevel: 'warning' });
  const child = spawn(process.execPath, ['--expose-gc', file, String(attendees)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString(); });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`the engagement fold exited with ${code}`);
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as FoldFigures;
}

async function foldPart(): Promise<string[]> {
  const f = await foldInOwnProcess(ATTENDEES);
  const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} kB`;
  const times = ([first, , cpu]: [number, number, number]): string => `median of 5 (first ${ms(first)}); CPU time ${ms(cpu)}`;
  return [
    `Aggregates: ${f.attendees.toLocaleString('en')} attendees, ${(f.slices / f.attendees).toFixed(1)} slices each (${f.slices.toLocaleString('en')}), ${(f.visits / f.attendees).toFixed(1)} booths and streams each, ${f.trackables} trackables; in a process of its own`,
    line('what', 'measured', 'goal', 'ratio'),
    line('peak RSS of the report process (fold, ledger, aggregates)', `${f.peakRssMB.toFixed(0)} MB`, `≤ ${RSS_GOAL_MB} MB`, `${(f.peakRssMB / RSS_GOAL_MB).toFixed(3)} (${f.baselineRssMB.toFixed(0)} MB before; ${f.foldPeakRssMB.toFixed(0)} MB folding; peak heap ${f.peakHeapMB.toFixed(0)} MB)`),
    line('slices folded per second (RowBuilder + Ledger + line queued)', `${Math.round(f.slices / (f.foldMs / 1000)).toLocaleString('en')}/s`, '', `${(f.foldMs / 1000).toFixed(1)} s folding; ${(f.makeMs / 1000).toFixed(1)} s making the slices; ${(f.wallMs / 1000).toFixed(1)} s in all, file written`),
    line('ledger per attendee: row line in the file', kb(f.fileBytes / f.attendees), '', `file ${(f.fileBytes / 2 ** 20).toFixed(1)} MB for ${f.attendees.toLocaleString('en')} rows and the list`),
    line('ledger per attendee: JS heap kept (rows, marks, list)', kb(f.heapPerAttendee), '', `${((f.heapPerAttendee * f.attendees) / 2 ** 20).toFixed(0)} MB for ${f.attendees.toLocaleString('en')} attendees`),
    line(`summarizeTrackables over ${f.attendees.toLocaleString('en')} rows`, ms(f.summarize[1]), '', times(f.summarize)),
    line(`visitorsOf the top booth (${f.topBoothVisitors.toLocaleString('en')} visitors)`, ms(f.visitorsOfTop[1]), '', `${times(f.visitorsOfTop)}; ${f.topBooth}`),
    line(`viewersPerQuarter of the top stream (${f.topStreamQuarters} bars)`, ms(f.viewersOfTop[1]), '', `${times(f.viewersOfTop)}; ${f.topStream}`),
  ];
}

interface Counts { count: number; tooMany: number; slices: number; firstSliceMs: number; lastSliceMs: number; firstMs: number }

async function requestCounts(origin: string): Promise<Counts> {
  const log = (await (await fetch(`${origin}/_demo/requests`, { headers: { 'Brella-API-Access-Token': KEY } })).json()) as { count: number; requests: Array<{ status: number; path: string; time: string }> };
  const slices = log.requests.filter((r) => r.path.endsWith('/tracking_session_slices')).map((r) => Date.parse(r.time));
  return {
    count: log.count, tooMany: log.requests.filter((r) => r.status === 429).length, slices: slices.length,
    firstSliceMs: Math.min(...slices), lastSliceMs: Math.max(...slices), firstMs: Math.min(...log.requests.map((r) => Date.parse(r.time))),
  };
}

async function ratePart(): Promise<string[]> {
  const demo = await startDemoProcess(['--latency', String(LATENCY_MS), '--rps', String(RATE), '--attendees', String(RATE_ATTENDEES), '--key', KEY]);
  try {
    const target: ReportTarget = { organizationId: 1001, eventId: NORDIC_SUMMIT_EVENT_ID, eventName: 'Nordic Summit 2023', timeZone: 'Europe/Helsinki' };
    const client = createBrellaClient({ baseUrl: demo.baseUrl, apiKey: KEY, requestsPerSecond: RATE, maxConcurrentRequests: MAX_IN_FLIGHT });
    const concurrency = defaultConcurrency(client);
    const started = performance.now();
    const result = await runEventReport({ client, target, kind: 'engagement', window: { startFrom: '2023-05-10T00:00:00.000Z' }, store: memoryReportStore(), mode: 'full' });
    const seconds = (performance.now() - started) / 1000;
    await client.close();
    const c = await requestCounts(demo.origin);
    const bound = c.count / RATE;
    const slices = result.rows.reduce((n, r) => n + r.slices, 0);
    const active = result.rows.filter((r) => r.slices > 0).length;
    return [
      `Rate, time scaled: ${result.summary.attendees.toLocaleString('en')} attendees at ${RATE} req/s stand for ${result.summary.attendees.toLocaleString('en')} at 10 req/s (${(2 * result.summary.attendees / 10 / 3600).toFixed(1)} h); local Brella in a child process, ${LATENCY_MS} ms latency`,
      line('engagement run: wall time ÷ (requests ÷ rate)', `${seconds.toFixed(1)} s`, `${bound.toFixed(1)} s`, `${(seconds / bound).toFixed(3)} (goal ≤ 1.05; the pacer's ${WINDOW_MARGIN_MS} ms margin per window alone: ${(1 + WINDOW_MARGIN_MS / 1000).toFixed(3)})`),
      line('  requests (429 answers), requests/s ÷ limit', `${c.count} (${c.tooMany})`, '0 × 429', `${(c.count / seconds / RATE).toFixed(3)} of ${RATE} req/s; ${c.slices} slice requests = ${(c.slices / result.summary.attendees).toFixed(2)} per attendee${c.tooMany ? ' · 429 MISSED' : ''}`),
      line('  steady state: slice requests/s ÷ limit, first to last', `${((c.slices - 1) / ((c.lastSliceMs - c.firstSliceMs) / 1000)).toFixed(1)}/s`, `${RATE}/s`, `${((c.slices - 1) / ((c.lastSliceMs - c.firstSliceMs) / 1000) / RATE).toFixed(3)}; the attendee list read first took ${((c.firstSliceMs - c.firstMs) / 1000).toFixed(1)} s`),
      line('  attendees under way ÷ requests in flight at most', `${concurrency} / ${MAX_IN_FLIGHT}`, `≥ ${Math.ceil(RATE * LATENCY_MS / 1000)}`, `defaultConcurrency; ${MAX_IN_FLIGHT} in flight at ${LATENCY_MS} ms allow ${(MAX_IN_FLIGHT * 1000 / LATENCY_MS).toFixed(0)} req/s`),
      line('  slices per attendee the local Brella gave', (slices / result.summary.attendees).toFixed(1), '≈ 50', `${(slices / Math.max(1, active)).toFixed(1)} per attendee with any (${active} of ${result.summary.attendees}); its data has fewer than the synthetic event`),
    ];
  } finally {
    demo.child.kill('SIGTERM');
  }
}

function tabLines(kind: 'Sponsors' | 'Streams', f: TabFigures, what: string): string[] {
  const goal = `≤ ${PAINT_GOAL_MS} ms`;
  const figure = (paints: readonly Paint[]): string => ms(median(paints.map((p) => p.ms)));
  const ratio = (paints: readonly Paint[]): string => {
    const each = paints.map((p) => p.ms.toFixed(0)).join(', ');
    return `${(median(paints.map((p) => p.ms)) / PAINT_GOAL_MS).toFixed(2)} (click handler ${ms(median(paints.map((p) => p.handlerMs)))}; each: ${each})`;
  };
  return [
    line(`${kind} tab, first shown (grids built, table computed)`, figure([f.first]), goal, ratio([f.first])),
    line(`${kind} tab shown again, rows unchanged (median)`, figure(f.cached), goal, ratio(f.cached)),
    line(`${kind} tab shown again after a row changed (median)`, figure(f.recomputed), goal, ratio(f.recomputed)),
    line(`top ${what} clicked → its visitors painted (median)`, figure(f.visitors), goal, ratio(f.visitors)),
    `    ${f.note} · ${f.heading}`,
  ];
}

async function tabsPart(): Promise<string[]> {
  const rows = engagementRows(ATTENDEES);
  const { sponsor, stream } = await runTabsBench(rows, 5);
  return [
    `Tabs in headless chromium: the report webview with ${rows.length.toLocaleString('en')} engagement rows (${(rows.reduce((n, r) => n + (r.visits?.length ?? 0), 0) / rows.length).toFixed(1)} visits each); click → the frame after the rows show`,
    ...tabLines('Sponsors', sponsor, 'booth'),
    ...tabLines('Streams', stream, 'stream (chart too)'),
  ];
}

export async function runEngagementBench(): Promise<string> {
  const only = process.env.ENGAGEMENT_BENCH_ONLY;
  const lines = ['The engagement report\'s event-wide aggregates (figures from this one run; wall-clock, so a busy machine shows)'];
  if (!only || only === 'fold') lines.push(...(await foldPart()));
  if (!only || only === 'rate') lines.push(...(await ratePart()));
  if (!only || only === 'tabs') lines.push(...(await tabsPart()));
  return lines.join('\n');
}

if (/engagement\.bench\.ts$/.test(process.argv[1] ?? '')) {
  runEngagementBench().then((text) => console.log(text)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
