import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { event, fakeClient, listDoc, range, slice, startFake, type FakeServer } from './helpers/brella-fake.ts';

let fake: FakeServer | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const pageOf = (r: { query: URLSearchParams }) => Number(r.query.get('page[number]'));
const fullPage = (req: { query: URLSearchParams }) => ({ body: listDoc(range(pageOf(req) * 10, pageOf(req) * 10 + 1, slice)) });

async function rejection(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(() => assert.fail('expected a rejection'), (e: unknown) => e);
  assert.ok(error instanceof Error);
  return error;
}

describe('cancellation', () => {
  test('between pages: AbortError and no further request', async () => {
    fake = await startFake(fullPage);
    const { client, logs } = fakeClient(fake, { pageSize: 2 });
    const controller = new AbortController();
    const error = await rejection(client.listSlices(1, 2, 3, {}, {
      signal: controller.signal,
      onPage: (p) => {
        if (p.page === 2) controller.abort();
      },
    }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await client.close();
    assert.equal(error.name, 'AbortError');
    assert.equal(error, controller.signal.reason, 'the signal\'s own AbortError');
    assert.equal(fake.requests.length, 2);
    assert.equal(logs.length, 2);
  });

  test('during a request in flight: rejects promptly, nothing after', async () => {
    fake = await startFake((req) => (pageOf(req) === 2 ? { hang: true } : fullPage(req)));
    const { client, logs } = fakeClient(fake, { pageSize: 2 });
    const controller = new AbortController();
    const promise = client.listSlices(1, 2, 3, {}, { signal: controller.signal });
    while (fake.requests.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
    const started = Date.now();
    controller.abort('user pressed cancel');
    const error = await rejection(promise);
    // The fake never answers page 2: without the abort the client would wait for its 30 s timeout.
    assert.ok(Date.now() - started < 10_000, 'the hanging request was not cut short');
    assert.equal(error.name, 'AbortError', 'a string reason becomes a DOMException AbortError');
    assert.ok(error instanceof DOMException);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(fake.requests.length, 2);
    assert.equal(logs.at(-1)?.error, 'cancelled');
    await client.close();
  });

  test('while waiting for the pacer: the request is never sent', async () => {
    fake = await startFake(() => ({ body: listDoc([event(1)]) }));
    const { client } = fakeClient(fake, { requestsPerSecond: 1 });
    await client.listEvents(1);
    const controller = new AbortController();
    const waiting = client.listEvents(2, { signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(client.rateState().queued, 1);
    controller.abort();
    assert.equal((await rejection(waiting)).name, 'AbortError');
    assert.equal(client.rateState().queued, 0);
    assert.equal(fake.requests.length, 1);
    await client.close();
  });

  test('during a retry backoff, and when already aborted', async () => {
    fake = await startFake(() => ({ status: 503 }));
    const { client } = fakeClient(fake, { backoffBaseMs: 10_000 });
    const controller = new AbortController();
    const promise = client.listEvents(1, { signal: controller.signal });
    while (fake.requests.length < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 30));
    controller.abort();
    assert.equal((await rejection(promise)).name, 'AbortError');
    assert.equal(fake.requests.length, 1);
    const reason = new DOMException('gone', 'AbortError');
    const pre = await rejection(client.getEvent(1, 2, { signal: AbortSignal.abort(reason) }));
    assert.equal(pre, reason);
    assert.equal(fake.requests.length, 1);
    await client.close();
  });
});
