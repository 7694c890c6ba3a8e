/** The Sessions tab's loader (src/services/tracking-sessions.ts) against the local Brella. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createBrellaClient, type BrellaClient } from '../../src/brella';
import { startDemoServer, NORDIC_SUMMIT_EVENT_ID, type DemoServer } from '../../src/demo';
import type { PanelTarget, ToWebview } from '../../src/protocol/slices';
import { TrackingSessionsLoader } from '../../src/services/tracking-sessions';

let server: DemoServer;
let client: BrellaClient;
let target: PanelTarget;

before(async () => {
  server = await startDemoServer({ rateLimit: false });
  client = createBrellaClient({ baseUrl: server.baseUrl, apiKey: server.apiKey, pageSize: 2, requestsPerSecond: 50 });
  const attendeeId = server.data.featured.find((f) => f.eventId === NORDIC_SUMMIT_EVENT_ID)!.attendeeIds[0]!;
  target = { organizationId: server.organizationId, eventId: NORDIC_SUMMIT_EVENT_ID, attendeeId, attendeeName: 'A', eventName: 'Summit' };
});
after(async () => {
  await client.close();
  await server.close();
});

test('posts loading, the sessions page by page, then complete: the same sessions the client lists', async () => {
  const posted: ToWebview[] = [];
  await new TrackingSessionsLoader(target, { client: async () => client, post: (m) => posted.push(structuredClone(m)) }).load();
  const expected = (await client.listTrackingSessions(target.organizationId, target.eventId, target.attendeeId)).items;
  assert.ok(expected.length > 2, `${expected.length} sessions (pages of 2)`);
  assert.deepEqual(posted[0], { type: 'sessionsLoading' });
  const pages = posted.filter((m): m is Extract<ToWebview, { type: 'sessions' }> => m.type === 'sessions');
  assert.ok(pages.length >= 2);
  assert.deepEqual(pages.flatMap((p) => p.sessions), expected);
  assert.deepEqual(posted.at(-1), { type: 'sessions', sessions: [], complete: true });
  assert.ok(pages.slice(0, -1).every((p) => !p.complete));
});

test('a refused key ends in sessionsFailed with Set API Key first, and the key is in no message', async () => {
  const wrong = createBrellaClient({ baseUrl: server.baseUrl, apiKey: 'wrong-key-123', requestsPerSecond: 50, retries: 0 });
  const posted: ToWebview[] = [];
  try {
    await new TrackingSessionsLoader(target, { client: async () => wrong, post: (m) => posted.push(m) }).load();
  } finally {
    await wrong.close();
  }
  const failed = posted.at(-1)!;
  assert.equal(failed.type, 'sessionsFailed');
  if (failed.type !== 'sessionsFailed') return;
  assert.equal(failed.status, 403);
  assert.equal(failed.actions[0], 'setApiKey');
  assert.ok(!JSON.stringify(posted).includes('wrong-key-123'));
  assert.ok(!JSON.stringify(posted).includes(server.apiKey));
});

test('a second load cancels the first: only the second one completes', async () => {
  const posted: ToWebview[] = [];
  const loader = new TrackingSessionsLoader(target, { client: async () => client, post: (m) => posted.push(m) });
  await Promise.all([loader.load(), loader.load()]);
  assert.equal(posted.filter((m) => m.type === 'sessions' && m.complete).length, 1);
  assert.equal(posted.filter((m) => m.type === 'sessionsFailed').length, 0, 'the cancelled load says nothing');
});
