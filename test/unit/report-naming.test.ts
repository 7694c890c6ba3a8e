/**
 * Names of the report's streams and sponsor booths: the plan (a greedy cover of the unnamed trackables by the
 * fewest attendees), asking with fallbacks, cancellation and refused keys, and the stored cache.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { TrackingSession } from '../../src/brella';
import type { ReportRow, ReportVisit } from '../../src/model/report';
import { summarizeTrackables } from '../../src/model/trackables';
import {
  MAX_NAME_LENGTH, cleanName, parseNames, planNaming, rememberNames, resolveNames, serializeNames, trackableNameKey, visitNameKey,
} from '../../src/reports/naming';

type Kind = ReportVisit['kind'];
const TYPE: Record<Kind, string> = { stream: 'Streamlink', sponsor: 'Sponsor' };

function visit(kind: Kind, id: string, trackableType: string | null = TYPE[kind]): ReportVisit {
  return { kind, trackableType, trackableId: id, seconds: 10, slices: 1 };
}

function row(attendeeId: string, visits: ReportVisit[]): ReportRow {
  return {
    attendeeId, name: `A ${attendeeId}`, email: null, company: null, checkedIn: true, firstSeen: null, lastSeen: null,
    slices: visits.length, appSeconds: 0, visits, days: [], asOf: '2023-05-20T00:00:00.000Z',
  };
}

function session(trackableType: string | null, trackableId: string | null, trackableName?: string | null): TrackingSession {
  return { id: `s${trackableType}${trackableId}`, durationSeconds: 1, interactionCount: 1, trackableType, trackableId, trackableName, sliceIds: [], extra: {} };
}

/** An `ask` over a fixed world that records whom it was asked for. */
function world(sessions: Record<string, TrackingSession[] | Error>): { ask: (id: string) => Promise<TrackingSession[]>; asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    ask: async (id) => {
      asked.push(id);
      const answer = sessions[id] ?? [];
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

const sponsor = (id: string): string => trackableNameKey('Sponsor', id);
const stream = (id: string): string => trackableNameKey('StreamLink', id);

describe('name keys', () => {
  test('types compare across case, separators and plurals; a visit without a type takes its kind\'s', () => {
    const keys = ['StreamLink', 'Streamlink', 'stream_link', 'stream-links', 'STREAMLINK'].map((t) => trackableNameKey(t, '7'));
    assert.equal(new Set(keys).size, 1);
    assert.equal(trackableNameKey('sponsors', ' 7 '), sponsor('7'));
    assert.notEqual(sponsor('7'), stream('7'));
    assert.equal(visitNameKey(visit('stream', '7', null)), stream('7'));
    assert.equal(visitNameKey(visit('sponsor', '7', '')), sponsor('7'));
    assert.equal(visitNameKey({ kind: 'sponsor', trackableType: null, trackableId: null }), undefined);
  });

  test('a summary row finds its name by the same key', () => {
    const [t] = summarizeTrackables([row('1', [visit('stream', '3')])]).trackables;
    assert.equal(visitNameKey(t!), stream('3'));
  });

  test('names stay plain text: trimmed, control characters blanked, capped', () => {
    assert.equal(cleanName('  <b>Acme</b>\n'), '<b>Acme</b>');
    assert.equal(cleanName('a\u0000b'), 'a b');
    assert.equal(cleanName('x'.repeat(500))!.length, MAX_NAME_LENGTH);
    assert.equal(cleanName('   '), undefined);
    assert.equal(cleanName(42), undefined);
  });
});

describe('the plan', () => {
  test('greedy asks fewer attendees than one per trackable', () => {
    const rows = [
      row('1', [visit('sponsor', '1')]), row('2', [visit('sponsor', '2')]), row('3', [visit('stream', '3')]),
      row('9', [visit('sponsor', '1'), visit('sponsor', '2'), visit('stream', '3')]),
    ];
    const plan = planNaming(rows, new Map());
    // Naive: the first visitor (by id) of each trackable.
    const naive = new Set(plan.wanted.map((key) => [...plan.candidates.get(key)!].sort()[0]));
    assert.equal(naive.size, 3);
    assert.deepEqual(plan.steps, [{ attendeeId: '9', covers: [sponsor('1'), sponsor('2'), stream('3')].sort() }]);
  });

  test('known names are left out; ties go to the lower id (numerically); each step covers only what is new', () => {
    const rows = [
      row('10', [visit('sponsor', '1'), visit('sponsor', '2')]), row('9', [visit('sponsor', '1'), visit('sponsor', '2')]),
      row('2', [visit('sponsor', '2'), visit('stream', '5'), visit('stream', '6')]), row('4', [visit('sponsor', '9')]),
    ];
    const plan = planNaming(rows, new Map([[sponsor('9'), 'Known']]));
    assert.deepEqual(plan.wanted, [sponsor('1'), sponsor('2'), stream('5'), stream('6')].sort());
    assert.deepEqual(plan.steps.map((s) => [s.attendeeId, s.covers]), [['2', [sponsor('2'), stream('5'), stream('6')].sort()], ['9', [sponsor('1')]]]);
    assert.deepEqual(plan.candidates.get(sponsor('1')), ['9', '10']);
    assert.equal(plan.visited.has('4'), false);
  });

  test('20 000 attendees × 15 visits over 300 trackables: the plan covers everything with few attendees', async () => {
    let seed = 12345;
    const rand = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % n;
    const rows = Array.from({ length: 20_000 }, (_, a) =>
      row(String(a + 1), Array.from({ length: 15 }, () => { const t = rand(300); return visit(t % 2 ? 'stream' : 'sponsor', String(t)); })));
    const plan = planNaming(rows, new Map());
    assert.equal(plan.wanted.length, 300);
    assert.deepEqual(plan.steps.flatMap((s) => s.covers).sort(), plan.wanted);
    assert.ok(plan.steps.length < 60, `${plan.steps.length} attendees`);
    const everyone = Object.fromEntries(rows.map((r) => [r.attendeeId, r.visits!.map((v) => session(v.trackableType, v.trackableId, `N${v.trackableId}`))]));
    const result = await resolveNames(plan, world(everyone).ask);
    assert.equal(result.names.size, 300);
    assert.equal(result.requests, plan.steps.length);
  });
});

describe('asking', () => {
  test('names come from the sessions, types spelled either way; a missing name falls back to the next visitor', async () => {
    const rows = [row('1', [visit('sponsor', '1'), visit('stream', '2')]), row('2', [visit('stream', '2')]), row('3', [visit('sponsor', '1')])];
    const plan = planNaming(rows, new Map());
    const w = world({
      1: [session('sponsor', '1', ' Acme '), session('stream-link', '2', ''), session('Event', '1', 'The event')],
      2: [session('StreamLink', '2', 'Keynote')],
    });
    const progress: number[] = [];
    const result = await resolveNames(plan, w.ask, { onProgress: (p) => progress.push(p.named) });
    assert.deepEqual(w.asked, ['1', '2']);
    assert.deepEqual([...result.names], [[sponsor('1'), 'Acme'], [stream('2'), 'Keynote']]);
    assert.deepEqual(result.unnamed, []);
    assert.equal(result.requests, 2);
    assert.deepEqual(progress, [1, 2]);
  });

  test('at most three visitors are asked for one trackable; a failed attendee is skipped', async () => {
    const rows = ['1', '2', '3', '4', '5'].map((id) => row(id, [visit('sponsor', '8')]));
    const w = world({ 1: new Error('Not found'), 4: [session('Sponsor', '8', 'Late')] });
    const result = await resolveNames(planNaming(rows, new Map()), w.ask);
    assert.deepEqual(w.asked, ['1', '2', '3']);
    assert.deepEqual(result.unnamed, [sponsor('8')]);
    assert.equal(result.cancelled, false);
    const more = await resolveNames(planNaming(rows, new Map()), world({ 1: new Error('Not found'), 2: [session('Sponsor', '8', 'Found')] }).ask);
    assert.equal(more.names.get(sponsor('8')), 'Found');
  });

  test('cancelling returns what was named so far', async () => {
    const rows = [row('1', [visit('sponsor', '1')]), row('2', [visit('sponsor', '2')]), row('3', [visit('sponsor', '3')])];
    const plan = planNaming(rows, new Map());
    const controller = new AbortController();
    const w = world({ 1: [session('Sponsor', '1', 'One')], 2: [session('Sponsor', '2', 'Two')] });
    const result = await resolveNames(plan, async (id) => { const s = await w.ask(id); controller.abort(); return s; }, { signal: controller.signal });
    assert.deepEqual(w.asked, ['1']);
    assert.equal(result.cancelled, true);
    assert.deepEqual([...result.names], [[sponsor('1'), 'One']]);
    const abortError = Object.assign(new Error('cancelled'), { name: 'AbortError' });
    const thrown = await resolveNames(plan, world({ 1: abortError }).ask);
    assert.equal(thrown.cancelled, true);
    assert.equal(thrown.requests, 1);
  });

  test('a refused key stops the naming and is rethrown', async () => {
    const rows = [row('1', [visit('sponsor', '1')]), row('2', [visit('sponsor', '1')])];
    const refused = Object.assign(new Error('Brella refused the API key'), { status: 403 });
    const w = world({ 1: refused });
    await assert.rejects(resolveNames(planNaming(rows, new Map()), w.ask), refused);
    assert.deepEqual(w.asked, ['1']);
  });

  test('property: a trackable whose name some unflaky visitor\'s sessions carry is named; requests ≤ 3 × unnamed', async () => {
    const spellings: Record<Kind, string[]> = { stream: ['StreamLink', 'Streamlink', 'stream_link', 'stream-links'], sponsor: ['Sponsor', 'sponsor', 'sponsors'] };
    const arb = fc.record({ attendees: fc.integer({ min: 1, max: 20 }), trackables: fc.integer({ min: 1, max: 10 }) }).chain(({ attendees, trackables }) => {
      const grid = <T>(cell: fc.Arbitrary<T>) => fc.array(fc.array(cell, { minLength: trackables, maxLength: trackables }), { minLength: attendees, maxLength: attendees });
      const flags = (n: number) => fc.array(fc.boolean(), { minLength: n, maxLength: n });
      return fc.record({
        visits: grid(fc.integer({ min: 0, max: 2 })), omit: grid(fc.integer({ min: 0, max: 3 }).map((n) => n === 0)),
        nameable: flags(trackables), known: flags(trackables), failing: flags(attendees).map((f) => f.map((x, i) => x && i % 3 === 0)), spelling: fc.nat(),
      });
    });
    await fc.assert(fc.asyncProperty(arb, async (w) => {
      const kindOf = (t: number): Kind => (t % 2 ? 'stream' : 'sponsor');
      const idOf = (t: number): string => String(t >> 1);
      const keyOf = (t: number): string => visitNameKey(visit(kindOf(t), idOf(t)))!;
      const visited = (a: number, t: number): boolean => w.visits[a]![t]! > 0;
      const flaky = (a: number, t: number): boolean => w.failing[a]! || w.omit[a]![t]!;
      // At most two flaky visitors per trackable, so three tries always reach an unflaky one.
      w.nameable.forEach((_, t) => {
        for (let a = 0, count = 0; a < w.visits.length; a++) {
          if (!visited(a, t) || !flaky(a, t) || ++count <= 2) continue;
          w.omit[a]![t] = false;
          w.failing[a] = false;
        }
      });
      const rows = w.visits.map((cells, a) => row(String(a + 1), cells.flatMap((c, t) => (c === 0 ? [] : [visit(kindOf(t), idOf(t), c === 1 ? TYPE[kindOf(t)] : null)]))));
      const known = new Map(w.known.flatMap((k, t) => (k ? [[keyOf(t), `known ${t}`] as [string, string]] : [])));
      const sessions = Object.fromEntries(w.visits.map((cells, a) => [String(a + 1), w.failing[a] ? new Error('Server error') : [
        session('Event', '1', 'The event'),
        ...cells.flatMap((c, t) => (c === 0 ? [] : [session(spellings[kindOf(t)][(w.spelling + a + t) % spellings[kindOf(t)].length]!, idOf(t), w.nameable[t] && !w.omit[a]![t] ? `Name ${t}` : null)])),
      ]]));
      const plan = planNaming(rows, known);
      const result = await resolveNames(plan, world(sessions).ask);
      assert.ok(result.requests <= plan.wanted.length * 3, `${result.requests} requests for ${plan.wanted.length}`);
      assert.deepEqual(plan.steps.flatMap((s) => s.covers).sort(), plan.wanted);
      for (let t = 0; t < w.nameable.length; t++) {
        const key = keyOf(t);
        const reachable = !known.has(key) && w.nameable[t] && w.visits.some((_, a) => visited(a, t) && !flaky(a, t));
        assert.equal(result.names.get(key), reachable ? `Name ${t}` : undefined, key);
      }
      assert.deepEqual(result.unnamed, plan.wanted.filter((k) => !result.names.has(k)));
    }), { numRuns: 300 });
  });
});

describe('the name cache', () => {
  test('round-trips, keeps the newest at most, and cleans names', () => {
    const names = new Map([[sponsor('1'), 'Acme'], [stream('2'), ' Keynote ']]);
    assert.deepEqual([...parseNames(JSON.parse(JSON.stringify(serializeNames(names))))], [[sponsor('1'), 'Acme'], [stream('2'), 'Keynote']]);
    const many = new Map(Array.from({ length: 6000 }, (_, i) => [sponsor(String(i)), `S${i}`]));
    const stored = parseNames(serializeNames(many));
    assert.equal(stored.size, 5000);
    assert.equal(stored.has(sponsor('999')), false);
    assert.equal(stored.get(sponsor('5999')), 'S5999');
    const remembered = rememberNames(new Map([[sponsor('1'), 'Old'], [sponsor('2'), 'Two']]), new Map([[sponsor('1'), 'New']]), 1);
    assert.deepEqual([...remembered], [[sponsor('1'), 'New']]);
  });

  test('junk reads as an empty cache; bad pairs are dropped', () => {
    for (const junk of [null, undefined, 42, 'names', [], {}, { version: 2, names: [] }, { version: 1, names: 'x' }, { version: 1, names: [[1, 2]] }]) {
      assert.equal(parseNames(junk).size, 0, JSON.stringify(junk));
    }
    const mixed = parseNames({ version: 1, names: [['sponsor|1', 'Acme'], ['bad key', 'x'], ['sponsor|2', ''], ['sponsor|3', { html: 1 }], 'x', ['sponsor|4', 'Four', 'extra']] });
    assert.deepEqual([...mixed], [['sponsor|1', 'Acme']]);
  });
});
