// Packages the already-built bundles into a VSIX (run `npm run package`, which builds first).
// Prints the path and size of the VSIX and of each file of dist/ inside it, and fails if a bundle is missing.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);
const pkg = require(path.join(root, 'package.json'));
const { LAZY_BUNDLES, LLHTTP_FILES } = require(path.join(root, 'esbuild.js'));
const out = process.env.BRELLA_VSIX ?? path.join(root, 'out', `${pkg.name}-${pkg.version}.vsix`);
mkdirSync(path.dirname(out), { recursive: true });

// What VS Code runs from dist/: the extension, the bundles it loads when first needed, undici's HTTP parser.
const shipped = ['extension.js', ...Object.keys(LAZY_BUNDLES).map((name) => `${name}.js`), ...Object.values(LLHTTP_FILES)].map((file) => `dist/${file}`);

// .vscodeignore says what goes in; the bundles the extension loads when first needed go in whatever it says.
const ignoreDir = mkdtempSync(path.join(os.tmpdir(), 'brella-vscodeignore-'));
const ignoreFile = path.join(ignoreDir, '.vscodeignore');
writeFileSync(ignoreFile, `${readFileSync(path.join(root, '.vscodeignore'), 'utf8').trimEnd()}\n${shipped.map((file) => `!${file}`).join('\n')}\n`);
const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
try {
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--ignoreFile', ignoreFile, '--out', out], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
} finally {
  rmSync(ignoreDir, { recursive: true, force: true });
}

/** The files of a zip archive (a VSIX is one), with their uncompressed sizes, from its central directory. */
function zipEntries(file) {
  const zip = readFileSync(file);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error(`${file} is not a zip archive`);
  const entries = new Map();
  let at = zip.readUInt32LE(end + 16);
  for (let i = zip.readUInt16LE(end + 10); i > 0; i--) {
    const nameLength = zip.readUInt16LE(at + 28);
    entries.set(zip.toString('utf8', at + 46, at + 46 + nameLength), zip.readUInt32LE(at + 24));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
console.log(`VSIX: ${path.relative(process.cwd(), out)} ${kb(statSync(out).size)}`);
// Every file of dist/ in the VSIX: the extension, the bundles it loads when first needed, its HTTP parser, one
// script and stylesheet per view.
const entries = zipEntries(out);
for (const [name, bytes] of [...entries].filter(([name]) => name.startsWith('extension/dist/')).sort()) {
  console.log(`  ${name.slice('extension/'.length).padEnd(28)} ${kb(bytes)}`);
}
const missing = shipped.filter((file) => !entries.has(`extension/${file}`));
if (missing.length) {
  console.error(`The VSIX lacks ${missing.join(', ')}: build first (\`node esbuild.js --production\`).`);
  process.exitCode = 1;
}
