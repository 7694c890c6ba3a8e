/**
 * The ten filters of GET …/attendees/{id}/tracking_session_slices, defined once (`fields`: one check per filter).
 * Validation, normalization (the form's labels and help: filter-fields.ts, host only), and through the client (src/brella) the
 * query string and the cURL text, all come from this one definition: a new filter is one more entry in `fields`
 * below. Pure: no Node, no `vscode`, no DOM, so the host and the webview's form check values by the same rules.
 * Problems are plain `{ field, message, value }` issues; the client turns them into BrellaFilterError.
 *
 * Keys are the API's own parameter names. Normalized values:
 * - tracking_type: string[] of lower_snake names (input: one string, a comma-separated string, or an array);
 *   sent as ONE parameter with the values joined by commas (`tracking_type=time_spent,sponsor`); a single
 *   value is sent as is (`tracking_type=time_spent`, the documented form).
 * - trackable_type: string, as Brella names the trackable (e.g. Sponsor).
 * - instants: YYYY-MM-DDTHH:mm:ss.sssZ (input: YYYY-MM-DD = midnight UTC, ISO 8601 with Z or ±hh:mm, or a Date).
 * - duration: whole seconds ≥ 0 (input: number or digit string).
 * Empty strings, null and undefined mean "not set".
 */
import { describeValue } from './describe';
import { parseInstant } from './instants';

export const KNOWN_TRACKING_TYPES = ['time_spent', 'sponsor', 'streamlink'] as const;
const INSTANT_FORM = 'use YYYY-MM-DD or an ISO 8601 time with a zone, e.g. 2023-05-10T00:00:00.000Z';

type Check<Out> = { value: Out } | { problem: string; culprit?: unknown };
const isEmpty = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function types(input: unknown): Check<string[]> {
  const parts = typeof input === 'string' ? input.split(',') : Array.isArray(input) ? input : [input];
  const out: string[] = [];
  for (const part of parts) {
    if (typeof part !== 'string' || !/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/.test(part.trim())) {
      if (isEmpty(part)) continue;
      return { problem: 'is not a tracking type; use lower_snake names such as time_spent, sponsor or streamlink', culprit: part };
    }
    if (!out.includes(part.trim())) out.push(part.trim());
  }
  return out.length > 0 ? { value: out } : { problem: 'names no tracking type; use e.g. time_spent' };
}

function text(input: unknown): Check<string> {
  return typeof input === 'string' && /^[A-Za-z][A-Za-z0-9_:.-]{0,99}$/.test(input.trim())
    ? { value: input.trim() }
    : { problem: 'is not a type name; use letters, digits and underscores, e.g. Sponsor' };
}

function instant(input: unknown): Check<string> {
  if (input instanceof Date) {
    return Number.isNaN(input.getTime()) ? { problem: `is not a date; ${INSTANT_FORM}` } : { value: input.toISOString() };
  }
  if (typeof input !== 'string') return { problem: `is not a date; ${INSTANT_FORM}` };
  const parsed = parseInstant(input);
  if (parsed.ok) return { value: parsed.iso };
  if (parsed.problem === 'no-zone') return { problem: 'has no time zone; add Z (UTC) or ±hh:mm, e.g. 2023-05-10T09:00:00.000Z' };
  return { problem: `is not a date; ${INSTANT_FORM}` };
}

function seconds(input: unknown): Check<number> {
  const n = typeof input === 'number' ? input : typeof input === 'string' && /^\d+$/.test(input.trim()) ? Number(input) : NaN;
  return Number.isSafeInteger(n) && n >= 0
    ? { value: n }
    : { problem: 'is not a whole number of seconds; use a non-negative integer, e.g. 300' };
}

/**
 * The one definition of the ten filters: each one's check. Field order is the form's order and the query string's
 * order (their labels and help: filter-fields.ts).
 */
const fields = {
  tracking_type: types,
  start_from: instant,
  start_to: instant,
  end_from: instant,
  end_to: instant,
  trackable_type: text,
  duration: seconds,
  click_time: instant,
  start_time: instant,
  end_time: instant,
};

export type SliceFilterName = keyof typeof fields;
/** The filters' names, in form (and query string) order. */
export const SLICE_FILTER_NAMES = Object.keys(fields) as readonly SliceFilterName[];
/** Bounds that must come in order: the first on or before the second. */
const PAIRS = [['start_from', 'start_to'], ['end_from', 'end_to']] as const;

/** What callers may pass (form values, settings, code): an instant as text or a Date, types as one text, a list or commas. */
export interface SliceFilterInput {
  tracking_type?: string | readonly string[];
  start_from?: string | Date;
  start_to?: string | Date;
  end_from?: string | Date;
  end_to?: string | Date;
  trackable_type?: string;
  duration?: number | string;
  click_time?: string | Date;
  start_time?: string | Date;
  end_time?: string | Date;
}

/** Normalized filters: only set keys are present. */
export type SliceFilters = { [K in SliceFilterName]?: Extract<ReturnType<(typeof fields)[K]>, { value: unknown }>['value'] };

/** One problem with one filter: `field` is the API's parameter name, `value` the value at fault. */
export interface SliceFilterIssue {
  field: string;
  message: string;
  value: unknown;
}

export type SliceFilterCheck = { ok: true; filters: SliceFilters } | { ok: false; issues: SliceFilterIssue[] };

/** Checks every field and reports all problems at once (for a form): each field's, then unknown names, then the order of the bounds. */
export function checkSliceFilters(input: unknown): SliceFilterCheck {
  if (input === undefined || input === null) return { ok: true, filters: {} };
  if (typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, issues: [{ field: 'filters', value: input, message: `filters: ${describeValue(input)} is not an object of filters; use e.g. { tracking_type: 'time_spent' }` }] };
  }
  const record = input as Record<string, unknown>;
  const filters: Record<string, unknown> = {};
  const issues: SliceFilterIssue[] = [];
  for (const name of SLICE_FILTER_NAMES) {
    const value = record[name];
    if (isEmpty(value)) continue;
    const result = (fields[name] as (v: unknown) => Check<unknown>)(value);
    if ('value' in result) {
      filters[name] = result.value;
      continue;
    }
    const culprit = 'culprit' in result ? result.culprit : value;
    issues.push({ field: name, value: culprit, message: `${name}: ${describeValue(culprit)} ${result.problem}` });
  }
  for (const key of Object.keys(record)) {
    if (Object.hasOwn(fields, key)) continue;
    issues.push({ field: key, value: record[key], message: `${key}: ${describeValue(record[key])} is not a slice filter; use one of ${SLICE_FILTER_NAMES.join(', ')}` });
  }
  for (const [from, to] of PAIRS) {
    if (issues.some((i) => i.field === from || i.field === to)) continue;
    const a = filters[from] as string | undefined;
    const b = filters[to] as string | undefined;
    if (a && b && a > b) {
      issues.push({ field: from, value: record[from], message: `${from}: ${describeValue(a)} is after ${to} ${describeValue(b)}; ${from} must be on or before ${to}` });
    }
  }
  return issues.length === 0 ? { ok: true, filters: filters as SliceFilters } : { ok: false, issues };
}
