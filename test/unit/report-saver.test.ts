/** Saving the event report in batches (src/reports/store.ts): how often a report is written as it grows. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BatchSaver, memoryReportStore, saveIntervalMs, type SaverState } from '../../src/reports/store';
import type { ReportRow } from '../../src/reports';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function state(rows: number): SaverState {
  const map = new Map<string, ReportRow>();
  for (let i = 0; i < rows; i++) map.set(String(i), { attendeeId: String(i) } as ReportRow);
  return { rows: map, failures: new Map(), attendees: undefined };
}

test('the wait between saves grows with the rows kept: 1 s up to 1 000 rows, 1 ms a row beyond, 30 s at most', () => {
  assert.equal(saveIntervalMs(0), 1000);
  assert.equal(saveIntervalMs(1000), 1000);
  assert.equal(saveIntervalMs(20_000), 20_000);
  assert.equal(saveIntervalMs(200_000), 30_000);
  // So a 20 000-attendee report writes about 1 000 rows a second, not 20 000.
  assert.ok(20_000 / (saveIntervalMs(20_000) / 1000) <= 1000);
});

test('a big report is written less often than a small one, and flush() still writes what is left', async () => {
  const counts: number[] = [];
  for (const rows of [10, 400]) {
    const store = memoryReportStore();
    // 1 ms a row here: 10 rows wait 20 ms (the minimum), 400 rows wait 400 ms.
    const saver = new BatchSaver(store, 'k', state(rows), 20, 1);
    for (let i = 0; i < 12; i++) {
      saver.changed();
      await sleep(25);
    }
    counts.push(store.saves);
    saver.changed();
    await saver.flush();
    assert.equal(Object.keys(store.entries.get('k')!.rows).length, rows, 'flush writes every row');
  }
  const [small, big] = counts as [number, number];
  assert.ok(small >= 6, `${small} saves of the small report in 300 ms`);
  assert.ok(big <= 2, `${big} saves of the big report in 300 ms`);
});
