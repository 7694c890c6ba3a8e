// Builds two bundles: the extension host (node, cjs, `vscode` external) and the webview front end (browser).
//   node esbuild.js               development build with sourcemaps
//   node esbuild.js --production  minified, no sourcemaps (what the VSIX ships)
//   node esbuild.js --watch       rebuild on change
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

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
      /zod[\\/]v4[\\/](classic|core)/.test(args.importer) ? { path: 'zod-locales', namespace: 'empty' } : undefined);
    build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {}', loader: 'js' }));
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'silent',
  metafile: true,
  define: { 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
};

const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [zodWithoutLocales, reportPlugin('extension')],
  },
  {
    ...common,
    entryPoints: { webview: 'webview/main.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    loader: { '.css': 'css', '.ttf': 'file' },
    plugins: [zodWithoutLocales, reportPlugin('webview')],
  },
];

async function main() {
  if (watch) {
    for (const options of builds) await (await esbuild.context(options)).watch();
    console.log('watching for changes…');
    return;
  }
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  for (const result of results) {
    for (const [file, info] of Object.entries(result.metafile.outputs)) {
      if (!file.endsWith('.map')) console.log(`  ${file.padEnd(24)} ${(info.bytes / 1024).toFixed(1)} KB`);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
