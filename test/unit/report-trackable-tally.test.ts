/**
 * The Sponsors and Streams tabs' sums kept as rows change (src/model/trackable-tally.ts, held by the report panel's
 * state) against `summarizeTrackables`, `visitorsOf` and `viewersPerQuarter` over the same rows: random `rows`
 * messages add attendees, replace their rows (new visits), drop them (a failure) and take every row again (reset),
 * and after each one every field of every trackable, its visitors and its chart are the same.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ReportVisit } from '../../src/model/report';
import type { ReportFailure, ReportRow } from '../../src/protocol/report';
import { trackableTally } from '../../src/model/trackable-tally';
import { summarizeTrackables, viewersPerQuarter, visitorsOf } from '../../src/model/trackables';
import { apply, initialState, type ReportViewState } from '../../webview/report/state';

const Q = 1_868_000;
const INSTANTS = ['2023-05-10T08:00:00.000Z', '2023-05-10T09:15:00.000Z', '2023-05-11T10:00:00.000Z', '2023-05-12T17:45:00.000Z'];
// Whole seconds mostly; some whose sums depend on their order (fractions, past 2³²), and -0, which the sort orders.
const seconds = fc.oneof(fc.nat({ max: 4000 }), fc.constantFrom(0, -0, 0.1, 0.2, 0.7, 2.5, 1e17, 2 ** 32 + 1));

const visit: fc.Arbitrary<ReportVisit> = fc.record({
  kind: fc.constantFrom<ReportVisit['kind']>('stream', 'sponsor'),
  trackableType: fc.constantFrom(null, '', 'Sponsor', 'StreamLink'),
  trackableId: fc.constantFrom(null, '1', '2', '3'),
  seconds,
  slices: fc.nat({ max: 4 }),
  first: fc.constantFrom(...INSTANTS),
  last: fc.constantFrom(...INSTANTS),
  clicks: fc.nat({ max: 3 }),
  // Buckets close together mostly; now and then days before or after, for which the counts take more room.
  quarters: fc.uniqueArray(fc.oneof({ arbitrary: fc.integer({ min: Q, max: Q + 10 }), weight: 20 }, fc.constantFrom(Q - 700, Q + 300, Q + 700)), { maxLength: 4 })
    .map((q) => q.sort((a, b) => a - b)),
}, { requiredKeys: ['kind', 'trackableType', 'trackableId', 'seconds', 'slices'] });

const ID = fc.constantFrom('1', '2', '3', '4', '5', '6');
const row: fc.Arbitrary<ReportRow> = fc.record({ attendeeId: ID, visits: fc.option(fc.array(visit, { maxLength: 5 }), { nil: undefined }) })
  .map(({ attendeeId, visits }) => ({
    attendeeId, name: `P${attendeeId}`, email: null, company: null, checkedIn: true, firstSeen: null, lastSeen: null, slices: 0, appSeconds: 0,
    days: [], asOf: INSTANTS[0]!, ...(visits ? { visits } : {}),
  }));
const failure = ID.map((attendeeId): ReportFailure => ({ attendeeId, name: `P${attendeeId}`, reason: 'gone', status: 404 }));
const message = fc.record({ rows: fc.array(row, { maxLength: 4 }), failures: fc.array(failure, { maxLength: 2 }), reset: fc.boolean() })
  .map(({ rows, failures, reset }) => ({ type: 'rows' as const, runId: 0, rows, failures, ...(reset ? { reset } : {}) }));

function assertSame(state: ReportViewState, step: number): void {
  const rows = [...state.rows.values()];
  const want = summarizeTrackables(rows);
  assert.deepEqual(state.trackables.summary(), want, `the table after message ${step}`);
  for (const key of [...want.trackables.map((t) => t.key), 'stream|StreamLink|9']) {
    assert.deepEqual(state.trackables.visitorsOf(key), visitorsOf(rows, key), `${key}'s visitors after message ${step}`);
    assert.deepEqual(state.trackables.viewersPerQuarter(key), viewersPerQuarter(rows, key), `${key}'s chart after message ${step}`);
  }
}

test('after each rows message (attendees added, replaced, dropped, all reset), the tally equals the sums over the rows', () => {
  fc.assert(fc.property(fc.array(message, { minLength: 1, maxLength: 12 }), (messages) => {
    const state = initialState();
    messages.forEach((m, i) => {
      apply(state, m);
      assertSame(state, i);
    });
  }), { numRuns: 400, seed: 20240611 });
});

test('a tally read, changed and read again: only what changed is summed again, the rest as it was', () => {
  const visitOf = (id: string, secs: number): ReportVisit => ({ kind: 'sponsor', trackableType: 'Sponsor', trackableId: id, seconds: secs, slices: 1, first: INSTANTS[1]! });
  const rowOf = (id: string, visits: ReportVisit[]): ReportRow => ({
    attendeeId: id, name: id, email: null, company: null, checkedIn: true, firstSeen: null, lastSeen: null, slices: 1, appSeconds: 0, days: [], asOf: '', visits,
  });
  const tally = trackableTally();
  const rows = new Map([['a', rowOf('a', [visitOf('1', 10), visitOf('2', 5)])], ['b', rowOf('b', [visitOf('1', 30)])], ['c', rowOf('c', [visitOf('1', 20)])]]);
  tally.reset(rows.values());
  assert.deepEqual(tally.summary(), summarizeTrackables(rows.values()));
  assert.deepEqual(tally.summary().trackables.map((t) => [t.key, t.visitors, t.seconds, t.medianSeconds]), [['sponsor|Sponsor|1', 3, 60, 20], ['sponsor|Sponsor|2', 1, 5, 5]]);
  rows.set('b', rowOf('b', [visitOf('2', 7)]));
  tally.set('b', rows.get('b'));
  rows.delete('c');
  tally.set('c', undefined);
  assert.deepEqual(tally.summary(), summarizeTrackables(rows.values()));
  assert.deepEqual(tally.summary().trackables.map((t) => [t.key, t.visitors, t.seconds, t.medianSeconds]), [['sponsor|Sponsor|2', 2, 12, 6], ['sponsor|Sponsor|1', 1, 10, 10]]);
  assert.deepEqual(tally.visitorsOf('sponsor|Sponsor|2').map((v) => [v.attendeeId, v.seconds]), [['b', 7], ['a', 5]]);
  // Zeros of either sign: the median is the one the sort puts in the middle.
  const zeros = [rowOf('x', [visitOf('3', -0)]), rowOf('y', [visitOf('3', 0)]), rowOf('z', [visitOf('3', -0)])];
  tally.reset(zeros);
  assert.deepEqual(tally.summary(), summarizeTrackables(zeros));
  tally.reset([]);
  assert.deepEqual(tally.summary(), { trackables: [], unnamed: { stream: 0, sponsor: 0 } });
});

test('a stream watched over months: its counts of viewers per bucket grow, then go to a map, and stay what the rows say', () => {
  const watch = (id: string, quarters: number[]): ReportRow => ({
    attendeeId: id, name: id, email: null, company: null, checkedIn: true, firstSeen: null, lastSeen: null, slices: 1, appSeconds: 0, days: [], asOf: '',
    visits: [{ kind: 'stream', trackableType: 'StreamLink', trackableId: '1', seconds: 60, slices: 1, quarters }],
  });
  const tally = trackableTally();
  const rows = new Map<string, ReportRow>();
  const check = (what: string): void => {
    assert.deepEqual(tally.summary(), summarizeTrackables(rows.values()), what);
    assert.deepEqual(tally.viewersPerQuarter('stream|StreamLink|1'), viewersPerQuarter(rows.values(), 'stream|StreamLink|1'), what);
  };
  for (const [id, quarters, what] of [['a', [Q, Q + 1], 'first'], ['b', [Q + 1, Q + 900], 'later'], ['c', [Q - 3000, Q + 1], 'earlier'], ['d', [Q + 1, Q + 9000], 'months later']] as const) {
    rows.set(id, watch(id, [...quarters]));
    tally.set(id, rows.get(id));
    check(what);
  }
  for (const id of ['d', 'b', 'a']) {
    rows.delete(id);
    tally.set(id, undefined);
    check(`without ${id}`);
  }
});
