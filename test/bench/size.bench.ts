/**
 * Sizes of the shipped bundles, built in memory with the production options of esbuild.js, and what weighs most
 * in each, by package or source folder, from esbuild's metafile. Goals (test/unit/bundles.test.ts holds the
 * bundles to them): 250 KB for dist/extension.js, the one bundle loaded at activation; 150 KB for each bundle it
 * loads when first needed (dist/transport.js with the first client, dist/demo.js with the demo organization);
 * 250 KB for each webview script. Run by `npm run bench`.
 */
import path from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';

const ROOT = path.resolve(__dirname, '..', '..');
export const SIZE_GOALS_KB = { activation: 250, lazy: 150, webview: 250 };

/** When the bundle is loaded: at activation, when first needed, or in a webview. */
export type BundleRole = keyof typeof SIZE_GOALS_KB;
export interface BundleSize { file: string; role: BundleRole; kb: number; goalKb: number; parts: Array<[string, number]> }

const ROLES: Record<BundleRole, string> = {
  activation: 'Loaded at activation',
  lazy: 'Loaded when first needed (each on its own)',
  webview: 'Webview scripts (one per view)',
};

/** node_modules/<package>, or the source folder (src/brella, webview/table, …). */
function partOf(input: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
  if (pkg) return pkg[1];
  return input.replace(/^[a-z-]+:/, '').split('/').slice(0, 2).join('/');
}

function roleOf(file: string): BundleRole {
  if (file === 'dist/extension.js') return 'activation';
  return file.startsWith('dist/webview/') ? 'webview' : 'lazy';
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
    const role = roleOf(file);
    return { file, role, kb: output.bytes / 1024, goalKb: SIZE_GOALS_KB[role], parts: [...parts].sort((a, b) => b[1] - a[1]) };
  });
}

export function formatSizeBench(sizes: BundleSize[]): string {
  const lines = ['Bundle sizes (production build; largest parts)'];
  for (const role of Object.keys(ROLES) as BundleRole[]) {
    const bundles = sizes.filter((s) => s.role === role);
    if (bundles.length === 0) continue;
    lines.push(`  ${ROLES[role]}`);
    for (const s of bundles) {
      lines.push(`    ${s.file.padEnd(26)} ${`${s.kb.toFixed(1)} KB`.padStart(9)}   goal ≤ ${s.goalKb} KB   ratio ${(s.kb / s.goalKb).toFixed(2)}`);
      lines.push(`      ${s.parts.slice(0, 6).map(([part, kb]) => `${part} ${kb.toFixed(0)}`).join(' · ')} (KB)`);
    }
  }
  return lines.join('\n');
}

if (/size\.bench\.ts$/.test(process.argv[1] ?? '')) {
  runSizeBench().then((s) => console.log(formatSizeBench(s))).catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}
