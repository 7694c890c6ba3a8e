/**
 * A run of the event report: asks what the ledger's plan says, one slices request per attendee (engagement: two,
 * the second for booth-media clicks; more only for attendees with more than a page of slices), several attendees
 * in flight so latency does not slow the run, every request paced by the client's per-key pacer. Every answer goes
 * into the ledger, which owns the report's state.
 *
 * The run pauses as a whole, leaving the attendees not yet answered for Resume, when every other request would fail
 * the same way: a refused key (401/403), a Cloudflare block, a Retry-After longer than the client waits, or a burst
 * of consecutive server failures. It never fails attendees one by one for those.
 */
import { setMaxListeners } from 'node:events';
import { BrellaError, MAX_PAGE_SIZE, type BrellaClient, type TrackingSessionSlice } from '../brella';
import { MEDIA_CLICK, reportSliceRequests } from '../model/presence';
import type { Ask, Ledger } from './ledger';
import { Emitter } from './emitter';
import { attendeeFailure, pauseOf, type Pauser } from './pause';
import { DayCutter, RowBuilder, type RowBounds } from './rows';
import type { LineWriter } from './store';
import type { ReportAttendee, ReportFailure, ReportMode, ReportPause, ReportProgress, ReportRow, ReportTarget } from './types';
import { parseInstant } from './window';
import { cleanName, MAX_CACHED_NAMES, trackableNameKey } from './naming';

/** Every attendee of the event, through the client (paged, the API's largest page, no raw page kept). */
export async function listReportAttendees(client: BrellaClient, organizationId: number, eventId: number, signal?: AbortSignal): Promise<ReportAttendee[]> {
  const list = await client.listAttendees(organizationId, eventId, { signal, pageSize: MAX_PAGE_SIZE, keepRaw: false });
  const seen = new Set<string>();
  const out: ReportAttendee[] = [];
  for (const a of list.items) {
    const id = String(a.id);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ id, name: a.name, email: a.email ?? null, company: a.companyName ?? null });
  }
  return out;
}

/**
 * Attendees under way at once: enough to keep requests overlapping at the key's rate with up to ~1 s latency (the
 * pacer still caps what is in flight); not more, since each one waiting holds its state.
 */
export function defaultConcurrency(client: BrellaClient): number {
  const rate = client.rateState().configuredRequestsPerSecond;
  return Math.min(256, Math.max(12, Math.ceil(rate)));
}

export interface LedgerRunOptions {
  client: BrellaClient;
  target: ReportTarget;
  ledger: Ledger;
  mode: ReportMode;
  concurrency: number;
  writer?: LineWriter;
  signal?: AbortSignal;
  onProgress?: (p: ReportProgress) => void;
  /** Rows and failures as they finish (batched; always a last batch when the run ends). */
  onChange?: (rows: ReportRow[], failures: ReportFailure[]) => void;
  now?: () => number;
  /** Fills with the booths' and streams' names the answers carry (src/reports/naming.ts keys), when given. */
  names?: Map<string, string>;
}

export interface LedgerRunOutcome {
  reused: number;
  asked: number;
  cancelled: boolean;
  paused?: ReportPause;
}

/** Runs the ledger's plan for `mode`. Resolves however the run ends; throws only what stops it before any answer. */
export async function runLedger(o: LedgerRunOptions): Promise<LedgerRunOutcome> {
  const now = o.now ?? Date.now;
  const emit = new Emitter(o.onProgress, o.onChange, () => o.client.rateState().pausedUntil);
  const stop = new AbortController();
  const onAbort = (): void => stop.abort(o.signal?.reason);
  o.signal?.addEventListener('abort', onAbort, { once: true });
  if (o.signal?.aborted) stop.abort(o.signal.reason);
  try {
    let plan = o.ledger.plan(o.mode);
    if (plan.list) {
      emit.listing();
      let listed: ReportAttendee[];
      try {
        stop.signal.throwIfAborted();
        listed = await listReportAttendees(o.client, o.target.organizationId, o.target.eventId, stop.signal);
      } catch (error) {
        if (stop.signal.aborted) return { reused: 0, asked: 0, cancelled: true };
        const paused = pauseOf(error, now(), 0);
        if (paused) return { reused: 0, asked: 0, cancelled: false, paused: paused(plan.ask.length) };
        throw error;
      }
      o.ledger.setListed(listed, new Date(now()).toISOString());
      o.writer?.add(o.ledger.takePending());
      plan = { ...o.ledger.plan(o.mode), list: false };
    }
    emit.start(plan.reused, plan.ask.length);
    const asked = await askAll(o, plan.ask, emit, stop, now);
    return { reused: plan.reused, asked: asked.count, cancelled: o.signal?.aborted === true && !asked.paused, ...(asked.paused ? { paused: asked.paused } : {}) };
  } finally {
    o.signal?.removeEventListener('abort', onAbort);
    emit.end();
  }
}

/** The names a page of slices carries, by naming key. */
function noteNames(into: Map<string, string>, items: readonly TrackingSessionSlice[]): void {
  for (const s of items) {
    if (s.trackableName === undefined || s.trackableId === null || s.trackableType === null) continue;
    const name = cleanName(s.trackableName);
    if (name !== undefined && into.size < MAX_CACHED_NAMES) into.set(trackableNameKey(s.trackableType, String(s.trackableId)), name);
  }
}

/** Asks every attendee of the plan with `concurrency` workers; stops on abort or on a pause. */
async function askAll(o: LedgerRunOptions, asks: readonly Ask[], emit: Emitter, stop: AbortController, now: () => number): Promise<{ count: number; paused?: ReportPause }> {
  const { kind, window, dayZone } = o.ledger.spec;
  const bounds: RowBounds = { fromMs: parseInstant('start_from', window.startFrom), toMs: window.startTo ? parseInstant('start_to', window.startTo) : undefined };
  const cutter = new DayCutter(dayZone);
  setMaxListeners(o.concurrency * 4 + 10, stop.signal); // every attendee under way listens to it (pacer, sleep, request)
  let next = 0;
  let count = 0;
  let serverFailures = 0;
  let pauser: Pauser | undefined;
  let clicksRefused = false;

  const one = async ({ attendee, since }: Ask): Promise<void> => {
    const builder = new RowBuilder(kind, bounds, cutter, since);
    const from = RowBuilder.resumeFrom(since?.marks) ?? window.startFrom;
    const asOf = new Date(now()).toISOString();
    try {
      for (const filters of reportSliceRequests(kind, { ...window, startFrom: from })) {
        const clicks = filters.tracking_type?.[0] === MEDIA_CLICK;
        if (clicks && clicksRefused) continue;
        await o.client.listSlices(o.target.organizationId, o.target.eventId, attendee.id, filters, {
          pageSize: MAX_PAGE_SIZE, keepRaw: false, signal: stop.signal,
          onPage: (_info, items: readonly TrackingSessionSlice[]) => {
            builder.add(items);
            if (o.names) noteNames(o.names, items);
          },
        }).catch((error: unknown) => {
          // A server that does not know the clicks' tracking type (400 or 422) has none to give: the rest of
          // the answer stands, and the run stops asking for them.
          if (!clicks || !(error instanceof BrellaError) || (error.status !== 400 && error.status !== 422)) throw error;
          clicksRefused = true;
        });
      }
    } catch (error) {
      if (stop.signal.aborted) return;
      pauser = pauseOf(error, now(), ++serverFailures);
      if (pauser) {
        stop.abort(new Error('paused'));
        return;
      }
      const failure = attendeeFailure(attendee, error);
      if (!failure.serverFailure) serverFailures = 0;
      o.ledger.failed(failure.failure, asOf);
      count++;
      o.writer?.add(o.ledger.takePending());
      emit.failed(failure.failure);
      return;
    }
    serverFailures = 0;
    const row = builder.finish(attendee, asOf);
    o.ledger.answered(row, builder.marks());
    count++;
    o.writer?.add(o.ledger.takePending());
    emit.row(o.ledger.rowOf(attendee.id) ?? row);
  };
  const worker = async (): Promise<void> => {
    while (!stop.signal.aborted && next < asks.length) await one(asks[next++] as Ask);
  };
  await Promise.all(Array.from({ length: Math.min(o.concurrency, asks.length) }, worker));
  return { count, ...(pauser ? { paused: pauser(asks.length - count) } : {}) };
}
