/**
 * The event report's window as the user types and reads it: typed dates checked (with the slice filters' own
 * rules) before any request, the default start (the event's first day at 00:00 UTC), the window shown in UTC and in
 * the event's zone. Pure: no `vscode` import, so its problems are English `message`s; those of its own come with a
 * `problem` too, which the command (commands.ts) says in VS Code's UI language.
 */
import { checkSliceFilters } from '../../model/filters';
import type { ReportWindow } from '../../protocol/report';

/** The event's first day at 00:00 UTC (the seed's recommendation), from a configured date or Brella's start time. */
export function defaultStartFrom(configuredStart: string | undefined, brellaStart: string | null | undefined): string | undefined {
  const day = configuredStart ?? (typeof brellaStart === 'string' && /^\d{4}-\d{2}-\d{2}/.test(brellaStart) ? brellaStart.slice(0, 10) : undefined);
  if (day === undefined) return undefined;
  const ms = Date.parse(`${day}T00:00:00.000Z`);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** The event's zone from Brella's event attributes: `time-zone` (camelCased by the client) or `timezone`. */
export function eventTimeZone(extra: Record<string, unknown> | undefined): string | undefined {
  const value = extra?.['timeZone'] ?? extra?.['time-zone'] ?? extra?.['timezone'] ?? extra?.['time_zone'];
  if (typeof value !== 'string' || value.trim() === '' || value.length > 64) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: value.trim() });
    return value.trim();
  } catch {
    return undefined;
  }
}

/** A problem of the window's own (not the slice filters'), for the command to say through vscode.l10n.t. */
export type WindowProblem =
  | { kind: 'notADate'; field: 'start_from' | 'start_to'; value: string }
  | { kind: 'noStart' }
  | { kind: 'endBeforeStart'; startFrom: string; startTo: string };

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string; problem?: WindowProblem };

/** A typed instant (YYYY-MM-DD = 00:00 UTC, or ISO 8601 with a zone) as the API spells it; empty gives undefined. */
export function checkInstant(field: 'start_from' | 'start_to', text: string): Checked<string | undefined> {
  const value = text.trim();
  if (value === '') return { ok: true, value: undefined };
  const result = checkSliceFilters({ [field]: value });
  if (!result.ok) {
    const issue = result.issues[0];
    return issue ? { ok: false, message: issue.message } : { ok: false, message: `${field}: ${value} is not a date`, problem: { kind: 'notADate', field, value } };
  }
  return { ok: true, value: result.filters[field] as string };
}

/** Both ends checked together: start_from required, start_to optional and not before it. */
export function checkWindow(startFrom: string, startTo: string): Checked<ReportWindow> {
  const from = checkInstant('start_from', startFrom);
  if (!from.ok) return from;
  if (from.value === undefined) return { ok: false, message: 'start_from: enter the first instant of the report, e.g. 2023-05-10 (00:00 UTC)', problem: { kind: 'noStart' } };
  const to = checkInstant('start_to', startTo);
  if (!to.ok) return to;
  if (to.value === undefined) return { ok: true, value: { startFrom: from.value } };
  if (Date.parse(to.value) < Date.parse(from.value)) {
    const problem = { kind: 'endBeforeStart', startFrom: from.value, startTo: to.value } as const;
    return { ok: false, message: `start_to ${to.value} is before start_from ${from.value}; enter a later instant or leave it empty`, problem };
  }
  return { ok: true, value: { startFrom: from.value, startTo: to.value } };
}

/** "2023-05-10 03:00" in a zone (UTC when none). */
export function formatInZone(iso: string, zone = 'UTC'): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** The window in UTC, and in the event's zone when it has one (and it is not UTC). */
export function windowText(window: ReportWindow, zone: string | undefined): { utc: string; zone?: string } {
  const span = (z: string): string => `${formatInZone(window.startFrom, z)} → ${window.startTo ? formatInZone(window.startTo, z) : 'now'}`;
  const utc = `${span('UTC')} UTC`;
  return zone && zone !== 'UTC' && zone !== 'Etc/UTC' ? { utc, zone: `${span(zone)} ${zone}` } : { utc };
}

