import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { LARGE_ATTENDEE_ID, NORDIC_SUMMIT_EVENT_ID, startDemoServer, type DemoServerOptions } from '../../src/demo/index.ts';
import { call, quietServer, slicesPath } from './helpers/demo-http.ts';

const EVENTS = '/organizations/1001/events';

async function withServer<T>(options: DemoServerOptions, run: (server: Awaited<ReturnType<typeof startDemoServer>>) => Promise<T>): Promise<T> {
  const server = await startDemoServer(options);
  try {
    return await run(server);
  } finally {
    await server.close();
  }
}

describe('demo server: rate limit', () => {
  it('answers 429 with Retry-After past 10 requests per second, per key', async () => {
    let clock = 0; // a frozen clock: the machine's speed does not matter
    await withServer({ rateLimit: { requestsPerSecond: 10, burst: 10, now: () => clock } }, async (server) => {
      const answers = await Promise.all(Array.from({ length: 15 }, () => call(server, EVENTS)));
      const limited = answers.filter((a) => a.status === 429);
      assert.equal(answers.filter((a) => a.status === 200).length, 10);
      assert.equal(limited.length, 5);
      assert.equal(limited[0]!.headers.get('retry-after'), '1');
      assert.equal(limited[0]!.json.errors[0].status, '429');
      const other = server.otherOrganization;
      assert.equal((await call(server, `/organizations/${other.id}/events`, { key: other.apiKey })).status, 200);
      assert.equal(server.requests.list().filter((r) => r.status === 429).length, 5);
      clock += 100; // one token back
      assert.equal((await call(server, EVENTS)).status, 200);
      assert.equal((await call(server, EVENTS)).status, 429);
      clock += 5000; // the bucket holds 10 at most
      const refilled = await Promise.all(Array.from({ length: 11 }, () => call(server, EVENTS)));
      assert.equal(refilled.filter((a) => a.status === 200).length, 10);
    });
  });

  it('limits by default, takes its own rate and burst, or none', async () => {
    await withServer({}, async (server) => {
      const answers = await Promise.all(Array.from({ length: 60 }, () => call(server, EVENTS)));
      assert.ok(answers.some((a) => a.status === 429));
    });
    await withServer({ rateLimit: { requestsPerSecond: 1, burst: 2, now: () => 0 } }, async (server) => {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await call(server, EVENTS)).status);
      assert.deepEqual(statuses, [200, 200, 429]);
    });
    await withServer({ rateLimit: false }, async (server) => {
      const answers = await Promise.all(Array.from({ length: 30 }, () => call(server, EVENTS)));
      assert.ok(answers.every((a) => a.status === 200));
    });
  });
});

describe('demo server: faults', () => {
  it('drops connections', async () => {
    await withServer({ rateLimit: false, faults: { dropRate: 1 } }, async (server) => {
      await assert.rejects(call(server, EVENTS));
      assert.equal(server.requests.list()[0]?.status, 0);
    });
  });

  it('answers 500 (JSON:API), 502 (HTML) and 503 (no body)', async () => {
    const expected = [[0.1, 500], [0.5, 502], [0.9, 503]] as const;
    for (const [r, status] of expected) {
      await withServer({ rateLimit: false, faults: { serverErrorRate: 1, random: () => r } }, async (server) => {
        const a = await call(server, EVENTS);
        assert.equal(a.status, status);
        if (status === 500) assert.equal(a.json.errors[0].status, '500');
        if (status === 502) assert.match(a.text, /<html>/);
        if (status === 503) assert.equal(a.text, '');
      });
    }
  });

  it('sends malformed JSON bodies, but leaves gate answers alone', async () => {
    await withServer({ rateLimit: false, faults: { malformedRate: 1 } }, async (server) => {
      const a = await call(server, EVENTS);
      assert.equal(a.status, 200);
      assert.ok(a.text.length > 0);
      assert.throws(() => JSON.parse(a.text));
      const slices = await call(server, `${slicesPath(NORDIC_SUMMIT_EVENT_ID, 100002)}?tracking_type=time_spent&start_from=2023-05-10`);
      assert.throws(() => JSON.parse(slices.text), 'an empty (204) answer becomes a malformed 200');
    });
    await withServer({ rateLimit: false, faults: { dropRate: 1, serverErrorRate: 1, malformedRate: 1 } }, async (server) => {
      const a = await call(server, EVENTS, { key: 'wrong' });
      assert.equal(a.status, 403);
      assert.equal(a.json.errors[0].status, '403');
    });
  });

  it('adds latency and jitter', async () => {
    await withServer({ rateLimit: false, faults: { latencyMs: 100, jitterMs: 100, random: () => 0.5 } }, async (server) => {
      const t = performance.now();
      assert.equal((await call(server, EVENTS)).status, 200);
      assert.ok(performance.now() - t >= 140);
      assert.ok((server.requests.list()[0]?.durationMs ?? 0) >= 140);
    });
  });

  it('closes while a delayed answer is pending', async () => {
    const server = await startDemoServer({ rateLimit: false, faults: { latencyMs: 5000 } });
    const pending = call(server, EVENTS).catch((e: unknown) => e);
    await sleep(50);
    await server.close();
    // Closed before its 5 s latency was up: the pending call fails instead of getting its answer.
    assert.ok((await pending) instanceof Error);
  });
});

describe('demo server: determinism and the large attendee', () => {
  it('serves the same documents for the same seed', async () => {
    const [a, b] = await Promise.all([quietServer({ seed: 42 }), quietServer({ seed: 42 })]);
    try {
      for (const path of [`${EVENTS}/${NORDIC_SUMMIT_EVENT_ID}/attendees?page[size]=500`, slicesPath(NORDIC_SUMMIT_EVENT_ID, 100010)]) {
        assert.deepEqual((await call(a, path)).json.data, (await call(b, path)).json.data);
      }
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('serves an attendee with 120 000 slices', async () => {
    await withServer({ rateLimit: false, largeAttendee: 120_000 }, async (server) => {
      const path = slicesPath(NORDIC_SUMMIT_EVENT_ID, LARGE_ATTENDEE_ID);
      const all = await call(server, path, { query: { tracking_type: 'time_spent,sponsor,streamlink,sponsor_media_click', 'page[size]': 500 } });
      assert.equal(all.json.meta.total_count, 120_000);
      assert.equal(all.json.meta.total_pages, 240);
      const last = await call(server, all.json.links.last);
      assert.equal(last.json.data.length, 500);
      assert.equal(last.json.links.next, undefined);
      const presence = await call(server, path, { query: { tracking_type: 'time_spent', start_from: '2023-05-10T00:00:00.000Z' } });
      const expected = server.data.expectedSlices(NORDIC_SUMMIT_EVENT_ID, LARGE_ATTENDEE_ID, { tracking_type: 'time_spent', start_from: '2023-05-10T00:00:00.000Z' });
      assert.ok(expected.length > 10_000);
      assert.equal(presence.json.meta.total_count, expected.length);
      assert.deepEqual(presence.json.data.map((r: { id: string }) => r.id), expected.slice(0, 50).map((s) => String(s.id)));
    });
  });
});
