import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiKeyStore, type SecretStorageLike } from '../../src/config/keys';
import { touchesConnection, type ClientOptions } from '../../src/config/client-options';
import { BrellaService, MissingKeyError } from '../../src/services/brella';
import { startDemoServer, NORDIC_SUMMIT_EVENT_ID, OTHER_ORG_EVENT_ID, type DemoServer } from '../../src/demo';

class MemorySecrets implements SecretStorageLike {
  readonly values = new Map<string, string>();
  async get(key: string) { return this.values.get(key); }
  async store(key: string, value: string) { this.values.set(key, value); }
  async delete(key: string) { this.values.delete(key); }
  onDidChange() { return { dispose: () => undefined }; }
}

let server: DemoServer;
before(async () => { server = await startDemoServer({ rateLimit: false }); });
after(async () => { await server.close(); });

function service() {
  const lines: string[] = [];
  const keys = new ApiKeyStore(new MemorySecrets());
  const options: ClientOptions = { baseUrl: server.baseUrl, requestsPerSecond: 50, maxConcurrentRequests: 6, pageSize: 100, timeoutMs: 30_000, proxyUrl: undefined, proxyStrictSSL: true };
  const log = { info: (m: string) => lines.push(`info ${m}`), warn: (m: string) => lines.push(`warn ${m}`), error: (m: string) => lines.push(`error ${m}`) };
  return { brella: new BrellaService(keys, () => options, log), keys, lines };
}

const org = (id: number) => ({ id, events: [], scope: 'user' as const });
const event = (id: number) => ({ id, attendees: [] });

describe('the Brella service', () => {
  test('logs one line per request with method, path and query, status and milliseconds', async () => {
    const { brella, keys, lines } = service();
    await keys.set(server.organizationId, server.apiKey);
    const attendees = await brella.attendees(org(server.organizationId), event(NORDIC_SUMMIT_EVENT_ID));
    assert.equal(attendees.length, server.data.attendeesByEvent.get(NORDIC_SUMMIT_EVENT_ID)!.length);
    assert.equal(lines.length, Math.ceil(attendees.length / 100));
    assert.match(lines[0], /^info GET \/api\/integration\/organizations\/1001\/events\/5001\/attendees\?page%5Bsize%5D=100&page%5Bnumber%5D=1 → 200 in \d+ ms$/);
    await brella.dispose();
  });

  test('attendee lists are cached until refresh', async () => {
    const { brella, keys } = service();
    await keys.set(server.organizationId, server.apiKey);
    server.requests.clear();
    await brella.attendees(org(server.organizationId), event(NORDIC_SUMMIT_EVENT_ID));
    const first = server.requests.count;
    await brella.attendees(org(server.organizationId), event(NORDIC_SUMMIT_EVENT_ID));
    assert.equal(server.requests.count, first);
    assert.ok(brella.cachedAttendees(server.organizationId, NORDIC_SUMMIT_EVENT_ID));
    brella.refresh();
    assert.equal(brella.cachedAttendees(server.organizationId, NORDIC_SUMMIT_EVENT_ID), undefined);
    await brella.attendees(org(server.organizationId), event(NORDIC_SUMMIT_EVENT_ID));
    assert.equal(server.requests.count, first * 2);
    await brella.dispose();
  });

  test('without a key it asks for one instead of requesting', async () => {
    const { brella } = service();
    server.requests.clear();
    await assert.rejects(brella.events(server.organizationId), MissingKeyError);
    assert.equal(server.requests.count, 0);
  });

  test('checkKey: the right key works with one row; a wrong key gives the 403 message', async () => {
    const { brella } = service();
    server.requests.clear();
    assert.equal(await brella.checkKey(server.organizationId, server.apiKey), undefined);
    assert.equal(server.requests.count, 1);
    assert.equal(server.requests.list()[0].query['page[size]'], '1');
    const problem = await brella.checkKey(server.organizationId, 'wrong-key');
    assert.match(problem?.message ?? '', /Brella refused the API key for organization 1001: it is wrong, revoked, or its owner is not an org admin/);
  });

  test('a session of requests, good and bad, never writes the key to the log or an error', async () => {
    const { brella, keys, lines } = service();
    await keys.set(server.organizationId, server.apiKey);
    const messages: string[] = [];
    await brella.events(server.organizationId);
    await brella.attendees(org(server.organizationId), event(NORDIC_SUMMIT_EVENT_ID));
    await brella.attendees(org(server.organizationId), event(OTHER_ORG_EVENT_ID)).catch((e: Error) => messages.push(e.message));
    await brella.attendees(org(server.organizationId), event(999999)).catch((e: Error) => messages.push(e.message));
    await keys.set(4242, server.apiKey);
    await brella.events(4242).catch((e: Error) => messages.push(e.message));
    messages.push((await brella.checkKey(server.organizationId, `${server.apiKey}x`))?.message ?? '');
    assert.equal(messages.length, 4);
    assert.ok(lines.some((l) => l.startsWith('warn') && / → 404 /.test(l)));
    assert.ok(lines.some((l) => / → 403 /.test(l)));
    for (const text of [...lines, ...messages]) assert.equal(text.includes(server.apiKey), false, text);
    await brella.dispose();
  });
});

describe('settings changes and the work running on a client', () => {
  let slow: DemoServer;
  before(async () => { slow = await startDemoServer({ rateLimit: false, faults: { latencyMs: 20 } }); });
  after(async () => { await slow.close(); });

  async function slowService() {
    const keys = new ApiKeyStore(new MemorySecrets());
    await keys.set(slow.organizationId, slow.apiKey);
    // One request at a time: the pages of a list are fetched one after the other, so most are still to come.
    const options: ClientOptions = { baseUrl: slow.baseUrl, requestsPerSecond: 50, maxConcurrentRequests: 1, pageSize: 25, timeoutMs: 30_000, proxyUrl: undefined, proxyStrictSSL: true };
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    return { brella: new BrellaService(keys, () => options, log, { retiredIdleMs: IDLE_MS }), options };
  }
  /** How long a replaced client stays open after its last call, in these tests. */
  const IDLE_MS = 100;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const all = () => slow.data.attendeesByEvent.get(NORDIC_SUMMIT_EVENT_ID)!.length;

  /** VS Code's ConfigurationChangeEvent.affectsConfiguration for a change of one key. */
  const changeOf = (key: string) => (section: string) => key === section || key.startsWith(`${section}.`);

  test('brella.timeZone is not a connection setting; the connection settings are', () => {
    assert.equal(touchesConnection(changeOf('brella.timeZone')), false);
    assert.equal(touchesConnection(changeOf('brella.organizations')), false);
    for (const key of ['brella.apiBaseUrl', 'http.proxy', 'http.proxyStrictSSL', 'brella.requestsPerSecond', 'brella.maxConcurrentRequests', 'brella.pageSize', 'brella.requestTimeoutSeconds']) {
      assert.equal(touchesConnection(changeOf(key)), true, key);
    }
  });

  test('a list keeps going on its client across a change of brella.timeZone, which leaves the client as it is', async () => {
    const { brella } = await slowService();
    const client = await brella.client(slow.organizationId);
    let pages = 0;
    const result = await client.listAttendees(slow.organizationId, NORDIC_SUMMIT_EVENT_ID, {
      onPage: () => {
        pages++;
        // What the extension does on a brella.timeZone change: nothing here, since it touches no connection.
        if (pages === 2 && touchesConnection(changeOf('brella.timeZone'))) brella.settingsChanged();
        if (pages === 3) assert.equal(brella.settingsChanged(), false, 'unchanged connection settings replace nothing');
      },
    });
    assert.equal(result.items.length, all());
    assert.ok(pages > 3);
    assert.equal(await brella.client(slow.organizationId), client, 'the same client serves the next call');
    await brella.dispose();
  });

  test('a list keeps going on its client across a change of brella.pageSize; the next call gets a new client and the old one closes when done', async () => {
    const { brella, options } = await slowService();
    const client = await brella.client(slow.organizationId);
    let replaced: Promise<unknown> | undefined;
    let pages = 0;
    const result = await client.listAttendees(slow.organizationId, NORDIC_SUMMIT_EVENT_ID, {
      onPage: () => {
        if (++pages !== 2) return;
        options.pageSize = 50;
        assert.equal(touchesConnection(changeOf('brella.pageSize')), true);
        assert.equal(brella.settingsChanged(), true);
        // Work started on the new client meanwhile runs beside the old list.
        replaced = brella.client(slow.organizationId).then(async (next) => {
          assert.notEqual(next, client);
          assert.equal(next.pageSize, 50);
          return (await next.listAttendees(slow.organizationId, NORDIC_SUMMIT_EVENT_ID)).items.length;
        });
      },
    });
    assert.equal(result.items.length, all(), 'the old list read every page');
    assert.equal(result.rawPages.length, Math.ceil(all() / 25), 'with its own page size');
    assert.equal(await replaced, all());
    await sleep(IDLE_MS * 3);
    await assert.rejects(client.listEvents(slow.organizationId), /closed/, 'the replaced client is closed once its work is done');
    await brella.dispose();
  });

  test('work that makes one call after another on a replaced client (an event report) keeps going to its end', async () => {
    const { brella, options } = await slowService();
    const client = await brella.client(slow.organizationId);
    const counts: number[] = [];
    for (let i = 0; i < 4; i++) {
      counts.push((await client.listAttendees(slow.organizationId, NORDIC_SUMMIT_EVENT_ID, { maxPages: 1 })).items.length);
      if (i === 0) {
        options.requestsPerSecond = 20;
        assert.equal(brella.settingsChanged(), true);
      }
    }
    assert.deepEqual(counts, [25, 25, 25, 25]);
    await brella.dispose();
  });

  test('Refresh replaces clients without failing the list that runs on one', async () => {
    const { brella } = await slowService();
    const client = await brella.client(slow.organizationId);
    let pages = 0;
    const result = await client.listAttendees(slow.organizationId, NORDIC_SUMMIT_EVENT_ID, {
      onPage: () => { if (++pages === 2) brella.refresh(true); },
    });
    assert.equal(result.items.length, all());
    assert.notEqual(await brella.client(slow.organizationId), client);
    await brella.dispose();
  });
});

describe('brella.requestTimeoutSeconds', () => {
  let slow: DemoServer;
  before(async () => { slow = await startDemoServer({ rateLimit: false, faults: { latencyMs: 400 } }); });
  after(async () => { await slow.close(); });

  test('is the clients\' timeout, and the timeout message names it', async () => {
    const keys = new ApiKeyStore(new MemorySecrets());
    await keys.set(slow.organizationId, slow.apiKey);
    const options: ClientOptions = { baseUrl: slow.baseUrl, requestsPerSecond: 50, maxConcurrentRequests: 6, pageSize: 100, timeoutMs: 100, proxyUrl: undefined, proxyStrictSSL: true };
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    const brella = new BrellaService(keys, () => options, log, { backoffBaseMs: 1 });
    await assert.rejects(brella.events(slow.organizationId), /within 0\.1 s .*raise the setting brella\.requestTimeoutSeconds/);
    await brella.dispose();
  });
});
