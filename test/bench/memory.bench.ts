/**
 * Memory of the extension host while one attendee's 108 000 slices arrive (goal: peak RSS ≤ 200 MB, the
 * bound 300 MB; the local Brella generates 120 000 slices for the attendee, of which Brella's default answer
 * leaves out the 10 % that are sponsor media clicks): the local Brella runs in a child process with 250 ms latency and 10 req/s, and
 * memory-host.ts, bundled with the extension's own build options, runs the client and a SlicesSession in
 * another fresh process, so the figures are theirs alone (the bench's own tooling is not counted).
 * Run by `npm run bench`; not a test.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build, type BuildOptions } from 'esbuild';
import { LARGE_ATTENDEE_ID, NORDIC_SUMMIT_EVENT_ID } from '../../src/demo/constants';
import { ROOT, startDemoProcess } from './demo-process';

const KEY = 'bench_key_memory_0123456789';
export const MEMORY_GOAL_MB = 200;
export const MEMORY_BOUND_MB = 300;

export interface MemoryBenchResult {
  slices: number; rows: number; pages: number; seconds: number; postedMB: number; rawPages: number;
  baselineRssMB: number; peakRssMB: number; peakHeapMB: number; retainedHeapMB: number; retainedRssMB: number;
}

async function startServer(slices: number, latencyMs: number, rps: number): Promise<{ kill(): void; baseUrl: string }> {
  const { child, baseUrl } = await startDemoProcess(['--latency', String(latencyMs), '--rps', String(rps), '--large', String(slices), '--key', KEY]);
  return { baseUrl, kill: () => child.kill('SIGTERM') };
}

export async function runMemoryBench(slices = 120_000, { latencyMs = 250, rps = 10 } = {}): Promise<MemoryBenchResult> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildOptions } = require(path.join(ROOT, 'esbuild.js')) as { buildOptions(o: { production: boolean }): BuildOptions[] };
  const [extension] = buildOptions({ production: true });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'brella-memory-'));
  const server = await startServer(slices, latencyMs, rps);
  try {
    await build({ ...extension, entryPoints: { memory: path.join(__dirname, 'memory-host.ts') }, outdir: dir, metafile: false, plugins: extension.plugins?.filter((p) => p.name !== 'report') });
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', path.join(dir, 'memory.js'), server.baseUrl, KEY, '1001', String(NORDIC_SUMMIT_EVENT_ID), String(LARGE_ATTENDEE_ID)],
      { cwd: ROOT, maxBuffer: 1 << 20 });
    return { slices, ...(JSON.parse(stdout.trim().split('\n').pop()!) as Omit<MemoryBenchResult, 'slices'>) };
  } finally {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatMemoryBench(r: MemoryBenchResult): string {
  const mb = (v: number) => `${v.toFixed(0)} MB`.padStart(7);
  return [
    `Extension host memory, one attendee's ${r.rows.toLocaleString('en')} slices (${r.pages} pages posted, ${r.seconds.toFixed(1)} s, reading ahead)`,
    `  peak RSS ${mb(r.peakRssMB)}   goal ≤ ${MEMORY_GOAL_MB} MB   ratio ${(r.peakRssMB / MEMORY_GOAL_MB).toFixed(2)}   (bound ${MEMORY_BOUND_MB} MB: ${(r.peakRssMB / MEMORY_BOUND_MB).toFixed(2)})`,
    `  RSS before ${mb(r.baselineRssMB)}   peak JS heap ${mb(r.peakHeapMB)}   heap kept with the rows ${mb(r.retainedHeapMB)}   posted ${r.postedMB.toFixed(0)} MB of messages`,
  ].join('\n');
}

if (/memory\.bench\.ts$/.test(process.argv[1] ?? '')) {
  const fast = process.argv.includes('--fast');
  runMemoryBench(Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 120_000), fast ? { latencyMs: 0, rps: 0 } : undefined)
    .then((r) => console.log(formatMemoryBench(r)))
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
