// Builds the extension host's bundles (node, cjs, `vscode` external: dist/extension.js and the bundles it loads
// when first needed, LAZY_BUNDLES) and the webview front end (browser).
//   node esbuild.js               development build with sourcemaps
//   node esbuild.js --production  minified, no sourcemaps (what the VSIX ships)
//   node esbuild.js --watch       rebuild on change
// `buildOptions()` is also what the bundle budget test and the benchmarks build with.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');
const { cssStrings } = require('./scripts/css-strings');

/** Prints one line per finished build so watch tasks can match on it. */
const reportPlugin = (name) => ({
  name: 'report',
  setup(build) {
    build.onEnd((result) => {
      for (const e of result.errors) console.error(`✘ [${name}] ${e.text} (${e.location?.file}:${e.location?.line})`);
      console.log(`[${name}] build finished with ${result.errors.length} error(s)`);
    });
  },
});

/**
 * zod's namespace export pulls in every locale (250 KB) that esbuild cannot tree-shake; both bundles use the
 * default English messages only, which zod loads separately.
 */
const zodWithoutLocales = {
  name: 'zod-without-locales',
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /zod[\\/]v4[\\/](classic|core|mini)/.test(args.importer) ? { path: 'zod-locales', namespace: 'empty' } : undefined);
    build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {}', loader: 'js' }));
  },
};

/**
 * zod's JSON Schema export (z.toJSONSchema and each schema's `toJSONSchema()`, about 20 KB in each bundle) is
 * reachable from every schema, so esbuild keeps it although nothing here calls it. In the bundles, its entry
 * points throw a plain error instead; everything else in those modules (e.g. aggregateChecks, which `minLength`
 * and `isInt` read) stays zod's own.
 */
const zodWithoutJsonSchema = {
  name: 'zod-without-json-schema',
  setup(build) {
    const stubbed = /zod[\\/]v4[\\/]core[\\/](json-schema-processors|to-json-schema)\.js$/;
    build.onResolve({ filter: /(json-schema-processors|to-json-schema)\.js$/ }, (args) => {
      if (args.pluginData === 'zod-json-schema' || !/zod[\\/]v4[\\/]/.test(args.importer)) return undefined;
      const file = path.resolve(args.resolveDir, args.path);
      return stubbed.test(file) ? { path: file, namespace: 'zod-json-schema' } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'zod-json-schema' }, (args) => {
      const source = fs.readFileSync(args.path, 'utf8');
      const names = args.path.endsWith('to-json-schema.js')
        ? ['createToJSONSchemaMethod', 'createStandardJSONSchemaMethod']
        : [...source.matchAll(/^export (?:const|function) (\w+Processors?|toJSONSchema)\b/gm)].map((m) => m[1]);
      const reached = "() => { throw new Error('JSON Schema output of zod is not part of this build'); }";
      return {
        contents: [
          `export * from ${JSON.stringify(args.path)};`,
          ...names.map((name) => name.startsWith('create') ? `export const ${name} = () => ${reached};` : `export const ${name} = ${name === 'allProcessors' ? '{}' : reached};`),
        ].join('\n'),
        resolveDir: path.dirname(args.path),
        pluginData: 'zod-json-schema',
        loader: 'js',
      };
    });
  },
};

/** undici's HTTP parser (llhttp) as WebAssembly files beside dist/transport.js: module → file. */
const LLHTTP_FILES = { 'llhttp_simd-wasm.js': 'llhttp_simd.wasm', 'llhttp-wasm.js': 'llhttp.wasm' };

/**
 * undici code the client never runs, kept out of dist/transport.js:
 * - web/fetch/body.js and the fetch/FormData code behind it (45 KB): undici needs it only to send a FormData
 *   body, and the client sends GETs without a body;
 * - client-h2.js: HTTP/2 is negotiated only with `allowH2`, which the client never sets.
 * Each replaced module throws a plain error if it is ever reached, instead of misbehaving.
 * undici ships its HTTP parser as base64 in JavaScript, twice (with and without WebAssembly SIMD, 140 KB, kept
 * in memory with the bundle's source for as long as the extension runs). The build writes them as .wasm files
 * instead, which undici reads when it opens its first connection: the SIMD one, or the other where SIMD is missing.
 */
const undiciTrimmed = {
  name: 'undici-trimmed',
  setup(build) {
    const unused = /undici[\\/]lib[\\/](web[\\/]fetch[\\/]body|dispatcher[\\/]client-h2)\.js$/;
    build.onResolve({ filter: /(^|[\\/])(body|client-h2)(\.js)?$/ }, (args) => {
      if (!/undici[\\/]lib[\\/]/.test(args.importer)) return undefined;
      const file = path.resolve(args.resolveDir, args.path.endsWith('.js') ? args.path : `${args.path}.js`);
      return unused.test(file) ? { path: file, namespace: 'undici-unused' } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'undici-unused' }, (args) => ({
      contents: `const reached = () => { throw new Error('undici: ${path.basename(args.path)} is not part of this build'); };
module.exports = ${args.path.endsWith('client-h2.js') ? 'reached' : '{ extractBody: reached }'};`,
      loader: 'js',
    }));
    build.onResolve({ filter: /llhttp(_simd)?-wasm\.js$/ }, (args) =>
      /undici[\\/]lib[\\/]/.test(args.importer) ? { path: path.basename(args.path), namespace: 'llhttp-file' } : undefined);
    build.onLoad({ filter: /.*/, namespace: 'llhttp-file' }, (args) => ({
      contents: `module.exports = require('node:fs').readFileSync(require('node:path').join(__dirname, ${JSON.stringify(LLHTTP_FILES[args.path])}));`,
      loader: 'js',
    }));
    build.onEnd((result) => {
      const { write, outdir, absWorkingDir } = build.initialOptions;
      if (result.errors.length || write === false) return;
      const dir = path.resolve(absWorkingDir ?? process.cwd(), outdir);
      fs.mkdirSync(dir, { recursive: true });
      for (const [module, file] of Object.entries(LLHTTP_FILES)) {
        fs.writeFileSync(path.join(dir, file), require(`undici/lib/llhttp/${module}`));
      }
    });
  },
};

/**
 * exceljs's streaming workbook writer as dist/xlsx.js needs it (src/features/kit/xlsx-workbook.ts):
 * - archiver, which exceljs asks for a zip, also registers its tar and JSON formats (tar-stream and bl, 90 KB):
 *   the bundle gets archiver's core with the zip format alone (and gives it text as Buffers: archiver-utils
 *   converts text with `new Buffer()`, which Node reports as deprecated in code outside node_modules);
 * - archiver's packages each install their own copy of readable-stream 3 (five alike, 37 KB each): every import
 *   of a copy of exceljs's version resolves to exceljs's copy. Another version keeps its own.
 */
const exceljsTrimmed = {
  name: 'exceljs-trimmed',
  setup(build) {
    const exceljs = path.dirname(require.resolve('exceljs/package.json', { paths: [__dirname] }));
    build.onResolve({ filter: /^archiver$/ }, (args) => (/[\\/]exceljs[\\/]/.test(args.importer) ? { path: 'archiver-zip', namespace: 'archiver-zip' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'archiver-zip' }, () => ({
      contents: `const Archiver = require('archiver/lib/core');
const Zip = require('archiver/lib/plugins/zip');
module.exports = (format, options) => {
  if (format !== 'zip') throw new Error('archiver: only zip is part of this build');
  const archive = new Archiver(format, options);
  archive.setFormat(format);
  archive.setModule(new Zip(options));
  // archiver makes text a Buffer with \`new Buffer()\`, which Node reports as deprecated outside node_modules.
  const append = archive.append;
  archive.append = function (source, data) {
    return append.call(this, typeof source === 'string' ? Buffer.from(source) : source, data);
  };
  return archive;
};`,
      resolveDir: exceljs,
      loader: 'js',
    }));
    const shared = path.dirname(require.resolve('readable-stream/package.json', { paths: [exceljs] }));
    const version = (dir) => JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version;
    build.onResolve({ filter: /^readable-stream(\/.*)?$/ }, async (args) => {
      if (args.pluginData === 'readable-stream' || !/node_modules/.test(args.importer)) return undefined;
      const found = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'readable-stream' });
      const copy = found.path.match(/^(.*[\\/]node_modules[\\/]readable-stream)[\\/]/)?.[1];
      if (found.errors.length || !copy || copy === shared || version(copy) !== version(shared)) return undefined;
      return { path: path.join(shared, path.relative(copy, found.path)) };
    });
  },
};

/**
 * Code the extension needs only once it is used, each a bundle of its own beside dist/extension.js (name → entry).
 * Node compiles all of a bundle as it loads it, so what activation loads is what the extension needs to show its
 * tree, nothing more:
 * - transport: undici, which src/brella/http.ts loads when the first client is made;
 * - demo: the local Brella, which src/services/demo.ts loads when the demo organization is first opened;
 * - xlsx: exceljs's workbook writer, which src/features/kit/xlsx.ts loads when the first Excel export is written;
 * - and the EXTENSION_PARTS below.
 * Each is an entry of the extension's build; an import of it from another module of that build stays a require()
 * of `./<name>.js` (see lazyBundles). None may hold a copy of a module the extension bundle holds too: a class
 * checked with `instanceof` or a module's state would be two (test/unit/bundles.test.ts checks their inputs).
 */
const LEAF_BUNDLES = { transport: 'src/brella/transport.ts', demo: 'src/demo/index.ts', xlsx: 'src/features/kit/xlsx-workbook.ts' };

/**
 * Parts of the extension's own code that it loads when first needed, in this order (name → entry):
 * - client: the clients' service and the API layer behind it, which src/extension.ts loads when the service is first
 *   used (an event of the tree opened, a key checked, a command run);
 * - slices, report: a feature's panels and its commands' code, which the feature's index.ts loads when one of its
 *   commands first runs or one of its panels is restored.
 * Unlike the bundles above, a part uses modules of dist/extension.js (the commands' runner, the tree's nodes, the
 * settings, …) and of the parts before it: it takes them from there when it loads, so that each module still has
 * one instance (see extensionParts). They are built with dist/extension.js only, and only beside it.
 */
const EXTENSION_PARTS = { client: 'src/services/brella.ts', slices: 'src/features/slices/feature.ts', report: 'src/features/report/feature.ts' };

const LAZY_BUNDLES = { ...LEAF_BUNDLES, ...EXTENSION_PARTS };

/** The extension's entry, which the parts take modules from. */
const EXTENSION_ENTRY = 'src/extension.ts';

/** An import of one of these entries (name → file) → `require('./<name>.js')` at run time. */
const lazyImports = (bundles) => ({
  name: 'lazy-imports',
  setup(build) {
    const names = new Map(Object.entries(bundles).map(([name, file]) => [path.join(__dirname, file), name]));
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === 'entry-point' || /node_modules/.test(args.importer)) return undefined;
      const base = path.resolve(args.resolveDir, args.path);
      const name = [base, `${base}.ts`, path.join(base, 'index.ts')].map((file) => names.get(file)).find(Boolean);
      return name ? { path: `./${name}.js`, external: true } : undefined;
    });
  },
});

/**
 * Imports of a LEAF_BUNDLES entry from the rest of the extension's code → `require('./<name>.js')` at run time.
 * Every build with this plugin writes those bundles beside its own output (dist/, or the folder where a test or a
 * benchmark bundles part of the extension), so such a require() always finds its file.
 */
const lazyBundles = {
  name: 'lazy-bundles',
  setup(build) {
    const options = build.initialOptions;
    const lazy = Object.entries(LEAF_BUNDLES).map(([out, file]) => ({ in: path.join(__dirname, file), out }));
    if (!Array.isArray(options.entryPoints)) options.entryPoints = { ...options.entryPoints, ...Object.fromEntries(lazy.map((e) => [e.out, e.in])) };
    else options.entryPoints.push(...lazy.filter((e) => !options.entryPoints.some((entry) => entry.out === e.out)));
    lazyImports(LEAF_BUNDLES).setup(build);
  },
};

/**
 * The modules of src/ do their work when called, never when imported (the entries of bundles aside): one of which
 * nothing is used is left out of a bundle, with what only it imports, as `"sideEffects": false` says of a package.
 * So the Events tree, which takes an error check from src/brella/index.ts, does not bring the rest of the API layer
 * that it re-exports (its schemas, the pacer's node:crypto, the pages' node:zlib) into dist/extension.js.
 */
const srcWithoutSideEffects = {
  name: 'src-without-side-effects',
  setup(build) {
    const src = path.join(__dirname, 'src') + path.sep;
    const entries = new Set(Object.values(LAZY_BUNDLES).map((file) => path.join(__dirname, file)));
    build.onResolve({ filter: /^\.\.?\// }, async (args) => {
      if (args.pluginData === 'src-without-side-effects' || args.namespace !== 'file' || !args.importer.startsWith(src)) return undefined;
      const found = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'src-without-side-effects' });
      if (found.errors.length || found.external || found.namespace !== 'file' || !found.path.startsWith(src) || entries.has(found.path)) return undefined;
      return { path: found.path, sideEffects: false };
    });
  },
};

/** The export of dist/extension.js (and of a part) by which the parts after it reach its modules. */
const MODULES_EXPORT = '__modules';

/** The modules of src/ whose code an output holds (a module of which nothing is used is not held). */
const heldModules = (output) => Object.entries(output.inputs).filter(([file, input]) => file.startsWith('src/') && input.bytesInOutput > 0).map(([file]) => file);

/**
 * Lets one bundle of the extension (dist/extension.js, or a part) use the modules that bundles before it hold,
 * instead of holding copies: each such import reads the module from the bundle that holds it (`owners`, name → the
 * modules it holds), through that bundle's MODULES_EXPORT. dist/extension.js is read where the extension host loaded
 * it, never loaded a second time; a part is loaded if it has not been yet. With `exported()`, this bundle's entry also
 * exports these of its own modules (their namespaces) as MODULES_EXPORT, for the parts after it.
 * Only modules of src/ are shared: a package (zod) is bundled again where it is used; it holds no state of its own
 * that the extension relies on.
 */
const sharedModules = ({ entry, owners, extensionFile, exported = () => undefined, watchFiles = () => [] }) => ({
  name: 'shared-modules',
  setup(build) {
    const ownerOf = (file) => Object.keys(owners).find((name) => owners[name].has(file));
    if (Object.keys(owners).length > 0) {
      build.onResolve({ filter: /^\.\.?\// }, async (args) => {
        if (args.pluginData === 'shared-modules' || args.namespace !== 'file' || /node_modules/.test(args.importer)) return undefined;
        const found = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'shared-modules' });
        if (found.errors.length || found.external || found.namespace !== 'file') return undefined;
        const file = path.relative(__dirname, found.path).split(path.sep).join('/');
        const owner = ownerOf(file);
        return owner ? { path: file, namespace: 'shared-module', pluginData: owner } : undefined;
      });
    }
    build.onLoad({ filter: /.*/, namespace: 'shared-module' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(`shared-owner:${args.pluginData}`)})[${JSON.stringify(args.path)}];`,
      loader: 'js',
    }));
    build.onResolve({ filter: /^shared-owner:/ }, (args) => ({ path: args.path.slice('shared-owner:'.length), namespace: 'shared-owner' }));
    build.onResolve({ filter: /^\.\/[\w-]+\.js$/, namespace: 'shared-owner' }, (args) => ({ path: args.path, external: true }));
    build.onLoad({ filter: /.*/, namespace: 'shared-owner' }, (args) => ({
      contents: args.path === extensionFile
        ? `const file = require('node:path').join(__dirname, ${JSON.stringify(`${extensionFile}.js`)});
const loaded = require.cache[file];
if (!loaded || !loaded.exports.${MODULES_EXPORT}) throw new Error(\`\${__filename} uses modules of \${file}, which is not loaded\`);
module.exports = loaded.exports.${MODULES_EXPORT};`
        : `module.exports = require(${JSON.stringify(`./${args.path}.js`)}).${MODULES_EXPORT};`,
      loader: 'js',
    }));

    const entryFile = path.join(__dirname, entry);
    build.onLoad({ filter: new RegExp(`[\\\\/]${path.basename(entry).replace(/\./g, '\\.')}$`) }, (args) => {
      if (args.path !== entryFile || !exported()) return undefined;
      return {
        contents: `${fs.readFileSync(args.path, 'utf8')}\nexport { ${MODULES_EXPORT} } from 'shared-modules-of-entry';\n`,
        loader: 'ts',
        watchFiles: watchFiles(),
      };
    });
    build.onResolve({ filter: /^shared-modules-of-entry$/ }, () => ({ path: entry, namespace: 'shared-modules-of-entry' }));
    build.onLoad({ filter: /.*/, namespace: 'shared-modules-of-entry' }, () => {
      const files = [...exported()].filter((file) => file !== entry).sort();
      return {
        contents: [
          ...files.map((file, i) => `import * as m${i} from ${JSON.stringify(path.join(__dirname, file))};`),
          `export const ${MODULES_EXPORT} = { ${files.map((file, i) => `${JSON.stringify(file)}: m${i}`).join(', ')} };`,
        ].join('\n'),
        resolveDir: __dirname,
        loader: 'js',
      };
    });
  },
});

/**
 * dist/extension.js and its EXTENSION_PARTS, in a build whose entries include EXTENSION_ENTRY (in any other build,
 * a part's modules are bundled where they are used, as any module). Before the build, each of them is bundled on
 * its own, in order, until it holds the same modules twice in a row: with the modules it takes from the bundles
 * before it (sharedModules) and those it exports for the parts after it (whose other exports it then holds too).
 * The build makes dist/extension.js with those exports and writes each part beside it (in memory, it adds each to
 * the build's output files and metafile). A module of src/ held by two of these bundles fails the build.
 */
const extensionParts = {
  name: 'extension-parts',
  setup(build) {
    const options = build.initialOptions;
    const entries = Array.isArray(options.entryPoints)
      ? options.entryPoints.map((e) => (typeof e === 'string' ? [path.parse(e).name, e] : [e.out, e.in]))
      : Object.entries(options.entryPoints ?? {});
    const extensionFile = entries.find(([, file]) => path.resolve(__dirname, file) === path.join(__dirname, EXTENSION_ENTRY))?.[0];
    if (!extensionFile) return;
    lazyImports(EXTENSION_PARTS).setup(build);

    const carried = () => (options.plugins ?? []).filter((p) => !['report', 'lazy-bundles', 'extension-parts'].includes(p.name));
    /** Bundles `entry` alone until it holds the same modules twice in a row; its own: those no bundle `before` holds. */
    const settle = async (name, entry, before, exports) => {
      let own = new Set();
      for (let round = 1; ; round++) {
        if (round > 10) throw new Error(`${entry}: the modules it holds did not settle`);
        const exported = own;
        const result = await esbuild.build({
          ...options, entryPoints: { [name]: entry }, write: false, metafile: true,
          plugins: [lazyImports(LAZY_BUNDLES), sharedModules({ entry, owners: before, extensionFile, exported: () => (exports ? exported : undefined) }), ...carried()],
        });
        const [file, output] = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint === entry);
        const held = new Set(heldModules(output).filter((module) => !Object.values(before).some((o) => o.has(module))));
        const settled = held.size === own.size && [...held].every((module) => own.has(module));
        own = held;
        if (settled || !exports) return { name, result, file, output, own };
      }
    };

    let extensionModules = new Set();
    let parts = [];
    build.onStart(async () => {
      parts = [];
      extensionModules = (await settle(extensionFile, EXTENSION_ENTRY, {}, true)).own;
      const owners = { [extensionFile]: extensionModules };
      const names = Object.keys(EXTENSION_PARTS);
      for (const [i, name] of names.entries()) {
        const part = await settle(name, EXTENSION_PARTS[name], { ...owners }, i < names.length - 1);
        owners[name] = part.own;
        parts.push(part);
      }
    });
    // dist/extension.js with its exports for the parts; a change to a module of a part rebuilds it too (watch mode).
    sharedModules({
      entry: EXTENSION_ENTRY, owners: {}, extensionFile, exported: () => extensionModules,
      watchFiles: () => parts.flatMap((p) => Object.keys(p.result.metafile.inputs)).filter((file) => !file.includes(':')).map((file) => path.join(__dirname, file)),
    }).setup(build);

    build.onEnd((result) => {
      if (result.errors.length) return;
      const extension = Object.entries(result.metafile?.outputs ?? {}).find(([, o]) => o.entryPoint === EXTENSION_ENTRY);
      const holder = new Map();
      for (const [file, output] of [...(extension ? [extension] : []), ...parts.map((p) => [p.file, p.output])]) {
        for (const module of heldModules(output)) {
          if (holder.has(module)) throw new Error(`${module} is in both ${holder.get(module)} and ${file}`);
          holder.set(module, file);
        }
      }
      for (const { result: part } of parts) {
        if (result.metafile) {
          Object.assign(result.metafile.inputs, part.metafile.inputs);
          Object.assign(result.metafile.outputs, part.metafile.outputs);
        }
        if (options.write === false) result.outputFiles?.push(...part.outputFiles);
        else {
          for (const out of part.outputFiles) {
            fs.mkdirSync(path.dirname(out.path), { recursive: true });
            fs.writeFileSync(out.path, out.contents);
          }
        }
      }
    });
  },
};

/** The esbuild options of both bundles; `write: false` builds them in memory (tests, benchmarks). */
function buildOptions({ production = false, write = true } = {}) {
  const common = {
    bundle: true,
    minify: production,
    sourcemap: production ? false : 'linked',
    sourcesContent: false,
    logLevel: 'silent',
    metafile: true,
    write,
    absWorkingDir: __dirname,
    define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
  };
  return [
    {
      ...common,
      // With dist/transport.js, dist/demo.js and dist/xlsx.js beside it, which lazyBundles adds (LAZY_BUNDLES).
      entryPoints: { extension: 'src/extension.ts' },
      outdir: 'dist',
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode'],
      // `import('../demo')` stays a require() (in a promise) of dist/demo.js: the extension is CommonJS, and VS Code
      // loads it and what it requires as such.
      supported: { 'dynamic-import': false },
      // VS Code's extension host logs "PendingMigrationError: navigator is now a global in nodejs" whenever an
      // extension reads `navigator` (zod does, to detect Cloudflare Workers). The extension host is never a
      // browser: `navigator` is undefined here, and the bundle never reads the global.
      define: { ...common.define, navigator: 'undefined' },
      plugins: [lazyBundles, extensionParts, srcWithoutSideEffects, zodWithoutLocales, zodWithoutJsonSchema, undiciTrimmed, exceljsTrimmed, reportPlugin('extension')],
    },
    {
      ...common,
      // One script and one stylesheet per view (dist/webview/slices.js, report.js, …), so a panel loads only its
      // own code. webview/main.ts, which mounts either view, is what the webview tests bundle.
      entryPoints: { slices: 'webview/slices/main.ts', report: 'webview/report/main.ts' },
      outdir: 'dist/webview',
      platform: 'browser',
      format: 'iife',
      target: 'es2022',
      loader: { '.css': 'css', '.ttf': 'file' },
      plugins: [...(production ? [cssStrings] : []), zodWithoutLocales, zodWithoutJsonSchema, reportPlugin('webview')],
    },
  ];
}

async function main() {
  const production = process.argv.includes('--production');
  const builds = buildOptions({ production });
  if (process.argv.includes('--watch')) {
    for (const options of builds) await (await esbuild.context(options)).watch();
    console.log('watching for changes…');
    return;
  }
  // Files earlier layouts wrote, which .vscodeignore would otherwise still ship.
  for (const stale of ['dist/webview/webview.js', 'dist/webview/webview.js.map', 'dist/webview/webview.css', 'dist/webview/webview.css.map']) {
    fs.rmSync(path.join(__dirname, stale), { force: true });
  }
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  for (const result of results) {
    for (const [file, info] of Object.entries(result.metafile.outputs)) {
      const lazy = Object.keys(LAZY_BUNDLES).some((name) => file === `dist/${name}.js`) ? '   (loaded when first needed)' : '';
      if (!file.endsWith('.map')) console.log(`  ${file.padEnd(24)} ${(info.bytes / 1024).toFixed(1)} KB${lazy}`);
    }
  }
}

module.exports = { buildOptions, LAZY_BUNDLES, EXTENSION_PARTS, LLHTTP_FILES };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
