/**
 * Writing a report's ledger: the file store writes lines a chunk at a time (never the batch as one string) and the
 * file reads back as the lines written, whatever their characters and lengths; the line writer sends a full batch
 * at once instead of holding it until its interval has passed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FileReportStore } from '../../src/features/report/store';
import { LineWriter, memoryReportStore } from '../../src/reports';

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('appended and rewritten lines read back as written: characters of any width, lines longer than a chunk', async () => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'report-store-test-'));
  try {
    const store = new FileReportStore(folder);
    const first = ['{"a":"é"}', '{"b":"😀 ü"}', 'x'.repeat(3 << 20)];
    const second = Array.from({ length: 5000 }, (_, i) => `{"i":${i},"s":"${'ß'.repeat(i % 300)}"}`);
    await store.append('k', first);
    await store.append('k', second);
    const file = store.fileOf('k');
    assert.equal(readFileSync(file, 'utf8'), [JSON.stringify({ key: 'k' }), ...first, ...second].join('\n'));
    assert.equal(store.bytesWritten, statSync(file).size);
    assert.deepEqual(await store.load('k'), [...first, ...second]);
    const before = store.bytesWritten;
    // A compaction's lines are made as they are read.
    function* made(): Generator<string> {
      yield* first;
      yield* second;
    }
    await store.rewrite('k', made());
    assert.equal(readFileSync(file, 'utf8'), [JSON.stringify({ key: 'k' }), ...first, ...second].join('\n'));
    assert.equal(store.bytesWritten - before, statSync(file).size);
    await store.rewrite('k', second.slice(0, 3));
    assert.deepEqual(await store.load('k'), second.slice(0, 3));
    await store.rewrite('k', []);
    assert.deepEqual(await store.load('k'), []);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

test('the line writer sends a full batch at once, and the rest after its interval or on flush, in order', async () => {
  const store = memoryReportStore();
  const writer = new LineWriter(store, 'k', undefined, 60_000);
  writer.add(['small']);
  await tick();
  assert.equal(store.appends, 0, 'a few lines wait for the interval');
  const big = Array.from({ length: 300 }, (_, i) => `${i}:${'y'.repeat(1000)}`);
  writer.add(big);
  await tick();
  assert.equal(store.appends, 1, 'a full batch is written at once');
  writer.add(['last']);
  await writer.flush();
  assert.equal(store.appends, 2);
  assert.deepEqual(store.entries.get('k'), ['small', ...big, 'last']);
});
