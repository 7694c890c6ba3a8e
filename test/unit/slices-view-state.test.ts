/** The slices panel's state, without a DOM: what each message from the host (and the user's run or cancel) changes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packSlices } from '../../src/protocol/packed-slices';
import type { PanelTarget, ToWebview } from '../../src/protocol/slices';
import { apply, cancelRun, initialViewState, shownZone, startRun } from '../../webview/slices/state';

const TARGET: PanelTarget = { organizationId: 1, eventId: 22, attendeeId: 333, attendeeName: 'Ada Lovelace', eventName: 'Brella Summit' };
const init = (over: Partial<Extract<ToWebview, { type: 'init' }>> = {}): ToWebview => ({ type: 'init', target: TARGET, fields: [], timeZone: 'event', ...over });
const NO_ROWS = packSlices([]);

test('init: the first one takes the saved form, a later one the host filters; the choice and target follow', () => {
  const s = initialViewState({ timeZone: 'utc' });
  assert.equal(s.choice, 'utc');
  const first = apply(s, init({ savedQueries: [] }));
  assert.deepEqual([first.init?.first, first.target, first.choice, first.zone, first.savedQueries], [true, true, true, true, []]);
  assert.deepEqual([s.choice, s.target, s.initialized], ['event', TARGET, true]);
  assert.equal(apply(s, init()).init?.first, false);
  assert.equal(shownZone(s), 'local', 'the event zone is unknown: event time falls back to local time');
});

test('the event zone: kept for the same event while the host reads it again; dropped for another event', () => {
  const s = initialViewState({});
  assert.deepEqual(apply(s, { type: 'eventZone', timeZone: 'Europe/Helsinki' }), { zone: true }, 'no target yet');
  apply(s, init());
  assert.deepEqual(apply(s, { type: 'eventZone', timeZone: 'Europe/Helsinki' }), { target: true, zone: true });
  assert.equal(shownZone(s), 'Europe/Helsinki');
  apply(s, init());
  assert.equal(s.target?.timeZone, 'Europe/Helsinki');
  apply(s, init({ target: { ...TARGET, eventId: 23 } }));
  assert.equal(s.target?.timeZone, undefined);
  apply(s, { type: 'timeZone', timeZone: 'utc' });
  assert.equal(shownZone(s), 'utc');
});

test('a run: started empties the grid; pages append; done ends it, saying why it is empty; older runs are ignored', () => {
  const s = initialViewState({ target: TARGET });
  assert.deepEqual(startRun(s, { user: '1' }), { clear: true, running: true, status: { text: 'Starting…', busy: true } });
  const started = apply(s, { type: 'started', runId: 2, filters: { user: '1' } });
  assert.deepEqual([started.newRun, started.running, s.running, s.started, s.runId], [true, true, true, true, 2]);
  const page = apply(s, { type: 'page', runId: 2, rows: NO_ROWS, page: 1, rowsSoFar: 0, sentAt: 5 });
  assert.deepEqual([page.newRun, page.rows, page.status?.busy, page.paint], [false, NO_ROWS, true, { sentAt: 5, first: true }]);
  assert.deepEqual(apply(s, { type: 'page', runId: 1, rows: NO_ROWS, page: 1, rowsSoFar: 0 }), {}, 'a page of an older run');
  const done = apply(s, { type: 'done', runId: 2, rows: 0, cancelled: false });
  assert.deepEqual([s.running, done.running, done.status?.text], [false, true, 'Done · 0 rows']);
  assert.deepEqual(done.empty, { filters: { user: '1' }, attendeeName: 'Ada Lovelace' });
  const failed = apply(s, { type: 'failed', runId: 3, message: 'no key', actions: ['setApiKey'] });
  assert.equal(failed.newRun, true, 'a newer run whose start was missed becomes the current run');
  assert.deepEqual(failed.failure, { message: 'no key', status: undefined, actions: ['setApiKey'] });
  assert.equal(s.lastFilters?.user, '1', 'Run Again keeps the last filters');
});

test('invalid ends a run not started yet, not a started one; cancel asks the host only while a run goes', () => {
  const s = initialViewState({});
  assert.equal(cancelRun(s), undefined);
  startRun(s, {}, 1);
  const invalid = apply(s, { type: 'invalid', requestId: 1, errors: [{ field: 'user', message: 'bad' }, { field: 'user', message: 'worse' }] });
  assert.deepEqual([s.running, invalid.running, [...invalid.problems!]], [false, true, [['user', 'bad']]]);
  startRun(s, {});
  assert.deepEqual(cancelRun(s), { running: true, status: { text: 'Cancelled', busy: false } }, 'not started: cancelled at once');
  startRun(s, {});
  apply(s, { type: 'started', runId: 1, filters: {} });
  assert.equal(apply(s, { type: 'invalid', errors: [] }).running, undefined, 'a cURL problem during a run');
  assert.deepEqual(cancelRun(s), { cancelling: true, status: { text: 'Cancelling…', busy: true } });
  assert.equal(s.running, true, 'the host says when it is done');
});

test('a reply names its request: a refused Copy as… or Save Query… never ends a run waiting to start; only its own refusal does', () => {
  const s = initialViewState({});
  startRun(s, { user: '1' }, 4);
  const copy = apply(s, { type: 'invalid', requestId: 3, errors: [{ field: 'start_from', message: 'bad date' }] });
  assert.equal(copy.running, undefined, 'the run was not ended by the copy refusal');
  assert.deepEqual([...copy.problems!], [['start_from', 'bad date']], 'its problems still show at their fields');
  assert.equal(s.running, true);
  const unnamed = apply(s, { type: 'invalid', errors: [{ field: 'user', message: 'bad' }] });
  assert.equal(unnamed.running, undefined, 'a refusal of a run the host started itself names no request and ends nothing here');
  assert.equal(s.running, true);
  const own = apply(s, { type: 'invalid', requestId: 4, errors: [{ field: 'user', message: 'bad' }] });
  assert.deepEqual([own.running, s.running], [true, false], 'its own refusal ends it');
});
