/**
 * dist/extension.js, built with the options of esbuild.js (in memory), never reads the global `navigator`: VS Code's
 * extension host (Node 22+) logs "PendingMigrationError: navigator is now a global in nodejs" with a stack for each
 * extension that does, at every activation. zod reads it to detect Cloudflare Workers.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { build, type BuildOptions } from 'esbuild';

const root = path.resolve(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildOptions } = require(path.join(root, 'esbuild.js')) as {
  buildOptions(options: { production?: boolean; write?: boolean }): BuildOptions[];
};

async function extensionBundle(production: boolean): Promise<string> {
  const options = buildOptions({ production, write: false }).find((o) => o.platform === 'node');
  assert.ok(options, 'esbuild.js builds a node bundle for the extension host');
  const result = await build({ ...options, plugins: options.plugins?.filter((p) => p.name !== 'report') });
  const script = result.outputFiles?.find((f) => f.path.endsWith(`${path.sep}extension.js`));
  assert.ok(script, 'the build produces dist/extension.js');
  return script.text;
}

function navigatorReads(code: string): string[] {
  return [...code.matchAll(/.{0,60}\bnavigator\b.{0,60}/g)].map((m) => m[0]);
}

test('the production extension bundle (what the VSIX ships) has no reference to navigator', async () => {
  const code = await extensionBundle(true);
  assert.match(code, /activated/, 'the bundle is the real extension');
  assert.deepEqual(navigatorReads(code), []);
});

test('the development extension bundle (F5, npm run watch) has none either', async () => {
  assert.deepEqual(navigatorReads(await extensionBundle(false)), []);
});
