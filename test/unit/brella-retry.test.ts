import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { BrellaRateLimitError, BrellaServerError, BrellaTimeoutError, type RequestLogEntry } from '../../src/brella/index.ts';
import { event, everythingSaid, fakeClient, listDoc, startFake, uniqueKey, type FakeReply, type FakeServer } from './helpers/brella-fake.ts';

const said: unknown[] = [];
afterEach(() => {
  assert.ok(!everythingSaid(said).includes('SECRET123'), 'the key leaked into an error or a log line');
});

const ok: FakeReply = { body: listDoc([event(1)]) };
const gapsOf = (f: { requests: FakeServer['requests'] }) => f.requests.slice(1).map((r, i) => r.at - f.requests[i].at);

/** One listEvents against a fake answering `replies` in turn; the fake is closed before returning. */
async function run(replies: Parameters<typeof startFake>[0], options: Parameters<typeof fakeClient>[1] = {}) {
  const fake = await startFake(replies);
  const { client, logs } = fakeClient(fake, options);
  const result = await client.listEvents(1).then((v) => ({ value: v, error: undefined }), (error: unknown) => ({ value: undefined, error }));
  const state = client.rateState();
  await client.close();
  await fake.close();
  said.push(result.error, ...logs);
  return { ...result, logs, state, requests: fake.requests, gaps: gapsOf(fake) };
}

/**
 * A `status` whose Retry-After is an HTTP date (whole seconds) 1.5 to 2.5 s after the fake answers: the client waits
 * until then, and then succeeds. The date is written when the request arrives, not before the client is made, so
 * a slow start of the client cannot put it in the past.
 */
async function assertHttpDateHonored(status: number): Promise<void> {
  const r = await run((_req, i) => (i === 0 ? { status, headers: { 'retry-after': new Date(Date.now() + 2500).toUTCString() } } : ok));
  assert.equal(r.error, undefined);
  const wait = r.logs[0].waitMs!;
  assert.ok(wait > 400 && wait <= 2500, `waitMs ${wait} after a ${status}`);
  assert.ok(r.gaps[0] >= wait - 20, `waited ${r.gaps[0]} ms for ${wait}`);
}

/**
 * Two clients of one key: the first is answered `status` with Retry-After: 1, and the second, asking after that
 * answer has arrived, waits for the pause too.
 */
async function assertOtherClientWaits(status: number): Promise<void> {
  const fake = await startFake((_req, i) => (i === 0 ? { status, headers: { 'retry-after': '1' } } : ok));
  const key = uniqueKey();
  const a = fakeClient(fake, { apiKey: key });
  const b = fakeClient(fake, { apiKey: key });
  const first = a.client.listEvents(1);
  while (a.logs.length === 0) await new Promise((resolve) => setTimeout(resolve, 5)); // the answer has arrived
  const started = Date.now();
  await b.client.listEvents(2);
  const waited = Date.now() - started;
  await first;
  await Promise.all([a.client.close(), b.client.close()]);
  await fake.close();
  said.push(...a.logs, ...b.logs);
  assert.ok(waited >= 900, `the other client waited only ${waited} ms after a ${status}`);
}

describe('retries', { concurrency: true }, () => {
  test('5xx are retried with backoff, then succeed; one log line per exchange', async () => {
    const r = await run([{ status: 503 }, { status: 502, raw: 'bad gateway' }, ok], { backoffBaseMs: 40 });
    assert.equal(r.error, undefined);
    assert.equal(r.value?.items.length, 1);
    assert.equal(r.requests.length, 3);
    assert.deepEqual(r.logs.map((l) => [l.status, l.retries, l.willRetry]), [[503, 0, true], [502, 1, true], [200, 2, false]]);
    const [first, second] = r.logs.map((l) => l.waitMs);
    assert.ok(first! >= 20 && first! <= 40, `first backoff ${first}`);
    assert.ok(second! >= 40 && second! <= 80, `second backoff ${second}`);
    const [g1, g2] = r.gaps;
    assert.ok(g1 >= 18 && g2 >= 38, `gaps ${g1} ${g2}`);
    for (const line of r.logs) {
      assert.equal(line.method, 'GET');
      assert.equal(line.path, '/api/integration/organizations/1/events?page%5Bsize%5D=500&page%5Bnumber%5D=1');
      assert.equal(typeof line.ms, 'number');
    }
  });

  test('retries are bounded by `retries`', async () => {
    const r = await run([{ status: 500 }], { retries: 2 });
    assert.ok(r.error instanceof BrellaServerError);
    assert.equal(r.requests.length, 3);
    assert.match((r.error as Error).message, /still after 2 retries/);
    const none = await run([{ status: 500 }], { retries: 0 });
    assert.equal(none.requests.length, 1);
  });

  test('4xx are not retried', async () => {
    for (const status of [400, 403, 404, 406, 422]) {
      const r = await run([{ status }, ok]);
      assert.equal(r.requests.length, 1, `status ${status}`);
    }
  });

  test('dropped connections are retried', async () => {
    const r = await run([{ destroy: true }, { destroy: true }, ok]);
    assert.equal(r.error, undefined);
    assert.equal(r.requests.length, 3);
    assert.match(r.logs[0].error ?? '', /^(UND_ERR_SOCKET|ECONNRESET)/);
    assert.equal(r.logs[0].status, undefined);
  });
});

describe('429', { concurrency: true }, () => {
  test('Retry-After in seconds is honored, and the rate is halved', async () => {
    const r = await run([{ status: 429, headers: { 'retry-after': '1' } }, ok], { requestsPerSecond: 8 });
    assert.equal(r.error, undefined);
    assert.equal(r.logs[0].waitMs, 1000);
    assert.ok(r.gaps[0] >= 980, `waited ${r.gaps[0]} ms`);
    assert.equal(r.state.requestsPerSecond, 4);
    assert.equal(r.state.configuredRequestsPerSecond, 8);
  });

  test('Retry-After as an HTTP date is honored', async () => {
    await assertHttpDateHonored(429);
  });

  test('without Retry-After: exponential backoff, then BrellaRateLimitError after the retries', async () => {
    const r = await run([{ status: 429 }], { retries: 3, backoffBaseMs: 20 });
    assert.ok(r.error instanceof BrellaRateLimitError);
    assert.equal(r.requests.length, 4);
    const waits = r.logs.slice(0, 3).map((l) => l.waitMs!);
    waits.forEach((w, i) => assert.ok(w >= 10 * 2 ** i && w <= 20 * 2 ** i, `wait ${i}: ${w}`));
    assert.equal(r.logs[3].willRetry, false);
    assert.equal(r.error.retryAfterMs, undefined);
    assert.ok(r.state.requestsPerSecond < 1000);
  });

  test('a Retry-After longer than the client waits fails at once', async () => {
    const r = await run([{ status: 429, headers: { 'retry-after': '3600' } }, ok], { maxRetryAfterMs: 5000 });
    assert.ok(r.error instanceof BrellaRateLimitError);
    assert.equal(r.error.retryAfterMs, 3_600_000);
    assert.match(r.error.message, /it asks to wait 3600 s \(Retry-After\), longer than this client waits/);
    assert.equal(r.requests.length, 1);
  });

  test('a Retry-After pauses every client of the key', async () => {
    await assertOtherClientWaits(429);
  });
});

describe('503 with Retry-After', { concurrency: true }, () => {
  test('Retry-After in seconds is honored, the rate is left as it is', async () => {
    const r = await run([{ status: 503, headers: { 'retry-after': '1' } }, ok], { requestsPerSecond: 8 });
    assert.equal(r.error, undefined);
    assert.equal(r.logs[0].status, 503);
    assert.equal(r.logs[0].waitMs, 1000);
    assert.ok(r.gaps[0] >= 980, `waited ${r.gaps[0]} ms`);
    assert.equal(r.state.requestsPerSecond, 8);
  });

  test('Retry-After as an HTTP date is honored', async () => {
    await assertHttpDateHonored(503);
  });

  test('a Retry-After longer than the client waits fails at once, saying so', async () => {
    const r = await run([{ status: 503, headers: { 'retry-after': '600' } }, ok], { maxRetryAfterMs: 5000 });
    assert.ok(r.error instanceof BrellaServerError, String(r.error));
    assert.equal(r.requests.length, 1);
    assert.match(r.error.message, /^Brella is unavailable \(503\) at GET \S+ and asks to wait 600 s \(Retry-After\), longer than this client waits\. Try again later\.$/);
  });

  test('other 5xx keep the backoff; a 503 Retry-After pauses every client of the key', async () => {
    await assertOtherClientWaits(503);
    const other = await run([{ status: 502, headers: { 'retry-after': '1' } }, ok], { backoffBaseMs: 5 });
    assert.ok(other.logs[0].waitMs! <= 5, `a 502 waited ${other.logs[0].waitMs} ms`);
  });
});

describe('timeouts', { concurrency: true }, () => {
  test('a slow answer times out, is retried, and ends as BrellaTimeoutError', async () => {
    const r = await run([{ hang: true }], { timeoutMs: 150, retries: 1 });
    assert.ok(r.error instanceof BrellaTimeoutError, String(r.error));
    assert.equal(r.requests.length, 2);
    // No setting named by the caller: the message promises none.
    assert.match(r.error.message, /^Brella did not answer GET \/api\/integration\/organizations\/1\/events\?\S+ within 0\.2 s \(tried 2 times\)\. Brella or the network is slow right now; try again later\.$/);
    assert.doesNotMatch(r.error.message, /raise/);
    assert.deepEqual(r.logs.map((l: RequestLogEntry) => [l.error?.startsWith('timeout after 150 ms'), l.willRetry]), [[true, true], [true, false]]);
    assert.ok(r.logs[0].ms >= 140, `timed out after ${r.logs[0].ms} ms`);
  });

  test('the timeout message names the setting that holds it, when the caller says which', async () => {
    const r = await run([{ hang: true }], { timeoutMs: 100, retries: 0, timeoutSetting: 'brella.requestTimeoutSeconds' });
    assert.ok(r.error instanceof BrellaTimeoutError, String(r.error));
    assert.equal(r.error.timeoutMs, 100);
    assert.match(r.error.message, /within 0\.1 s \(tried once\)\. Try again later, or raise the setting brella\.requestTimeoutSeconds\.$/);
  });

  test('a body that stalls halfway also times out; a later attempt can succeed', async () => {
    const fake = await startFake((_req, i) => (i === 0 ? { stallAfter: '{"data": [' } : ok));
    const { client, logs } = fakeClient(fake, { timeoutMs: 120 });
    const list = await client.listEvents(1);
    await client.close();
    await fake.close();
    said.push(...logs);
    assert.equal(list.items.length, 1);
    assert.equal(logs.length, 2);
    assert.match(logs[0].error ?? '', /^timeout after 120 ms/);
    assert.ok(logs[0].ms >= 110);
  });
});
