import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Pacer, WINDOW_MARGIN_MS } from '../../src/brella/index.ts';
import { FakeClock, fakeClient, flush, listDoc, range, event, startFake, uniqueKey } from './helpers/brella-fake.ts';

/** Starts n acquisitions at once; returns the fake time each one got its slot, releasing it right away. */
function burst(pacer: Pacer, clock: FakeClock, n: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    void pacer.acquire().then((release) => {
      times.push(clock.now());
      release();
    });
  }
  return times;
}

/** Most starts within any window of `windowMs`. */
function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0; i < sorted.length; i++) {
    let j = i;
    while (j < sorted.length && sorted[j] - sorted[i] < windowMs) j++;
    most = Math.max(most, j - i);
  }
  return most;
}

describe('pacer (fake clock)', () => {
  test('a burst of floor(rate), then rate per second; never more than floor(rate) in any second plus the margin', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ requestsPerSecond: 10, maxConcurrentRequests: 100 }, clock);
    const times = burst(pacer, clock, 35);
    await clock.advance(0);
    assert.equal(times.length, 10);
    await clock.advance(999 + WINDOW_MARGIN_MS);
    assert.equal(times.length, 10, 'the window lasts one second plus the margin');
    await clock.advance(1);
    assert.equal(times.length, 20);
    await clock.advance(2100);
    assert.equal(times.length, 35);
    assert.equal(maxInWindow(times, 1000 + WINDOW_MARGIN_MS), 10);
    assert.ok(WINDOW_MARGIN_MS >= 20, 'a margin for arrival jitter');
  });

  test('fractional rates: a burst of floor(rate) (at least 1) per floor(rate)/rate seconds', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ requestsPerSecond: 2.5, maxConcurrentRequests: 10 }, clock);
    const times = burst(pacer, clock, 5);
    await clock.advance(5000);
    const m = WINDOW_MARGIN_MS;
    assert.deepEqual(times, [0, 0, 800 + m, 800 + m, 1600 + 2 * m]);
    const slow = new Pacer({ requestsPerSecond: 0.5, maxConcurrentRequests: 10 }, clock);
    const start = clock.now();
    const slowTimes = burst(slow, clock, 3);
    await clock.advance(5000);
    assert.deepEqual(slowTimes.map((t) => t - start), [0, 2000 + m, 4000 + 2 * m]);
  });

  test('at most maxConcurrentRequests in flight; a release lets the next one in', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ requestsPerSecond: 1000, maxConcurrentRequests: 2 }, clock);
    const releases: Array<() => void> = [];
    for (let i = 0; i < 5; i++) void pacer.acquire().then((r) => releases.push(r));
    await clock.advance(100);
    assert.equal(releases.length, 2);
    assert.equal(pacer.state().inFlight, 2);
    assert.equal(pacer.state().queued, 3);
    releases[0]();
    releases[0]();
    await clock.advance(100);
    assert.equal(releases.length, 3);
    assert.equal(pacer.state().inFlight, 2, 'a double release counts once');
  });

  test('a 429 pauses everyone, halves the rate (once per second, floor 1) and recovers 10% per 5 s', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ requestsPerSecond: 10, maxConcurrentRequests: 10 }, clock);
    pacer.rateLimited(3000);
    pacer.rateLimited(3000);
    assert.equal(pacer.state().requestsPerSecond, 5, 'two 429s at once halve once');
    assert.equal(pacer.state().pausedUntil, 3000);
    const times = burst(pacer, clock, 6);
    await clock.advance(2999);
    assert.equal(times.length, 0);
    await clock.advance(1);
    assert.deepEqual(times, [3000, 3000, 3000, 3000, 3000]);
    await clock.advance(1000 + WINDOW_MARGIN_MS);
    assert.equal(times.length, 6);
    for (let i = 0; i < 6; i++) {
      await clock.advance(1000);
      pacer.rateLimited(0);
    }
    assert.equal(pacer.state().requestsPerSecond, 1, 'never below 1 req/s');
    await clock.advance(5000);
    assert.equal(pacer.state().requestsPerSecond, 1.1);
    await clock.advance(15000);
    assert.ok(Math.abs(pacer.state().requestsPerSecond - 1.1 ** 4) < 1e-9);
    await clock.advance(60_000 * 5);
    assert.equal(pacer.state().requestsPerSecond, 10, 'back to the configured rate, not above');
  });

  test('an aborted waiter leaves the queue; the others keep their turn', async () => {
    const clock = new FakeClock();
    const pacer = new Pacer({ requestsPerSecond: 1, maxConcurrentRequests: 10 }, clock);
    const controller = new AbortController();
    const order: string[] = [];
    void pacer.acquire().then(() => order.push('a'));
    const b = pacer.acquire(controller.signal).then(() => order.push('b'), (e: Error) => order.push(`b:${e.name}`));
    void pacer.acquire().then(() => order.push('c'));
    await clock.advance(10);
    controller.abort();
    await b;
    await clock.advance(1000 + WINDOW_MARGIN_MS);
    assert.deepEqual(order, ['a', 'b:AbortError', 'c']);
    await assert.rejects(pacer.acquire(controller.signal), { name: 'AbortError' });
    await flush();
  });
});

describe('pacer (real requests)', () => {
  test('20 requests at 10 req/s: 10 are sent at once, the 11th only once the second is over', async () => {
    // The pacer on a manual clock, the requests real: what is sent is counted where it arrives, and every wait is
    // on a state (requests arrived, the pacer's queue), never on how fast this machine is.
    const fake = await startFake(() => ({ body: listDoc([event(1)]) }));
    const clock = new FakeClock();
    const { client } = fakeClient(fake, { requestsPerSecond: 10, maxConcurrentRequests: 6, pageSize: 5, clock });
    const all = Promise.all(range(1, 20, (i) => client.listEvents(i)));
    const settled = async (queued: number): Promise<void> => {
      for (const deadline = Date.now() + 30_000; client.rateState().inFlight > 0 || client.rateState().queued !== queued;) {
        assert.ok(Date.now() < deadline, `the pacer never held ${queued} requests back (${fake.requests.length} sent, ${JSON.stringify(client.rateState())})`);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    };
    await settled(10); // ten answered, ten waiting for their slot
    assert.equal(fake.requests.length, 10, 'ten requests in the first second');
    await clock.advance(1000 + WINDOW_MARGIN_MS - 1);
    assert.equal(client.rateState().queued, 10, 'none more before the second (and its margin) is over');
    assert.equal(fake.requests.length, 10);
    await clock.advance(1);
    await settled(0);
    await all;
    assert.equal(fake.requests.length, 20);
    await client.close();
    await fake.close();
  });

  test('concurrency limit is shared by every client of a key; other keys are independent', async () => {
    // The second part holds each request until all six are in (or 5 s pass): a busy machine cannot stagger them.
    let gate: { arrived: number; release: () => void; released: Promise<void> } | undefined = undefined;
    const fake = await startFake(async () => {
      if (gate && ++gate.arrived >= 6) gate.release();
      if (gate) await Promise.race([gate.released, new Promise((r) => setTimeout(r, 5000))]);
      return { body: listDoc([event(1)]), delayMs: 60 };
    });
    const key = uniqueKey();
    const a = fakeClient(fake, { apiKey: key, maxConcurrentRequests: 3, pageSize: 5 });
    const b = fakeClient(fake, { apiKey: key, maxConcurrentRequests: 3, pageSize: 5 });
    await Promise.all([...range(1, 8, (i) => a.client.listEvents(i)), ...range(1, 8, (i) => b.client.listEvents(i))]);
    assert.equal(fake.maxInFlight, 3);
    const other = fakeClient(fake, { maxConcurrentRequests: 3, pageSize: 5 });
    let release = (): void => undefined;
    gate = { arrived: 0, release: () => release(), released: new Promise<void>((r) => (release = r)) };
    await Promise.all([...range(1, 4, (i) => a.client.listEvents(i)), ...range(1, 4, (i) => other.client.listEvents(i))]);
    assert.equal(fake.maxInFlight, 6, 'another key has its own pacer');
    assert.equal(a.client.rateState().inFlight, 0);
    await Promise.all([a.client.close(), b.client.close(), other.client.close()]);
    await fake.close();
  });

  test('a rate shared by two clients of one key: the strictest settings apply while both are open', async () => {
    const fake = await startFake(() => ({ body: listDoc([event(1)]) }));
    const key = uniqueKey();
    const fast = fakeClient(fake, { apiKey: key, requestsPerSecond: 100, pageSize: 5 });
    const slow = fakeClient(fake, { apiKey: key, requestsPerSecond: 4, pageSize: 5 });
    assert.equal(fast.client.rateState().requestsPerSecond, 4);
    await Promise.all(range(1, 4, (i) => (i % 2 ? fast : slow).client.listEvents(i)));
    assert.equal(fast.client.rateState().inFlight, 0);
    await slow.client.close();
    assert.equal(fast.client.rateState().configuredRequestsPerSecond, 100);
    assert.equal(fast.client.rateState().requestsPerSecond, 100);
    await fast.client.close();
    await fake.close();
  });
});
