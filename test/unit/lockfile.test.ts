/**
 * package-lock.json stays in sync with package.json: when the root entry of the lockfile differs, `npm install` on a
 * fresh clone rewrites the lockfile (and `npm ci` refuses to run).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const readJson = (file: string): Record<string, unknown> => JSON.parse(readFileSync(path.join(ROOT, file), 'utf8'));

const FIELDS = ['name', 'version', 'license', 'dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies', 'engines', 'bin'];

test('the lockfile root entry matches package.json (dependencies, devDependencies, engines, …)', () => {
  const pkg = readJson('package.json');
  const lock = readJson('package-lock.json') as { name?: string; version?: string; packages?: Record<string, Record<string, unknown>> };
  const root = lock.packages?.[''];
  assert.ok(root, 'package-lock.json has a root entry packages[""] (lockfileVersion 2 or 3)');
  assert.equal(lock.name, pkg.name);
  assert.equal(lock.version, pkg.version);
  for (const field of FIELDS) {
    assert.deepEqual(root[field], pkg[field], `package-lock.json packages[""].${field} differs from package.json ${field}: run npm install --package-lock-only`);
  }
});

test('every dependency of package.json is locked at a version its range accepts (exact ranges compared exactly)', () => {
  const pkg = readJson('package.json') as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
  const lock = readJson('package-lock.json') as { packages: Record<string, { version?: string }> };
  for (const [name, range] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
    const locked = lock.packages[`node_modules/${name}`]?.version;
    assert.ok(locked, `${name} is in package-lock.json`);
    if (/^\d+\.\d+\.\d+$/.test(range)) assert.equal(locked, range, `${name} is pinned to ${range} in package.json`);
  }
});
