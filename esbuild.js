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
 * - xlsx: exceljs's workbook writer, which src/features/kit/xlsx.ts loads when the first Excel export is written.
 * Each is an entry of the extension's build; an import of it from another module of that build stays a require()
 * of `./<name>.js` (see lazyBundles). Neither may hold a copy of a module the extension bundle holds too: a class
 * checked with `instanceof` or a module's state would be two (test/unit/bundles.test.ts checks their inputs).
 */
const LAZY_BUNDLES = { transport: 'src/brella/transport.ts', demo: 'src/demo/index.ts', xlsx: 'src/features/kit/xlsx-workbook.ts' };

/**
 * Imports of a LAZY_BUNDLES entry from the rest of the extension's code → `require('./<name>.js')` at run time.
 * Every build with this plugin writes the lazy bundles beside its own output (dist/, or the folder where a test or a
 * benchmark bundles part of the extension), so such a require() always finds its file.
 */
const lazyBundles = {
  name: 'lazy-bundles',
  setup(build) {
    const options = build.initialOptions;
    const lazy = Object.entries(LAZY_BUNDLES).map(([out, file]) => ({ in: path.join(__dirname, file), out }));
    if (!Array.isArray(options.entryPoints)) options.entryPoints = { ...options.entryPoints, ...Object.fromEntries(lazy.map((e) => [e.out, e.in])) };
    else options.entryPoints.push(...lazy.filter((e) => !options.entryPoints.some((entry) => entry.out === e.out)));
    const names = new Map(Object.entries(LAZY_BUNDLES).map(([name, file]) => [path.join(__dirname, file), name]));
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === 'entry-point' || /node_modules/.test(args.importer)) return undefined;
      const base = path.resolve(args.resolveDir, args.path);
      const name = [base, `${base}.ts`, path.join(base, 'index.ts')].map((file) => names.get(file)).find(Boolean);
      return name ? { path: `./${name}.js`, external: true } : undefined;
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
      plugins: [lazyBundles, zodWithoutLocales, zodWithoutJsonSchema, undiciTrimmed, exceljsTrimmed, reportPlugin('extension')],
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

module.exports = { buildOptions, LAZY_BUNDLES, LLHTTP_FILES };

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
