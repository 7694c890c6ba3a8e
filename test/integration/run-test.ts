// `npm run test:electron`: the @vscode/test-electron suite, for machines that can download VS Code.
// It bundles the suite, downloads VS Code (cached in .vscode-test/), and runs the suite in its extension host.
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
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath: suite,
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error: unknown) => {
  console.error(`The @vscode/test-electron suite failed: ${(error as Error).message}`);
  process.exit(1);
});
