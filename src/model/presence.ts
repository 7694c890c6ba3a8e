/**
 * The presence check, as the API page gives it: tracking_type=time_spent from 00:00 UTC of the event's first day.
 * One home for the slice filters of a report (its kind and window) and for telling a presence check apart; the
 * report asks with them, an attendee's slices panel opens with them, and the panel's empty state reads them.
 */
import { checkSliceFilters } from './filters';
import type { ReportKind, ReportWindow } from './report';

export interface ReportSliceFilters {
  tracking_type?: string[];
  start_from: string;
  start_to?: string;
}

/** The slice filters of a report: presence asks time_spent only; engagement leaves tracking_type out (every kind). */
export function reportSliceFilters(kind: ReportKind, window: ReportWindow): ReportSliceFilters {
  return {
    ...(kind === 'presence' ? { tracking_type: ['time_spent'] } : {}),
    start_from: window.startFrom,
    ...(window.startTo ? { start_to: window.startTo } : {}),
  };
}

/** The start_from of a presence check (tracking_type exactly time_spent, start_from set, no other filter), else undefined. */
export function presenceStart(filters: Record<string, unknown> | undefined): string | undefined {
  const result = checkSliceFilters(filters ?? {});
  if (!result.ok) return undefined;
  const f = result.filters;
  const keys = Object.keys(f).sort().join(',');
  const onlyTimeSpent = f.tracking_type?.length === 1 && f.tracking_type[0] === 'time_spent';
  return keys === 'start_from,tracking_type' && onlyTimeSpent ? f.start_from : undefined;
}
