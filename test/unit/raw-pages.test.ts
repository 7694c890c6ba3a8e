/**
 * A result stays in the extension host as long as its panel: its raw pages must cost little while the rows
 * they came with are shown, and still read back exactly as Brella sent them; rows carry nothing they need not.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { rawPage } from '../../src/brella/paging.ts';
import { toSlice } from '../../src/brella/schemas.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** A page of 500 slices as Brella sends it (about 170 KB), different for each n. */
function pageText(n: number): string {
  return JSON.stringify({
    data: Array.from({ length: 500 }, (_, i) => ({
      id: String(n * 500 + i),
      type: 'tracking-session-slice',
      attributes: {
        'tracking-type': 'time_spent', 'trackable-type': null, 'trackable-id': null, 'click-time': null,
        'start-time': new Date(Date.UTC(2023, 4, 10) + (n * 500 + i) * 7_001).toISOString(),
        'end-time': new Date(Date.UTC(2023, 4, 10) + (n * 500 + i) * 7_001 + 269_000).toISOString(),
        'duration-seconds': (n * 500 + i) % 600,
      },
      relationships: { 'tracking-session': { data: { type: 'tracking-session', id: String(37_000 + n) } } },
    })),
    meta: { 'total-pages': 200 },
  });
}

test('200 raw pages of 500 slices (34 MB of text) are kept in under 6 MB, and read back as sent', () => {
  const pages = [];
  gc();
  const before = process.memoryUsage();
  for (let n = 0; n < 200; n++) pages.push(rawPage(n + 1, `https://api.example/slices?page[number]=${n + 1}`, 200, pageText(n)));
  gc();
  const after = process.memoryUsage();
  const kept = after.heapUsed - before.heapUsed + (after.arrayBuffers - before.arrayBuffers);
  assert.ok(kept < 6 * 2 ** 20, `the raw pages keep ${(kept / 2 ** 20).toFixed(1)} MB`);
  assert.deepEqual(pages[137].body, JSON.parse(pageText(137)));
  assert.equal(pages.length, 200);
});

test('an empty answer reads back as null; text outside Latin-1 reads back unchanged', () => {
  assert.equal(rawPage(1, 'u', 204, undefined).body, null);
  assert.equal(rawPage(1, 'u', 200, '  ').body, null);
  assert.deepEqual(rawPage(1, 'u', 200, '{"data":[{"id":"1","attributes":{"name":"Ålesund – 東京 🎪"}}]}').body, { data: [{ id: '1', attributes: { name: 'Ålesund – 東京 🎪' } }] });
});

test('slices without further attributes share one frozen empty `extra`; one with them gets its own', () => {
  const ctx = { status: 200, path: '/slices', excerpt: '' };
  const slice = (id: string, more: Record<string, unknown> = {}) => toSlice({
    id, type: 'tracking-session-slice', attributes: { 'tracking-type': 'time_spent', 'start-time': '2023-05-10T08:00:00Z', 'duration-seconds': 60, ...more },
  }, ctx, 0);
  const [a, b] = [slice('1'), slice('2')];
  assert.equal(a.extra, b.extra);
  assert.deepEqual(a.extra, {});
  assert.ok(Object.isFrozen(a.extra));
  assert.deepEqual(slice('3', { 'device-kind': 'ios' }).extra, { deviceKind: 'ios' });
  assert.deepEqual(slice('4').extra, {}, 'the shared object stays empty');
});
