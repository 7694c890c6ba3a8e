// Plugins that keep code the bundles never run out of them (zod's locales and JSON Schema output, undici's FormData
// body and HTTP/2, archiver's other formats and copies of readable-stream), used by esbuild.js.
const fs = require('node:fs');
const path = require('node:path');

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

module.exports = { zodWithoutLocales, zodWithoutJsonSchema, undiciTrimmed, exceljsTrimmed, LLHTTP_FILES };
