/**
 * The shipped bundles, built the way `npm run package` builds them (the production options of esbuild.js, in
 * memory): each stays within its size budget, what activation loads holds neither undici, the local Brella nor
 * exceljs, nor the clients, the panels and their commands' code (each a bundle of its own, loaded when first needed,
 * never at activation), those parts of the extension take its modules from dist/extension.js rather than holding
 * copies, the trimmed undici still speaks HTTP and the trimmed exceljs still writes workbooks.
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
import ExcelJS from 'exceljs';
import { listDoc, event, startFake, type FakeServer } from './helpers/brella-fake.ts';

const root = path.resolve(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildOptions, LAZY_BUNDLES, EXTENSION_PARTS, LLHTTP_FILES } = require(path.join(root, 'esbuild.js')) as {
  buildOptions(options: { production?: boolean; write?: boolean }): BuildOptions[];
  LAZY_BUNDLES: Record<string, string>;
  /** The LAZY_BUNDLES that are parts of the extension's own code, which take its modules from dist/extension.js. */
  EXTENSION_PARTS: Record<string, string>;
  LLHTTP_FILES: Record<string, string>;
};

/**
 * Bytes each shipped script may weigh: dist/extension.js, which VS Code loads (and Node compiles whole) at
 * activation; each bundle it loads when first needed (dist/transport.js, dist/demo.js); every script of
 * dist/webview (one per view). dist/xlsx.js has a budget of its own: exceljs's workbook writer with the zip
 * engine it needs (archiver, zlib streams) is about 435 KB, three times any other bundle, and costs nothing until
 * the first Excel export, which is also the only time Node compiles it.
 */
export const BUDGETS = { activation: 250 * 1024, lazy: 150 * 1024, xlsx: 480 * 1024, webview: 120 * 1024 };
const budgetOf = (file: string): number => (file === 'dist/xlsx.js' ? BUDGETS.xlsx : BUDGETS.lazy);

const outputs: Metafile['outputs'] = {};
const inputs: Metafile['inputs'] = {};

before(async () => {
  for (const options of buildOptions({ production: true, write: false })) {
    const { metafile } = await build({ ...options, plugins: options.plugins?.filter((p) => p.name !== 'report') });
    Object.assign(outputs, metafile!.outputs);
    Object.assign(inputs, metafile!.inputs);
  }
});

const scripts = (dir: string) => Object.entries(outputs).filter(([file]) => path.dirname(file) === dir && file.endsWith('.js'));
const output = (file: string) => {
  assert.ok(outputs[file], `the build makes no ${file}`);
  return outputs[file];
};
const lazyFiles = Object.keys(LAZY_BUNDLES).map((name) => `dist/${name}.js`);
const biggestInputs = (bundle: Metafile['outputs'][string]) => Object.entries(bundle.inputs)
  .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput).slice(0, 5)
  .map(([file, info]) => `${file} ${(info.bytesInOutput / 1024).toFixed(1)} KB`).join(', ');

test(`dist/extension.js, loaded at activation, stays within ${BUDGETS.activation / 1024} KB`, () => {
  const extension = output('dist/extension.js');
  assert.ok(extension.bytes <= BUDGETS.activation, `${(extension.bytes / 1024).toFixed(1)} KB; biggest inputs: ${biggestInputs(extension)}`);
});

test(`each bundle loaded when first needed stays within ${BUDGETS.lazy / 1024} KB (dist/xlsx.js within ${BUDGETS.xlsx / 1024} KB)`, () => {
  assert.deepEqual(scripts('dist').map(([file]) => file).sort(), ['dist/extension.js', ...lazyFiles].sort(), 'the scripts of dist/');
  assert.ok(lazyFiles.includes('dist/xlsx.js'));
  for (const file of lazyFiles) {
    const lazy = output(file);
    assert.ok(lazy.bytes <= budgetOf(file), `${file}: ${(lazy.bytes / 1024).toFixed(1)} KB; biggest inputs: ${biggestInputs(lazy)}`);
  }
});

test('dist/extension.js holds neither undici, the local Brella, exceljs nor the parts of the extension loaded when first needed: it requires their bundles, from beside it', () => {
  const extension = output('dist/extension.js');
  const inputs = Object.keys(extension.inputs);
  const held = (file: string) => (extension.inputs[file]?.bytesInOutput ?? 0) > 0;
  assert.deepEqual(inputs.filter((file) => /node_modules\/undici\//.test(file)), [], 'undici is in dist/extension.js');
  assert.deepEqual(inputs.filter((file) => file.startsWith('src/demo/')), [], 'the local Brella is in dist/extension.js');
  assert.deepEqual(inputs.filter((file) => /node_modules\/(exceljs|archiver|zip-stream)\//.test(file) || /kit\/xlsx-(workbook|zone)\.ts$/.test(file)), [], 'the workbook writer is in dist/extension.js');
  // Node's own modules (node:crypto, node:zlib, node:fs/promises, …) load with the bundles whose code uses them.
  assert.deepEqual([...new Set(extension.imports.filter((i) => i.external && !i.path.startsWith('.')).map((i) => i.path))], ['vscode']);
  for (const deferred of ['src/services/brella.ts', 'src/brella/client.ts', 'src/brella/pacer.ts', 'src/brella/paging.ts', 'src/brella/schemas.ts', 'src/protocol/slices.ts', 'src/protocol/report.ts', 'src/features/kit/panels.ts', 'src/features/slices/panel.ts', 'src/features/report/panel.ts', 'src/reports/ledger.ts']) {
    assert.ok(!held(deferred), `${deferred} is in dist/extension.js`);
  }
  const external = (bundle: Metafile['outputs'][string]) => [...new Set(bundle.imports.filter((i) => i.external && i.path.startsWith('.')).map((i) => `${i.path} (${i.kind})`))].sort();
  // All required, `import('../demo')` and `import('./xlsx-workbook')` too (in a promise): an import() would load
  // the bundle as an ES module.
  assert.deepEqual(external(extension), ['./client.js (require-call)', './demo.js (require-call)', './report.js (require-call)', './slices.js (require-call)']);
  assert.deepEqual(external(output('dist/client.js')), ['./transport.js (require-call)']);
  assert.deepEqual(external(output('dist/slices.js')), ['./client.js (require-call)', './xlsx.js (require-call)']);
  assert.deepEqual(external(output('dist/report.js')), ['./client.js (require-call)', './slices.js (require-call)']);
});

test('a lazily loaded bundle holds no copy of a module of dist/extension.js (one class for `instanceof`, one state)', () => {
  const holds = (file: string) => Object.entries(output(file).inputs).filter(([, input]) => input.bytesInOutput > 0).map(([input]) => input);
  const activation = new Set(Object.keys(output('dist/extension.js').inputs));
  for (const file of lazyFiles.filter((f) => !(path.basename(f, '.js') in EXTENSION_PARTS))) {
    assert.deepEqual(Object.keys(output(file).inputs).filter((input) => activation.has(input)), [], `${file} shares these with dist/extension.js`);
  }
  assert.deepEqual(Object.keys(output('dist/transport.js').inputs).filter((input) => input.startsWith('src/')), [LAZY_BUNDLES.transport]);
  assert.deepEqual(Object.keys(output('dist/demo.js').inputs).filter((input) => !input.startsWith('src/demo/')), [], 'dist/demo.js holds only the local Brella');
  assert.deepEqual(Object.keys(output('dist/xlsx.js').inputs).filter((input) => input.startsWith('src/')).sort(), [LAZY_BUNDLES.xlsx, 'src/features/kit/xlsx-zone.ts']);
  // The parts of the extension take the modules of src/ that dist/extension.js or a part before them holds from
  // there (esbuild.js, sharedModules): each module's code is in one bundle. zod, a package, may be bundled again
  // in a part: its copies share their settings and registry (on globalThis), and check `instanceof` by traits.
  const holder = new Map<string, string>();
  for (const file of ['dist/extension.js', ...Object.keys(EXTENSION_PARTS).map((name) => `dist/${name}.js`)]) {
    for (const input of holds(file).filter((held) => held.startsWith('src/'))) {
      assert.ok(!holder.has(input), `${input} is in both ${holder.get(input)} and ${file}`);
      holder.set(input, file);
    }
  }
  for (const name of Object.keys(EXTENSION_PARTS)) {
    const packages = holds(`dist/${name}.js`).filter((input) => input.startsWith('node_modules/') && !input.startsWith('node_modules/zod/'));
    assert.deepEqual(packages, [], `dist/${name}.js holds a package other than zod`);
  }
});

test('the xlsx bundle holds exceljs\'s writer with the zip format alone and one copy of readable-stream 3', () => {
  const inputs = Object.keys(output('dist/xlsx.js').inputs);
  assert.ok(inputs.some((file) => file.endsWith('exceljs/lib/stream/xlsx/workbook-writer.js')), 'dist/xlsx.js holds the writer');
  for (const unused of ['exceljs/lib/stream/xlsx/workbook-reader.js', 'exceljs/lib/csv/csv.js', 'archiver/lib/plugins/tar.js', 'tar-stream/index.js', 'unzipper/unzip.js', 'jszip/lib/index.js']) {
    assert.ok(!inputs.some((file) => file.endsWith(unused)), `${unused} is in the bundle`);
  }
  const copies = new Set(inputs.flatMap((file) => file.match(/^(.*node_modules\/readable-stream)\/lib\/_stream_readable\.js$/)?.[1] ?? []));
  assert.equal(copies.size, 2, `readable-stream 2 (archiver-utils) and one readable-stream 3: ${[...copies].join(', ')}`);
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

test('the transport bundle leaves out the undici code the client never runs', () => {
  const inputs = Object.keys(output('dist/transport.js').inputs);
  assert.ok(inputs.some((file) => file.endsWith('undici/lib/dispatcher/agent.js')), 'dist/transport.js holds undici');
  for (const unused of ['undici/lib/web/fetch/formdata.js', 'undici/lib/api/api-pipeline.js', 'undici/lib/llhttp/llhttp-wasm.js', 'undici/lib/llhttp/llhttp_simd-wasm.js']) {
    assert.ok(!inputs.some((file) => file.startsWith('node_modules/') && file.endsWith(unused)), `${unused} is in the bundle`);
  }
});

test('zod is bundled without the parts no schema uses', () => {
  for (const [file, bundle] of [...scripts('dist'), ...scripts('dist/webview')]) {
    const zod = Object.entries(bundle.inputs).filter(([input]) => input.includes('node_modules/zod/'));
    const bytes = zod.reduce((sum, [, info]) => sum + info.bytesInOutput, 0);
    assert.ok(!zod.some(([input]) => input.endsWith('from-json-schema.js')), `${file}: zod's whole namespace is bundled (an \`import { z } from 'zod'\`?)`);
    assert.ok(bytes < 100 * 1024, `${file}: zod takes ${(bytes / 1024).toFixed(1)} KB`);
    const jsonSchema = zod.filter(([input]) => /json-schema/.test(input)).reduce((sum, [, info]) => sum + info.bytesInOutput, 0);
    assert.ok(jsonSchema < 4 * 1024, `${file}: zod's JSON Schema output takes ${(jsonSchema / 1024).toFixed(1)} KB`);
  }
});

test('no webview script holds zod: the views read their saved state and check their values with webview/shared/checks.ts', () => {
  const views = scripts('dist/webview');
  assert.ok(views.length >= 1);
  for (const [file, bundle] of views) {
    const zod = Object.entries(bundle.inputs).filter(([input]) => input.includes('node_modules/zod/'));
    const bytes = zod.reduce((sum, [, info]) => sum + info.bytesInOutput, 0);
    // A schema of src/ the view reaches is built at load unless its building is marked pure (`/* @__PURE__ */`).
    const importers = Object.keys(bundle.inputs).filter((input) => !input.startsWith('node_modules/') && inputs[input]?.imports.some((i) => i.path.includes('node_modules/zod/')));
    assert.deepEqual(zod.map(([input]) => input), [], `${file}: zod takes ${(bytes / 1024).toFixed(1)} KB; its modules that import zod: ${importers.join(', ')}`);
  }
});

describeBundled();

/**
 * The API layer and the demo service built with the extension's options and plugins (the lazily loaded bundles
 * beside them, as in dist/), run in child processes: the client against a local server, the demo on its own.
 */
function describeBundled(): void {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'brella-bundle-'));
  const extensionDir = mkdtempSync(path.join(os.tmpdir(), 'brella-activation-'));
  const file = (name: string) => JSON.stringify(path.join(dir, name));
  /** Script text: whether the named bundle of `dir` has been loaded into the child process yet. */
  const loaded = (name: string) => `Object.keys(require.cache).includes(${file(name)})`;
  let fake: FakeServer;
  before(async () => {
    const [extension] = buildOptions({ production: true });
    await build({
      // The extension's options write dist/transport.js and dist/demo.js beside any entry (esbuild.js, lazyBundles).
      ...extension, entryPoints: { brella: 'src/brella/index.ts', 'demo-service': 'src/services/demo.ts', 'xlsx-kit': 'src/features/kit/xlsx.ts' }, outdir: dir, metafile: false,
      plugins: extension.plugins?.filter((p) => p.name !== 'report'),
    });
    // dist/extension.js as the VSIX ships it, with the bundles it loads when first needed beside it.
    await build({ ...extension, outdir: extensionDir, metafile: false, plugins: extension.plugins?.filter((p) => p.name !== 'report') });
    fake = await startFake(() => ({ body: listDoc([event(1), event(2)]) }));
  });
  after(async () => {
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(extensionDir, { recursive: true, force: true });
  });

  const node = async (script: string, env: NodeJS.ProcessEnv = {}): Promise<string> => {
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { env: { ...process.env, ...env } });
    return stdout.trim();
  };
  const run = (env: NodeJS.ProcessEnv): Promise<string> => node(`const { createBrellaClient } = require(${file('brella.js')});
      const client = createBrellaClient({ apiKey: 'sk_live_bundle_test', baseUrl: ${JSON.stringify(fake.baseUrl)} });
      client.listEvents(1).then((r) => { console.log(r.items.length); return client.close(); })
        .catch((e) => { console.error(e.message); process.exit(1); });`, env);

  test('the bundled API layer loads the transport bundle with its first client, not before', async () => {
    const seen = await node(`const { createBrellaClient } = require(${file('brella.js')});
      const before = ${loaded('transport.js')};
      const client = createBrellaClient({ apiKey: 'sk_live_bundle_test', baseUrl: ${JSON.stringify(fake.baseUrl)} });
      console.log(JSON.stringify({ before, after: ${loaded('transport.js')} }));
      client.close();`);
    assert.deepEqual(JSON.parse(seen), { before: false, after: true });
  });

  test('the bundled client reads a page through its own undici', async () => {
    assert.equal(await run({}), '2');
  });

  test('the bundled demo service loads the local Brella\'s bundle when the demo organization is opened', async () => {
    const seen = await node(`const { DemoOrganization } = require(${file('demo-service.js')});
      const demo = new DemoOrganization();
      const before = ${loaded('demo.js')};
      demo.open({ largeAttendeeSlices: 0 }).then(async ({ organization, baseUrl }) => {
        console.log(JSON.stringify({ before, after: ${loaded('demo.js')}, events: organization.events.length > 0, local: /^http:\\/\\/127\\.0\\.0\\.1:\\d+\\//.test(baseUrl) }));
        await demo.close();
      }).catch((e) => { console.error(e); process.exit(1); });`, { BRELLA_DEMO_PORT: '', BRELLA_DEMO_KEY: '' });
    assert.deepEqual(JSON.parse(seen), { before: false, after: true, events: true, local: true });
  });

  test('without WebAssembly SIMD, the bundled client reads the other parser from beside the bundle', async () => {
    assert.equal(await run({ UNDICI_NO_WASM_SIMD: '1' }), '2');
    rmSync(path.join(dir, LLHTTP_FILES['llhttp-wasm.js']));
    await assert.rejects(run({ UNDICI_NO_WASM_SIMD: '1' }), 'the fallback parser came from somewhere else');
    assert.equal(await run({}), '2', 'the SIMD parser is read from its own file');
    rmSync(path.join(dir, LLHTTP_FILES['llhttp_simd-wasm.js']));
    await assert.rejects(run({}), 'the SIMD parser came from somewhere else');
  });

  test('activation registers every command and each restored panel\'s serializer, and loads none of the bundles loaded when first needed', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, 'test', 'bench', 'activation-host.js'), path.join(extensionDir, 'extension.js'), '{}'], { cwd: root });
    const run = JSON.parse(stdout.trim().split('\n').pop()!) as { alsoLoaded: string[]; roots: number; registered: { commands: string[]; serializers: string[] } };
    assert.deepEqual(run.alsoLoaded, []);
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] }; activationEvents: string[] };
    assert.deepEqual([...run.registered.commands].sort(), pkg.contributes.commands.map((c) => c.command).sort(), 'the commands registered at activation');
    const restored = pkg.activationEvents.filter((e) => e.startsWith('onWebviewPanel:')).map((e) => e.slice('onWebviewPanel:'.length));
    assert.deepEqual([...run.registered.serializers].sort(), restored.sort(), 'a serializer for each panel VS Code restores');
  });

  test('first use loads the parts of the extension, which use its modules: an event opened, panels restored, a command run', async () => {
    const settings = { 'brella.organizations': [{ id: 1001, events: [{ id: 2001, attendees: [{ id: 3001 }] }] }] };
    const { stdout } = await promisify(execFile)(process.execPath, [path.join(root, 'test', 'bench', 'activation-host.js'), path.join(extensionDir, 'extension.js'), JSON.stringify(settings), '--use'], { cwd: root });
    const run = JSON.parse(stdout.trim().split('\n').pop()!) as { alsoLoaded: string[]; used: { loaded: string[]; disposedPanels: number; errors: string[] } };
    assert.deepEqual(run.alsoLoaded, []);
    assert.deepEqual(run.used, { loaded: ['client.js', 'report.js', 'slices.js'], disposedPanels: 2, errors: [] }, 'each panel, restored from a state that does not fit, is closed');
  });

  test('the bundled Excel export loads the xlsx bundle with its first workbook, which exceljs reads back', async () => {
    const out = path.join(dir, 'check.xlsx');
    const seen = await node(`const { workbookBytes } = require(${file('xlsx-kit.js')});
      const before = ${loaded('xlsx.js')};
      const table = { zone: 'Europe/Helsinki', zoneName: 'Europe/Helsinki', columns: [
        { key: 'id', header: 'Id', kind: 'text', values: ['0042'] },
        { key: 'startTime', header: 'Start', kind: 'time', values: ['2023-05-10T07:00:00.000Z'] },
        { key: 'durationSeconds', header: 'Duration', kind: 'duration', values: [3600] },
      ] };
      workbookBytes('Slices', table, [{ name: 'Request', value: 'https://example.test/slices' }]).then((bytes) => {
        require('node:fs').writeFileSync(${JSON.stringify(out)}, bytes);
        console.log(JSON.stringify({ before, after: ${loaded('xlsx.js')} }));
      }).catch((e) => { console.error(e); process.exit(1); });`);
    assert.deepEqual(JSON.parse(seen), { before: false, after: true });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    const row = workbook.getWorksheet('Slices')!.getRow(2);
    assert.deepEqual([row.getCell(1).value, (row.getCell(2).value as Date).getTime(), row.getCell(3).value], ['0042', Date.UTC(2023, 4, 10, 10), 3600]);
    assert.equal(workbook.getWorksheet('Query')!.getRow(1).getCell(2).value, 'https://example.test/slices');
  });
}
