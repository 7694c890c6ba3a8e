/**
 * A server that echoes the API key back (the local Brella's echoKey mode) must not get the key into anything the
 * client returns or says: items, included names, raw pages, links, error messages, log lines. Response bodies are
 * cleaned where the transport reads them (src/brella/scrub.ts, src/brella/http.ts).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BrellaNotFoundError, createBrellaClient, redact, type BrellaClient } from '../../src/brella';
import { keyScrubber, redactionMark } from '../../src/brella/scrub';
import { NORDIC_SUMMIT_EVENT_ID, startDemoServer, type DemoServer } from '../../src/demo';
import { call } from './helpers/demo-http.ts';

describe('a server that echoes the key: the client returns and says nothing that holds it', () => {
  let server: DemoServer;
  let client: BrellaClient;
  const log: string[] = [];
  let attendeeId: string;

  before(async () => {
    server = await startDemoServer({ echoKey: true, rateLimit: false });
    client = createBrellaClient({
      baseUrl: server.baseUrl, apiKey: server.apiKey, pageSize: 2, requestsPerSecond: 200, retries: 0,
      log: (e) => log.push(JSON.stringify(e)),
    });
    attendeeId = String(server.data.featured.find((f) => f.eventId === NORDIC_SUMMIT_EVENT_ID)!.attendeeIds[0]!);
  });
  after(async () => {
    await client.close();
    await server.close();
  });

  /** Whether `text` holds the key, raw or URL-encoded. */
  const leaks = (text: string): boolean => text.includes(server.apiKey) || text.includes(encodeURIComponent(server.apiKey));

  test('the server does echo it (else the rest proves nothing)', async () => {
    const page = await call(server, `/organizations/${server.organizationId}/events/${NORDIC_SUMMIT_EVENT_ID}/attendees/${attendeeId}/tracking_sessions`);
    assert.equal(page.status, 200);
    assert.ok(page.text.includes(server.apiKey));
  });

  test('slices with raw pages: neither the items nor the raw pages (bodies, URLs, links) hold the key', async () => {
    const list = await client.listSlices(server.organizationId, NORDIC_SUMMIT_EVENT_ID, attendeeId, {}, { keepRaw: true });
    assert.ok(list.items.length > 2 && list.rawPages.length > 1, 'several pages were read');
    assert.ok(!leaks(JSON.stringify(list.items)), 'items');
    const raw = JSON.stringify(list.rawPages.map((p) => ({ url: p.url, status: p.status, body: p.body })));
    assert.ok(!leaks(raw), 'raw pages');
    const links = (list.rawPages[0]!.body as { links: Record<string, string> }).links;
    assert.match(links.self, /echo=\*\*\*$/, 'the echoed link keeps its place, the key replaced');
    assert.ok(list.rawPages.slice(1).every((p) => p.url.includes('echo=***')), 'later pages were read through links.next');
  });

  test('tracking sessions: the names read from included hold no key', async () => {
    const list = await client.listTrackingSessions(server.organizationId, NORDIC_SUMMIT_EVENT_ID, attendeeId, { keepRaw: true });
    const named = list.items.filter((s) => s.trackableName);
    assert.ok(named.length > 0, 'some sessions are named from included');
    assert.ok(!leaks(JSON.stringify(list.items)), 'items');
    assert.ok(named.every((s) => s.trackableName!.endsWith(' ***')), 'the echoed key is replaced in the names');
    assert.ok(!leaks(JSON.stringify(list.rawPages.map((p) => p.body))), 'raw pages');
  });

  test('a 404: the error (message, fields, cause) holds no key, though Brella put it in the detail', async () => {
    const error = await client.getEvent(server.organizationId, 424242).then(() => undefined, (e: unknown) => e);
    assert.ok(error instanceof BrellaNotFoundError, String(error));
    assert.ok(!leaks(error.message), error.message);
    assert.ok(!leaks(JSON.stringify({ ...error, stack: error.stack })), 'no field of the error');
  });

  test('the log lines hold no key', () => {
    assert.ok(log.length > 3);
    assert.ok(!leaks(log.join('\n')));
    assert.ok(log.some((line) => line.includes('echo=***')));
  });
});

describe('keyScrubber', () => {
  const KEY = 'k3y_Secret-Value.9';

  test('a body without the key comes back as the same string', () => {
    const body = JSON.stringify({ data: Array.from({ length: 500 }, (_, i) => ({ id: String(i), type: 'slices' })) });
    assert.equal(keyScrubber(KEY)(body), body);
    assert.equal(keyScrubber(undefined)(body), body);
  });

  test('in JSON: raw, URL-encoded and escaped forms inside strings and names; the structure stays', () => {
    const key = 'ab/c"d+e\\f';
    const doc = {
      data: [{ id: '1', attributes: { name: `Booth ${key}`, n: 12 } }],
      links: { next: `/x?page=2&echo=${encodeURIComponent(key)}` },
      meta: { [`${key}`]: true },
    };
    const scrub = keyScrubber(key);
    for (const text of [JSON.stringify(doc), JSON.stringify(doc, null, 2), JSON.stringify(doc).replaceAll('/', '\\/')]) {
      const out = scrub(text);
      assert.ok(!out.includes(key) && !out.includes(encodeURIComponent(key)) && !out.includes(JSON.stringify(key).slice(1, -1)), out);
      assert.deepEqual(JSON.parse(out), {
        data: [{ id: '1', attributes: { name: 'Booth ***', n: 12 } }],
        links: { next: '/x?page=2&echo=***' },
        meta: { '***': true },
      });
    }
  });

  test('a short key is replaced in string values only: property names, numbers and escapes stay as they are', () => {
    // In the text: a property named n1, "an1b", and "\n1" (a newline, then 1: no n1 in it).
    assert.deepEqual(JSON.parse(keyScrubber('n1')('{"n1":["an1b","\\n1"],"id":1234}')), { n1: ['a***b', '\n1'], id: 1234 });
    assert.deepEqual(JSON.parse(keyScrubber('123')('{"id":1234,"x":"a123"}')), { id: 1234, x: 'a***' });
    assert.deepEqual(JSON.parse(keyScrubber('12345678')('{"id":12345678,"x":"12345678"}')), { id: 12345678, x: '***' });
  });

  test('any other body: every occurrence, as plain text', () => {
    assert.equal(keyScrubber(KEY)(`<html>bad key ${KEY} at /x?k=${KEY}</html>`), '<html>bad key *** at /x?k=***</html>');
    assert.equal(keyScrubber(KEY)(`{"cut": "${KEY}`), '{"cut": "***');
  });

  test('the mark never joins into a new copy of the key; redact() uses it too', () => {
    assert.equal(redactionMark(KEY), '***');
    assert.equal(redactionMark('a*b'), '~~~');
    assert.equal(keyScrubber('a*')('{"x":"aa**"}'), '{"x":"a~~~*"}');
    assert.equal(redact('aa**', 'a*'), 'a~~~*');
    assert.equal(redact(`x ${encodeURIComponent('a%')} a%`, 'a%'), 'x *** ***');
  });
});
