/** The slice filters of the tracking_session_slices endpoint: parsing (400 on bad values) and matching. */
import { DEFAULT_TRACKING_TYPES } from './constants.ts';
import type { DemoSlice, SliceQuery } from './types.ts';

export const SLICE_FILTER_PARAMS = [
  'tracking_type', 'trackable_type', 'click_time', 'start_time', 'end_time', 'duration',
  'start_from', 'start_to', 'end_from', 'end_to',
] as const;

export interface SliceFilters {
  /** null: the default three types. */
  trackingTypes: readonly string[] | null;
  trackableTypes: readonly string[] | null;
  clickTime?: number;
  startTime?: number;
  endTime?: number;
  duration?: number;
  startFrom?: number;
  startTo?: number;
  endFrom?: number;
  endTo?: number;
}

export type SliceFilterResult =
  | { ok: true; filters: SliceFilters; /** Some filter parameter had a value. */ hasFilters: boolean }
  | { ok: false; parameter: string; detail: string };

const TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+\- ]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Milliseconds of an ISO 8601 date or date-time, or null. A date alone is midnight UTC; a time without zone is UTC.
 * A `+hh:mm` offset whose `+` became a space (an unencoded query string) is still understood.
 */
export function parseTimestamp(text: string): number | null {
  const m = TIMESTAMP.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number, number];
  const ms = Number(((m[7] ?? '') + '000').slice(0, 3));
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate() || h > 23 || mi > 59 || s > 59) return null;
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone && zone.toUpperCase() !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2) || '0');
    if (oh > 23 || om > 59) return null;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return Date.UTC(y, mo - 1, d, h, mi, s, ms) - offsetMinutes * 60_000;
}

export function toSearchParams(query: SliceQuery | undefined): URLSearchParams {
  if (query instanceof URLSearchParams) return query;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' || typeof value === 'number') params.append(key, String(value));
    else for (const v of value) params.append(key, v);
  }
  return params;
}

/** Every value of a parameter (also `name[]`), split on commas, trimmed, blanks dropped. */
function listParam(params: URLSearchParams, name: string): string[] {
  return [...params.getAll(name), ...params.getAll(`${name}[]`)]
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** The last non-blank value of a parameter. */
function lastValue(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name).map((v) => v.trim()).filter((v) => v !== '');
  return values[values.length - 1];
}

const TIME_PARAMS = [
  ['click_time', 'clickTime'], ['start_time', 'startTime'], ['end_time', 'endTime'],
  ['start_from', 'startFrom'], ['start_to', 'startTo'], ['end_from', 'endFrom'], ['end_to', 'endTo'],
] as const;

export function parseSliceFilters(query: SliceQuery | undefined): SliceFilterResult {
  const params = toSearchParams(query);
  const trackingTypes = listParam(params, 'tracking_type');
  const trackableTypes = listParam(params, 'trackable_type');
  const filters: SliceFilters = {
    trackingTypes: trackingTypes.length > 0 ? trackingTypes : null,
    trackableTypes: trackableTypes.length > 0 ? trackableTypes : null,
  };
  let hasFilters = trackingTypes.length > 0 || trackableTypes.length > 0;
  for (const [param, key] of TIME_PARAMS) {
    const text = lastValue(params, param);
    if (text === undefined) continue;
    const ms = parseTimestamp(text);
    if (ms === null) {
      return { ok: false, parameter: param, detail: `${param} is not a valid ISO 8601 timestamp: ${JSON.stringify(text)}` };
    }
    filters[key] = ms;
    hasFilters = true;
  }
  const duration = lastValue(params, 'duration');
  if (duration !== undefined) {
    if (!/^\d+$/.test(duration)) {
      return { ok: false, parameter: 'duration', detail: `duration must be a whole number of seconds: ${JSON.stringify(duration)}` };
    }
    filters.duration = Number(duration);
    hasFilters = true;
  }
  return { ok: true, filters, hasFilters };
}

export function sliceMatches(s: DemoSlice, f: SliceFilters): boolean {
  if (!(f.trackingTypes ?? DEFAULT_TRACKING_TYPES).includes(s.trackingType)) return false;
  if (f.trackableTypes && (s.trackableType === null || !f.trackableTypes.includes(s.trackableType))) return false;
  if (f.clickTime !== undefined && s.clickMs !== f.clickTime) return false;
  if (f.startTime !== undefined && s.startMs !== f.startTime) return false;
  if (f.endTime !== undefined && s.endMs !== f.endTime) return false;
  if (f.duration !== undefined && s.durationSeconds !== f.duration) return false;
  if (f.startFrom !== undefined && s.startMs < f.startFrom) return false;
  if (f.startTo !== undefined && s.startMs > f.startTo) return false;
  if (f.endFrom !== undefined && s.endMs < f.endFrom) return false;
  if (f.endTo !== undefined && s.endMs > f.endTo) return false;
  return true;
}

/** The matching slices, in the input order (the data keeps slices sorted by start time, then id). */
export function filterSlices(slices: readonly DemoSlice[], f: SliceFilters): DemoSlice[] {
  return slices.filter((s) => sliceMatches(s, f));
}
