/**
 * The ledger keeps an engagement row's visits packed (src/reports/packed-visits.ts): the row reads, copies, compares
 * and serializes as the plain row it came from, whatever its visits hold; and the sums over every row
 * (src/model/trackables.ts) are the same from packed rows, plain rows or a mix of them.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { visitTableOf, visitWhos, type ReportRow, type ReportVisit } from '../../src/model/report';
import { allVisitors, summarizeTrackables, viewersPerQuarter, visitorsOf } from '../../src/model/trackables';
import { Ledger } from '../../src/reports';
import { instantMs, isoOf, packRow, VisitWhos, withChanges } from '../../src/reports/packed-visits';

const AT = '2023-05-10T07:00:00.000Z';
const T0 = Date.parse(AT);

function row(attendeeId: string, visits: ReportVisit[] | undefined): ReportRow {
  return {
    attendeeId, name: `A ${attendeeId}`, email: null, company: 'Co', checkedIn: true, firstSeen: AT, lastSeen: AT, slices: 3, appSeconds: 60,
    days: [{ day: '2023-05-10', appSeconds: 60, streamSeconds: 0, sponsorSeconds: 0, inApp: true }], asOf: AT,
    ...(visits ? { streamSeconds: 0, sponsorSeconds: 0, distinctStreams: 0, distinctSponsors: 0, clicks: 0, visits } : {}),
  };
}

/** Every optional field present or absent, clicks of 0, quarters with gaps, repeats, out of order and empty. */
const VISITS: ReportVisit[] = [
  { kind: 'stream', trackableType: 'StreamLink', trackableId: '9001', seconds: 1800.5, slices: 2, first: AT, last: '2023-05-10T07:30:00.001Z', quarters: [1_870_000, 1_870_001, 1_870_004] },
  { kind: 'sponsor', trackableType: 'Sponsor', trackableId: '7001', seconds: 0, slices: 0, clicks: 3 },
  { kind: 'sponsor', trackableType: null, trackableId: '7002', seconds: 30, slices: 1, first: AT, last: AT, clicks: 0 },
  { kind: 'sponsor', trackableType: null, trackableId: null, sessionId: '55', seconds: 5, slices: 1, first: AT, last: AT },
  { kind: 'stream', trackableType: null, trackableId: null, seconds: 7, slices: 1, first: AT },
  { kind: 'stream', trackableType: 'StreamLink', trackableId: '9002', sessionId: 's', seconds: 1, slices: 1, last: AT, quarters: [] },
  { kind: 'stream', trackableType: 'StreamLink', trackableId: '9003', seconds: 1, slices: 1, quarters: [5, 3, 3, -2, -1] },
];

describe('a row with packed visits', () => {
  test('reads, copies, compares and serializes as the plain row', () => {
    const plain = row('1', VISITS);
    const packed = packRow(plain, new VisitWhos());
    assert.notEqual(packed, plain);
    assert.ok(visitTableOf(packed), 'packed');
    assert.deepEqual(packed, plain);
    assert.deepEqual(packed.visits, VISITS);
    assert.deepEqual(JSON.parse(JSON.stringify(packed)), plain);
    assert.deepEqual(structuredClone(packed), plain);
    const copy = { ...packed };
    assert.deepEqual(copy, plain);
    assert.equal(visitTableOf(copy), undefined, 'a copy is a plain row');
    assert.deepEqual(visitWhos(packed).map((w) => w.trackableId), VISITS.map((v) => v.trackableId));
  });

  test('rows of one ledger share their trackables; a visit that names none is its own', () => {
    const whos = new VisitWhos();
    const a = visitTableOf(packRow(row('1', VISITS), whos))!;
    const b = visitTableOf(packRow(row('2', VISITS), whos))!;
    assert.equal(a.whos[0], b.whos[0]);
    assert.notEqual(a.whos[3], b.whos[3]);
    assert.equal(a.whos[3]!.sessionId, '55');
  });

  test('an instant not in the form it would come back as, or a row without visits, is kept as it is', () => {
    const whos = new VisitWhos();
    for (const first of ['2023-05-10T07:00:00Z', '2023-05-10T10:00:00.000+03:00']) {
      const odd = row('1', [{ ...VISITS[0]!, first }]);
      assert.equal(packRow(odd, whos), odd);
    }
    const presence = row('2', undefined);
    assert.equal(packRow(presence, whos), presence);
  });

  test('visits set on a packed row are plain data; a changed copy keeps them packed', () => {
    const packed = packRow(row('1', VISITS), new VisitWhos());
    const renamed = withChanges(packed, { name: 'B', email: 'b@example.com' });
    assert.ok(visitTableOf(renamed));
    assert.deepEqual(renamed, { ...row('1', VISITS), name: 'B', email: 'b@example.com' });
    packed.visits = [VISITS[1]!];
    assert.deepEqual(packed.visits, [VISITS[1]]);
    assert.deepEqual(JSON.parse(JSON.stringify(packed)).visits, [VISITS[1]]);
  });

  test('the ledger keeps answered rows packed, shows them and writes them as they were', () => {
    const ledger = new Ledger({ kind: 'engagement', window: { startFrom: AT }, dayZone: 'UTC' });
    const plain = row('5', VISITS);
    ledger.answered(plain, { latestStart: AT, tailIds: ['1'] });
    const [line] = ledger.takePending();
    assert.ok(visitTableOf(ledger.rowOf('5')!));
    assert.deepEqual(ledger.view().rows, [plain]);
    const again = new Ledger(ledger.spec);
    again.read([...ledger.compacted()]);
    assert.deepEqual(again.rowOf('5'), plain);
    assert.deepEqual(JSON.parse([...ledger.compacted()][0]!), JSON.parse(line!));
  });
});

const instant = fc.integer({ min: T0 - 3_600_000, max: T0 + 86_400_000 }).map((ms) => new Date(ms).toISOString());
const visit: fc.Arbitrary<ReportVisit> = fc.record({
  kind: fc.constantFrom<ReportVisit['kind']>('stream', 'sponsor'),
  trackableType: fc.constantFrom('StreamLink', 'Sponsor', null),
  trackableId: fc.constantFrom('1', '2', '3', null),
  sessionId: fc.constantFrom('s1', 's2'),
  seconds: fc.nat({ max: 5000 }),
  slices: fc.nat({ max: 5 }),
  first: instant,
  last: instant,
  clicks: fc.nat({ max: 3 }),
  quarters: fc.array(fc.integer({ min: 1_870_000, max: 1_870_020 }), { maxLength: 8 }).map((q) => [...new Set(q)].sort((a, b) => a - b)),
}, { requiredKeys: ['kind', 'trackableType', 'trackableId', 'seconds', 'slices'] });

const KEYS = ['stream|StreamLink|1', 'stream||2', 'sponsor|Sponsor|1', 'sponsor|StreamLink|3', 'sponsor||2'];

test('summarizeTrackables, visitorsOf, viewersPerQuarter and allVisitors: the same from packed, plain and mixed rows', () => {
  fc.assert(fc.property(fc.array(fc.array(visit, { maxLength: 6 }), { maxLength: 8 }), fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), (lists, mix) => {
    const plain = lists.map((visits, i) => row(String(i + 1), visits));
    const whos = new VisitWhos();
    const packed = plain.map((r) => packRow(r, whos));
    const mixed = plain.map((r, i) => (mix[i] ? packed[i]! : r));
    assert.ok(packed.every((r) => visitTableOf(r)), 'every row packs');
    for (const rows of [packed, mixed]) {
      assert.deepEqual(summarizeTrackables(rows), summarizeTrackables(plain));
      assert.deepEqual(summarizeTrackables(rows, 'sponsor'), summarizeTrackables(plain, 'sponsor'));
      assert.deepEqual(allVisitors(rows), allVisitors(plain));
      assert.deepEqual(allVisitors(rows, 'stream'), allVisitors(plain, 'stream'));
      for (const key of KEYS) {
        assert.deepEqual(visitorsOf(rows, key), visitorsOf(plain, key), key);
        assert.deepEqual(viewersPerQuarter(rows, key), viewersPerQuarter(plain, key), key);
      }
    }
  }), { numRuns: 200, seed: 20240601 });
});

test('one kind\'s sums equal the sums over rows holding only that kind\'s visits', () => {
  const plain = [row('1', VISITS), row('2', VISITS.slice(2))];
  const sponsorsOnly = plain.map((r) => ({ ...r, visits: r.visits!.filter((v) => v.kind === 'sponsor') }));
  assert.deepEqual(summarizeTrackables(plain, 'sponsor'), summarizeTrackables(sponsorsOnly));
  assert.deepEqual(allVisitors(plain, 'sponsor'), allVisitors(sponsorsOnly));
});

test('instants are written and read as toISOString writes them, and only those are read', () => {
  const anyMs = fc.integer({ min: -8.64e15, max: 8.64e15 });
  fc.assert(fc.property(anyMs, (ms) => {
    assert.equal(isoOf(ms), new Date(ms).toISOString());
    assert.equal(instantMs(new Date(ms).toISOString()), ms);
  }), { numRuns: 2000, seed: 7 });
  const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
  const written = fc.tuple(fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')), two(13), two(32), two(25), two(61), two(61), fc.integer({ min: 0, max: 999 }))
    .map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${String(ms).padStart(3, '0')}Z`);
  fc.assert(fc.property(fc.oneof(written, fc.string({ maxLength: 30 })), (text) => {
    const ms = Date.parse(text);
    assert.equal(instantMs(text), Number.isFinite(ms) && new Date(ms).toISOString() === text ? ms : undefined, text);
  }), { numRuns: 5000, seed: 11 });
  assert.ok(Number.isNaN(instantMs(undefined)));
});
