/**
 * runEventReport: one call that opens a report's ledger from its store, runs it in a mode, writes each finished
 * answer once, and returns the report as the ledger then says. The panel's session keeps its ledger open between
 * runs instead (src/features/report/session.ts); both go through openLedger and runLedger.
 */
import { Ledger, type LedgerSpec } from './ledger';
import { defaultConcurrency, runLedger } from './run';
import { LineWriter } from './store';
import type { ReportAttendee, ReportMode, ReportResult, ReportStore, ReportTarget, ReportWho, RunEventReportOptions } from './types';
import { ReportInputError, checkId, checkZone, normalizeWindow, reportStoreKey } from './window';

const MODES: readonly ReportMode[] = ['resume', 'retryFailed', 'full', 'incremental'];

/** Reads a report's ledger from the store (every line checked), and compacts the stored lines when worth it. */
export async function openLedger(store: ReportStore | undefined, key: string, spec: LedgerSpec): Promise<Ledger> {
  const ledger = new Ledger(spec);
  await syncLedger(ledger, store, key);
  return ledger;
}

/**
 * Applies what the store holds now (another panel or window may have added answers; the later answer wins).
 * Returns how many lines changed the ledger (0: nothing new).
 */
export async function syncLedger(ledger: Ledger, store: ReportStore | undefined, key: string): Promise<number> {
  const lines = await store?.load(key);
  if (!lines) return 0;
  const changed = ledger.read(lines);
  if (ledger.worthCompacting) await store?.rewrite(key, ledger.compacted());
  return changed;
}

/** Attendees once each, ids as strings. */
export function uniqueAttendees(list: readonly ReportAttendee[]): ReportAttendee[] {
  const seen = new Set<string>();
  const out: ReportAttendee[] = [];
  for (const a of list) {
    const id = String(checkId('Attendee id', String(a.id)));
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ id, name: a.name, email: a.email ?? null, company: a.company ?? null });
  }
  return out;
}

/** Checks everything a report runs with, before any request. */
export function checkReportInput(options: Pick<RunEventReportOptions, 'target' | 'kind' | 'window' | 'mode' | 'dayZone' | 'concurrency'>): { mode: ReportMode; dayZone: string } {
  const { target, kind } = options;
  if (kind !== 'presence' && kind !== 'engagement') throw new ReportInputError(`Report kind ${JSON.stringify(kind)} is not known; use presence or engagement`);
  checkId('Organization id', target.organizationId);
  checkId('Event id', target.eventId);
  normalizeWindow(options.window);
  const mode = options.mode ?? 'resume';
  if (!MODES.includes(mode)) throw new ReportInputError(`Report mode ${JSON.stringify(mode)} is not known; use resume, retryFailed, full or incremental`);
  const concurrency = options.concurrency;
  if (concurrency !== undefined && (!Number.isSafeInteger(concurrency) || concurrency < 1)) throw new ReportInputError(`concurrency ${concurrency} is not valid; use a whole number ≥ 1`);
  return { mode, dayZone: checkZone(options.dayZone ?? target.timeZone ?? 'UTC') };
}

/**
 * Configured attendees with the email and company Brella listed for them in the report over every attendee (same
 * event, kind and window), where they have none of their own.
 */
export async function withListedDetails(store: ReportStore | undefined, target: ReportTarget, attendees: ReportAttendee[], spec: LedgerSpec): Promise<ReportAttendee[]> {
  if (!store) return attendees;
  const all = await openLedger(store, reportStoreKey(target, spec.kind, spec.window), { ...spec, configured: undefined });
  return attendees.map((a) => {
    const known = all.listedAttendee(a.id);
    return known ? { ...a, email: a.email ?? known.email ?? null, company: a.company ?? known.company ?? null } : a;
  });
}

export async function runEventReport(options: RunEventReportOptions): Promise<ReportResult> {
  const { mode, dayZone } = checkReportInput(options);
  const window = normalizeWindow(options.window);
  const base: LedgerSpec = { kind: options.kind, window, dayZone };
  const configured = options.attendees ? await withListedDetails(options.store, options.target, uniqueAttendees(options.attendees), base) : undefined;
  const who: ReportWho = configured ? { kind: 'configured', attendees: configured } : { kind: 'all' };
  const key = reportStoreKey(options.target, options.kind, window, who);
  const ledger = await openLedger(options.store, key, { ...base, ...(configured ? { configured } : {}) });
  // A store that cannot be written does not stop the report: its rows are still returned.
  const writer = new LineWriter(options.store, key);
  const outcome = await runLedger({
    client: options.client, target: options.target, ledger, mode, writer,
    concurrency: options.concurrency ?? defaultConcurrency(options.client),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.onRows ? { onChange: options.onRows } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  await writer.flush();
  const view = ledger.view();
  return {
    rows: view.rows, failures: view.failures, cancelled: outcome.cancelled,
    summary: ledger.summary(outcome, view),
    ...(outcome.paused ? { paused: outcome.paused, stopped: outcome.paused.message } : {}),
  };
}
