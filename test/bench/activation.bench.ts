/**
 * Activation of the packaged extension until its Events tree is ready (goal: median ≤ 25 ms): in a fresh node
 * process per run, activation-host.js loads dist/extension.js with a stand-in `vscode`, calls activate() and
 * resolves the tree's first level (one organization with an event and attendees configured, its key in
 * SecretStorage). Node's own start-up is not counted; loading the bundle is. The bundles loaded when first needed
 * (dist/transport.js, dist/demo.js, dist/client.js, the panels' dist/slices.js and dist/report.js, …) must not be
 * loaded by then: the bench names any that was.
 * Run by `npm run bench` after `npm run package:e2e` (or `node esbuild.js --production`); not a test.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const ROOT = path.resolve(__dirname, '..', '..');
const GOAL_MS = 25;

/** Wall-clock times, and the CPU time of the whole (less sensitive to a busy machine than wall-clock). */
export interface ActivationRun {
  loadMs: number; activateMs: number; treeMs: number; totalMs: number; cpuMs: number; roots: number;
  /** Other bundles of dist/ loaded by the time the tree was ready (file names). */
  alsoLoaded: string[];
}
export interface ActivationBenchResult { runs: ActivationRun[]; median: ActivationRun; bundle: string }

const SETTINGS = {
  'brella.organizations': [{
    id: 1001, name: 'Bench Organization',
    events: [{ id: 2001, name: 'Nordic Summit 2023', start: '2023-05-10', end: '2023-05-12', attendees: [{ id: 3001, name: 'Ada Lovelace' }, { id: 3002 }] }],
  }],
};

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

export async function runActivationBench(runs = 15, bundle = path.join(ROOT, 'dist', 'extension.js')): Promise<ActivationBenchResult> {
  if (!existsSync(bundle)) throw new Error(`${path.relative(ROOT, bundle)} is missing: run \`node esbuild.js --production\` first`);
  const results: ActivationRun[] = [];
  for (let i = 0; i < runs; i++) {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(__dirname, 'activation-host.js'), bundle, JSON.stringify(SETTINGS)], { cwd: ROOT });
    results.push(JSON.parse(stdout.trim().split('\n').pop()!) as ActivationRun);
  }
  const pick = (key: 'loadMs' | 'activateMs' | 'treeMs' | 'totalMs' | 'cpuMs') => median(results.map((r) => r[key]));
  return {
    runs: results, bundle,
    median: {
      loadMs: pick('loadMs'), activateMs: pick('activateMs'), treeMs: pick('treeMs'), totalMs: pick('totalMs'), cpuMs: pick('cpuMs'),
      roots: results[0].roots, alsoLoaded: [...new Set(results.flatMap((run) => run.alsoLoaded))].sort(),
    },
  };
}

export function formatActivationBench(r: ActivationBenchResult): string {
  const m = r.median;
  const ms = (v: number) => `${v.toFixed(1)} ms`.padStart(9);
  return [
    `Activation until the Events tree is ready (${path.relative(ROOT, r.bundle)}, median of ${r.runs.length} fresh processes, ${m.roots} root item(s))`,
    `  load the bundle ${ms(m.loadMs)}   activate() ${ms(m.activateMs)}   tree's first level ${ms(m.treeMs)}`,
    `  median total ${ms(m.totalMs)}   goal ≤ ${GOAL_MS} ms   ratio ${(m.totalMs / GOAL_MS).toFixed(2)} (goal ≤ 1)   CPU time ${ms(m.cpuMs)}`,
    `  other bundles loaded by then: ${m.alsoLoaded.length ? `${m.alsoLoaded.join(', ')} (expected none)` : 'none'}`,
    `  fastest run ${ms(Math.min(...r.runs.map((x) => x.totalMs)))} (a busy machine slows the median, seldom the fastest)`,
  ].join('\n');
}

if (/activation\.bench\.ts$/.test(process.argv[1] ?? '')) {
  runActivationBench(Number(process.argv[2] ?? 15), process.argv[3] ? path.resolve(process.argv[3]) : undefined)
    .then((r) => console.log(formatActivationBench(r)))
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
