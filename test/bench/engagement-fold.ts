/**
 * The engagement report's host side on its own, in a fresh process of compiled JavaScript (engagement.bench.ts
 * bundles this file and runs it with --expose-gc), so its peak RSS is the report's own: every attendee's two pages
 * of slices (engagement-data.ts) fold into a RowBuilder, each row goes into the real Ledger with its marks and its
 * line is written by the report's LineWriter through FileReportStore into a temporary folder (what runLedger does,
 * without the network). Then the event-wide aggregates over every row: summarizeTrackables, visitorsOf the top
 * booth, viewersPerQuarter of the top stream (what the Sponsors and Streams tabs compute). Prints one JSON line. Arg: attendees (default 20 000).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileReportStore } from '../../src/features/report/store';
import { visitWhos } from '../../src/model/report';
import { summarizeTrackables, viewersPerQuarter, visitorsOf } from '../../src/model/trackables';
import { Ledger, LineWriter, reportStoreKey, type ReportTarget } from '../../src/reports';
import { DayCutter, RowBuilder } from '../../src/reports/rows';
import { AS_OF, BOUNDS, DAY_ZONE, WINDOW, attendeeOf, attendeePages } from './engagement-data';
import { trackPeakMemory } from './peak-memory';

const TARGET: ReportTarget = { organizationId: 1001, eventId: 5001, eventName: 'Bench Summit', timeZone: DAY_ZONE };
const REPEATS = 5;

type Triple = [number, number, number];

export interface FoldFigures {
  attendees: number; slices: number; visits: number;
  /** ms spent folding (RowBuilder, finish, marks, Ledger.answered, the line queued), apart from making the slices. */
  foldMs: number; makeMs: number; wallMs: number;
  baselineRssMB: number; peakRssMB: number; peakHeapMB: number;
  /** JS heap kept once every row is in the ledger (after a GC), above the baseline, ÷ attendees. */
  heapPerAttendee: number;
  fileBytes: number; bytesWritten: number;
  /** Peak RSS while folding (MB), apart from the aggregates after it. */
  foldPeakRssMB: number;
  /** ms: first call, median wall time and median CPU time of REPEATS. */
  summarize: Triple; visitorsOfTop: Triple; viewersOfTop: Triple;
  trackables: number; topBooth: string; topBoothVisitors: number; topStream: string; topStreamQuarters: number;
}

/** Runs `f` REPEATS times: its value, and ms [first call, median wall, median CPU of this process]. */
function timed<T>(f: () => T): { value: T; ms: Triple } {
  const wall: number[] = [];
  const cpu: number[] = [];
  let value: T | undefined;
  for (let k = 0; k < REPEATS; k++) {
    const c = process.cpuUsage();
    const t = performance.now();
    value = f();
    wall.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
  }
  const mid = (values: number[]): number => [...values].sort((a, b) => a - b)[values.length >> 1]!;
  return { value: value as T, ms: [wall[0]!, mid(wall), mid(cpu)] };
}

const yieldNow = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function fold(attendees: number, ledger: Ledger, writer: LineWriter, sample: () => void): Promise<{ slices: number; foldMs: number; makeMs: number }> {
  const cutter = new DayCutter(DAY_ZONE);
  let slices = 0;
  let foldMs = 0;
  let makeMs = 0;
  for (let i = 0; i < attendees; i++) {
    const t0 = performance.now();
    const pages = attendeePages(i);
    const t1 = performance.now();
    const builder = new RowBuilder('engagement', BOUNDS, cutter);
    for (const page of pages) {
      builder.add(page);
      slices += page.length;
    }
    ledger.answered(builder.finish(attendeeOf(i), AS_OF), builder.marks());
    writer.add(ledger.takePending());
    foldMs += performance.now() - t1;
    makeMs += t1 - t0;
    // The answers of a real run come between network waits: let the writer's timer and the sampler run.
    if (i % 20 === 19) {
      sample();
      await yieldNow();
    }
  }
  return { slices, foldMs, makeMs };
}

async function main(): Promise<void> {
  const attendees = Number(process.argv[2] ?? 20_000);
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const folder = mkdtempSync(path.join(os.tmpdir(), 'brella-engagement-bench-'));
  try {
    gc();
    const memory = trackPeakMemory();
    const started = performance.now();
    const store = new FileReportStore(folder);
    const key = reportStoreKey(TARGET, 'engagement', WINDOW);
    const ledger = new Ledger({ kind: 'engagement', window: WINDOW, dayZone: DAY_ZONE });
    const writer = new LineWriter(store, key);
    ledger.setListed(Array.from({ length: attendees }, (_, i) => attendeeOf(i)), AS_OF);
    writer.add(ledger.takePending());
    const folded = await fold(attendees, ledger, writer, memory.sample);
    await writer.flush();
    const wallMs = performance.now() - started;
    const foldPeak = memory.stop();
    gc();
    const kept = process.memoryUsage().heapUsed - memory.baseline.heapUsed;
    const aggregates = trackPeakMemory();
    const rows = ledger.view().rows;
    const summarized = timed(() => summarizeTrackables(rows));
    aggregates.sample();
    const trackables = summarized.value.trackables;
    const topBooth = trackables.find((t) => t.kind === 'sponsor')!;
    const topStream = trackables.find((t) => t.kind === 'stream')!;
    const visitors = timed(() => visitorsOf(rows, topBooth.key));
    const viewers = timed(() => viewersPerQuarter(rows, topStream.key));
    const after = aggregates.stop();
    const peakRss = Math.max(foldPeak.peakRss, after.peakRss);
    const peakHeap = Math.max(foldPeak.peakHeap, after.peakHeap);
    const figures: FoldFigures = {
      attendees, slices: folded.slices, visits: rows.reduce((n, r) => n + visitWhos(r).length, 0),
      foldMs: folded.foldMs, makeMs: folded.makeMs, wallMs,
      foldPeakRssMB: foldPeak.peakRss / 2 ** 20, baselineRssMB: memory.baseline.rss / 2 ** 20, peakRssMB: peakRss / 2 ** 20, peakHeapMB: peakHeap / 2 ** 20,
      heapPerAttendee: kept / attendees, fileBytes: statSync(store.fileOf(key)).size, bytesWritten: store.bytesWritten,
      summarize: summarized.ms, visitorsOfTop: visitors.ms, viewersOfTop: viewers.ms,
      trackables: trackables.length, topBooth: topBooth.key, topBoothVisitors: visitors.value.length,
      topStream: topStream.key, topStreamQuarters: viewers.value.length,
    };
    console.log(JSON.stringify(figures));
    if (ledger.view().rows.length !== attendees) throw new Error('the ledger lost rows');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

if (/engagement-fold\.[jt]s$/.test(process.argv[1] ?? '')) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
