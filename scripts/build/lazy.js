// The extension's bundles that load when first needed (LAZY_BUNDLES) and the plugins that make imports of them
// require() calls at run time, and let a bundle use the modules of the bundles before it (sharedModules), used by
// esbuild.js and scripts/build/parts.js.
const fs = require('node:fs');
const path = require('node:path');

/** The repository's root: the entries below are named from it. */
const ROOT = path.join(__dirname, '..', '..');

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
    const names = new Map(Object.entries(bundles).map(([name, file]) => [path.join(ROOT, file), name]));
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
    const lazy = Object.entries(LEAF_BUNDLES).map(([out, file]) => ({ in: path.join(ROOT, file), out }));
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
    const src = path.join(ROOT, 'src') + path.sep;
    const entries = new Set(Object.values(LAZY_BUNDLES).map((file) => path.join(ROOT, file)));
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
        const file = path.relative(ROOT, found.path).split(path.sep).join('/');
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

    const entryFile = path.join(ROOT, entry);
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
          ...files.map((file, i) => `import * as m${i} from ${JSON.stringify(path.join(ROOT, file))};`),
          `export const ${MODULES_EXPORT} = { ${files.map((file, i) => `${JSON.stringify(file)}: m${i}`).join(', ')} };`,
        ].join('\n'),
        resolveDir: ROOT,
        loader: 'js',
      };
    });
  },
});

module.exports = { LEAF_BUNDLES, EXTENSION_PARTS, LAZY_BUNDLES, EXTENSION_ENTRY, lazyImports, lazyBundles, srcWithoutSideEffects, heldModules, sharedModules };
