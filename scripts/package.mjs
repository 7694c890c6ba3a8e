// Packages the already-built bundles into a VSIX (run `npm run package`, which builds first).
// Prints the path and size of the VSIX and of each file of dist/ inside it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const pkg = createRequire(import.meta.url)(path.join(root, 'package.json'));
const out = process.env.BRELLA_VSIX ?? path.join(root, 'out', `${pkg.name}-${pkg.version}.vsix`);
mkdirSync(path.dirname(out), { recursive: true });

const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
});

const kb = (file) => `${(statSync(file).size / 1024).toFixed(1)} KB`;
console.log(`VSIX: ${path.relative(process.cwd(), out)} ${kb(out)}`);
// Every file of dist/ that goes into the VSIX (.vscodeignore): the extension, its HTTP parser, one script and
// stylesheet per view.
for (const dir of ['dist', 'dist/webview']) {
  for (const file of readdirSync(path.join(root, dir)).filter((f) => /\.(js|css|wasm)$/.test(f)).sort()) {
    console.log(`  ${`${dir}/${file}`.padEnd(28)} ${kb(path.join(root, dir, file))}`);
  }
}
