/** The Sessions tab's loader (src/features/slices/tracking-sessions.ts) against the local Brella. Each test starts its own. */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createBrellaClient, type BrellaClient, type BrellaClientOptions } from '../../src/brella';
import { startDemoServer, NORDIC_SUMMIT_EVENT_ID, type DemoServer, type DemoServerOptions } from '../../src/demo';
import type { PanelTarget, ToWebview } from '../../src/protocol/slices';
import { TrackingSessionsLoader } from '../../src/features/slices/tracking-sessions';

interface Setup {
  server: DemoServer;
  client: BrellaClient;
  target: PanelTarget;
  /** The client's log lines, as JSON. */
  log: string[];
}

/** A local Brella, a client of it (pages of 2) and the first featured attendee; all closed when the test ends. */
async function setup(t: TestContext, options: { server?: DemoServerOptions; client?: Partial<BrellaClientOptions> } = {}): Promise<Setup> {
  const server = await startDemoServer({ rateLimit: false, ...options.server });
  const log: string[] = [];
  const client = createBrellaClient({
    baseUrl: server.baseUrl, apiKey: server.apiKey, pageSize: 2, requestsPerSecond: 50, log: (e) => log.push(JSON.stringify(e)), ...options.client,
  });
  t.after(async () => {
    await client.close();
    await server.close();
  });
  const attendeeId = server.data.featured.find((f) => f.eventId === NORDIC_SUMMIT_EVENT_ID)!.attendeeIds[0]!;
  const target = { organizationId: server.organizationId, eventId: NORDIC_SUMMIT_EVENT_ID, attendeeId, attendeeName: 'A', eventName: 'Summit' };
  return { server, client, target, log };
}

/** Loads once; `onFirstPage` runs when the first page of sessions is posted, before the next page is asked for. */
async function load(client: BrellaClient, target: PanelTarget, onFirstPage?: () => void): Promise<ToWebview[]> {
  const posted: ToWebview[] = [];
  const post = (m: ToWebview) => {
    posted.push(structuredClone(m));
    if (m.type === 'sessions' && posted.filter((p) => p.type === 'sessions').length === 1) onFirstPage?.();
  };
  await new TrackingSessionsLoader(target, { client: async () => client, post }).load();
  return posted;
}

function failedOf(posted: ToWebview[]): Extract<ToWebview, { type: 'sessionsFailed' }> {
  const failed = posted.at(-1)!;
  assert.equal(failed.type, 'sessionsFailed');
  return failed as Extract<ToWebview, { type: 'sessionsFailed' }>;
}

test('posts loading, the sessions page by page, then complete: the same sessions the client lists', async (t) => {
  const { client, target } = await setup(t);
  const posted = await load(client, target);
  const expected = (await client.listTrackingSessions(target.organizationId, target.eventId, target.attendeeId)).items;
  assert.ok(expected.length > 2, `${expected.length} sessions (pages of 2)`);
  assert.deepEqual(posted[0], { type: 'sessionsLoading' });
  const pages = posted.filter((m): m is Extract<ToWebview, { type: 'sessions' }> => m.type === 'sessions');
  assert.ok(pages.length >= 2);
  assert.deepEqual(pages.flatMap((p) => p.sessions), expected);
  assert.deepEqual(posted.at(-1), { type: 'sessions', sessions: [], complete: true });
  assert.ok(pages.slice(0, -1).every((p) => !p.complete));
});

test('a refused key ends in sessionsFailed with Set API Key first, and the key the server echoes is in no message', async (t) => {
  const { server, target } = await setup(t, { server: { echoKey: true } });
  const wrong = createBrellaClient({ baseUrl: server.baseUrl, apiKey: 'wrong-key-123', requestsPerSecond: 50, retries: 0 });
  t.after(() => wrong.close());
  const posted = await load(wrong, target);
  const failed = failedOf(posted);
  assert.equal(failed.status, 403);
  assert.equal(failed.actions[0], 'setApiKey');
  assert.ok(!JSON.stringify(posted).includes('wrong-key-123'));
  assert.ok(!JSON.stringify(posted).includes(server.apiKey));
});

test('a key revoked after the first page: sessionsFailed asks for a key, and the key (echoed in links.next) is in no message or log line', async (t) => {
  const { server, client, target, log } = await setup(t, { server: { echoKey: true }, client: { retries: 0 } });
  const posted = await load(client, target, () => server.world.revokeKey());
  const failed = failedOf(posted);
  assert.equal(failed.status, 403);
  assert.equal(failed.actions[0], 'setApiKey');
  assert.ok(!JSON.stringify(failed).includes(server.apiKey), 'the key is in no message');
  assert.ok(!log.join('\n').includes(server.apiKey), 'the key is in no log line');
  assert.ok(log.some((line) => line.includes('echo=***') && line.includes('"status":403')), 'the refused page was read through the echoed links.next');
});

test('an outage after the first page: sessionsFailed names the page without the key the server echoed', async (t) => {
  const { server, client, target, log } = await setup(t, { server: { echoKey: true }, client: { retries: 0 } });
  const posted = await load(client, target, () => server.world.outage({ retryAfterSeconds: 1 }));
  const failed = failedOf(posted);
  assert.equal(failed.status, 503);
  assert.deepEqual(failed.actions, ['retry', 'showLog']);
  assert.ok(!JSON.stringify(failed).includes(server.apiKey), 'the key is in no message');
  assert.ok(!log.join('\n').includes(server.apiKey), 'the key is in no log line');
  assert.match(failed.message, /echo=\*\*\*/, 'the message names the page that failed');
});

test('a second load cancels the first: only the second one completes', async (t) => {
  const { client, target } = await setup(t);
  const posted: ToWebview[] = [];
  const loader = new TrackingSessionsLoader(target, { client: async () => client, post: (m) => posted.push(m) });
  await Promise.all([loader.load(), loader.load()]);
  assert.equal(posted.filter((m) => m.type === 'sessions' && m.complete).length, 1);
  assert.equal(posted.filter((m) => m.type === 'sessionsFailed').length, 0, 'the cancelled load says nothing');
});
