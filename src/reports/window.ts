/** The report's window and store key, checked before any request. */
import type { ReportKind, ReportTarget, ReportWindow } from './types';

/** A window, zone or mode the report cannot run with; thrown before any request. */
export class ReportInputError extends Error {
  override name = 'ReportInputError';
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;

/** Parses an ISO 8601 instant with a zone; throws ReportInputError naming the field otherwise. */
export function parseInstant(field: string, value: string): number {
  const ms = typeof value === 'string' && ISO_INSTANT.test(value.trim()) ? Date.parse(value.trim()) : NaN;
  if (!Number.isFinite(ms)) {
    throw new ReportInputError(`${field}: ${JSON.stringify(String(value).slice(0, 60))} is not a date and time; use ISO 8601 in UTC, e.g. 2023-05-10T00:00:00.000Z`);
  }
  return ms;
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

/** Checks an IANA zone name; throws ReportInputError when the runtime does not know it. */
export function checkZone(zone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    throw new ReportInputError(`Time zone ${JSON.stringify(String(zone).slice(0, 60))} is not known; use an IANA name such as Europe/Helsinki or UTC`);
  }
}

/** Key of a report's finished rows in the store: one per (organization, event, kind, window); attendees inside. */
export function reportStoreKey(target: ReportTarget, kind: ReportKind, window: ReportWindow): string {
  const w = normalizeWindow(window);
  return `brella.report.v1/${target.organizationId}/${target.eventId}/${kind}/${w.startFrom}/${w.startTo ?? 'open'}`;
}
