/**
 * Model-based test of the event report (fast-check): random sequences of actions on report panels (run in every
 * mode, cancel at any point including while listing, reload, a second panel on the same report) while the local
 * Brella's data changes (new attendees, slices appended on later days, the key revoked and restored, an outage with
 * a long Retry-After). Each sequence ends with Update check-ins, then Refresh all, and the report is compared with
 * the truth computed from the local Brella's data. Along the way, what each run asks is compared with what the
 * stored lines (read here, independently of the report code) say it should ask.
 *
 * Seeded: BRELLA_MODEL_SEED picks the seed, BRELLA_MODEL_RUNS the number of sequences (200 by default; set it
 * higher for a longer run). A failure prints its seed and the shrunk sequence.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createBrellaClient, type BrellaClient } from '../../src/brella';
import { NORDIC_SUMMIT_EVENT_ID, startDemoServer, type DemoServer } from '../../src/demo';
import type { ReportMode, ReportPanelTarget, ToReportWebview } from '../../src/protocol/report';
import { memoryReportStore, reportStoreKey, type ReportRow } from '../../src/reports';
import { ReportSession } from '../../src/features/report/session';
import { reportTruth, type TruthRow } from './helpers/report-truth';

const ZONE = 'Europe/Helsinki';
const WINDOW = { startFrom: '2023-05-10T00:00:00.000Z' };
const RUNS = Number(process.env.BRELLA_MODEL_RUNS ?? 200);
const SEED = Number(process.env.BRELLA_MODEL_SEED ?? 20261202);

type Action =
  | { a: 'run'; mode: ReportMode; cancelAt?: number }
  | { a: 'reload' }
  | { a: 'second'; mode: ReportMode }
  | { a: 'addAttendee'; checkIn: boolean }
  | { a: 'append'; who: number; day: number; kind: 'time_spent' | 'streamlink' | 'sponsor'; minutes: number }
  | { a: 'revoke' }
  | { a: 'restore' }
  | { a: 'outage' }
  | { a: 'endOutage' };

const modes = fc.constantFrom<ReportMode>('resume', 'retryFailed', 'incremental', 'full');
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ a: fc.constant('run' as const), mode: modes, cancelAt: fc.option(fc.nat({ max: 12 }), { nil: undefined }) }) },
  { weight: 1, arbitrary: fc.constant({ a: 'reload' as const }) },
  { weight: 1, arbitrary: fc.record({ a: fc.constant('second' as const), mode: modes }) },
  { weight: 2, arbitrary: fc.record({ a: fc.constant('addAttendee' as const), checkIn: fc.boolean() }) },
  {
    weight: 3,
    arbitrary: fc.record({
      a: fc.constant('append' as const), who: fc.nat({ max: 30 }), day: fc.nat({ max: 6 }),
      kind: fc.constantFrom('time_spent' as const, 'streamlink' as const, 'sponsor' as const), minutes: fc.integer({ min: 1, max: 120 }),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ a: 'revoke' as const }) },
  { weight: 1, arbitrary: fc.constant({ a: 'restore' as const }) },
  { weight: 1, arbitrary: fc.constant({ a: 'outage' as const }) },
  { weight: 1, arbitrary: fc.constant({ a: 'endOutage' as const }) },
);

/** What the stored lines say, read here without the report code: the last list, and each attendee's latest answer. */
function storedState(lines: readonly string[]): { listed: string[] | undefined; state: Map<string, { kind: 'row' | 'fail'; row?: ReportRow; at: string }> } {
  let listed: string[] | undefined;
  let listedAt = '';
  const rows = new Map<string, { at: string; row: ReportRow }>();
  const fails = new Map<string, string>();
  for (const text of lines) {
    const l = JSON.parse(text) as { t: string; at: string; attendees?: Array<{ id: string }>; row?: ReportRow; failure?: { attendeeId: string } };
    if (l.t === 'list' && l.at >= listedAt) [listed, listedAt] = [l.attendees!.map((a) => a.id), l.at];
    if (l.t === 'row' && !((rows.get(l.row!.attendeeId)?.at ?? '') > l.at)) rows.set(l.row!.attendeeId, { at: l.at, row: l.row! });
    if (l.t === 'fail' && !(fails.get(l.failure!.attendeeId)! > l.at)) fails.set(l.failure!.attendeeId, l.at);
  }
  const state = new Map<string, { kind: 'row' | 'fail'; row?: ReportRow; at: string }>();
  for (const [id, r] of rows) state.set(id, { kind: 'row', row: r.row, at: r.at });
  for (const [id, at] of fails) if (!rows.has(id) || at > rows.get(id)!.at) state.set(id, { kind: 'fail', at });
  return { listed, state };
}

/** The figures of a row, as the truth has them. */
function figures(row: ReportRow): TruthRow {
  const { name, email, company, asOf, ...rest } = row;
  void name; void email; void company; void asOf;
  return rest;
}

class Model {
  server!: DemoServer;
  client!: BrellaClient;
  store = memoryReportStore();
  clock = Date.parse('2023-05-15T00:00:00.000Z');
  /** Model time of the last slice appended per attendee. */
  appended = new Map<string, number>();
  session!: ReportSession;
  posted: ToReportWebview[] = [];
  revoked = false;
  outage = false;
  /**
   * Attendees a cancelled or paused run may still have had on the wire when it ended: such a request, aborted by the
   * client, can still reach the server while the next run goes. It is told apart here, not waited for.
   */
  stragglers = new Set<string>();
  target!: ReportPanelTarget;

  async open(): Promise<void> {
    this.server = await startDemoServer({ rateLimit: false, attendeeCount: 8, echoKey: true });
    // The client waits at most 50 ms for a Retry-After: a longer one pauses the run (and the key only briefly).
    this.client = createBrellaClient({ baseUrl: this.server.baseUrl, apiKey: this.server.apiKey, requestsPerSecond: 5000, maxConcurrentRequests: 6, retries: 1, backoffBaseMs: 1, maxRetryAfterMs: 50 });
    this.target = { organizationId: this.server.organizationId, eventId: NORDIC_SUMMIT_EVENT_ID, eventName: 'Nordic Summit 2023', timeZone: ZONE, kind: 'presence', window: WINDOW, who: 'all' };
    this.session = this.newSession(this.posted);
  }

  async close(): Promise<void> {
    await this.session.stop();
    await this.client.close();
    await this.server.close();
  }

  newSession(posted: ToReportWebview[]): ReportSession {
    return new ReportSession(this.target, { client: async () => this.client, store: this.store, post: (m) => posted.push(m), now: () => this.clock });
  }

  get ids(): string[] {
    return this.server.data.attendeesByEvent.get(NORDIC_SUMMIT_EVENT_ID)!.map((a) => String(a.id));
  }

  lines(): string[] {
    return this.store.entries.get(reportStoreKey(this.target, 'presence', WINDOW)) ?? [];
  }

  asked(): string[] {
    return this.server.requests.list().filter((r) => r.path.endsWith('/tracking_session_slices')).map((r) => r.path.split('/').at(-2)!).sort();
  }

  /** The requests of this run: one late request of each straggler of the run before is left out when it is one too many. */
  withoutStragglers(asked: string[], expected: string[]): string[] {
    const counts = new Map<string, number>();
    for (const id of asked) counts.set(id, (counts.get(id) ?? 0) + 1);
    for (const id of this.stragglers) {
      const n = counts.get(id) ?? 0;
      if (n > (expected.includes(id) ? 1 : 0)) counts.set(id, n - 1);
    }
    return [...counts].flatMap(([id, n]) => Array.from({ length: n }, () => id)).sort();
  }

  lastDone(posted = this.posted): Extract<ToReportWebview, { type: 'done' }> | undefined {
    return posted.filter((m) => m.type === 'done').at(-1) as Extract<ToReportWebview, { type: 'done' }> | undefined;
  }

  /** Whom a run in `mode` must ask, from the stored lines and the world now. */
  expectedAsks(mode: ReportMode): string[] {
    const { listed, state } = storedState(this.lines());
    const list = mode === 'incremental' || mode === 'full' || listed === undefined ? this.ids : listed;
    return list.filter((id) => {
      const s = state.get(id);
      if (mode === 'full') return true;
      if (mode === 'resume') return s === undefined;
      if (mode === 'retryFailed') return s?.kind !== 'row';
      return s?.kind !== 'row' || !s.row!.checkedIn;
    }).sort();
  }

  async run(mode: ReportMode, cancelAt: number | undefined, session = this.session, posted = this.posted): Promise<void> {
    this.clock += 1000;
    const expected = this.expectedAsks(mode);
    this.server.requests.clear();
    const before = posted.length;
    await session.run(mode, (p) => {
      if (cancelAt !== undefined && (cancelAt === 0 ? p.phase === 'listing' : p.done >= cancelAt)) session.cancel();
    });
    const done = this.lastDone(posted.slice(before));
    const asked = this.withoutStragglers(this.asked(), expected);
    this.stragglers = !done || done.cancelled || done.paused ? new Set(expected) : new Set();
    if (!done) {
      assert.ok(this.revoked || this.outage, 'a run ends with an outcome unless Brella refused it');
      return;
    }
    if (done.cancelled || done.paused) {
      // A cancelled or paused run asks no one it should not have asked.
      for (const id of new Set(asked)) assert.ok(expected.includes(id), `${mode} asked ${id}, which it had no reason to ask`);
      return;
    }
    // With the key refused or Brella down, only a run that needed no request can end normally.
    if (this.revoked || this.outage) assert.equal(this.server.requests.list().length, 0, 'a run that met a refused key or an outage pauses');
    // One request per attendee asked (none has more than a page of slices here), and exactly those it must ask.
    assert.deepEqual(asked, expected, `${mode} asks exactly whom it must`);
  }

  act(a: Action): Promise<void> | void {
    switch (a.a) {
      case 'run': return this.run(a.mode, a.cancelAt);
      case 'reload': return this.reload();
      case 'second': {
        const posted: ToReportWebview[] = [];
        return this.run(a.mode, undefined, this.newSession(posted), posted);
      }
      case 'addAttendee': {
        const id = this.server.world.addAttendee(NORDIC_SUMMIT_EVENT_ID, {});
        if (a.checkIn) this.append(id, 0, 'time_spent', 5);
        return;
      }
      case 'append': return this.append(this.ids[a.who % this.ids.length]!, a.day, a.kind, a.minutes);
      case 'revoke':
        this.server.world.revokeKey();
        this.revoked = true;
        return;
      case 'restore':
        this.server.world.restoreKey();
        this.revoked = false;
        return;
      case 'outage':
        this.server.world.outage({ status: 503, retryAfterSeconds: 3600 });
        this.outage = true;
        return;
      case 'endOutage':
        this.server.world.endOutage();
        this.outage = false;
    }
  }

  async reload(): Promise<void> {
    await this.session.stop();
    this.posted = [];
    this.session = this.newSession(this.posted);
    await this.session.replay();
  }

  /** A slice on a later day than every slice the attendee has: 2023-05-20 and after, hour by hour. */
  append(id: string, day: number, kind: 'time_spent' | 'streamlink' | 'sponsor', minutes: number): void {
    this.clock += 1000;
    const latest = Math.max(Date.parse('2023-05-19T00:00:00.000Z'), ...(this.server.data.slicesByAttendee.get(Number(id)) ?? []).map((s) => s.startMs));
    const start = Math.max(latest + 3_600_000, Date.parse('2023-05-20T08:00:00.000Z') + day * 86_400_000);
    this.server.world.appendSlices(NORDIC_SUMMIT_EVENT_ID, id, [{ trackingType: kind, startTime: new Date(start).toISOString(), durationSeconds: minutes * 60, trackableType: kind === 'sponsor' ? 'Sponsor' : kind === 'streamlink' ? 'Streamlink' : 'Event', trackableId: 42 }]);
    if (kind === 'time_spent') this.appended.set(id, this.clock);
  }

  truth(): Map<string, TruthRow> {
    const t = reportTruth(this.server.data, { eventId: NORDIC_SUMMIT_EVENT_ID, kind: 'presence', window: WINDOW, dayZone: ZONE });
    return new Map(t.rows.map((r) => [r.attendeeId, r]));
  }

  /** The rows the panel shows, applied from the messages as the panel applies them. */
  shown(): Map<string, ReportRow> {
    const rows = new Map<string, ReportRow>();
    for (const m of this.posted) {
      if (m.type !== 'rows') continue;
      if (m.reset) rows.clear();
      for (const r of m.rows) rows.set(r.attendeeId, r);
      for (const f of m.failures) rows.delete(f.attendeeId);
    }
    return rows;
  }

  async finish(): Promise<void> {
    this.act({ a: 'restore' });
    this.act({ a: 'endOutage' });
    // The key's pacer may still pause after a Retry-After (≤ 50 ms): wait until it does not, however busy the machine.
    while (this.client.rateState().pausedUntil !== undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    await this.run('incremental', undefined);
    const truth = this.truth();
    let shown = this.shown();
    assert.deepEqual([...shown.keys()].sort(), [...truth.keys()].sort(), 'Update: one row per attendee of the event');
    for (const [id, t] of truth) {
      const row = shown.get(id)!;
      assert.equal(row.checkedIn, t.checkedIn, `Update: ${id} checked in`);
      // A row asked after the attendee's last new slice is exact; an older checked-in one is as of when it was asked.
      if (!row.checkedIn || (this.appended.get(id) ?? -Infinity) < Date.parse(row.asOf)) assert.deepEqual(figures(row), t, `Update: ${id} as of ${row.asOf}`);
      else assert.ok(row.appSeconds <= t.appSeconds);
    }
    await this.run('full', undefined);
    shown = this.shown();
    for (const [id, t] of truth) assert.deepEqual(figures(shown.get(id)!), t, `Refresh all: ${id}`);
    const daily = this.lastDone()!.daily.map(({ day, attendees, streamSeconds, sponsorSeconds }) => ({ day, attendees, streamSeconds, sponsorSeconds }));
    const truthDaily = reportTruth(this.server.data, { eventId: NORDIC_SUMMIT_EVENT_ID, kind: 'presence', window: WINDOW, dayZone: ZONE }).daily;
    assert.deepEqual(daily, truthDaily, 'Refresh all: the per-day chart');
    assert.equal(JSON.stringify(this.posted).includes(this.server.apiKey), false, 'no message holds the key');
    assert.equal(this.lines().some((l) => l.includes(this.server.apiKey)), false, 'no stored line holds the key');
  }
}

test(`the event report equals the truth after any sequence of runs while Brella's data changes (${RUNS} seeded sequences)`, { timeout: 600_000 }, async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 14 }), async (actions) => {
      const model = new Model();
      await model.open();
      try {
        for (const a of actions) await model.act(a);
        await model.finish();
      } finally {
        await model.close();
      }
    }),
    { numRuns: RUNS, seed: SEED, verbose: 1, endOnFailure: false },
  );
});
