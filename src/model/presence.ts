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

/** Clicks on booth media: the default tracking_type leaves them out (the API page), so they are asked for by name. */
export const MEDIA_CLICK = 'sponsor_media_click';

/**
 * The requests a report makes per attendee: presence, the one above; engagement, the default kinds and then the
 * booth-media clicks, apart (one tracking_type each, the only form the API documents). A server that sends clicks
 * with the default kinds too is fine: the rows count a slice id once.
 */
export function reportSliceRequests(kind: ReportKind, window: ReportWindow): ReportSliceFilters[] {
  const base = reportSliceFilters(kind, window);
  return kind === 'engagement' ? [base, { ...base, tracking_type: [MEDIA_CLICK] }] : [base];
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
