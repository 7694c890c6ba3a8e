/**
 * Benchmark of the Brella client against the local Brella with 250 ms latency and a 10 req/s limit per key
 * (run by `npm run bench`; not a test). Figures are measured in one run and printed as ratios to their goals:
 * - slices of 300 attendees (a presence report): wall time ÷ (300 / 10 s), 429s seen, speed-up over a naive loop;
 * - one attendee with 120 000 slices: pages, wall time ÷ (pages / 10 s), peak RSS of this process.
 * runAttendeesBench (`npm run bench -- attendees`, or this file with the argument `attendees`), with 200 ms latency:
 * - the "All attendees" list of a 20 001-attendee event (41 pages of 500): wall time ÷ (41 / 10 s), goal ≤ 1.10,
 *   and the same list read one request at a time, the page-after-page figure, for comparison.
 * The server runs in a child process so this process's memory is the client's.
 */
import { createBrellaClient } from '../../src/brella';
import { LARGE_ATTENDEE_ID, NORDIC_SUMMIT_EVENT_ID } from '../../src/demo/constants';
import { startDemoProcess, type DemoProcess } from './demo-process';

const LATENCY_MS = 250;
const RATE = 10;
const ATTENDEES = 300;
const LARGE = 120_000;
const KEY = 'bench_key_0123456789abcdef';
/** 20 000 attendees and one more: 41 pages of 500. */
const ATTENDEE_LIST = 20_001;

type Server = DemoProcess;

function startServer(): Promise<Server> {
  return startDemoProcess(['--latency', String(LATENCY_MS), '--rps', String(RATE), '--large', String(LARGE), '--attendees', String(ATTENDEES), '--key', KEY]);
}

async function requestCounts(origin: string): Promise<{ count: number; tooMany: number }> {
  const log = (await (await fetch(`${origin}/_demo/requests`, { headers: { 'Brella-API-Access-Token': KEY } })).json()) as { count: number; requests: Array<{ status: number }> };
  return { count: log.count, tooMany: log.requests.filter((r) => r.status === 429).length };
}

async function clearRequests(origin: string): Promise<void> {
  await fetch(`${origin}/_demo/requests/clear`, { method: 'POST', headers: { 'Brella-API-Access-Token': KEY } });
}

export async function runClientBench(): Promise<void> {
  const server = await startServer();
  const org = 1001;
  const event = NORDIC_SUMMIT_EVENT_ID;
  const filters = { tracking_type: 'time_spent', start_from: '2023-05-10' };
  try {
    const setup = createBrellaClient({ baseUrl: server.baseUrl, apiKey: KEY });
    const attendees = (await setup.listAttendees(org, event)).items.filter((a) => Number(a.id) !== LARGE_ATTENDEE_ID).slice(0, ATTENDEES);
    await setup.close();
    await new Promise((r) => setTimeout(r, 1500)); // let the server's bucket refill

    // 1. The report through the client: every attendee at once, the pacer keeps it at 10 req/s.
    await clearRequests(server.origin);
    const client = createBrellaClient({ baseUrl: server.baseUrl, apiKey: KEY, requestsPerSecond: RATE });
    let started = performance.now();
    const results = await Promise.all(attendees.map((a) => client.listSlices(org, event, a.id, filters)));
    const reportSeconds = (performance.now() - started) / 1000;
    const report = await requestCounts(server.origin);
    const checkedIn = results.filter((r) => r.items.length > 0).length;
    await new Promise((r) => setTimeout(r, 1500));

    // 2. The naive loop: one request after the other with global fetch, no paging, no pacing.
    await clearRequests(server.origin);
    started = performance.now();
    let naiveCheckedIn = 0;
    for (const a of attendees) {
      const url = `${server.baseUrl}/organizations/${org}/events/${event}/attendees/${a.id}/tracking_session_slices?tracking_type=time_spent&start_from=2023-05-10T00:00:00.000Z&page[size]=500`;
      const res = await fetch(url, { headers: { 'Brella-API-Access-Token': KEY, Accept: 'application/vnd.brella.v4+json', 'Content-Type': 'application/json' } });
      if (res.status === 200) naiveCheckedIn += ((await res.json()) as { data: unknown[] }).data.length > 0 ? 1 : 0;
      else await res.arrayBuffer();
    }
    const naiveSeconds = (performance.now() - started) / 1000;
    const naive = await requestCounts(server.origin);
    await new Promise((r) => setTimeout(r, 1500));

    // 3. One attendee with 120 000 slices.
    await clearRequests(server.origin);
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 50);
    started = performance.now();
    const large = await client.listSlices(org, event, LARGE_ATTENDEE_ID, {});
    const largeSeconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    const largeCounts = await requestCounts(server.origin);
    const pages = large.rawPages.length;
    await client.close();

    const ideal = ATTENDEES / RATE;
    const row = (what: string, figure: string, goal: string, ratio: string) => console.log(`  ${what.padEnd(44)} ${figure.padStart(12)}  ${goal.padEnd(12)} ${ratio}`);
    console.log(`\nBrella client vs the local Brella (${LATENCY_MS} ms latency, ${RATE} req/s per key)`);
    row('what', 'measured', 'goal', 'ratio');
    row(`presence report, ${attendees.length} attendees (${checkedIn} checked in)`, `${reportSeconds.toFixed(1)} s`, `${ideal} s`, `${(reportSeconds / ideal).toFixed(3)} (goal ≤ 1.05)`);
    row('  requests / 429 answers', `${report.count} / ${report.tooMany}`, '0 × 429', report.tooMany === 0 ? 'ok' : 'MISSED');
    row(`naive sequential loop (${naiveCheckedIn} checked in)`, `${naiveSeconds.toFixed(1)} s`, '', `client is ${(naiveSeconds / reportSeconds).toFixed(2)}× faster`);
    row('  requests / 429 answers', `${naive.count} / ${naive.tooMany}`, '', '');
    row(`one attendee, ${large.items.length} slices, ${pages} pages`, `${largeSeconds.toFixed(1)} s`, `${(pages / RATE).toFixed(1)} s`, `${(largeSeconds / (pages / RATE)).toFixed(3)} (goal ≤ 1.1)`);
    row('  requests / 429 answers', `${largeCounts.count} / ${largeCounts.tooMany}`, '0 × 429', largeCounts.tooMany === 0 ? 'ok' : 'MISSED');
    // This process also ran the report above and tsx; memory.bench.ts measures the host's side on its own.
    // Not the extension host's figure (the memory benchmark measures that, alone): this process also holds tsx,
    // the local Brella and its 108 000 generated slices, and what the report run before it left behind.
    row('  peak RSS of this bench process (local Brella included)', `${(peakRss / 2 ** 20).toFixed(0)} MB`, '', 'see the memory benchmark');
  } finally {
    server.child.kill('SIGTERM');
  }
}

/** What one read of the "All attendees" list took, and what the local Brella heard meanwhile. */
interface ListRun { seconds: number; pages: number; ids: string[]; count: number; tooMany: number; maxInFlight: number }

async function readAttendees(server: Server, event: number, maxConcurrentRequests: number): Promise<ListRun> {
  await new Promise((r) => setTimeout(r, 1500)); // the server's bucket and the key's pacer refill
  await clearRequests(server.origin);
  const client = createBrellaClient({ baseUrl: server.baseUrl, apiKey: KEY, requestsPerSecond: RATE, maxConcurrentRequests });
  // Exchanges the key's pacer holds at once, sampled every 2 ms (a sample never counts more than there were).
  let maxInFlight = 0;
  const sampler = setInterval(() => { maxInFlight = Math.max(maxInFlight, client.rateState().inFlight); }, 2);
  try {
    const started = performance.now();
    const list = await client.listAttendees(1001, event);
    const seconds = (performance.now() - started) / 1000;
    const { count, tooMany } = await requestCounts(server.origin);
    return { seconds, pages: list.rawPages.length, ids: list.items.map((a) => a.id), count, tooMany, maxInFlight };
  } finally {
    clearInterval(sampler);
    await client.close();
  }
}

/**
 * The "All attendees" node of a 20 000-attendee event: 41 pages of 500 at 10 req/s with 200 ms latency, against
 * its rate bound (pages / rate). Pages 2..41 overlap once page 1 gives the count (default settings: 6 at once);
 * the same list with one request at a time is the old page-after-page figure.
 */
export async function runAttendeesBench(): Promise<void> {
  const latency = 200;
  const server = await startDemoProcess(['--latency', String(latency), '--rps', String(RATE), '--attendees', String(ATTENDEE_LIST), '--key', KEY]);
  try {
    const event = NORDIC_SUMMIT_EVENT_ID;
    // The local Brella builds an event's attendees on the first request for them: not part of what is measured.
    await fetch(`${server.baseUrl}/organizations/1001/events/${event}/attendees?page[size]=1`, { headers: { 'Brella-API-Access-Token': KEY, Accept: 'application/vnd.brella.v4+json' } });
    const overlapped = await readAttendees(server, event, 6);
    const sequential = await readAttendees(server, event, 1);
    const bound = overlapped.pages / RATE;
    const same = overlapped.ids.length === sequential.ids.length && overlapped.ids.every((id, i) => id === sequential.ids[i]);
    const row = (what: string, figure: string, goal: string, ratio: string) => console.log(`  ${what.padEnd(52)} ${figure.padStart(10)}  ${goal.padEnd(12)} ${ratio}`);
    console.log(`\n"All attendees" list vs the local Brella (${latency} ms latency, ${RATE} req/s per key)`);
    row('what', 'measured', 'rate bound', 'ratio');
    row(`${overlapped.ids.length.toLocaleString('en-US')} attendees, ${overlapped.pages} pages of 500, pages overlapped`, `${overlapped.seconds.toFixed(2)} s`, `${bound.toFixed(1)} s`, `${(overlapped.seconds / bound).toFixed(3)} (goal ≤ 1.10)`);
    row('  requests / 429 answers / most in flight at once', `${overlapped.count} / ${overlapped.tooMany} / ${overlapped.maxInFlight}`, '0 × 429', overlapped.tooMany === 0 ? 'ok' : 'MISSED');
    row('the same, one page after the other (1 at a time)', `${sequential.seconds.toFixed(2)} s`, `${bound.toFixed(1)} s`, `${(sequential.seconds / bound).toFixed(3)} (overlap is ${(sequential.seconds / overlapped.seconds).toFixed(2)}× faster)`);
    row('  same attendees in the same order both ways', same ? 'yes' : 'NO', '', same ? 'ok' : 'MISSED');
  } finally {
    server.child.kill('SIGTERM');
  }
}

if (/client\.bench\.ts$/.test(process.argv[1] ?? '')) {
  (process.argv[2] === 'attendees' ? runAttendeesBench() : runClientBench()).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
