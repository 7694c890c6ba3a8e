/**
 * Sizes of the shipped bundles, built in memory with the production options of esbuild.js (goals: 400 KB for
 * dist/extension.js, 250 KB for each webview script; test/unit/bundles.test.ts holds them to it), and what
 * weighs most in each, by package or source folder, from esbuild's metafile. Run by `npm run bench`.
 */
import path from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';

const ROOT = path.resolve(__dirname, '..', '..');
export const SIZE_GOALS_KB = { extension: 400, webview: 250 };

export interface BundleSize { file: string; kb: number; goalKb?: number; parts: Array<[string, number]> }

/** node_modules/<package>, or the source folder (src/brella, webview/table, …). */
function partOf(input: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (pkg) return pkg[1];
  return input.replace(/^[a-z-]+:/, '').split('/').slice(0, 2).join('/');
}

export async function runSizeBench(): Promise<BundleSize[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildOptions } = require(path.join(ROOT, 'esbuild.js')) as { buildOptions(o: { production: boolean; write: boolean }): BuildOptions[] };
  const outputs: Metafile['outputs'] = {};
  for (const options of buildOptions({ production: true, write: false })) {
    Object.assign(outputs, (await build({ ...options, plugins: options.plugins?.filter((p) => p.name !== 'report') })).metafile!.outputs);
  }
  return Object.entries(outputs).filter(([file]) => file.endsWith('.js')).map(([file, output]) => {
    const parts = new Map<string, number>();
    for (const [input, info] of Object.entries(output.inputs)) parts.set(partOf(input), (parts.get(partOf(input)) ?? 0) + info.bytesInOutput / 1024);
    const goalKb = file === 'dist/extension.js' ? SIZE_GOALS_KB.extension : file.startsWith('dist/webview/') ? SIZE_GOALS_KB.webview : undefined;
    return { file, kb: output.bytes / 1024, goalKb, parts: [...parts].sort((a, b) => b[1] - a[1]) };
  });
}

export function formatSizeBench(sizes: BundleSize[]): string {
  const lines = ['Bundle sizes (production build; largest parts)'];
  for (const s of sizes) {
    const goal = s.goalKb ? `goal ≤ ${s.goalKb} KB   ratio ${(s.kb / s.goalKb).toFixed(2)}` : '';
    lines.push(`  ${s.file.padEnd(26)} ${`${s.kb.toFixed(1)} KB`.padStart(9)}   ${goal}`);
    lines.push(`    ${s.parts.slice(0, 6).map(([part, kb]) => `${part} ${kb.toFixed(0)}`).join(' · ')} (KB)`);
  }
  return lines.join('\n');
}

if (/size\.bench\.ts$/.test(process.argv[1] ?? '')) {
  runSizeBench().then((s) => console.log(formatSizeBench(s))).catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
