import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createBrellaClient, type BrellaClient } from '../../src/brella';
import { NORDIC_SUMMIT_EVENT_ID, PARTNER_DAY_EVENT_ID, createDemoData, startDemoServer, type DemoServer } from '../../src/demo';
import { runEventReport, type ReportTarget, type ReportWindow } from '../../src/reports';
import { expectedRows, noAsOf } from './helpers/report-expected';

/** A seeded random source, so a failing run can be repeated. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const FROM: ReportWindow = { startFrom: '2023-05-10T00:00:00.000Z' };

describe('event report on a faulty and on a rate-limited local Brella', () => {
  let clean: DemoServer;
  let faulty: DemoServer;
  let good: BrellaClient;
  let shaky: BrellaClient;
  const errors: string[] = [];

  before(async () => {
    const data = createDemoData({ attendeeCount: 150, largeAttendee: 1_200, boundaryAttendee: true });
    clean = await startDemoServer({ rateLimit: false, data });
    faulty = await startDemoServer({
      rateLimit: false, data, apiKey: clean.apiKey,
      faults: { serverErrorRate: 0.05, dropRate: 0.02, malformedRate: 0.02, random: seeded(3) },
    });
    good = createBrellaClient({ baseUrl: clean.baseUrl, apiKey: clean.apiKey, requestsPerSecond: 1000, maxConcurrentRequests: 12 });
    shaky = createBrellaClient({ baseUrl: faulty.baseUrl, apiKey: clean.apiKey, requestsPerSecond: 1000, maxConcurrentRequests: 12, backoffBaseMs: 5, retries: 6, log: (e) => e.error && errors.push(e.error) });
  });
  after(async () => {
    await Promise.all([good.close(), shaky.close()]);
    await Promise.all([clean.close(), faulty.close()]);
  });

  test('with 5% 5xx, 2% dropped sockets and 2% malformed bodies the report equals the fault-free one', async () => {
    const target: ReportTarget = { organizationId: clean.organizationId, eventId: NORDIC_SUMMIT_EVENT_ID, eventName: 'Nordic Summit 2023', timeZone: 'Europe/Helsinki' };
    for (const kind of ['presence', 'engagement'] as const) {
      const expected = await runEventReport({ client: good, target, kind, window: FROM, mode: 'full' });
      const actual = await runEventReport({ client: shaky, target, kind, window: FROM, mode: 'full' });
      const comparable = (r: typeof actual) => ({ ...r, rows: r.rows.map(noAsOf), summary: { ...r.summary, listedAt: undefined } });
      assert.deepEqual(comparable(actual), comparable(expected));
      assert.deepEqual(actual.rows.map(noAsOf), expectedRows(clean.data, NORDIC_SUMMIT_EVENT_ID, kind, FROM, 'Europe/Helsinki'));
    }
    const statuses = faulty.requests.list().map((r) => r.status);
    assert.ok(statuses.filter((s) => s >= 500).length > 5, 'some 5xx were answered');
    assert.ok(statuses.filter((s) => s === 0).length > 0, 'some sockets were dropped');
    assert.ok(errors.some((e) => e === 'the body is not JSON'), 'some bodies were malformed');
  });

  test('0 × 429 against a server enforcing 10 requests per second', async () => {
    const limited = await startDemoServer({ attendeeCount: 20 });
    const client = createBrellaClient({ baseUrl: limited.baseUrl, apiKey: limited.apiKey });
    try {
      const target: ReportTarget = { organizationId: limited.organizationId, eventId: PARTNER_DAY_EVENT_ID, eventName: 'Helsinki Partner Day', timeZone: 'Europe/Helsinki' };
      const window = { startFrom: '2023-09-14T00:00:00.000Z' };
      const result = await runEventReport({ client, target, kind: 'engagement', window, concurrency: 24 });
      assert.deepEqual(result.rows.map(noAsOf), expectedRows(limited.data, PARTNER_DAY_EVENT_ID, 'engagement', window, 'Europe/Helsinki'));
      const statuses = limited.requests.list().map((r) => r.status);
      // The attendee list, then two requests per attendee: the default kinds and the media clicks.
      assert.equal(statuses.length, limited.data.attendeesByEvent.get(PARTNER_DAY_EVENT_ID)!.length * 2 + 1);
      assert.equal(statuses.filter((s) => s === 429).length, 0);
    } finally {
      await client.close();
      await limited.close();
    }
  });
});
