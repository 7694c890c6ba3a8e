/**
 * Benchmark of the event report against the local Brella at 250 ms latency and 10 req/s per key (run by
 * `npm run bench`; not a test). Every figure comes from this one run:
 * - 300 and 2 000 attendees, Presence and Engagement: wall time ÷ (requests ÷ 10 s) (goal ≤ 1.05), requests/s
 *   achieved vs the limit, 429 answers (goal 0), peak RSS at 2 000 (goal ≤ 200 MB);
 * - a naive sequential loop over the same 300 attendees (what organizers script): the report's speed-up (goal ≥ 2.4);
 * - cancel at 50% and resume: requests ÷ attendees left (goal 1.0); an incremental re-run: slice requests ÷
 *   attendees not yet checked in (goal 1.0);
 * - 20 000 attendees with the limit at 100 req/s: wall time ÷ bound, peak RSS (goal ≤ 200 MB).
 * Servers run in child processes so this process's memory is the report's; the 2 000 and the 20 000 each run in a
 * fresh process of compiled JavaScript (as the extension runs), so each peak RSS is that report's own. REPORT_BENCH_QUICK=1 runs 300 only;
 * REPORT_BENCH_ONLY=medium only the 2 000, REPORT_BENCH_ONLY=scale only the 20 000.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { build } from 'esbuild';
import { createBrellaClient } from '../../src/brella';
import { NORDIC_SUMMIT_EVENT_ID } from '../../src/demo/constants';
import { memoryReportStore, runEventReport, type ReportKind, type ReportTarget } from '../../src/reports';
import { ROOT, startDemoProcess, type DemoProcess } from './demo-process';

const LATENCY_MS = 250;
const KEY = 'bench_report_key_0123456789abcdef';
const WINDOW = { startFrom: '2023-05-10T00:00:00.000Z' };
const ORG = 1001;
const TARGET: ReportTarget = { organizationId: ORG, eventId: NORDIC_SUMMIT_EVENT_ID, eventName: 'Nordic Summit 2023', timeZone: 'Europe/Helsinki' };

interface Server extends DemoProcess { rate: number }

async function startServer(attendees: number, rate: number): Promise<Server> {
  const demo = await startDemoProcess(['--latency', String(LATENCY_MS), '--rps', String(rate), '--attendees', String(attendees), '--key', KEY]);
  return { ...demo, rate };
}

interface Counts { count: number; tooMany: number; slices: number; listings: number }

async function requestCounts(origin: string): Promise<Counts> {
  const log = (await (await fetch(`${origin}/_demo/requests`, { headers: { 'Brella-API-Access-Token': KEY } })).json()) as { count: number; requests: Array<{ status: number; path: string }> };
  return {
    count: log.count,
    tooMany: log.requests.filter((r) => r.status === 429).length,
    slices: log.requests.filter((r) => r.path.endsWith('/tracking_session_slices')).length,
    listings: log.requests.filter((r) => r.path.endsWith('/attendees')).length,
  };
}

const clear = (origin: string) => fetch(`${origin}/_demo/requests/clear`, { method: 'POST', headers: { 'Brella-API-Access-Token': KEY } }).then((r) => r.arrayBuffer());
const settle = () => new Promise((r) => setTimeout(r, 1500)); // lets the server's bucket refill between runs

function rssSampler(): { stop: () => number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
  return { stop: () => { clearInterval(timer); return Math.max(peak, process.memoryUsage().rss); } };
}

const row = (what: string, figure: string, goal: string, ratio: string) => console.log(`  ${what.padEnd(62)} ${figure.padStart(14)}  ${goal.padEnd(10)} ${ratio}`);
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

async function timedReport(server: Server, kind: ReportKind, label: string, rssGoalMb?: number): Promise<number> {
  await clear(server.origin);
  const client = createBrellaClient({ baseUrl: server.baseUrl, apiKey: KEY, requestsPerSecond: server.rate, maxConcurrentRequests: Math.max(6, Math.ceil(server.rate / 3)) });
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  const rss = rssSampler();
  const started = performance.now();
  const result = await runEventReport({ client, target: TARGET, kind, window: WINDOW, store: memoryReportStore(), mode: 'full' });
  const seconds = (performance.now() - started) / 1000;
  const peak = rss.stop();
  await client.close();
  const c = await requestCounts(server.origin);
  const bound = c.count / server.rate;
  row(`${label}: ${result.summary.attendees} attendees, ${result.summary.checkedIn} checked in`, `${seconds.toFixed(1)} s`, `${bound.toFixed(1)} s`, `${(seconds / bound).toFixed(3)} (goal ≤ 1.05)`);
  row('  requests (429 answers), requests/s ÷ limit', `${c.count} (${c.tooMany})`, '0 × 429', `${(c.count / seconds / server.rate).toFixed(3)} of ${server.rate} req/s${c.tooMany ? ' · 429 MISSED' : ''}`);
  if (rssGoalMb) {
    row('  peak RSS of the report process', mb(peak), `${rssGoalMb} MB`, `${(peak / 2 ** 20 / rssGoalMb).toFixed(3)} (goal ≤ 1; ${mb(baseline)} before the run)`);
  }
  await settle();
  return seconds;
}

/** The organizer's script: one request after the other, fetch, page[size]=500, no overlap. */
async function naiveLoop(server: Server, kind: ReportKind): Promise<number> {
  const client = createBrellaClient({ baseUrl: server.baseUrl, apiKey: KEY });
  const ids = (await client.listAttendees(ORG, NORDIC_SUMMIT_EVENT_ID)).items.map((a) => a.id);
  await client.close();
  await settle();
  await clear(server.origin);
  const started = performance.now();
  let checkedIn = 0;
  const headers = { 'Brella-API-Access-Token': KEY, Accept: 'application/vnd.brella.v4+json', 'Content-Type': 'application/json' };
  for (const id of ids) {
    const type = kind === 'presence' ? 'tracking_type=time_spent&' : '';
    const url = `${server.baseUrl}/organizations/${ORG}/events/${NORDIC_SUMMIT_EVENT_ID}/attendees/${id}/tracking_session_slices?${type}start_from=${WINDOW.startFrom}&page[size]=500`;
    const res = await fetch(url, { headers });
    if (res.status === 200) checkedIn += ((await res.json()) as { data: unknown[] }).data.length > 0 ? 1 : 0;
    else await res.arrayBuffer();
  }
  const seconds = (performance.now() - started) / 1000;
  const c = await requestCounts(server.origin);
  row(`naive sequential loop, ${kind}: ${ids.length} attendees, ${checkedIn} checked in`, `${seconds.toFixed(1)} s`, '', `${(ids.length / seconds).toFixed(2)} attendees/s, ${c.tooMany} × 429`);
  await settle();
  return seconds;
}

async function cancelAndResume(server: Server): Promise<void> {
  const client = createBrellaClient({ baseUrl: server.baseUrl, apiKey: KEY, requestsPerSecond: server.rate });
  const store = memoryReportStore();
  const controller = new AbortController();
  const first = await runEventReport({
    client, target: TARGET, kind: 'presence', window: WINDOW, store, mode: 'full', signal: controller.signal,
    onProgress: (p) => { if (p.done >= p.total / 2) controller.abort(); },
  });
  await settle();
  await clear(server.origin);
  const resumed = await runEventReport({ client, target: TARGET, kind: 'presence', window: WINDOW, store });
  const c = await requestCounts(server.origin);
  const left = resumed.summary.attendees - first.rows.length;
  row(`cancel at ${first.rows.length}/${resumed.summary.attendees}, resume: requests ÷ left`, `${c.count} / ${left}`, '1.0', `${(c.count / left).toFixed(3)}`);
  await settle();

  // An incremental re-run during the event: only attendees not yet checked in are asked (and new ones).
  await clear(server.origin);
  const rerun = await runEventReport({ client, target: TARGET, kind: 'presence', window: WINDOW, store, mode: 'incremental' });
  const r = await requestCounts(server.origin);
  const notYet = resumed.summary.notCheckedIn;
  row('incremental re-run: slice requests ÷ not checked in', `${r.slices} / ${notYet}`, '1.0', `${(r.slices / notYet).toFixed(3)} (+${r.listings} attendee-list request; ${rerun.summary.reused} rows reused)`);
  await client.close();
  await settle();
}

export async function runReportBench(): Promise<void> {
  const quick = process.env.REPORT_BENCH_QUICK === '1';
  if (process.env.REPORT_BENCH_ONLY === 'scale') return scale();
  if (process.env.REPORT_BENCH_ONLY === 'medium') return medium();
  console.log(`\nThe event report vs the local Brella (${LATENCY_MS} ms latency, 10 req/s per key)`);
  row('what', 'measured', 'bound', 'ratio');
  const small = await startServer(300, 10);
  try {
    const presence = await timedReport(small, 'presence', 'presence');
    await timedReport(small, 'engagement', 'engagement');
    const naive = await naiveLoop(small, 'presence');
    row('  speed-up of the report over the naive loop', `${(naive / presence).toFixed(2)}×`, '≥ 2.4', naive / presence >= 2.4 ? 'ok' : 'MISSED');
    await cancelAndResume(small);
  } finally {
    small.child.kill('SIGTERM');
  }
  if (quick) return;
  await inOwnProcess('medium');
  await inOwnProcess('scale');
}

/**
 * Runs a part of this benchmark in a fresh node process, so its peak RSS is that report's own (a process keeps
 * the heap the runs before it grew to, which would count against the next one).
 */
async function inOwnProcess(part: 'medium' | 'scale'): Promise<void> {
  // Compiled JavaScript, as the extension runs it: the TypeScript loader alone would add about 40 MB of RSS.
  const file = path.join(ROOT, 'out', 'bench-report', 'report.bench.js');
  await build({ entryPoints: [path.join(__dirname, 'report.bench.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', packages: 'external', outfile: file, logLevel: 'warning' });
  const child = spawn(process.execPath, ['--expose-gc', file], { stdio: 'inherit', env: { ...process.env, REPORT_BENCH_ONLY: part } });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`the ${part} part of the report benchmark exited with ${code}`);
}

async function medium(): Promise<void> {
  const server = await startServer(2000, 10);
  try {
    console.log('  2 000 attendees, in a process of its own:');
    await timedReport(server, 'presence', 'presence', 200);
    await timedReport(server, 'engagement', 'engagement', 200);
  } finally {
    server.child.kill('SIGTERM');
  }
}

async function scale(): Promise<void> {
  console.log('\nHow the cost grows: 20 000 attendees, the limit raised to 100 req/s (bound ≈ requests ÷ 100 s), in a process of its own');
  const large = await startServer(20_000, 100);
  try {
    await timedReport(large, 'presence', 'presence', 200);
  } finally {
    large.child.kill('SIGTERM');
  }
}

if (/report\.bench\.[jt]s$/.test(process.argv[1] ?? '')) {
  runReportBench().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
