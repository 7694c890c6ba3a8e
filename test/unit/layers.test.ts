/**
 * Imports point down the layers: a folder may import its own files and those of lower layers, never a higher one.
 * Folders on the same rank may import each other. The webview reaches into src/ only for model/ and protocol/,
 * its apps meet only in what they share, and ARCHITECTURE.md names every folder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '..', '..');
const src = path.join(root, 'src');
const webview = path.join(root, 'webview');

/** Higher ranks sit above lower ones. Files directly in src/ (extension.ts and what only it uses) are the entry. */
const RANK: Record<string, number> = {
  entry: 9,
  features: 8,
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

/** Every module a file imports or re-exports (static and dynamic, types and side effects included). */
function allImportsOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((file) => file.fileName);
}

/** Every relative module a file imports or re-exports. */
function importsOf(text: string): string[] {
  return allImportsOf(text).filter((specifier) => specifier.startsWith('.'));
}

/** Each relative import of the files under `dir`, as [importing file, imported path], both relative to the root. */
function edges(dir: string): Array<[string, string]> {
  return files(dir).flatMap((file) => importsOf(readFileSync(file, 'utf8')).map((specifier): [string, string] =>
    [path.relative(root, file), path.relative(root, path.resolve(path.dirname(file), specifier))]));
}

const topFolders = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
const under = (target: string, folder: string): boolean => target === folder || target.startsWith(`${folder}${path.sep}`);

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

test('src/model and src/protocol import nothing but zod/mini and each other: no Node, no vscode', () => {
  const found: string[] = [];
  for (const layer of ['model', 'protocol']) {
    for (const file of files(path.join(src, layer))) {
      for (const specifier of allImportsOf(readFileSync(file, 'utf8'))) {
        const target = specifier.startsWith('.') ? path.relative(root, path.resolve(path.dirname(file), specifier)) : specifier;
        const ok = specifier === 'zod/mini' || under(target, path.join('src', 'model')) || under(target, path.join('src', 'protocol'));
        if (!ok) found.push(`${path.relative(root, file)} imports ${specifier}`);
      }
    }
  }
  assert.deepEqual(found, []);
});

test('webview/ imports nothing from src/ but src/model and src/protocol', () => {
  const reach = edges(webview)
    .filter(([, target]) => under(target, 'src') && !under(target, path.join('src', 'model')) && !under(target, path.join('src', 'protocol')))
    .map(([file, target]) => `${file} imports ${target}`);
  assert.deepEqual(reach, []);
});

test('a webview app imports no other app: they meet in webview/shared, webview/table and src/', () => {
  const apps = ['slices', 'report'];
  const crossing = edges(webview).flatMap(([file, target]) => {
    const from = apps.find((app) => under(file, path.join('webview', app)));
    const to = apps.find((app) => under(target, path.join('webview', app)));
    return from && to && from !== to ? [`${file} imports ${target}`] : [];
  });
  assert.deepEqual(crossing, []);
});

test('ARCHITECTURE.md names every folder of src/ and webview/', () => {
  const text = readFileSync(path.join(root, 'ARCHITECTURE.md'), 'utf8');
  const missing = [...topFolders(src).map((name) => `src/${name}/`), ...topFolders(webview).map((name) => `webview/${name}/`)]
    .filter((folder) => !text.includes(folder));
  assert.deepEqual(missing, [], 'add a line for each to ARCHITECTURE.md');
});

test('each feature of src/features imports only itself and the kit; the kit imports no feature', () => {
  const features = path.join(src, 'features');
  const crossing = edges(features).flatMap(([file, target]) => {
    const from = path.relative(path.join('src', 'features'), file).split(path.sep)[0];
    if (!under(target, path.join('src', 'features'))) return [];
    const to = path.relative(path.join('src', 'features'), target).split(path.sep)[0];
    return to === from || (to === 'kit' && from !== 'kit') ? [] : [`${file} imports ${target}`];
  });
  assert.ok(topFolders(features).includes('kit'));
  assert.deepEqual(crossing, []);
});
