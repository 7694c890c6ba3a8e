// `npm run test:electron`: the @vscode/test-electron suite, for machines that can download VS Code.
// It bundles the suite, downloads VS Code (cached in .vscode-test/), and runs the suite in its extension host.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import pkg from '../../package.json';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  const suite = path.join(root, 'out', 'integration', 'suite.js');
  await build({
    entryPoints: [path.join(__dirname, 'suite', 'index.ts')],
    outfile: suite,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['vscode'],
    logLevel: 'warning',
  });

  const version = pkg.engines.vscode.replace(/^\^/, '');
  let vscodeExecutablePath: string;
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode(version);
  } catch (error) {
    console.error(`VS Code ${version} could not be downloaded (${(error as Error).message}); the @vscode/test-electron suite needs internet access. Use \`npm run test:e2e\` here instead.`);
    process.exit(1);
  }
  // Fresh user data each run, so no view is restored open and activation by the view is tested from scratch.
  const userData = mkdtempSync(path.join(os.tmpdir(), 'brella-electron-'));
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: root,
      extensionTestsPath: suite,
      launchArgs: ['--disable-extensions', '--disable-workspace-trust', '--user-data-dir', userData],
    });
  } finally {
    rmSync(userData, { recursive: true, force: true, maxRetries: 3 });
  }
}

main().catch((error: unknown) => {
  console.error(`The @vscode/test-electron suite failed: ${(error as Error).message}`);
  process.exit(1);
});
