/**
 * runEventReport: one slices request per attendee (more only for attendees with more than a page of slices),
 * several attendees in flight so latency does not slow the run, every request paced by the client's per-key pacer.
 *
 * Paging: page[size] is the API's maximum (500) whatever the client's own is, so an attendee normally costs one
 * request; further pages are read only when meta/links say there are more. A presence check cannot stop at the
 * first slice: first/last seen and the time in the app need every time_spent slice of the window.
 */
import { setMaxListeners } from 'node:events';
import { BrellaAuthError, BrellaBlockedError, MAX_PAGE_SIZE, isAbortError, type BrellaClient, type TrackingSessionSlice } from '../brella';
import { DayCutter, RowBuilder, type RowBounds } from './rows';
import { BatchSaver, readStored } from './store';
import { summarize } from './summary';
import type {
  ReportAttendee, ReportFailure, ReportMode, ReportProgress, ReportResult, ReportRow, RunEventReportOptions, StoredReport,
} from './types';
import { ReportInputError, checkZone, normalizeWindow, parseInstant, reportStoreKey } from './window';

/**
 * Attendees under way at once: enough to keep requests overlapping at the key's rate with up to ~1 s latency (the
 * pacer still caps what is in flight); not more, since each one waiting holds its state.
 */
function defaultConcurrency(client: BrellaClient): number {
  const rate = client.rateState().configuredRequestsPerSecond;
  return Math.min(256, Math.max(12, Math.ceil(rate)));
}
const PROGRESS_EVERY_MS = 250;
const ROWS_EVERY_MS = 250;

/** The slice filters of a report: presence asks time_spent only; engagement leaves tracking_type out (three kinds). */
export function reportFilters(kind: RunEventReportOptions['kind'], window: { startFrom: string; startTo?: string }): Record<string, string> {
  return {
    ...(kind === 'presence' ? { tracking_type: 'time_spent' } : {}),
    start_from: window.startFrom,
    ...(window.startTo ? { start_to: window.startTo } : {}),
  };
}

/** Every attendee of the event, through the client (paged). */
export async function listReportAttendees(client: BrellaClient, organizationId: number, eventId: number, signal?: AbortSignal): Promise<ReportAttendee[]> {
  // The API's largest page and no raw page kept: a 20 000-attendee event is 40 requests and only its rows.
  const list = await client.listAttendees(organizationId, eventId, { signal, pageSize: MAX_PAGE_SIZE, keepRaw: false });
  return list.items.map((a) => ({ id: a.id, name: a.name, email: a.email, company: a.companyName }));
}

/**
 * Why an attendee failed, as text. A refused key (403) says what was refused and how to fix it; a request blocked
 * before it reached Brella (Cloudflare) keeps its own advice, since the key is not at fault there.
 */
export function failureReason(error: unknown): { reason: string; status?: number } {
  const status = typeof (error as { status?: unknown })?.status === 'number' ? (error as { status: number }).status : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof BrellaAuthError || (status === 403 && !(error instanceof BrellaBlockedError))) {
    return { reason: `${message} Set the organization's API key again (Set API Key), then Retry failed.`, status: status ?? 403 };
  }
  if (error instanceof BrellaBlockedError) return { reason: message, status: error.httpStatus };
  return status === undefined ? { reason: message } : { reason: message, status };
}

/** Errors every other request of the run would get too: the run stops instead of asking them all. */
function stopsTheRun(error: unknown, status: number | undefined): boolean {
  return error instanceof BrellaAuthError || error instanceof BrellaBlockedError || status === 403;
}

function checkMode(mode: ReportMode, startTo: string | undefined): void {
  if (!['resume', 'retryFailed', 'full', 'incremental'].includes(mode)) {
    throw new ReportInputError(`Report mode ${JSON.stringify(mode)} is not known; use resume, retryFailed, full or incremental`);
  }
  if (mode === 'incremental' && startTo) {
    throw new ReportInputError('An incremental re-run needs an open-ended window (start_from only): with start_to the report is already final; use resume or full');
  }
}

function uniqueAttendees(list: readonly ReportAttendee[]): ReportAttendee[] {
  const seen = new Set<string>();
  const out: ReportAttendee[] = [];
  for (const a of list) {
    const id = String(a.id);
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ id, name: a.name, email: a.email ?? null, company: a.company ?? null });
  }
  return out;
}

/**
 * Given attendees (the configured ones) with the email and company Brella listed for them in an earlier run of
 * the same report, where they have none of their own.
 */
function withListedDetails(attendees: ReportAttendee[], listed: readonly ReportAttendee[] | undefined): ReportAttendee[] {
  if (!listed?.length) return attendees;
  const byId = new Map(listed.map((a) => [String(a.id), a]));
  return attendees.map((a) => {
    const known = byId.get(a.id);
    return known ? { ...a, email: a.email ?? known.email ?? null, company: a.company ?? known.company ?? null } : a;
  });
}

/** Which attendees are asked, and which stored rows are reused, for a mode. */
function plan(mode: ReportMode, kind: RunEventReportOptions['kind'], attendees: readonly ReportAttendee[], stored: StoredReport | undefined) {
  const reuse: ReportRow[] = [];
  const ask: ReportAttendee[] = [];
  for (const a of attendees) {
    const row = stored?.rows[a.id];
    const failed = stored?.failures[a.id] !== undefined;
    if (mode === 'full') ask.push(a);
    else if (mode === 'retryFailed') {
      if (failed) ask.push(a);
      else if (row) reuse.push(row);
    } else if (mode === 'incremental') {
      // Presence only turns from "not yet" to "checked in"; engagement totals keep growing, so it is asked again.
      if (row && row.checkedIn && kind === 'presence') reuse.push(row);
      else ask.push(a);
    } else if (row && !failed) reuse.push(row);
    else ask.push(a);
  }
  return { reuse, ask };
}

export async function runEventReport(options: RunEventReportOptions): Promise<ReportResult> {
  const { client, target, kind, signal } = options;
  if (kind !== 'presence' && kind !== 'engagement') throw new ReportInputError(`Report kind ${JSON.stringify(kind)} is not known; use presence or engagement`);
  const window = normalizeWindow(options.window);
  const mode = options.mode ?? 'resume';
  checkMode(mode, window.startTo);
  const dayZone = checkZone(options.dayZone ?? target.timeZone ?? 'UTC');
  const concurrency = options.concurrency ?? defaultConcurrency(client);
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) throw new ReportInputError(`concurrency ${concurrency} is not valid; use a whole number ≥ 1`);
  const bounds: RowBounds = { fromMs: parseInstant('start_from', window.startFrom), toMs: window.startTo ? parseInstant('start_to', window.startTo) : undefined };
  const key = reportStoreKey(target, kind, window);
  const filters = reportFilters(kind, window);

  const makeResult = (rows: ReportRow[], failures: ReportFailure[], reused: number, asked: number, stopped?: string): ReportResult => ({
    rows, failures, cancelled: signal?.aborted === true,
    summary: summarize(rows, failures, { window, kind, dayZone, reused, asked }),
    ...(stopped ? { stopped } : {}),
  });

  const loaded = options.store ? readStored(await options.store.load(key)) : undefined;
  const stored = mode === 'full' ? undefined : loaded;
  let attendees: ReportAttendee[];
  if (options.attendees) attendees = withListedDetails(uniqueAttendees(options.attendees), loaded?.attendees);
  else if ((mode === 'resume' || mode === 'retryFailed') && stored?.attendees) attendees = uniqueAttendees(stored.attendees);
  else {
    try {
      attendees = uniqueAttendees(await listReportAttendees(client, target.organizationId, target.eventId, signal));
    } catch (error) {
      if (isAbortError(error) && signal?.aborted) return makeResult([], [], 0, 0);
      throw error;
    }
  }

  const { reuse, ask } = plan(mode, kind, attendees, stored);
  const byId = new Map(attendees.map((a) => [a.id, a]));
  // Everything kept for the key: rows of attendees outside this run stay (a run over a subset does not erase them);
  // a full run forgets only the rows of its own attendees.
  const keep = <T>(record: Record<string, T> | undefined): Map<string, T> =>
    new Map(Object.entries(record ?? {}).filter(([id]) => mode !== 'full' || !byId.has(id)));
  const rows = keep(loaded?.rows);
  const failures = keep(loaded?.failures);
  for (const row of reuse) {
    const a = byId.get(row.attendeeId) as ReportAttendee;
    rows.set(a.id, { ...row, name: a.name, email: a.email ?? row.email, company: a.company ?? row.company });
  }
  // The stored attendee list is the event's as Brella listed it; a run over given attendees leaves it as it was.
  const listed = options.attendees ? loaded?.attendees : attendees;
  const saver = new BatchSaver(options.store, key, { rows, failures, attendees: listed });
  const cutter = new DayCutter(dayZone);

  // Retry failed leaves attendees that have neither a row nor a failure aside: they are not part of its progress.
  const total = reuse.length + ask.length;
  let done = reuse.length;
  let askedDone = 0;
  let failed = 0;
  const started = performance.now();
  let lastProgress = -Infinity;
  const progress = (force: boolean): void => {
    if (!options.onProgress) return;
    const now = performance.now();
    if (!force && now - lastProgress < PROGRESS_EVERY_MS) return;
    lastProgress = now;
    const seconds = (now - started) / 1000;
    const ratePerSecond = seconds > 0 ? askedDone / seconds : 0;
    const left = total - done;
    const p: ReportProgress = { done, total, failed, ratePerSecond, etaSeconds: left === 0 ? 0 : ratePerSecond > 0 ? left / ratePerSecond : null };
    try {
      options.onProgress(p);
    } catch {
      // a failing listener must not stop the run
    }
  };

  let batchRows: ReportRow[] = reuse.map((r) => rows.get(r.attendeeId) ?? r);
  let batchFailures: ReportFailure[] = [];
  let lastRows = -Infinity;
  const emitRows = (force: boolean): void => {
    const now = performance.now();
    if (!force && now - lastRows < ROWS_EVERY_MS) return;
    lastRows = now;
    if (batchRows.length === 0 && batchFailures.length === 0) return;
    const r = batchRows;
    const f = batchFailures;
    batchRows = [];
    batchFailures = [];
    try {
      options.onRows?.(r, f);
    } catch {
      // a failing listener must not stop the run
    }
  };
  emitRows(true);
  progress(true);

  // Stops the workers on cancel, and on a refused key (every other request would be refused too).
  const stop = new AbortController();
  setMaxListeners(concurrency * 4 + 10, stop.signal); // every attendee under way listens to it (pacer, sleep, request)
  const onAbort = (): void => stop.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  if (signal?.aborted) stop.abort(signal.reason);
  let stopped: string | undefined;
  let next = 0;

  const one = async (a: ReportAttendee): Promise<void> => {
    const builder = new RowBuilder(kind, bounds, cutter);
    try {
      await client.listSlices(target.organizationId, target.eventId, a.id, filters, {
        // The API's largest page, whatever brella.pageSize says: most attendees then cost one request.
        pageSize: MAX_PAGE_SIZE,
        // The report reads rows only: no raw page is kept (or compressed) for it.
        keepRaw: false,
        signal: stop.signal,
        onPage: (_info, items: readonly TrackingSessionSlice[]) => builder.add(items),
      });
    } catch (error) {
      if (stop.signal.aborted && (isAbortError(error) || stopped)) return;
      const why = failureReason(error);
      const failure: ReportFailure = { attendeeId: a.id, name: a.name, ...why };
      failures.set(a.id, failure);
      rows.delete(a.id);
      batchFailures.push(failure);
      failed++;
      if (stopsTheRun(error, why.status)) {
        stopped = `${why.reason} The other attendees were not asked; Resume asks them.`;
        stop.abort(new Error('stopped'));
      }
      return finishOne();
    }
    const row = builder.finish(a);
    rows.set(a.id, row);
    failures.delete(a.id);
    batchRows.push(row);
    return finishOne();
  };
  const finishOne = (): void => {
    done++;
    askedDone++;
    saver.changed();
    emitRows(false);
    progress(false);
  };
  const worker = async (): Promise<void> => {
    while (!stop.signal.aborted && next < ask.length) {
      const a = ask[next++] as ReportAttendee;
      await one(a);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, ask.length) }, worker));
  } finally {
    signal?.removeEventListener('abort', onAbort);
    emitRows(true);
    progress(true);
    await saver.flush();
  }

  const resultRows: ReportRow[] = [];
  const resultFailures: ReportFailure[] = [];
  for (const a of attendees) {
    const row = rows.get(a.id);
    const failure = failures.get(a.id);
    if (failure) resultFailures.push(failure);
    else if (row) resultRows.push(row);
  }
  return makeResult(resultRows, resultFailures, reuse.length, askedDone, stopped);
}
