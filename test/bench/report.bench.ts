/**
 * Benchmark of the event report against the local Brella at 250 ms latency and 10 req/s per key (run by
 * `npm run bench`; not a test). Every figure comes from this one run:
 * - 300 and 2 000 attendees, Presence and Engagement: wall time ÷ (requests ÷ 10 s) (goal ≤ 1.05), requests/s
 *   achieved vs the limit, 429 answers (goal 0), peak RSS at 2 000 (goal ≤ 200 MB);
 * - a naive sequential loop over the same 300 attendees (what organizers script): the report's speed-up (goal ≥ 2.4);
 * - cancel at 50% and resume: requests ÷ attendees left (goal 1.0); an incremental re-run (Update check-ins):
 *   slice requests ÷ attendees not yet checked in (goal 1.0); a Refresh all re-run: slice requests ÷ attendees
 *   (goal 1.0, each known row asked only from its latest slice on);
 * - 20 000 attendees with the limit at 100 req/s: wall time ÷ bound, peak RSS (goal ≤ 200 MB);
 * - what writing the ledger costs: bytes written ÷ attendees finished, for each full run, each resume and the
 *   re-runs (goal: about one row line, a few hundred bytes, the same at 300, 2 000 and 20 000 attendees: O(rows
 *   finished), never O(rows kept)). Every run writes through the extension's FileReportStore into a temporary folder,
 *   so the figure is the real file's bytes; it is shown next to the mean row line of that file.
 * At 2 000 and 20 000 the resume starts from the full run's ledger file cut to its first 90% of row lines (what a stop
 * at 90% leaves), so it costs a tenth of a run and finds 90% of the rows kept.
 * Servers run in child processes so this process's memory is the report's; the 2 000 and the 20 000 each run in a
 * fresh process of compiled JavaScript (as the extension runs), so each peak RSS is that report's own. REPORT_BENCH_QUICK=1 runs 300 only;
 * REPORT_BENCH_ONLY=medium only the 2 000, REPORT_BENCH_ONLY=scale only the 20 000.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { createBrellaClient } from '../../src/brella';
import { NORDIC_SUMMIT_EVENT_ID } from '../../src/demo/constants';
import { runEventReport, type ReportKind, type ReportMode, type ReportTarget } from '../../src/reports';
import { FileReportStore } from '../../src/features/report/store';
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

/** The temporary folders the ledgers are written to in this process; removed when it is done. */
const folders: string[] = [];

/** A FileReportStore in a fresh temporary folder: one report's ledger file, its bytes counted. */
function fileStore(): FileReportStore {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'brella-report-bench-'));
  folders.push(folder);
  return new FileReportStore(folder);
}

function removeFolders(): void {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
}

/** The store's one ledger file. */
async function ledgerFile(store: FileReportStore): Promise<string> {
  const folder = path.dirname(store.fileOf(''));
  const names = (await readdir(folder)).filter((n) => n.endsWith('.jsonl'));
  if (names.length !== 1) throw new Error(`expected one ledger file, found ${names.length}`);
  return path.join(folder, names[0] as string);
}

interface FileShape { bytes: number; rowLines: number; meanRowLine: number; listLine: number; lines: string[] }

/** The ledger file as written: its size, and the mean row line and the last attendee-list line (bytes with the newline). */
async function fileShape(store: FileReportStore): Promise<FileShape> {
  const text = await readFile(await ledgerFile(store), 'utf8');
  const lines = text.split('\n');
  let rowBytes = 0;
  let rowLines = 0;
  let listLine = 0;
  for (const l of lines) {
    if (l.startsWith('{"t":"row"')) {
      rowBytes += Buffer.byteLength(l) + 1;
      rowLines++;
    } else if (l.startsWith('{"t":"list"')) listLine = Buffer.byteLength(l) + 1;
  }
  return { bytes: Buffer.byteLength(text), rowLines, meanRowLine: rowLines ? rowBytes / rowLines : 0, listLine, lines };
}

const kb = (bytes: number) => (bytes >= 10_000 ? `${(bytes / 1024).toFixed(0)} kB` : `${bytes.toFixed(0)} B`);

/** Bytes written ÷ attendees finished, next to one row line of the file. */
async function bytesRow(what: string, store: FileReportStore, written: number, finished: number): Promise<void> {
  const shape = await fileShape(store);
  const per = finished > 0 ? written / finished : 0;
  row(what, `${per.toFixed(0)} B`, '≈ 1 row', `${(per / shape.meanRowLine).toFixed(3)} of a row line (${shape.meanRowLine.toFixed(0)} B; ${kb(written)} written, file ${kb(shape.bytes)}, list line ${kb(shape.listLine)})`);
}

async function timedReport(server: Server, kind: ReportKind, label: string, rssGoalMb?: number): Promise<{ seconds: number; store: FileReportStore; attendees: number }> {
  await clear(server.origin);
  const client = createBrellaClient({ baseUrl: server.baseUrl, apiKey: KEY, requestsPerSecond: server.rate, maxConcurrentRequests: Math.max(6, Math.ceil(server.rate / 3)) });
  const store = fileStore();
  global.gc?.();
  const baseline = process.memoryUsage().rss;
  const rss = rssSampler();
  const started = performance.now();
  const result = await runEventReport({ client, target: TARGET, kind, window: WINDOW, store, mode: 'full' });
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
  await bytesRow('  bytes written ÷ attendees (ledger file, full run)', store, store.bytesWritten, result.summary.attendees);
  await settle();
  return { seconds, store, attendees: result.summary.attendees };
}

/**
 * Resume from the full run's ledger file cut to its first `keep` of row lines (the list line kept): what a stop at
 * that point leaves. Only the attendees cut are asked, and only their rows are written.
 */
async function resumeAfterCut(server: Server, kind: ReportKind, full: FileReportStore, keep: number): Promise<void> {
  const shape = await fileShape(full);
  const rows = shape.lines.filter((l) => l.startsWith('{"t":"row"'));
  const kept = Math.floor(rows.length * keep);
  const others = shape.lines.slice(1).filter((l) => l.trim() !== '' && !l.startsWith('{"t":"row"'));
  await writeFile(await ledgerFile(full), [shape.lines[0], ...others, ...rows.slice(0, kept)].join('\n'), 'utf8');
  const store = new FileReportStore(path.dirname(full.fileOf('')));
  await clear(server.origin);
  const client = createBrellaClient({ baseUrl: server.baseUrl, apiKey: KEY, requestsPerSecond: server.rate, maxConcurrentRequests: Math.max(6, Math.ceil(server.rate / 3)) });
  const started = performance.now();
  const result = await runEventReport({ client, target: TARGET, kind, window: WINDOW, store, mode: 'resume' });
  const seconds = (performance.now() - started) / 1000;
  await client.close();
  const c = await requestCounts(server.origin);
  const left = rows.length - kept;
  row(`  resume after a stop at ${kept}/${rows.length}: requests ÷ left`, `${c.count} / ${left}`, '1.0', `${(c.count / left).toFixed(3)} (${c.tooMany} × 429; ${seconds.toFixed(1)} s; ${result.summary.reused} reused, ${result.summary.asked} asked)`);
  await bytesRow('  bytes written ÷ attendees asked (ledger file, resume)', store, store.bytesWritten, result.summary.asked);
  await settle();
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
  const store = fileStore();
  const controller = new AbortController();
  const run = (mode: ReportMode, signal?: AbortSignal) => runEventReport({
    client, target: TARGET, kind: 'presence', window: WINDOW, store, mode, ...(signal ? { signal } : {}),
    ...(signal ? { onProgress: (p: { done: number; total: number }) => { if (p.total > 0 && p.done >= p.total / 2) controller.abort(); } } : {}),
  });
  /** Bytes the store writes during `f`. */
  const writing = async <T>(f: () => Promise<T>): Promise<{ value: T; bytes: number }> => {
    const before = store.bytesWritten;
    const value = await f();
    return { value, bytes: store.bytesWritten - before };
  };
  const first = await writing(() => run('full', controller.signal));
  await settle();
  await clear(server.origin);
  const resumed = await writing(() => run('resume'));
  const c = await requestCounts(server.origin);
  const left = resumed.value.summary.attendees - first.value.rows.length;
  row(`cancel at ${first.value.rows.length}/${resumed.value.summary.attendees}, resume: requests ÷ left`, `${c.count} / ${left}`, '1.0', `${(c.count / left).toFixed(3)} (${c.tooMany} × 429; ${resumed.value.summary.reused} reused, ${resumed.value.summary.asked} asked)`);
  await bytesRow('  bytes written ÷ attendees (ledger file, cancelled run)', store, first.bytes, first.value.rows.length);
  await bytesRow('  bytes written ÷ attendees asked (ledger file, resume)', store, resumed.bytes, resumed.value.summary.asked);
  await settle();

  // An incremental re-run during the event (Update check-ins): only attendees not yet checked in are asked (and new ones).
  await clear(server.origin);
  const rerun = await writing(() => run('incremental'));
  const r = await requestCounts(server.origin);
  const notYet = resumed.value.summary.notCheckedIn;
  row('incremental re-run: slice requests ÷ not checked in', `${r.slices} / ${notYet}`, '1.0', `${(r.slices / notYet).toFixed(3)} (+${r.listings} attendee-list request; ${rerun.value.summary.reused} rows reused, ${r.tooMany} × 429)`);
  await bytesRow('  bytes written ÷ attendees asked (ledger file, incremental)', store, rerun.bytes, rerun.value.summary.asked);
  await settle();

  // Refresh all: everyone asked again, each known row only from its latest slice on.
  await clear(server.origin);
  const refresh = await writing(() => run('full'));
  const f = await requestCounts(server.origin);
  const all = refresh.value.summary.attendees;
  row('Refresh all re-run: slice requests ÷ attendees', `${f.slices} / ${all}`, '1.0', `${(f.slices / all).toFixed(3)} (+${f.listings} attendee-list request; ${refresh.value.summary.asked} asked, ${f.tooMany} × 429)`);
  await bytesRow('  bytes written ÷ attendees asked (ledger file, Refresh all)', store, refresh.bytes, refresh.value.summary.asked);
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
    const presence = (await timedReport(small, 'presence', 'presence')).seconds;
    await timedReport(small, 'engagement', 'engagement');
    const naive = await naiveLoop(small, 'presence');
    row('  speed-up of the report over the naive loop', `${(naive / presence).toFixed(2)}×`, '≥ 2.4', naive / presence >= 2.4 ? 'ok' : 'MISSED');
    await cancelAndResume(small);
  } finally {
    small.child.kill('SIGTERM');
    removeFolders();
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
    const presence = await timedReport(server, 'presence', 'presence', 200);
    await timedReport(server, 'engagement', 'engagement', 200);
    await resumeAfterCut(server, 'presence', presence.store, 0.9);
  } finally {
    server.child.kill('SIGTERM');
    removeFolders();
  }
}

async function scale(): Promise<void> {
  console.log('\nHow the cost grows: 20 000 attendees, the limit raised to 100 req/s (bound ≈ requests ÷ 100 s), in a process of its own');
  const large = await startServer(20_000, 100);
  try {
    const presence = await timedReport(large, 'presence', 'presence', 200);
    await resumeAfterCut(large, 'presence', presence.store, 0.9);
  } finally {
    large.child.kill('SIGTERM');
    removeFolders();
  }
}

if (/report\.bench\.[jt]s$/.test(process.argv[1] ?? '')) {
  runReportBench().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
