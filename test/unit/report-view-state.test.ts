/** The report panel's state, without a DOM: what each message from the host changes, and what it leaves alone. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReportRow, ReportSummary } from '../../src/protocol/report';
import { apply, canRetry, initialState } from '../../webview/report/state';

const row = (id: string, appSeconds = 60): ReportRow => ({
  attendeeId: id, name: `P${id}`, email: null, company: null, checkedIn: appSeconds > 0, firstSeen: null, lastSeen: null, slices: 1, appSeconds, days: [], asOf: '2023-05-12T00:00:00.000Z',
});
const SUMMARY: ReportSummary = {
  attendees: 2, checkedIn: 2, notCheckedIn: 0, percent: 100, failures: 0, missing: 0, dropped: 0, reused: 0, asked: 2,
  window: { startFrom: '2023-05-10T00:00:00.000Z' }, kind: 'presence', dayZone: 'UTC',
};

test('rows: new attendees are appended; a named attendee takes exactly its new row or failure', () => {
  const s = initialState();
  assert.deepEqual(apply(s, { type: 'rows', runId: 1, rows: [row('1'), row('2')], failures: [], reset: true }), { rows: 'all' });
  assert.deepEqual(apply(s, { type: 'rows', runId: 1, rows: [row('3')], failures: [] }), { rows: { append: [row('3')] } });
  const changes = apply(s, { type: 'rows', runId: 1, rows: [row('1', 120)], failures: [{ attendeeId: '2', name: 'P2', reason: 'gone', status: 404 }] });
  assert.equal(changes.rows, 'all');
  assert.deepEqual([...s.rows.keys()], ['1', '3']);
  assert.equal(s.rows.get('1')!.appSeconds, 120);
  assert.deepEqual(s.failures.map((f) => f.attendeeId), ['2']);
  apply(s, { type: 'rows', runId: 1, rows: [row('2')], failures: [] });
  assert.deepEqual(s.failures, [], 'a row for an attendee that had failed replaces the failure');
});

test('a run: started clears the last outcome; rows carry the summary live; done sets the outcome; a stale progress is ignored', () => {
  const s = initialState();
  apply(s, { type: 'done', runId: 0, summary: { ...SUMMARY, missing: 3 }, daily: [], failures: [], cancelled: false, paused: { reason: 'key', message: 'refused' } });
  assert.equal(s.outcome?.kind === 'done' && s.outcome.paused?.reason, 'key');
  assert.equal(canRetry(s), true, 'the never asked can be retried');
  apply(s, { type: 'started', runId: 2, mode: 'retryFailed' });
  assert.deepEqual([s.running, s.outcome, canRetry(s)], [true, undefined, false]);
  assert.deepEqual(apply(s, { type: 'progress', runId: 1, progress: { done: 1, total: 2, failed: 0, ratePerSecond: 1, etaSeconds: 1 } }), {}, 'progress of an earlier run');
  apply(s, { type: 'rows', runId: 2, rows: [row('9')], failures: [], summary: { ...SUMMARY, attendees: 9 }, daily: [] });
  assert.equal(s.summary!.attendees, 9, 'the summary follows the run');
  apply(s, { type: 'failed', runId: 2, message: 'no key', actions: ['setApiKey'] });
  assert.deepEqual([s.running, s.outcome?.kind], [false, 'failed']);
});
