// A build step for the webview bundles (production): the CSS our controls and the grid carry as template strings
// (`const GRID_CSS = \`…\``, adopted as constructable stylesheets under the webview's CSP) is minified as a CSS
// file would be. Only literals named *_CSS without `${…}` are touched; the rest of each file is read as written.
const esbuild = require('esbuild');
const fs = require('node:fs');

const CSS_LITERAL = /(\bconst\s+[A-Z][A-Z0-9_]*_CSS\s*=\s*)`([^`$\\]*)`/g;

/** The source with each such literal's CSS minified. */
async function minifyCssStrings(source) {
  let out = '';
  let at = 0;
  for (const m of source.matchAll(CSS_LITERAL)) {
    const { code } = await esbuild.transform(m[2], { loader: 'css', minify: true });
    // Escapes the minifier writes (a CSS `\2713`) stay escapes inside the template literal.
    const css = code.trim().replace(/\\/g, "\\\\").replace(/`/g, "\\`");
    out += `${source.slice(at, m.index)}${m[1]}\`${css}\``;
    at = m.index + m[0].length;
  }
  return out + source.slice(at);
}

/** esbuild plugin: minifyCssStrings on the webview's TypeScript files that hold such strings. */
const cssStrings = {
  name: 'css-strings',
  setup(build) {
    build.onLoad({ filter: /[\\/]webview[\\/].*\.ts$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      if (!/_CSS\s*=\s*`/.test(source)) return undefined;
      return { contents: await minifyCssStrings(source), loader: 'ts' };
    });
  },
};

module.exports = { cssStrings, minifyCssStrings };
