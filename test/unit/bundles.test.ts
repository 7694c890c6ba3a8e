/**
 * The shipped bundles, built the way `npm run package` builds them (the production options of esbuild.js, in
 * memory): each stays within its size budget, and the extension's trimmed undici still speaks HTTP.
 * A budget is a property of the artifact, like its CSP: crossing it fails here, and `npm run bench` prints how
 * close each bundle is. esbuild's metafile says what grew (`inputs` of the output in question).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { listDoc, event, startFake, type FakeServer } from './helpers/brella-fake.ts';

const root = path.resolve(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildOptions, LLHTTP_FILES } = require(path.join(root, 'esbuild.js')) as {
  buildOptions(options: { production?: boolean; write?: boolean }): BuildOptions[];
  LLHTTP_FILES: Record<string, string>;
};

/** Bytes each shipped script may weigh: dist/extension.js, and every script of dist/webview (one per view). */
export const BUDGETS = { extension: 400 * 1024, webview: 250 * 1024 };

const outputs: Metafile['outputs'] = {};

before(async () => {
  for (const options of buildOptions({ production: true, write: false })) {
    Object.assign(outputs, (await build({ ...options, plugins: options.plugins?.filter((p) => p.name !== 'report') })).metafile!.outputs);
  }
});

const scripts = (dir: string) => Object.entries(outputs).filter(([file]) => path.dirname(file) === dir && file.endsWith('.js'));
const biggestInputs = (output: Metafile['outputs'][string]) => Object.entries(output.inputs)
  .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput).slice(0, 5)
  .map(([file, info]) => `${file} ${(info.bytesInOutput / 1024).toFixed(1)} KB`).join(', ');

test(`dist/extension.js stays within ${BUDGETS.extension / 1024} KB`, () => {
  const [[, output]] = scripts('dist');
  assert.ok(output.bytes <= BUDGETS.extension, `${(output.bytes / 1024).toFixed(1)} KB; biggest inputs: ${biggestInputs(output)}`);
});

test(`every webview script stays within ${BUDGETS.webview / 1024} KB`, () => {
  const views = scripts('dist/webview');
  assert.ok(views.length >= 1);
  for (const [file, output] of views) {
    assert.ok(output.bytes <= BUDGETS.webview, `${file}: ${(output.bytes / 1024).toFixed(1)} KB; biggest inputs: ${biggestInputs(output)}`);
  }
});

test('each panel loads its own view\'s script and stylesheet, and the build makes them', () => {
  const features = path.join(root, 'src', 'features');
  const views = readdirSync(features, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  const source = (f: string) => readFileSync(path.join(features, f), 'utf8');
  // panels.ts builds every panel's HTML from the view's name: dist/webview/<view>.js and <view>.css.
  assert.match(source(path.join('kit', 'panels.ts')), /scriptUri: asset\(`\$\{view\}\.js`\), styleUri: asset\(`\$\{view\}\.css`\), view,/);
  const names = views
    .flatMap((f) => [...source(f).matchAll(/loadPanelHtml\([^,]+,[^,]+, '([\w-]+)'/g)].map((m) => m[1]));
  assert.deepEqual([...new Set(names)].sort(), ['report', 'slices'], 'the slices and report panels load their view');
  for (const view of names) {
    assert.ok(outputs[`dist/webview/${view}.js`] && outputs[`dist/webview/${view}.css`], `the build makes no dist/webview/${view}.js and .css`);
  }
});

test('the extension bundle leaves out the undici code the client never runs', () => {
  const [[, output]] = scripts('dist');
  const inputs = Object.keys(output.inputs);
  for (const unused of ['undici/lib/web/fetch/formdata.js', 'undici/lib/api/api-pipeline.js', 'undici/lib/llhttp/llhttp-wasm.js', 'undici/lib/llhttp/llhttp_simd-wasm.js']) {
    assert.ok(!inputs.some((file) => file.startsWith('node_modules/') && file.endsWith(unused)), `${unused} is in the bundle`);
  }
});

test('zod is bundled without the parts no schema uses', () => {
  for (const [file, output] of [...scripts('dist'), ...scripts('dist/webview')]) {
    const zod = Object.entries(output.inputs).filter(([input]) => input.includes('node_modules/zod/'));
    const bytes = zod.reduce((sum, [, info]) => sum + info.bytesInOutput, 0);
    assert.ok(!zod.some(([input]) => input.endsWith('from-json-schema.js')), `${file}: zod's whole namespace is bundled (an \`import { z } from 'zod'\`?)`);
    assert.ok(bytes < 100 * 1024, `${file}: zod takes ${(bytes / 1024).toFixed(1)} KB`);
    const jsonSchema = zod.filter(([input]) => /json-schema/.test(input)).reduce((sum, [, info]) => sum + info.bytesInOutput, 0);
    assert.ok(jsonSchema < 4 * 1024, `${file}: zod's JSON Schema output takes ${(jsonSchema / 1024).toFixed(1)} KB`);
  }
});

describeHttp();

/** The API layer built with the extension's plugins, run in a child process against a local server. */
function describeHttp(): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'brella-bundle-'));
  let fake: FakeServer;
  before(async () => {
    const [extension] = buildOptions({ production: true });
    await build({
      ...extension, entryPoints: { brella: 'src/brella/index.ts' }, outdir: dir, metafile: false,
      plugins: extension.plugins?.filter((p) => p.name !== 'report'),
    });
    fake = await startFake(() => ({ body: listDoc([event(1), event(2)]) }));
  });
  after(async () => {
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = async (env: NodeJS.ProcessEnv): Promise<string> => {
    const script = `const { createBrellaClient } = require(${JSON.stringify(path.join(dir, 'brella.js'))});
      const client = createBrellaClient({ apiKey: 'sk_live_bundle_test', baseUrl: ${JSON.stringify(fake.baseUrl)} });
      client.listEvents(1).then((r) => { console.log(r.items.length); return client.close(); })
        .catch((e) => { console.error(e.message); process.exit(1); });`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { env: { ...process.env, ...env } });
    return stdout.trim();
  };

  test('the bundled client reads a page through its own undici', async () => {
    assert.equal(await run({}), '2');
  });

  test('without WebAssembly SIMD, the bundled client reads the other parser from beside the bundle', async () => {
    assert.equal(await run({ UNDICI_NO_WASM_SIMD: '1' }), '2');
    rmSync(path.join(dir, LLHTTP_FILES['llhttp-wasm.js']));
    await assert.rejects(run({ UNDICI_NO_WASM_SIMD: '1' }), 'the fallback parser came from somewhere else');
    assert.equal(await run({}), '2', 'the SIMD parser is read from its own file');
    rmSync(path.join(dir, LLHTTP_FILES['llhttp_simd-wasm.js']));
    await assert.rejects(run({}), 'the SIMD parser came from somewhere else');
  });
}
