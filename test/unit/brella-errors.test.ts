import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { after, before, describe, test } from 'node:test';
import {
  BrellaAuthError,
  BrellaBadRequestError,
  BrellaConfigError,
  BrellaError,
  BrellaInvalidIdError,
  BrellaNetworkError,
  BrellaNotAcceptableError,
  BrellaNotFoundError,
  BrellaRateLimitError,
  BrellaResponseError,
  BrellaServerError,
  BrellaUnprocessableError,
  DEFAULT_USER_AGENT,
  createBrellaClient,
  redact,
} from '../../src/brella/index.ts';
import { SECRET, everythingSaid, fakeClient, startFake, type FakeReply, type FakeRequest, type FakeServer } from './helpers/brella-fake.ts';

let reply: FakeReply = {};
let replyFor: ((req: FakeRequest) => FakeReply) | undefined;
let fake: FakeServer;
const said: unknown[] = [];
before(async () => {
  fake = await startFake((req) => replyFor?.(req) ?? reply);
});
after(async () => {
  await fake.close();
  const text = everythingSaid(said);
  assert.ok(said.length > 40, `checked ${said.length} errors and log lines`);
  assert.ok(!text.includes('SECRET123'), 'the key leaked into an error or a log line');
});

async function fail(r: FakeReply, call: 'events' | 'event' | 'slices' = 'slices'): Promise<BrellaError> {
  reply = r;
  const { client, logs } = fakeClient(fake, { retries: 1 });
  const promise = call === 'events' ? client.listEvents(11) : call === 'event' ? client.getEvent(11, 22) : client.listSlices(11, 22, 33);
  const error = await promise.then(() => assert.fail('expected a rejection'), (e: unknown) => e);
  await client.close();
  said.push(error, inspect(error, { depth: 6 }), ...logs);
  assert.ok(error instanceof BrellaError, String(error));
  return error;
}

const errorBody = (detail: string, title = 'Error') => ({ errors: [{ status: '400', title, detail }] });

describe('requests', () => {
  test('exactly the documented headers, the key in its header only', async () => {
    reply = { body: { data: [] } };
    const { client, key } = fakeClient(fake);
    await client.listSlices(1, 2, 3, { tracking_type: 'time_spent' });
    await client.close();
    const { headers, url } = fake.requests.at(-1)!;
    assert.equal(headers['brella-api-access-token'], key);
    assert.equal(headers.accept, 'application/vnd.brella.v4+json');
    assert.equal(headers['content-type'], 'application/json');
    assert.equal(headers['user-agent'], DEFAULT_USER_AGENT);
    assert.ok(!url.includes('SECRET'));
  });
});

describe('error statuses', () => {
  test('400 carries the API\'s own detail', async () => {
    const e = await fail({ status: 400, body: { errors: [{ title: 'Bad Request', detail: 'start_from is invalid' }, { title: 'Only title' }] } });
    assert.ok(e instanceof BrellaBadRequestError);
    assert.equal(e.status, 400);
    assert.deepEqual(e.details, ['start_from is invalid', 'Only title']);
    assert.match(e.message, /^Brella rejected GET \/api\/integration\/organizations\/11\/events\/22\/attendees\/33\/tracking_session_slices\?page%5Bsize%5D=500&page%5Bnumber%5D=1 as a bad request: start_from is invalid; Only title\. Check the filter values\.$/);
    const bare = await fail({ status: 400, raw: '' });
    assert.match(bare.message, /as a bad request \(no details given\)/);
  });

  test('403 (and 401): the exact key message naming the organization', async () => {
    for (const status of [403, 401]) {
      const e = await fail({ status, body: errorBody('nope') }, 'events');
      assert.ok(e instanceof BrellaAuthError);
      assert.equal(e.name, 'BrellaAuthError');
      assert.equal(e.message, 'Brella refused the API key for organization 11: it is wrong, revoked, or its owner is not an org admin.');
      assert.equal(e.status, status);
      assert.equal(e.organizationId, '11');
    }
  });

  test('404 names the ids to check and the other-organization case', async () => {
    const e = await fail({ status: 404, raw: '' });
    assert.ok(e instanceof BrellaNotFoundError);
    assert.match(e.message, /^Brella found nothing at GET \/api\/integration\/organizations\/11\/events\/22\/attendees\/33\/tracking_session_slices\?\S+: check organization 11, event 22 and attendee 33 \(an event that belongs to another organization also answers 404\)\.$/);
    const ev = await fail({ status: 404, raw: '' }, 'event');
    assert.match(ev.message, /check organization 11 and event 22 \(/);
    const org = await fail({ status: 404, raw: '' }, 'events');
    assert.match(org.message, /check organization 11 \(/);
  });

  test('406 and 422', async () => {
    const e406 = await fail({ status: 406, body: errorBody('Unsupported version', 'Not Acceptable') });
    assert.ok(e406 instanceof BrellaNotAcceptableError);
    assert.match(e406.message, /refused the API version this client asks for \(Accept: application\/vnd\.brella\.v4\+json\) at GET .*: Unsupported version\. The API may have changed/);
    const e422 = await fail({ status: 422, body: errorBody('duration must be positive') });
    assert.ok(e422 instanceof BrellaUnprocessableError);
    assert.deepEqual(e422.details, ['duration must be positive']);
    assert.match(e422.message, /^Brella could not process GET .*: duration must be positive\. Check the filter values\.$/);
  });

  test('429 and 5xx after retries', async () => {
    const rate = await fail({ status: 429 });
    assert.ok(rate instanceof BrellaRateLimitError);
    assert.match(rate.message, /^Brella is rate limiting this API key \(429\) at GET .*: still after 1 retry\. Wait a minute and try again, or lower the request rate\.$/);
    for (const status of [500, 502, 503, 504]) {
      const e = await fail({ status, raw: 'oops' });
      assert.ok(e instanceof BrellaServerError);
      assert.equal(e.status, status);
      assert.match(e.message, new RegExp(`^Brella had a server error \\(${status}\\) at GET .*, still after 1 retry\\. Try again later\\.$`));
    }
  });

  test('unexpected statuses are BrellaResponseError with an excerpt', async () => {
    const e = await fail({ status: 418, raw: 'I am a teapot' });
    assert.ok(e instanceof BrellaResponseError);
    assert.match(e.message, /unexpected status 418: I am a teapot\.$/);
  });

  test('bodies echoing the key are redacted everywhere', async () => {
    const cases: Array<(key: string) => FakeReply> = [
      (key) => ({ status: 400, body: errorBody(`key ${key} is malformed`) }),
      (key) => ({ status: 422, body: { errors: [{ title: `bad ${encodeURIComponent(key)}` }] } }),
      (key) => ({ status: 418, raw: `teapot ${key}` }),
      (key) => ({ status: 200, raw: `<html>${key}</html>` }),
      (key) => ({ status: 200, body: { data: [{ id: '1', type: 'x', attributes: { 'tracking-type': key } }] } }),
    ];
    for (const make of cases) {
      replyFor = (req) => make(String(req.headers['brella-api-access-token']));
      const { client, logs } = fakeClient(fake, { retries: 0 });
      const error = await client.listSlices(1, 2, 3).then(() => assert.fail('expected a rejection'), (e: unknown) => e);
      await client.close();
      said.push(error, inspect(error, { depth: 6 }), ...logs);
      assert.match((error as Error).message, /\*\*\*/);
    }
    replyFor = undefined;
    assert.equal(redact(`a ${SECRET} b ${encodeURIComponent(`${SECRET}/+`)}`, SECRET), 'a *** b ***%2F%2B');
    assert.equal(redact(`x ${SECRET}/+ y ${encodeURIComponent(`${SECRET}/+`)}`, `${SECRET}/+`), 'x *** y ***');
  });
});

describe('refused before any request', () => {
  test('bad ids and bad filters reject without a request', async () => {
    const before = fake.requests.length;
    const { client } = fakeClient(fake);
    await assert.rejects(client.listSlices(0, 1, 1), BrellaInvalidIdError);
    await assert.rejects(client.listSlices(1, '1e3', 1), BrellaInvalidIdError);
    await assert.rejects(client.getEvent(1, -2), BrellaInvalidIdError);
    await assert.rejects(client.listSlices(1, 2, 3, { start_from: 'soon' }), /start_from: "soon" is not a date/);
    assert.equal(fake.requests.length, before);
    await client.close();
    await assert.rejects(client.listEvents(1), (e: unknown) => e instanceof BrellaConfigError && /closed/.test(e.message));
  });

  test('bad options are BrellaConfigError without the key', () => {
    const bad = [
      { apiKey: '' },
      { apiKey: `${SECRET} x` },
      { apiKey: SECRET, baseUrl: 'ftp://x' },
      { apiKey: SECRET, baseUrl: 'not a url' },
      { apiKey: SECRET, pageSize: 501 },
      { apiKey: SECRET, pageSize: 0 },
      { apiKey: SECRET, requestsPerSecond: 0 },
      { apiKey: SECRET, maxConcurrentRequests: 1.5 },
      { apiKey: SECRET, retries: -1 },
      { apiKey: SECRET, proxyUrl: `ftp://user:${SECRET}@proxy` },
    ];
    for (const options of bad) {
      assert.throws(() => createBrellaClient({ env: {}, ...options }), (e: unknown) => {
        assert.ok(e instanceof BrellaConfigError, String(e));
        said.push(e);
        return true;
      });
    }
  });

  test('network failure names the origin, the code and what to check', async () => {
    const dead = await startFake(() => ({}));
    await dead.close();
    const { client, logs } = fakeClient(dead, { retries: 1 });
    const error = await client.listEvents(1).catch((e: unknown) => e);
    await client.close();
    said.push(error, inspect(error, { depth: 6 }), ...logs);
    assert.ok(error instanceof BrellaNetworkError);
    assert.equal(error.code, 'ECONNREFUSED');
    assert.match(error.message, /^Could not get GET \/api\/integration\/organizations\/1\/events\?\S+ from Brella at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED: .*; tried 2 times\)\. Check the network connection and the base URL\.$/);
    assert.equal(logs.length, 2);
    assert.deepEqual(logs.map((l) => [l.retries, l.willRetry]), [[0, true], [1, false]]);
  });
});
