/** The report's window and store key, checked before any request. */
import { createHash } from 'node:crypto';
import { parseId } from '../model/ids';
import { parseInstant as parseStrict } from '../model/instants';
import type { ReportKind, ReportTarget, ReportWho, ReportWindow } from './types';

/** A window, zone, id or mode the report cannot run with; thrown before any request. */
export class ReportInputError extends Error {
  override name = 'ReportInputError';
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses an ISO 8601 instant with a zone, field by field with no rollover (2023-02-30 is refused, not read as
 * March 2nd): the same check as the input box and the restored panel. Throws ReportInputError naming the field.
 */
export function parseInstant(field: string, value: string): number {
  const text = typeof value === 'string' ? value.trim() : '';
  const parsed = ISO_INSTANT.test(text) ? parseStrict(text) : undefined;
  if (!parsed?.ok) {
    throw new ReportInputError(`${field}: ${JSON.stringify(String(value).slice(0, 60))} is not a date and time; use ISO 8601 in UTC, e.g. 2023-05-10T00:00:00.000Z`);
  }
  return Date.parse(parsed.iso);
}

/** The window in the API's own spelling (UTC with milliseconds), checked: start_to is not before start_from. */
export function normalizeWindow(window: ReportWindow): ReportWindow {
  if (!window || typeof window !== 'object') throw new ReportInputError('The report needs a window with start_from, e.g. 2023-05-10T00:00:00.000Z');
  const from = parseInstant('start_from', window.startFrom);
  if (window.startTo === undefined || window.startTo === '') return { startFrom: new Date(from).toISOString() };
  const to = parseInstant('start_to', window.startTo);
  if (to < from) {
    throw new ReportInputError(`start_to ${window.startTo} is before start_from ${window.startFrom}; swap them or leave start_to empty`);
  }
  return { startFrom: new Date(from).toISOString(), startTo: new Date(to).toISOString() };
}

/** An organization, event or attendee id: a positive safe integer; a longer one is refused, never rounded. */
export function checkId(field: string, value: unknown): number {
  const n = typeof value === 'string' ? parseId(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
    throw new ReportInputError(`${field} ${JSON.stringify(String(value).slice(0, 40))} is not a valid id; use a whole number from 1 to ${Number.MAX_SAFE_INTEGER}`);
  }
  return n;
}

/** Checks an IANA zone name; throws ReportInputError when the runtime does not know it. */
export function checkZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    throw new ReportInputError(`Time zone ${JSON.stringify(String(zone).slice(0, 60))} is not known; use an IANA name such as Europe/Helsinki or UTC`);
  }
}

/** "all", or "configured:" and a digest of the configured attendees' ids (in any order). */
export function whoKey(who: ReportWho | undefined): string {
  if (!who || who.kind === 'all') return 'all';
  const ids = [...new Set(who.attendees.map((a) => String(a.id)))].sort().join(',');
  return `configured:${createHash('sha256').update(ids).digest('hex').slice(0, 16)}`;
}

/** Key of a report's ledger in the store: one per (organization, event, kind, window, who). */
export function reportStoreKey(target: ReportTarget, kind: ReportKind, window: ReportWindow, who?: ReportWho): string {
  const w = normalizeWindow(window);
  return `brella.report.v2/${target.organizationId}/${target.eventId}/${kind}/${w.startFrom}/${w.startTo ?? 'open'}/${whoKey(who)}`;
}
