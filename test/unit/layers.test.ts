/**
 * Imports point down the layers: a folder may import its own files and those of lower layers, never a higher one.
 * Folders on the same rank may import each other.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const src = path.resolve(__dirname, '..', '..', 'src');

/** Higher ranks sit above lower ones. Files directly in src/ (extension.ts and what only it uses) are the entry. */
const RANK: Record<string, number> = {
  entry: 9,
  views: 8,
  services: 6,
  explorer: 6,
  reports: 6,
  config: 4,
  protocol: 3,
  demo: 2,
  brella: 1,
  model: 0,
};

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function layerOf(file: string): string | undefined {
  const relative = path.relative(src, file);
  if (relative.startsWith('..')) return undefined;
  const parts = relative.split(path.sep);
  // "../brella" names the folder (its index.ts); "./load-time" a file directly in src/.
  const isFolder = parts.length === 1 && existsSync(file) && statSync(file).isDirectory();
  return parts.length === 1 && !isFolder ? 'entry' : parts[0];
}

/** Every relative module a file imports or re-exports (static and dynamic, types included). */
function importsOf(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.[^'"]+)['"]/gm)) found.push(match[1]);
  return found;
}

test('every folder of src/ has a rank', () => {
  for (const entry of readdirSync(src, { withFileTypes: true })) {
    if (entry.isDirectory()) assert.ok(entry.name in RANK, `src/${entry.name} needs a place in the layer order`);
  }
});

test('imports only point down the layers', () => {
  const upward: string[] = [];
  for (const file of files(src)) {
    const from = layerOf(file)!;
    for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
      const to = layerOf(path.resolve(path.dirname(file), specifier));
      if (to === undefined || to === from) continue;
      if ((RANK[to] ?? Infinity) > RANK[from]) upward.push(`${path.relative(src, file)} imports ${specifier} (${from} → ${to})`);
    }
  }
  assert.deepEqual(upward, []);
});
