/**
 * Answers larger than the client reads: a page body over maxPageBytes (default 32 MB) or an error body over
 * maxErrorBytes (default 64 KB) stops the reading, drops the connection and ends as BrellaResponseTooLargeError.
 */
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { BrellaResponseError, BrellaResponseTooLargeError, MAX_ERROR_BYTES, MAX_PAGE_BYTES, type BrellaClient } from '../../src/brella/index.ts';
import { excerpt } from '../../src/brella/errors.ts';
import { everythingSaid, fakeClient, SECRET, uniqueKey } from './helpers/brella-fake.ts';

interface Flood {
  baseUrl: string;
  requests: number;
  /** Bytes written to each response so far, and whether the client dropped it. */
  answers: Array<{ written: number; closed: boolean }>;
  close(): Promise<void>;
}

const CHUNK = Buffer.alloc(64 * 1024, ' ');

/** Past this, the flood gives up and drops the connection itself, so a client without a cap fails instead of hanging. */
const GUARD_BYTES = 160 * 1024 * 1024;

/**
 * A server that answers `status` with a body that never ends: `start`, then spaces for as long as the client
 * reads (respecting back pressure), up to GUARD_BYTES. `contentLength` announces a length it does not keep to.
 */
async function startFlood(status: number, start: string, contentLength?: number): Promise<Flood> {
  const state: Flood = { baseUrl: '', requests: 0, answers: [], close: async () => undefined };
  const server: Server = createServer((_req, res: ServerResponse) => {
    state.requests++;
    const answer = { written: 0, closed: false };
    state.answers.push(answer);
    res.on('close', () => (answer.closed = true));
    res.writeHead(status, { 'content-type': status < 300 ? 'application/vnd.api+json' : 'text/html', ...(contentLength ? { 'content-length': String(contentLength) } : {}) });
    res.write(start);
    answer.written += start.length;
    const pump = () => {
      while (!answer.closed) {
        if (answer.written > GUARD_BYTES) return void res.destroy();
        answer.written += CHUNK.length;
        if (!res.write(CHUNK)) return void res.once('drain', pump);
      }
    };
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/integration`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

const closing: Array<{ close(): Promise<unknown> }> = [];
after(async () => {
  for (const c of closing.reverse()) await c.close();
});

async function readFlood(status: number, start: string, options: Parameters<typeof fakeClient>[1] = {}, contentLength?: number) {
  const flood = await startFlood(status, start, contentLength);
  const { client, logs }: { client: BrellaClient; logs: unknown[] } = fakeClient(flood, { retries: 3, ...options });
  closing.push(flood, client);
  const error = await client.listEvents(1).then(() => assert.fail('expected a rejection'), (e: unknown) => e);
  // The client dropped the connection: the server sees its answer closed, well before any end.
  for (let i = 0; i < 200 && !flood.answers.every((a) => a.closed); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  return { error, logs, flood };
}

describe('response size caps', () => {
  test('the defaults, and why: a page of 500 slices is about 170 KB', () => {
    assert.equal(MAX_PAGE_BYTES, 32 * 1024 * 1024);
    assert.equal(MAX_ERROR_BYTES, 64 * 1024);
  });

  test('an endless page body stops at the page cap with a clear error, not retried', async () => {
    const apiKey = uniqueKey();
    const { error, flood, logs } = await readFlood(200, `{"note":"${apiKey}", "data": [`, { apiKey, maxPageBytes: 1024 * 1024 });
    assert.ok(error instanceof BrellaResponseTooLargeError, String(error));
    assert.ok(error instanceof BrellaResponseError);
    assert.equal(error.limitBytes, 1024 * 1024);
    assert.match(error.message, /^Brella's answer to GET \/api\/integration\/organizations\/1\/events\?\S+ \(status 200\) was larger than 1 MB, while a page of 500 slices is about 170 KB: a proxy or server problem\. Stopped reading it/);
    assert.equal(error.status, undefined);
    assert.ok(flood.answers[0].closed, 'the client did not drop the connection');
    assert.ok(flood.answers[0].written < 16 * 1024 * 1024, `the server wrote ${flood.answers[0].written} bytes before the client stopped`);
    assert.equal(flood.requests, 1, 'a flood is not asked for again');
    // The excerpt shown is redacted.
    assert.match(error.message, /It began: \{"note":"\*\*\*", "data": \[…$/);
    assert.ok(!everythingSaid([error, ...logs]).includes(SECRET));
  });

  test('with the default caps: a page stops after 32 MB', async () => {
    const { error, flood } = await readFlood(200, '{"data": [');
    assert.ok(error instanceof BrellaResponseTooLargeError, String(error));
    assert.match(error.message, /was larger than 32 MB/);
    assert.ok(flood.answers[0].closed);
    assert.ok(flood.answers[0].written < MAX_PAGE_BYTES + 16 * 1024 * 1024, `${flood.answers[0].written} bytes written`);
  });

  test('an endless error body stops at 64 KB (the default), also for a 5xx that would be retried', async () => {
    const { error, flood } = await readFlood(502, '<html><body>Bad gateway');
    assert.ok(error instanceof BrellaResponseTooLargeError, String(error));
    assert.match(error.message, /\(status 502\) was larger than 64 KB, while Brella's error messages are well under 1 KB: a proxy or server problem/);
    assert.match(error.message, /It began: <html><body>Bad gateway…$/);
    assert.ok(flood.answers[0].closed);
    assert.equal(flood.requests, 1);
  });

  test('a 403 flood is not taken for a wrong key (no status to map to "Set API Key")', async () => {
    const { error } = await readFlood(403, '<html>');
    assert.ok(error instanceof BrellaResponseTooLargeError);
    assert.equal(error.status, undefined);
    assert.doesNotMatch(error.message, /key/i);
  });

  test('a Content-Length over the cap stops before reading anything', async () => {
    const { error, flood } = await readFlood(200, '{"data": [', { maxPageBytes: 1024 * 1024 }, 100 * 1024 * 1024);
    assert.ok(error instanceof BrellaResponseTooLargeError, String(error));
    assert.match(error.message, /was larger than 1 MB \(it announced 100 MB\)/);
    assert.ok(flood.answers[0].closed);
  });

  test('bad caps are refused', () => {
    assert.throws(() => fakeClient({ baseUrl: 'http://127.0.0.1:9/api' }, { maxPageBytes: 0 }), /maxPageBytes 0 is not valid/);
    assert.throws(() => fakeClient({ baseUrl: 'http://127.0.0.1:9/api' }, { maxErrorBytes: 1.5 }), /maxErrorBytes 1.5 is not valid/);
  });
});

describe('the excerpt shown is the only part redacted', () => {
  const key = 'sk_live_abcdefghijklmnop';
  test('a key cut where the redacted head ends is dropped, never shown in part', () => {
    for (let at = 700; at < 900; at++) {
      for (const filler of ['x', ' \n']) {
        const body = filler.repeat(Math.ceil(at / filler.length)).slice(0, at) + key + 'tail';
        const shown = excerpt(body, key);
        assert.ok(shown.length <= 200);
        for (let n = 6; n <= key.length; n++) assert.ok(!shown.includes(key.slice(0, n)), `at ${at}: "${shown}" shows part of the key`);
      }
    }
  });

  test('short bodies are shown whole and redacted; long ones end with …', () => {
    assert.equal(excerpt(`bad key ${key}!`, key), 'bad key ***!');
    assert.equal(excerpt(`a\n\n b ${encodeURIComponent(`${key}/`)}`, `${key}/`), 'a b ***');
    const long = excerpt(`${key} ${'y'.repeat(5000)}`, key);
    assert.equal(long.length, 200);
    assert.ok(long.startsWith('*** yyy') && long.endsWith('…'));
  });
});
