/**
 * Excel export of 100 000 slices (goals: ≤ 10 s, ≤ 200 MB added to the extension host's peak RSS): the
 * exportXlsx message as the slices webview sends it (every slice column shown, times in Europe/Helsinki) arrives
 * as text, is parsed and checked by the slices protocol, and the workbook is written by the shipped xlsx bundle
 * (dist/xlsx.js, built here with the production options of esbuild.js and loaded by src/features/kit/xlsx.ts
 * as the extension loads it). The host's part runs in a fresh process (this file with --child), so the figures
 * are its alone: time from the message's arrival to the workbook's bytes, and peak RSS over what the process held
 * with the message's text waiting. Run by `npm run bench`; not a test.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build, type BuildOptions } from 'esbuild';
import { parseSlicesMessage } from '../../src/features/slices/messages';
import { exportTableOf } from '../../src/protocol/slices';
import { BASE_COLUMNS, ExtraColumns } from '../../webview/table/columns';
import type { Row } from '../../webview/table/types';
import { makeRows } from '../webview/rows';
import { trackPeakMemory } from './peak-memory';

const ROOT = path.resolve(__dirname, '..', '..');
export const XLSX_GOALS = { seconds: 10, addedRssMB: 200 };

export interface XlsxBenchResult {
  slices: number; columns: number; messageMB: number; workbookMB: number;
  /** From the message's arrival: parse and check, load dist/xlsx.js, write the workbook, and all of it. */
  checkSeconds: number; loadMs: number; writeSeconds: number; seconds: number;
  baselineRssMB: number; peakRssMB: number; addedRssMB: number; peakHeapMB: number;
}

export async function runXlsxBench(slices = 100_000): Promise<XlsxBenchResult> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildOptions } = require(path.join(ROOT, 'esbuild.js')) as { buildOptions(o: { production: boolean }): BuildOptions[] };
  const [extension] = buildOptions({ production: true });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'brella-xlsx-'));
  try {
    // src/features/kit/xlsx.ts, with dist/xlsx.js beside it as the extension's build writes it (LAZY_BUNDLES).
    await build({ ...extension, entryPoints: { 'xlsx-kit': 'src/features/kit/xlsx.ts' }, outdir: dir, metafile: false, plugins: extension.plugins?.filter((p) => p.name !== 'report') });
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', __filename, '--child', dir, String(slices)], { cwd: ROOT, maxBuffer: 1 << 20 });
    return JSON.parse(stdout.trim().split('\n').pop()!) as XlsxBenchResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The exportXlsx message of n slices, as text (what crosses from the webview), made before the figures start. */
function messageText(n: number): { text: string; columns: number } {
  const rows = makeRows(n);
  const extras = new ExtraColumns();
  extras.scan(rows);
  const table = exportTableOf<Row>(rows, [...BASE_COLUMNS, ...extras.columns()], { zone: 'Europe/Helsinki', zoneName: 'Europe/Helsinki', totalRows: n });
  return { text: JSON.stringify({ type: 'exportXlsx', table }), columns: table.columns.length };
}

async function child(dir: string, n: number): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  const { text, columns } = messageText(n);
  gc();
  gc();
  const memory = trackPeakMemory();
  const { baseline, sample } = memory;
  const started = performance.now();
  const message = parseSlicesMessage(JSON.parse(text), (warning) => {
    throw new Error(warning);
  });
  if (message?.type !== 'exportXlsx') throw new Error('the message was refused');
  sample();
  const checked = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const kit = require(path.join(dir, 'xlsx-kit.js')) as typeof import('../../src/features/kit/xlsx');
  const target = { organizationId: 1001, eventId: 2001, attendeeId: 3001, attendeeName: 'Bench', eventName: 'Bench' };
  const query = kit.sliceQuery({ target, url: 'https://api.brella.io/api/integration/organizations/1001/events/2001/attendees/3001/tracking_session_slices', filters: {}, ranAt: undefined, exportedAt: new Date().toISOString() }, message.table);
  const loadStart = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(dir, 'xlsx.js'));
  const loadMs = performance.now() - loadStart;
  const bytes = await kit.workbookBytes('Slices', message.table, query);
  const done = performance.now();
  const { peakRss, peakHeap } = memory.stop();
  const mb = (v: number) => v / 1024 / 1024;
  const result: XlsxBenchResult = {
    slices: n, columns, messageMB: mb(text.length), workbookMB: mb(bytes.length),
    checkSeconds: (checked - started) / 1000, loadMs, writeSeconds: (done - checked) / 1000 - loadMs / 1000, seconds: (done - started) / 1000,
    baselineRssMB: mb(baseline.rss), peakRssMB: mb(peakRss), addedRssMB: mb(peakRss - baseline.rss), peakHeapMB: mb(peakHeap),
  };
  console.log(JSON.stringify(result));
}

export function formatXlsxBench(r: XlsxBenchResult): string {
  const mb = (v: number) => `${v.toFixed(0)} MB`;
  return [
    `Excel export of ${r.slices.toLocaleString('en')} slices (${r.columns} columns, message ${mb(r.messageMB)}, workbook ${r.workbookMB.toFixed(1)} MB, dist/xlsx.js)`,
    `  time ${r.seconds.toFixed(2)} s   goal ≤ ${XLSX_GOALS.seconds} s   ratio ${(r.seconds / XLSX_GOALS.seconds).toFixed(2)} (goal ≤ 1)`,
    `    parse and check ${r.checkSeconds.toFixed(2)} s · load dist/xlsx.js ${r.loadMs.toFixed(0)} ms · write ${r.writeSeconds.toFixed(2)} s`,
    `  added peak RSS ${mb(r.addedRssMB)}   goal ≤ ${XLSX_GOALS.addedRssMB} MB   ratio ${(r.addedRssMB / XLSX_GOALS.addedRssMB).toFixed(2)} (goal ≤ 1)`,
    `    RSS with the message waiting ${mb(r.baselineRssMB)}, peak ${mb(r.peakRssMB)} · peak JS heap ${mb(r.peakHeapMB)}`,
  ].join('\n');
}

const argv = process.argv.slice(2);
if (argv[0] === '--child') {
  child(argv[1]!, Number(argv[2])).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
} else if (/xlsx\.bench\.ts$/.test(process.argv[1] ?? '')) {
  runXlsxBench(Number(argv[0] ?? 100_000))
    .then((r) => console.log(formatXlsxBench(r)))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
