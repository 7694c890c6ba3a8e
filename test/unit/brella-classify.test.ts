/**
 * isKeyError, isBlocked, waitAskedUntil and isServerFailure on the errors the client really throws, answered by
 * a local stand-in for Brella: callers decide "replace the key", "check the network", "come back at …" or
 * "try again later" from these, never from status numbers.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import {
  BrellaAuthError,
  BrellaBlockedError,
  BrellaNetworkError,
  BrellaRateLimitError,
  BrellaResponseError,
  BrellaServerError,
  BrellaTimeoutError,
  DEFAULT_MAX_RETRY_AFTER_MS,
  isBlocked,
  isKeyError,
  isServerFailure,
  waitAskedUntil,
} from '../../src/brella/index.ts';
import { cloudflareBlockResponse } from '../../src/demo/faults.ts';
import { failedRun } from '../../src/features/kit/failure.ts';
import { FakeClock, event, everythingSaid, fakeClient, listDoc, startFake, type FakeReply } from './helpers/brella-fake.ts';

const HOUR = 3_600_000;
const said: unknown[] = [];
afterEach(() => {
  assert.ok(!everythingSaid(said).includes('SECRET123'), 'the key leaked into an error or a log line');
});

const ok: FakeReply = { body: listDoc([event(1)]) };

/** One listEvents against a fake answering `replies` in turn: the error it failed with, and how long it took. */
async function failWith(replies: FakeReply[], options: Parameters<typeof fakeClient>[1] = {}) {
  const fake = await startFake(replies);
  const { client, logs } = fakeClient(fake, options);
  const started = Date.now();
  const error: unknown = await client.listEvents(1).then(() => undefined, (e: unknown) => e);
  const elapsedMs = Date.now() - started;
  await client.close();
  await fake.close();
  said.push(error, ...logs);
  assert.ok(error !== undefined, 'the request was expected to fail');
  return { error, elapsedMs, requests: fake.requests.length, logs };
}

/** Which of the four predicates hold, as one comparable value. */
function kinds(error: unknown) {
  return { key: isKeyError(error), blocked: isBlocked(error), wait: waitAskedUntil(error) !== undefined, server: isServerFailure(error) };
}

function assertAbout(actual: Date | undefined, expected: number, slackMs: number): void {
  assert.ok(actual instanceof Date, `expected a Date, got ${String(actual)}`);
  assert.ok(Math.abs(actual.getTime() - expected) <= slackMs, `${actual.toISOString()} is not within ${slackMs} ms of ${new Date(expected).toISOString()}`);
}

describe('a Retry-After longer than the client waits', { concurrency: true }, () => {
  test('503 with Retry-After: 3600 → BrellaServerError carrying the wait, not waited for', async () => {
    const r = await failWith([{ status: 503, headers: { 'retry-after': '3600' } }, ok]);
    const now = Date.now();
    assert.ok(r.error instanceof BrellaServerError, String(r.error));
    assert.equal(r.error.status, 503);
    assert.equal(r.error.retryAfterMs, HOUR);
    assert.equal(r.error.maxRetryAfterMs, DEFAULT_MAX_RETRY_AFTER_MS);
    assert.match(r.error.message, /asks to wait 3600 s \(Retry-After\), longer than this client waits/);
    assert.equal(r.requests, 1, 'not retried');
    assert.ok(r.elapsedMs < 10_000, `the client waited ${r.elapsedMs} ms`); // of the hour asked
    assertAbout(waitAskedUntil(r.error), now + HOUR, 5000);
    assert.deepEqual(waitAskedUntil(r.error, 1_000), new Date(1_000 + HOUR));
    assert.deepEqual(kinds(r.error), { key: false, blocked: false, wait: true, server: true });
  });

  test('429 with Retry-After: 3600 → BrellaRateLimitError carrying the wait, not waited for', async () => {
    const r = await failWith([{ status: 429, headers: { 'retry-after': '3600' } }, ok]);
    const now = Date.now();
    assert.ok(r.error instanceof BrellaRateLimitError, String(r.error));
    assert.equal(r.error.retryAfterMs, HOUR);
    assert.equal(r.error.maxRetryAfterMs, DEFAULT_MAX_RETRY_AFTER_MS);
    assert.equal(r.requests, 1, 'not retried');
    assert.ok(r.elapsedMs < 10_000, `the client waited ${r.elapsedMs} ms`); // of the hour asked
    assertAbout(waitAskedUntil(r.error), now + HOUR, 5000);
    assert.deepEqual(waitAskedUntil(r.error, 1_000), new Date(1_000 + HOUR));
    assert.deepEqual(kinds(r.error), { key: false, blocked: false, wait: true, server: false });
  });

  for (const status of [503, 429]) {
    test(`${status} with Retry-After: 3600 on a fake clock: the call settles while the clock stands still`, async () => {
      const clock = new FakeClock();
      clock.time = Date.UTC(2025, 0, 8, 12);
      const fake = await startFake([{ status, headers: { 'retry-after': '3600' } }, ok]);
      const { client, logs } = fakeClient(fake, { clock });
      // Were the client to wait, it would wait on the fake clock, which nothing moves: the call would never settle.
      const error: unknown = await Promise.race([
        client.listEvents(1).then(() => 'succeeded', (e: unknown) => e),
        new Promise((resolve) => setTimeout(() => resolve('still waiting'), 5000).unref()),
      ]);
      await client.close();
      await fake.close();
      said.push(error, ...logs);
      assert.ok(error instanceof BrellaServerError || error instanceof BrellaRateLimitError, String(error));
      assert.equal(error.retryAfterMs, HOUR);
      assert.equal(fake.requests.length, 1);
      assert.deepEqual(waitAskedUntil(error, clock.now()), new Date(Date.UTC(2025, 0, 8, 13)));
    });
  }

  test('503 with Retry-After as an HTTP date two hours ahead: waitAskedUntil is that date', async () => {
    const until = Math.floor(Date.now() / 1000) * 1000 + 2 * HOUR;
    const r = await failWith([{ status: 503, headers: { 'retry-after': new Date(until).toUTCString() } }]);
    assert.ok(r.error instanceof BrellaServerError, String(r.error));
    assert.equal(r.requests, 1);
    assertAbout(waitAskedUntil(r.error), until, 2000);
  });

  test('"longer than the client waits" is the client\'s own maxRetryAfterMs', async () => {
    const r = await failWith([{ status: 503, headers: { 'retry-after': '10' } }], { maxRetryAfterMs: 5000 });
    assert.ok(r.error instanceof BrellaServerError, String(r.error));
    assert.equal(r.error.retryAfterMs, 10_000);
    assert.equal(r.error.maxRetryAfterMs, 5000);
    assert.deepEqual(waitAskedUntil(r.error, 0), new Date(10_000));
    const limited = await failWith([{ status: 429, headers: { 'retry-after': '10' } }], { maxRetryAfterMs: 5000 });
    assert.ok(limited.error instanceof BrellaRateLimitError, String(limited.error));
    assert.deepEqual(waitAskedUntil(limited.error, 0), new Date(10_000));
    // An error made elsewhere, with no client's maximum on it: the default maximum (60 s) decides.
    assert.equal(waitAskedUntil(new BrellaRateLimitError('m', '/p', 90_000, 120_000), 0), undefined);
    assert.deepEqual(waitAskedUntil(new BrellaRateLimitError('m', '/p', 90_000), 0), new Date(90_000));
    assert.equal(waitAskedUntil(new BrellaServerError('m', { status: 503, retryAfterMs: 60_000 }), 0), undefined);
    assert.deepEqual(waitAskedUntil(new BrellaServerError('m', { status: 503, retryAfterMs: 60_001 }), 0), new Date(60_001));
  });
});

describe('a short Retry-After the client honoured, or none', { concurrency: true }, () => {
  test('429 that persisted through its retries: no waitAskedUntil', async () => {
    const r = await failWith([{ status: 429, headers: { 'retry-after': '0' } }], { retries: 1 });
    assert.ok(r.error instanceof BrellaRateLimitError, String(r.error));
    assert.equal(r.requests, 2);
    assert.equal(r.error.retryAfterMs, 0);
    assert.deepEqual(kinds(r.error), { key: false, blocked: false, wait: false, server: false });
    const none = await failWith([{ status: 429 }], { retries: 0 });
    assert.ok(none.error instanceof BrellaRateLimitError);
    assert.equal(none.error.retryAfterMs, undefined);
    assert.equal(waitAskedUntil(none.error), undefined);
  });

  test('503 that persisted through its retries: a server failure, with the Retry-After it last named', async () => {
    const r = await failWith([{ status: 503, headers: { 'retry-after': '0' } }], { retries: 1 });
    assert.ok(r.error instanceof BrellaServerError, String(r.error));
    assert.equal(r.requests, 2);
    assert.equal(r.error.retryAfterMs, 0);
    assert.match(r.error.message, /still after 1 retry/);
    assert.deepEqual(kinds(r.error), { key: false, blocked: false, wait: false, server: true });
    const plain = await failWith([{ status: 500 }], { retries: 0 });
    assert.ok(plain.error instanceof BrellaServerError);
    assert.equal(plain.error.retryAfterMs, undefined);
    assert.deepEqual(kinds(plain.error), { key: false, blocked: false, wait: false, server: true });
  });
});

describe('403: a block in front of Brella, or Brella refusing the key', { concurrency: true }, () => {
  for (const kind of ['html', 'error-1010', 'browser-signature-banned'] as const) {
    test(`Cloudflare's 403 (${kind}) is a block, not a key error`, async () => {
      const page = cloudflareBlockResponse(kind);
      const r = await failWith([{ status: 403, headers: { ...page.headers }, raw: page.body }]);
      assert.ok(r.error instanceof BrellaBlockedError, String(r.error));
      assert.equal(r.error.status, undefined);
      assert.equal(r.error.httpStatus, 403);
      assert.deepEqual(kinds(r.error), { key: false, blocked: true, wait: false, server: false });
      assert.deepEqual(failedRun(r.error, 'retry').actions, ['retry', 'showLog']);
    });
  }

  test('Brella\'s own 403 (JSON:API) is a key error', async () => {
    const r = await failWith([{ status: 403, body: { errors: [{ status: '403', title: 'Forbidden', detail: 'Invalid API key' }] } }]);
    assert.ok(r.error instanceof BrellaAuthError, String(r.error));
    assert.equal(r.error.status, 403);
    assert.deepEqual(kinds(r.error), { key: true, blocked: false, wait: false, server: false });
    assert.deepEqual(failedRun(r.error, 'retry').actions, ['setApiKey', 'retry', 'showLog']);
  });

  test('Brella\'s 403 with no body, through Cloudflare\'s headers, and a 401 are key errors', async () => {
    const empty = await failWith([{ status: 403, headers: { server: 'cloudflare', 'cf-ray': '8c1f-AMS' }, raw: '' }]);
    assert.ok(empty.error instanceof BrellaAuthError, String(empty.error));
    assert.equal(isKeyError(empty.error), true);
    assert.equal(isBlocked(empty.error), false);
    const unauthorized = await failWith([{ status: 401, body: { errors: [{ title: 'Unauthorized' }] } }]);
    assert.ok(unauthorized.error instanceof BrellaAuthError, String(unauthorized.error));
    assert.deepEqual(kinds(unauthorized.error), { key: true, blocked: false, wait: false, server: false });
  });
});

describe('isServerFailure', { concurrency: true }, () => {
  test('a dropped connection, no answer in time, a garbled or too large answer', async () => {
    const dropped = await failWith([{ destroy: true }], { retries: 0 });
    assert.ok(dropped.error instanceof BrellaNetworkError, String(dropped.error));
    const slow = await failWith([{ hang: true }], { retries: 0, timeoutMs: 100 });
    assert.ok(slow.error instanceof BrellaTimeoutError, String(slow.error));
    const garbled = await failWith([{ raw: '{"data": [' }], { retries: 0 });
    assert.ok(garbled.error instanceof BrellaResponseError, String(garbled.error));
    const shape = await failWith([{ body: { data: 'not a list' } }], { retries: 0 });
    assert.ok(shape.error instanceof BrellaResponseError, String(shape.error));
    const large = await failWith([{ body: listDoc([event(1, { name: 'x'.repeat(5000) })]) }], { retries: 0, maxPageBytes: 1024 });
    assert.ok(large.error instanceof BrellaResponseError, String(large.error));
    for (const r of [dropped, slow, garbled, shape, large]) {
      assert.deepEqual(kinds(r.error), { key: false, blocked: false, wait: false, server: true }, String(r.error));
      assert.deepEqual(failedRun(r.error, 'retry').actions, ['retry', 'showLog']);
    }
  });

  test('a refused connection', async () => {
    const fake = await startFake([ok]);
    await fake.close();
    const { client, logs } = fakeClient(fake, { retries: 0 });
    const error: unknown = await client.listEvents(1).then(() => undefined, (e: unknown) => e);
    await client.close();
    said.push(error, ...logs);
    assert.ok(error instanceof BrellaNetworkError, String(error));
    assert.deepEqual(kinds(error), { key: false, blocked: false, wait: false, server: true });
  });

  test('not for the request\'s or the setup\'s fault: 400, 404, 422, a redirect, an unexpected status', async () => {
    for (const reply of [
      { status: 400, body: { errors: [{ detail: 'bad filter' }] } },
      { status: 404 },
      { status: 422, body: { errors: [{ detail: 'invalid' }] } },
      { status: 302, headers: { location: 'https://elsewhere.example/' } },
      { status: 418, raw: 'teapot' },
    ] as FakeReply[]) {
      const r = await failWith([reply], { retries: 0 });
      assert.deepEqual(kinds(r.error), { key: false, blocked: false, wait: false, server: false }, `${reply.status}: ${String(r.error)}`);
    }
  });
});

describe('anything else', () => {
  test('errors not from the client', () => {
    for (const value of [undefined, null, 'text', 403, new Error('boom'), new DOMException('cancelled', 'AbortError')]) {
      assert.deepEqual(kinds(value), { key: false, blocked: false, wait: false, server: false }, String(value));
    }
  });

  test('an error carrying Brella\'s status 401/403 counts as a key error, as it did where statuses were read', () => {
    assert.equal(isKeyError(Object.assign(new Error('refused'), { status: 403 })), true);
    assert.equal(isKeyError(Object.assign(new Error('refused'), { status: 401 })), true);
    assert.equal(isKeyError(Object.assign(new Error('nope'), { status: 404 })), false);
  });
});
