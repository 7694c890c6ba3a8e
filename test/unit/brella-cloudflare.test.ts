/**
 * A 403 from Cloudflare, in front of Brella, is not a wrong key: Brella never saw the key. Such answers become
 * BrellaBlockedError, saying what to check, with no HTTP status of Brella's, so nothing offers "Set API Key".
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BrellaAuthError, BrellaBlockedError, createBrellaClient, DEFAULT_USER_AGENT, type BrellaClient } from '../../src/brella/index.ts';
import { blockedBeforeBrella, statusError } from '../../src/brella/failures.ts';
import { startDemoServer, type DemoServer } from '../../src/demo/index.ts';
import { cloudflareBlockResponse, type CloudflareBlock } from '../../src/demo/faults.ts';
import { errorNode } from '../../src/explorer/nodes.ts';
import type { ToWebview } from '../../src/protocol/slices.ts';
import { SlicesSession } from '../../src/features/slices/session.ts';
import { everythingSaid, fakeClient, startFake, type FakeReply } from './helpers/brella-fake.ts';

const KINDS: CloudflareBlock[] = ['html', 'error-1010', 'browser-signature-banned'];
const ids = { organizationId: '11' };
const key = 'sk_live_SECRET123_cf';
const WRONG_KEY = /key (?:is|was) wrong|refused the API key|revoked|not an org admin/i;

describe('which 403 is a block before Brella', () => {
  const cases: Array<[string, string, Record<string, string>, string | undefined]> = [
    ['Cloudflare\'s HTML page', cloudflareBlockResponse('html').body!, { server: 'cloudflare', 'cf-ray': '8c1f-AMS', 'content-type': 'text/html' }, 'an HTML page from Cloudflare'],
    ['error code: 1010, plain text', 'error code: 1010', {}, 'Cloudflare error 1010'],
    ['browser_signature_banned in JSON', '{"error_code":1010,"error_name":"browser_signature_banned"}', { 'content-type': 'application/json' }, 'browser_signature_banned'],
    ['"error_code": 1010 in JSON', '{"error_code": 1010}', {}, 'Cloudflare error 1010'],
    ['text that is not JSON, with cf-ray', 'Access denied', { 'cf-ray': 'abc' }, 'an answer from Cloudflare that is not JSON'],
    ['HTML with no sign of Cloudflare', '<!doctype html><title>Forbidden</title>', {}, 'an HTML page instead of Brella\'s JSON'],
    // Brella's own answers also pass through Cloudflare: its headers alone prove nothing.
    ['Brella\'s JSON:API 403 through Cloudflare', '{"errors":[{"status":"403","title":"Forbidden"}]}', { server: 'cloudflare', 'cf-ray': '8c1f-AMS' }, undefined],
    ['an empty 403 through Cloudflare', '', { server: 'cloudflare', 'cf-ray': '8c1f-AMS' }, undefined],
  ];
  for (const [name, body, headers, evidence] of cases) {
    test(name, () => {
      assert.equal(blockedBeforeBrella(403, body, headers), evidence);
      const error = statusError(403, body, '/api/integration/organizations/11/events', ids, key, { headers, userAgent: DEFAULT_USER_AGENT });
      if (evidence === undefined) {
        assert.ok(error instanceof BrellaAuthError, String(error));
        assert.equal(error.status, 403);
        return;
      }
      assert.ok(error instanceof BrellaBlockedError, String(error));
      assert.equal(error.status, undefined, 'a status of 403 would read as a wrong key');
      assert.equal(error.httpStatus, 403);
      assert.match(error.message, /^The request was blocked by (Cloudflare|a gateway \(Cloudflare, which sits in front of Brella, or a proxy on the way\)) before it reached Brella \(403 at GET \/api\/integration\/organizations\/11\/events: /);
      assert.match(error.message, /Brella never saw the request, so the API key was not checked: keep it\. Check the network, proxy or VPN this machine uses/);
      assert.doesNotMatch(error.message, WRONG_KEY);
      assert.ok(error.message.includes(`replaces the User-Agent header (this extension sends "${DEFAULT_USER_AGENT}")`));
    });
  }

  test('only 403 counts', () => {
    assert.equal(blockedBeforeBrella(401, 'error code: 1010', {}), undefined);
    assert.equal(blockedBeforeBrella(500, '<html>cloudflare</html>', { server: 'cloudflare' }), undefined);
  });

  test('the Ray ID is shown when it looks like one, server text never as more than text', () => {
    const shown = statusError(403, 'error code: 1010', '/p', ids, key, { headers: { 'cf-ray': '8c1f2e3d4a5b6c7d-AMS' } });
    assert.match(shown.message, /Cloudflare error 1010, Ray ID 8c1f2e3d4a5b6c7d-AMS\)/);
    const odd = statusError(403, 'error code: 1010', '/p', ids, key, { headers: { 'cf-ray': '[x](command:evil)' } });
    assert.doesNotMatch(odd.message, /command:evil/);
  });
});

describe('the client and the local Brella', () => {
  let demo: DemoServer;
  before(async () => {
    demo = await startDemoServer({ rateLimit: false });
  });
  after(() => demo.close());

  test('a Cloudflare HTML 403 from the server becomes BrellaBlockedError, key never named wrong nor shown', async () => {
    const page = cloudflareBlockResponse('html');
    const reply: FakeReply = { status: 403, headers: { ...page.headers, 'content-type': 'text/html' }, raw: page.body };
    const fake = await startFake([reply]);
    const { client, logs } = fakeClient(fake);
    const error = await client.listEvents(11).then(() => assert.fail('expected a rejection'), (e: unknown) => e);
    await client.close();
    await fake.close();
    assert.ok(error instanceof BrellaBlockedError, String(error));
    assert.equal(fake.requests.length, 1, 'a block is not retried');
    assert.doesNotMatch(error.message, WRONG_KEY);
    assert.ok(error.message.includes(`this extension sends "${client.userAgent}"`));
    assert.match(error.message, /Ray ID 8c1f2e3d4a5b6c7d-AMS/);
    assert.ok(!everythingSaid([error, ...logs]).includes('SECRET123'));
  });

  for (const kind of KINDS) {
    test(`the local Brella can answer as Cloudflare does (${kind}), before any key check`, async () => {
      const blocked = await startDemoServer({ rateLimit: false, faults: { cloudflareBlock: kind } });
      const clients: BrellaClient[] = [
        createBrellaClient({ baseUrl: blocked.baseUrl, apiKey: blocked.apiKey, env: {} }),
        createBrellaClient({ baseUrl: blocked.baseUrl, apiKey: 'not-the-demo-key', env: {} }),
      ];
      try {
        for (const client of clients) {
          const error = await client.listEvents(blocked.organizationId).then(() => assert.fail('expected a rejection'), (e: unknown) => e);
          assert.ok(error instanceof BrellaBlockedError, `${kind}: ${String(error)}`);
          assert.doesNotMatch(error.message, WRONG_KEY);
        }
      } finally {
        await Promise.all(clients.map((c) => c.close()));
        await blocked.close();
      }
    });
  }

  test('without the fault, a wrong key on the local Brella is still a wrong key', async () => {
    const client = createBrellaClient({ baseUrl: demo.baseUrl, apiKey: 'not-the-demo-key', env: {} });
    await assert.rejects(client.listEvents(demo.organizationId), BrellaAuthError);
    await client.close();
  });
});

describe('nothing offers "Set API Key" for a block', () => {
  const blocked = statusError(403, 'error code: 1010', '/p', ids, key, { headers: { server: 'cloudflare' } });
  const wrongKey = statusError(403, '{"errors":[{"title":"Forbidden"}]}', '/p', ids, key, {});

  test('the tree: an error node with no Set API Key action', () => {
    const org = { kind: 'organization' as const, org: { id: 11, events: [], scope: 'user' as const }, hasKey: true };
    assert.equal(errorNode(org, blocked).action, undefined);
    assert.equal(errorNode(org, wrongKey).action?.command, 'brella.setApiKey');
  });

  test('the slices panel: Retry and Show Log only', async () => {
    for (const [error, actions] of [[blocked, ['retry', 'showLog']], [wrongKey, ['setApiKey', 'retry', 'showLog']]] as const) {
      const posted: ToWebview[] = [];
      const client = { listSlices: () => Promise.reject(error) } as unknown as BrellaClient;
      const target = { organizationId: 11, eventId: 2, attendeeId: 3, attendeeName: 'Ada', eventName: 'Summit', eventStart: '2023-05-10' };
      await new SlicesSession(target, { client: async () => client, post: (m) => posted.push(m) }).run({});
      const failed = posted.at(-1);
      assert.ok(failed?.type === 'failed');
      assert.deepEqual(failed.actions, actions);
    }
  });
});
