// Builds the extension host's bundles (node, cjs, `vscode` external: dist/extension.js and the bundles it loads
// when first needed, LAZY_BUNDLES) and the webview front end (browser).
//   node esbuild.js               development build with sourcemaps
//   node esbuild.js --production  minified, no sourcemaps (what the VSIX ships)
//   node esbuild.js --watch       rebuild on change
// `buildOptions()` is also what the bundle budget test and the benchmarks build with.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');
const { cssStrings } = require('./scripts/build/css-strings');
const { EXTENSION_PARTS, LAZY_BUNDLES, lazyBundles, srcWithoutSideEffects } = require('./scripts/build/lazy');
const { extensionParts } = require('./scripts/build/parts');
const { LLHTTP_FILES, exceljsTrimmed, undiciTrimmed, zodWithoutJsonSchema, zodWithoutLocales } = require('./scripts/build/trimmed');

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
      // Written as UTF-8 ("…" is 3 bytes, not the 6 of "\u2026"); the page says <meta charset="UTF-8">.
      charset: 'utf8',
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
