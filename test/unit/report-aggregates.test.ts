/**
 * The engagement report's event-wide aggregates (each row's visits: time, slices, first and last, media clicks, the
 * 15-minute buckets of streams; and what src/model/trackables.ts sums from them) against a brute-force computation
 * from the local Brella's raw slices, for random sequences: slices of random kinds, trackables and lengths appear
 * while Refresh All runs are cancelled part way and run again. Every comparison is after a complete run.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createBrellaClient } from '../../src/brella';
import { NORDIC_SUMMIT_EVENT_ID, startDemoServer, type NewSliceType } from '../../src/demo';
import { summarizeTrackables } from '../../src/model/trackables';
import { memoryReportStore, runEventReport, type ReportRow, type ReportTarget, type ReportWindow } from '../../src/reports';
import { reportTruth } from './helpers/report-truth';
import { noAsOf } from './helpers/report-expected';

const ZONE = 'Europe/Helsinki';
const FROM: ReportWindow = { startFrom: '2023-05-10T00:00:00.000Z' };
/** New slices start after everything the demo generated (Refresh All goes on from each row's latest start). */
const LATER = Date.parse('2023-06-01T08:00:00.000Z');

interface Append { who: number; type: NewSliceType; trackable: number; minute: number; minutes: number }
interface Step { appends: Append[]; cancelAfter: number | undefined }

const append = fc.record({
  who: fc.nat({ max: 5 }),
  type: fc.constantFrom<NewSliceType>('streamlink', 'sponsor', 'sponsor_media_click', 'time_spent'),
  trackable: fc.integer({ min: 1, max: 3 }),
  minute: fc.nat({ max: 600 }),
  minutes: fc.integer({ min: 0, max: 75 }),
});
const steps = fc.array(fc.record({ appends: fc.array(append, { maxLength: 6 }), cancelAfter: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }) }), { minLength: 1, maxLength: 4 });

const TRACKABLE: Record<NewSliceType, string> = { streamlink: 'Streamlink', sponsor: 'Sponsor', sponsor_media_click: 'SponsorMedia', time_spent: 'Event' };

test('aggregates equal the local Brella\'s raw slices after random appends, cancelled and complete Refresh All runs', async () => {
  await fc.assert(fc.asyncProperty(steps, async (plan: Step[]) => {
    const server = await startDemoServer({ rateLimit: false, attendeeCount: 12 });
    const client = createBrellaClient({ baseUrl: server.baseUrl, apiKey: server.apiKey, requestsPerSecond: 5000, maxConcurrentRequests: 4 });
    const target: ReportTarget = { organizationId: server.organizationId, eventId: NORDIC_SUMMIT_EVENT_ID, eventName: 'Nordic Summit 2023', timeZone: ZONE };
    const ids = server.data.attendeesByEvent.get(NORDIC_SUMMIT_EVENT_ID)!.map((a) => String(a.id));
    const store = memoryReportStore();
    const run = (signal?: AbortSignal, onRows?: () => void) =>
      runEventReport({ client, target, kind: 'engagement', window: FROM, store, mode: 'full', concurrency: 2, ...(signal ? { signal } : {}), ...(onRows ? { onRows } : {}) });
    try {
      let rows: ReportRow[] = (await run()).rows;
      let clock = LATER;
      for (const step of plan) {
        for (const a of step.appends) {
          clock += 60_000;
          const start = new Date(clock + a.minute * 60_000).toISOString();
          server.world.appendSlices(NORDIC_SUMMIT_EVENT_ID, ids[a.who % ids.length]!, [{
            trackingType: a.type, startTime: start, durationSeconds: a.type === 'sponsor_media_click' ? 0 : a.minutes * 60,
            trackableType: TRACKABLE[a.type], trackableId: a.trackable,
          }]);
        }
        clock += 700 * 60_000; // the next step's slices start after these
        if (step.cancelAfter !== undefined) {
          const stop = new AbortController();
          let answers = 0;
          await run(stop.signal, () => { if (++answers >= step.cancelAfter!) stop.abort(); });
        }
        rows = (await run()).rows;
      }
      const truth = reportTruth(server.data, { eventId: NORDIC_SUMMIT_EVENT_ID, kind: 'engagement', window: FROM, dayZone: ZONE });
      const byId = new Map(rows.map((r) => [r.attendeeId, noAsOf(r)]));
      for (const t of truth.rows) {
        const { name, email, company, ...figures } = byId.get(t.attendeeId)!;
        void name; void email; void company;
        assert.deepEqual(figures, t, `attendee ${t.attendeeId}`);
      }
      // The sums over every row: the same whether taken from the report's rows or from the truth's.
      const asRows = truth.rows.map((t) => ({ ...t, name: '', email: null, company: null, asOf: '' }));
      assert.deepEqual(summarizeTrackables(rows), summarizeTrackables(asRows));
    } finally {
      await client.close();
      await server.close();
    }
  }), { numRuns: 12, seed: 20231011, endOnFailure: true });
});
