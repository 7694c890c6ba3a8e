import assert from 'node:assert/strict';
import { test } from 'node:test';
import { estimateProportion, seededOrder } from '../../src/model/estimate';

/** A small seeded generator for the simulations. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4_294_967_296;
  };
}

test('the 95% interval covers the true check-in rate about 95% of the time, over many seeded events and sample sizes', () => {
  let covered = 0;
  let trials = 0;
  for (let event = 1; event <= 3000; event++) {
    const random = rng(event * 7919);
    const population = 200 + Math.floor(random() * 3000);
    const rate = 0.05 + random() * 0.9;
    const checkedIn = Array.from({ length: population }, () => random() < rate);
    const truth = checkedIn.filter(Boolean).length / population;
    // The run's order: a seeded shuffle of the attendees; the estimate after `sample` answers.
    const order = seededOrder(checkedIn.map((c, i) => ({ c, id: String(i) })), `event ${event}`, (a) => a.id);
    const sample = 30 + Math.floor(random() * Math.min(600, population - 30));
    const hits = order.slice(0, sample).filter((a) => a.c).length;
    const e = estimateProportion(hits, sample, population)!;
    trials++;
    if (e.low / 100 - 0.0005 <= truth && truth <= e.high / 100 + 0.0005) covered++;
  }
  const coverage = covered / trials;
  assert.ok(coverage > 0.93 && coverage < 0.975, `coverage ${coverage.toFixed(3)} over ${trials} events`);
});

test('the interval narrows with the sample and closes on the exact rate when everyone answered', () => {
  const small = estimateProportion(30, 60, 20_000)!;
  const large = estimateProportion(300, 600, 20_000)!;
  assert.ok(large.high - large.low < small.high - small.low);
  assert.ok(large.high - large.low <= 8, `±${((large.high - large.low) / 2).toFixed(1)} points after 600 of 20 000 answers`);
  assert.deepEqual(estimateProportion(150, 200, 200), { percent: 75, low: 75, high: 75, sample: 200, population: 200 });
  assert.equal(estimateProportion(0, 0, 10), undefined);
  const none = estimateProportion(0, 100, 1000)!;
  assert.equal(none.low, 0);
  assert.ok(none.high > 0, 'no check-in in the sample still leaves room above 0');
});

test('the seeded order is the same every time, differs by seed, and keeps its order when an attendee is added', () => {
  const ids = Array.from({ length: 50 }, (_, i) => String(1000 + i));
  const a = seededOrder(ids, 'report 1', (x) => x);
  assert.deepEqual(seededOrder(ids, 'report 1', (x) => x), a);
  assert.notDeepEqual(seededOrder(ids, 'report 2', (x) => x), a);
  assert.notDeepEqual(a, ids, 'not the list order');
  const more = seededOrder([...ids, '2000'], 'report 1', (x) => x);
  assert.deepEqual(more.filter((x) => x !== '2000'), a);
});
