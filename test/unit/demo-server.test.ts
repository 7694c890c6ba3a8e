import assert from 'node:assert/strict';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { after, before, describe, it } from 'node:test';
import {
  NORDIC_SUMMIT_EVENT_ID, OTHER_ORG_EVENT_ID, OTHER_ORGANIZATION_ID, PARTNER_DAY_EVENT_ID, type DemoServer,
} from '../../src/demo/index.ts';
import { call, control, quietServer, slicesPath } from './helpers/demo-http.ts';

const ORG = '/organizations/1001';
const EVENT = `${ORG}/events/${NORDIC_SUMMIT_EVENT_ID}`;
const DASHERIZED = /^[a-z]+(-[a-z]+)*$/;

function assertResource(r: { id: unknown; type: unknown; attributes: Record<string, unknown> }, type: string): void {
  assert.equal(typeof r.id, 'string');
  assert.match(r.id as string, /^\d+$/);
  assert.equal(r.type, type);
  for (const key of Object.keys(r.attributes)) assert.match(key, DASHERIZED);
}

describe('demo server: endpoints', () => {
  let server: DemoServer;
  let attendeeId: number;
  before(async () => {
    server = await quietServer();
    attendeeId = server.data.featured[0]!.attendeeIds[0]!;
  });
  after(() => server.close());

  it('listens on 127.0.0.1 under /api/integration with a demo_ key', async () => {
    const address = server.address();
    assert.deepEqual({ address: address.address, family: address.family }, { address: '127.0.0.1', family: 'IPv4' }, 'the listening socket is bound to loopback only');
    assert.equal(address.port, server.port);
    assert.equal(server.baseUrl, `http://127.0.0.1:${address.port}/api/integration`);
    const external = Object.values(networkInterfaces()).flat().filter((i) => i && !i.internal && i.family === 'IPv4').map((i) => i!.address);
    for (const ip of external) {
      const outcome = await new Promise<string>((resolve) => {
        const socket = connect({ host: ip, port: address.port }, () => {
          socket.destroy();
          resolve('connected');
        });
        socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
      });
      assert.equal(outcome, 'ECONNREFUSED', `not reachable on ${ip}`);
    }
    assert.match(server.apiKey, /^demo_[0-9a-f]{32}$/);
    assert.equal(server.organizationId, 1001);
  });

  it('lists the events of the organization', async () => {
    const a = await call(server, `${ORG}/events`);
    assert.equal(a.status, 200);
    assert.match(a.headers.get('content-type') ?? '', /^application\/vnd\.api\+json/);
    assert.deepEqual(a.json.data.map((e: { id: string }) => e.id), ['5001', '5002', '5003', '5004']);
    for (const e of a.json.data) assertResource(e, 'event');
    const summit = a.json.data[0];
    assert.equal(summit.attributes.name, 'Nordic Summit 2023');
    assert.equal(summit.attributes['start-time'], '2023-05-10T06:00:00.000Z');
    assert.equal(summit.attributes['time-zone'], 'Europe/Helsinki');
    assert.deepEqual(a.json.meta, { total_pages: 1, total_count: 4, current_page: 1, page_size: 50 });
  });

  it('answers one event', async () => {
    const a = await call(server, `${ORG}/events/${PARTNER_DAY_EVENT_ID}`);
    assert.equal(a.status, 200);
    assertResource(a.json.data, 'event');
    assert.equal(a.json.data.id, String(PARTNER_DAY_EVENT_ID));
    assert.equal(a.json.data.attributes['end-time'], '2023-09-14T15:00:00.000Z');
  });

  it('lists attendees with dasherized attributes', async () => {
    const a = await call(server, `${EVENT}/attendees`);
    assert.equal(a.status, 200);
    assert.equal(a.json.data.length, 50);
    assert.equal(a.json.meta.total_count, 300);
    for (const r of a.json.data) assertResource(r, 'attendee');
    const first = a.json.data[0];
    const expected = server.data.attendeesByEvent.get(NORDIC_SUMMIT_EVENT_ID)![0]!;
    assert.equal(first.id, String(expected.id));
    assert.equal(first.attributes['first-name'], expected.firstName);
    assert.equal(first.attributes['last-name'], expected.lastName);
    assert.equal(first.attributes.email, expected.email);
    assert.equal(first.attributes['company-name'], expected.companyName);
    assert.ok('title' in first.attributes);
  });

  it('answers tracking session slices as JSON:API', async () => {
    const a = await call(server, slicesPath(NORDIC_SUMMIT_EVENT_ID, attendeeId));
    assert.equal(a.status, 200);
    assert.ok(a.json.data.length > 0);
    for (const r of a.json.data) {
      assertResource(r, 'tracking-session-slice');
      const at = r.attributes;
      assert.ok(['time_spent', 'sponsor', 'streamlink'].includes(at['tracking-type']));
      assert.ok(Number.isInteger(at['duration-seconds']));
      assert.equal(Date.parse(at['end-time']) - Date.parse(at['start-time']), at['duration-seconds'] * 1000);
      assert.ok('click-time' in at && 'trackable-type' in at && 'trackable-id' in at);
      assert.equal(r.relationships['tracking-session'].data.type, 'tracking-session');
      assert.match(r.relationships['tracking-session'].data.id, /^\d+$/);
    }
  });

  it('answers tracking sessions', async () => {
    const a = await call(server, `${EVENT}/attendees/${attendeeId}/tracking_sessions`);
    assert.equal(a.status, 200);
    assert.equal(a.json.meta.total_count, server.data.sessionsByAttendee.get(attendeeId)!.length);
    for (const r of a.json.data) assertResource(r, 'tracking-session');
    const sponsor = a.json.data.find((r: { attributes: Record<string, unknown> }) => r.attributes['tracking-type'] === 'sponsor');
    assert.equal(sponsor?.relationships.trackable.data.type, 'sponsor');
  });

  it('needs the key (403 with a JSON:API error) and the v4 Accept (406)', async () => {
    for (const key of [null, 'demo_wrong', '']) {
      const a = await call(server, `${ORG}/events`, { key });
      assert.equal(a.status, 403);
      assert.deepEqual(a.json, { errors: [{ status: '403', title: 'Forbidden', detail: 'Invalid API key' }] });
    }
    for (const accept of [null, 'application/json', 'application/vnd.brella.v3+json']) {
      assert.equal((await call(server, `${ORG}/events`, { accept })).status, 406);
    }
    assert.equal((await call(server, `${ORG}/events`, { accept: `application/json, ${'application/vnd.brella.v4+json'}` })).status, 200);
  });

  it('keeps keys per organization', async () => {
    const other = server.otherOrganization;
    assert.equal(other.id, OTHER_ORGANIZATION_ID);
    assert.equal((await call(server, `${ORG}/events`, { key: other.apiKey })).status, 403);
    assert.equal((await call(server, `/organizations/${OTHER_ORGANIZATION_ID}/events`)).status, 403);
    const own = await call(server, `/organizations/${OTHER_ORGANIZATION_ID}/events`, { key: other.apiKey });
    assert.equal(own.status, 200);
    assert.deepEqual(own.json.data.map((e: { id: string }) => e.id), [String(OTHER_ORG_EVENT_ID)]);
  });

  it('answers 404 for unknown or foreign ids and unknown paths', async () => {
    const otherAttendee = server.data.attendeesByEvent.get(PARTNER_DAY_EVENT_ID)![0]!.id;
    const paths = [
      `${ORG}/events/abc`, `${ORG}/events/9999`, `${ORG}/events/${OTHER_ORG_EVENT_ID}`,
      `${ORG}/events/${OTHER_ORG_EVENT_ID}/attendees`, `/organizations/x/events`, `${EVENT}/attendees/abc/tracking_sessions`,
      slicesPath(NORDIC_SUMMIT_EVENT_ID, 123), slicesPath(NORDIC_SUMMIT_EVENT_ID, otherAttendee), `${EVENT}/attendees/${attendeeId}`,
      `${EVENT}/speakers`, `${ORG}`, '/nothing', `${EVENT}/attendees/${attendeeId}/tracking_session_slices/1`,
    ];
    for (const path of paths) {
      const a = await call(server, path);
      assert.equal(a.status, 404, path);
      assert.equal(a.json.errors[0].status, '404');
    }
    const outside = await fetch(`${server.origin}/elsewhere`);
    assert.equal(outside.status, 404);
  });

  it('answers 405 to other methods on known paths', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const a = await call(server, `${ORG}/events`, { method });
      assert.equal(a.status, 405);
      assert.equal(a.headers.get('allow'), 'GET');
    }
  });
});

/** A raw request with a chosen Host header (fetch does not let a caller set Host); `host: null` sends none. */
function rawGet(server: DemoServer, target: string, host: string | null, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1', port: server.port, path: target, method: 'GET', setHost: false,
      headers: { ...(host === null ? {} : { Host: host }), 'Brella-API-Access-Token': server.apiKey, Accept: 'application/vnd.brella.v4+json', ...headers },
    }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.once('error', reject);
    req.end();
  });
}

describe('demo server: only its own loopback host (DNS rebinding)', () => {
  let server: DemoServer;
  before(async () => {
    server = await quietServer({ apiKey: 'demo_hostcheckkey' });
  });
  after(() => server.close());

  it('answers 127.0.0.1:<port>, localhost:<port> and [::1]:<port>', async () => {
    const path = `/api/integration${ORG}/events`;
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `LocalHost:${server.port}`, `[::1]:${server.port}`]) {
      const a = await rawGet(server, path, host);
      assert.equal(a.status, 200, host);
      assert.equal(JSON.parse(a.body).data.length, 4, host);
    }
  });

  it('refuses every other Host with 421 and no data, before the API, the log or /_demo see it', async () => {
    server.requests.clear();
    const p = server.port;
    const hosts = [
      `evil.example:${p}`, `localhost.evil.com:${p}`, `127.0.0.1.nip.io:${p}`, `localhost.:${p}`, `127.0.0.1:${p + 1}`, 'localhost', '127.0.0.1',
      `[::ffff:127.0.0.1]:${p}`, `2130706433:${p}`, `127.1:${p}`, `0.0.0.0:${p}`, `evil.example:${p}@127.0.0.1:${p}`, '',
    ];
    const name = server.data.attendeesByEvent.get(NORDIC_SUMMIT_EVENT_ID)!.find((a) => a.lastName !== null)!.lastName as string;
    for (const target of [`/api/integration${ORG}/events`, `/api/integration${EVENT}/attendees`, '/_demo/info', '/_demo/requests', '/nothing']) {
      for (const host of hosts) {
        const a = await rawGet(server, target, host);
        assert.equal(a.status, 421, `${target} with Host ${JSON.stringify(host)}`);
        const body = JSON.parse(a.body);
        assert.deepEqual(Object.keys(body), ['errors']);
        assert.match(body.errors[0].detail, new RegExp(`only requests for 127\\.0\\.0\\.1:${p}, localhost:${p}, \\[::1\\]:${p}`));
        assert.ok(!a.body.includes('Nordic Summit') && !a.body.includes(name) && !a.body.includes('demo_hostcheckkey'), 'no data in the answer');
      }
      // Without a Host header at all, Node's HTTP/1.1 parser or the check answers an error and nothing else.
      const bare = await rawGet(server, target, null);
      assert.ok([400, 421].includes(bare.status), `${target} without Host: ${bare.status}`);
      assert.ok(!bare.body.includes('Nordic Summit') && !bare.body.includes(name), 'no data in the answer');
    }
    assert.equal(server.requests.count, 0, 'refused before the API ran');
  });

  it('listens on loopback only: another address is refused before it listens', async () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10']) {
      await assert.rejects(quietServer({ host }), /listens on loopback only \(127\.0\.0\.1, ::1 or localhost\), not on/);
    }
  });

  it('refuses a request target in absolute form that names another host', async () => {
    const own = `127.0.0.1:${server.port}`;
    assert.equal((await rawGet(server, `http://evil.example:${server.port}/api/integration${ORG}/events`, own)).status, 421);
    assert.equal((await rawGet(server, `http://${own}/api/integration${ORG}/events`, `evil.example:${server.port}`)).status, 421);
    assert.equal((await rawGet(server, `http://${own}/api/integration${ORG}/events`, own)).status, 200);
  });
});

describe('demo server: /_demo routes need the demo key', () => {
  let server: DemoServer;
  before(async () => {
    server = await quietServer({ apiKey: 'demo_controlkey' });
  });
  after(() => server.close());

  it('answers 403 without the key, with a wrong one or with the other organization\'s key, and 200 with it', async () => {
    for (const [path, method] of [['/_demo/info', 'GET'], ['/_demo/requests', 'GET'], ['/_demo/requests/clear', 'POST']] as const) {
      for (const key of [null, '', 'demo_wrong', 'demo_controlke', server.otherOrganization.apiKey]) {
        const a = await control(server, path, method, key);
        assert.equal(a.status, 403, `${method} ${path} with ${JSON.stringify(key)}`);
        assert.match(a.json.errors[0].detail, /need the demo key in the Brella-API-Access-Token header/);
        assert.ok(!JSON.stringify(a.json).includes('demo_controlkey'));
      }
      assert.equal((await control(server, path, method)).status, 200, `${method} ${path} with the key`);
    }
  });

  it('keeps the log when a clear comes without the key', async () => {
    await call(server, `${ORG}/events`);
    const count = server.requests.count;
    assert.equal((await control(server, '/_demo/requests/clear', 'POST', null)).status, 403);
    assert.equal(server.requests.count, count);
  });
});

describe('demo server: request log', () => {
  let server: DemoServer;
  before(async () => {
    server = await quietServer({ apiKey: 'demo_secretkey123' });
  });
  after(() => server.close());

  it('records method, path, query and status but no header, and serves /_demo/requests', async () => {
    const waiting = server.requests.waitFor((r) => r.status === 403);
    await call(server, `${ORG}/events`, { query: { 'page[size]': 2 } });
    await call(server, `${ORG}/events`, { key: 'demo_nope' });
    assert.equal((await waiting).path, '/api/integration/organizations/1001/events');
    assert.equal(server.requests.count, 2);
    const [first] = server.requests.list();
    assert.deepEqual({ ...first, time: undefined, durationMs: undefined }, {
      method: 'GET', path: '/api/integration/organizations/1001/events', query: { 'page[size]': '2' }, status: 200, time: undefined, durationMs: undefined,
    });
    const stats = (await control(server, '/_demo/requests')).json;
    assert.equal(stats.count, 2);
    assert.deepEqual(stats.requests.map((r: { status: number }) => r.status), [200, 403]);
    assert.ok(!JSON.stringify(stats).includes('demo_secretkey123'));
    assert.ok(!JSON.stringify(server.requests.list()).includes('demo_secretkey123'));
    assert.equal(server.requests.count, 2, '/_demo routes are not logged');
    assert.equal((await control(server, '/_demo/requests/clear', 'POST')).status, 200);
    assert.equal(server.requests.count, 0);
    assert.deepEqual((await control(server, '/_demo/requests')).json, { count: 0, requests: [] });
  });

  it('waits for a count and serves /_demo/info (with the key) without showing it', async () => {
    server.requests.clear();
    const done = server.requests.waitForCount(2, 2000);
    await call(server, `${ORG}/events`);
    await call(server, `${ORG}/events`);
    await done;
    await assert.rejects(server.requests.waitFor((r) => r.status === 418, 50));
    const info = (await control(server, '/_demo/info')).json;
    assert.equal(info.organizationId, 1001);
    assert.equal(info.baseUrl, server.baseUrl);
    assert.ok(!JSON.stringify(info).includes('demo_secretkey123'));
  });
});
