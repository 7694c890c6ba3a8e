/**
 * Naming the report's booths and streams against the local Brella: every trackable the engagement report found
 * gets the name the local Brella gives it, through fewer requests than trackables; the names are kept per event,
 * so a second naming asks nothing; names the answers carried are kept without a request.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { BrellaClient } from '../../src/brella';
import type { DemoServer } from '../../src/demo';
import { SPONSOR_NAMES, STREAM_NAMES } from '../../src/demo/names';
import { summarizeTrackables } from '../../src/model/trackables';
import { memoryReportStore, runEventReport, type ReportRow, type ReportTarget } from '../../src/reports';
import { keptNames, nameTrackables, namesForTables } from '../../src/features/report/names';
import { closeReportDemo, openReportDemo } from './helpers/report-demo';

let server: DemoServer;
let client: BrellaClient;
let target: ReportTarget;
let rows: ReportRow[];

before(async () => {
  ({ server, client, target } = await openReportDemo({ rateLimit: false, attendeeCount: 60 }, { requestsPerSecond: 1000, maxConcurrentRequests: 16 }, 'Europe/Helsinki'));
  rows = (await runEventReport({ client, target, kind: 'engagement', window: { startFrom: '2023-05-10T00:00:00.000Z' }, mode: 'full' })).rows;
});
after(() => closeReportDemo({ server, client }));

/** The name the local Brella gives a trackable (src/demo/jsonapi.ts). */
function demoName(type: string, id: string): string {
  const n = Number(id);
  if (/stream/i.test(type)) return STREAM_NAMES[n % STREAM_NAMES.length]!;
  if (/media/i.test(type)) return `${SPONSOR_NAMES[Math.floor(n / 10) % SPONSOR_NAMES.length]!} booth video ${n % 10}`;
  return SPONSOR_NAMES[n % SPONSOR_NAMES.length]!;
}

test('every booth, stream and media item visited gets its name, in fewer requests than there are of them; a second naming asks nothing', async () => {
  const store = memoryReportStore();
  const t = { organizationId: target.organizationId, eventId: target.eventId };
  server.requests.clear();
  const first = await nameTrackables(rows, t, { store, client: async () => client });
  const trackables = summarizeTrackables(rows).trackables;
  assert.ok(trackables.length >= 5, `the demo has booths and streams (${trackables.length})`);
  assert.equal(first.wanted, trackables.length);
  assert.equal(first.unnamed, 0);
  assert.ok(first.requests < trackables.length, `${first.requests} requests for ${trackables.length} trackables`);
  assert.equal(server.requests.list().filter((r) => r.path.endsWith('/tracking_sessions')).length, first.requests, 'says how many requests it took');
  const byKey = namesForTables(rows, first.names);
  for (const tr of trackables) assert.equal(byKey[tr.key], demoName(tr.trackableType ?? '', tr.trackableId), tr.key);
  server.requests.clear();
  const second = await nameTrackables(rows, t, { store, client: async () => client });
  assert.deepEqual([second.wanted, second.requests], [0, 0]);
  assert.equal(server.requests.list().length, 0);
  assert.equal((await keptNames(store, t)).size, trackables.length, 'kept per event');
  assert.equal((await keptNames(store, { ...t, eventId: t.eventId + 1 })).size, 0, 'another event keeps its own');
});

test('names the answers carried are kept without a request; junk in the store is read as no names', async () => {
  const store = memoryReportStore();
  const t = { organizationId: target.organizationId, eventId: target.eventId };
  await store.rewrite(`names/${t.organizationId}/${t.eventId}`, ['{not json']);
  assert.equal((await keptNames(store, t)).size, 0);
  const trackables = summarizeTrackables(rows).trackables;
  const found = new Map(trackables.map((tr) => [`${(tr.trackableType ?? '').toLowerCase().replace(/[^a-z0-9]/g, '')}|${tr.trackableId}`, `<b>${tr.trackableId}</b>`]));
  server.requests.clear();
  const outcome = await nameTrackables(rows, t, { store, client: async () => client }, { found });
  assert.deepEqual([outcome.wanted, outcome.requests], [0, 0]);
  assert.equal(server.requests.list().length, 0);
  const byKey = namesForTables(rows, outcome.names);
  assert.equal(byKey[trackables[0]!.key], `<b>${trackables[0]!.trackableId}</b>`, 'server text is kept as text');
});
