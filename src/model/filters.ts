/**
 * The ten filters of GET …/attendees/{id}/tracking_session_slices, defined once (sliceFiltersSchema, zod).
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
import * as z from 'zod/mini';
import { describeValue } from './describe';
import { parseInstant } from './instants';

export const KNOWN_TRACKING_TYPES = ['time_spent', 'sponsor', 'streamlink'] as const;
const INSTANT_FORM = 'use YYYY-MM-DD or an ISO 8601 time with a zone, e.g. 2023-05-10T00:00:00.000Z';

type Check<Out> = { value: Out } | { problem: string; culprit?: unknown };
const isEmpty = (v: unknown): boolean => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

/** One filter: accepts In, gives Out (or undefined when empty), reports problems as "name: value reason". */
function field<In, Out>(name: string, check: (v: unknown) => Check<Out>) {
  // Any value is taken in (In is what callers may pass); the check says whether it fits.
  const schema = z.optional(z.transform((input: In, ctx): Out | undefined => {
    if (isEmpty(input)) return undefined;
    const result = check(input);
    if ('value' in result) return result.value;
    const culprit = 'culprit' in result ? result.culprit : input;
    ctx.issues.push({ code: 'custom', input, params: { culprit }, message: `${name}: ${describeValue(culprit)} ${result.problem}` });
    return z.NEVER;
  }));
  return schema;
}

function types(name: string) {
  return field<string | readonly string[], string[]>(name, (input) => {
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
  });
}

function text(name: string) {
  return field<string, string>(name, (input) =>
    typeof input === 'string' && /^[A-Za-z][A-Za-z0-9_:.-]{0,99}$/.test(input.trim())
      ? { value: input.trim() }
      : { problem: 'is not a type name; use letters, digits and underscores, e.g. Sponsor' },
  );
}

function instant(name: string) {
  return field<string | Date, string>(name, (input) => {
    if (input instanceof Date) {
      return Number.isNaN(input.getTime()) ? { problem: `is not a date; ${INSTANT_FORM}` } : { value: input.toISOString() };
    }
    if (typeof input !== 'string') return { problem: `is not a date; ${INSTANT_FORM}` };
    const parsed = parseInstant(input);
    if (parsed.ok) return { value: parsed.iso };
    if (parsed.problem === 'no-zone') {
      return { problem: 'has no time zone; add Z (UTC) or ±hh:mm, e.g. 2023-05-10T09:00:00.000Z' };
    }
    return { problem: `is not a date; ${INSTANT_FORM}` };
  });
}

function seconds(name: string) {
  return field<number | string, number>(name, (input) => {
    const n = typeof input === 'number' ? input : typeof input === 'string' && /^\d+$/.test(input.trim()) ? Number(input) : NaN;
    return Number.isSafeInteger(n) && n >= 0
      ? { value: n }
      : { problem: 'is not a whole number of seconds; use a non-negative integer, e.g. 300' };
  });
}

/** Field order is the form's order and the query string's order (their labels and help: filter-fields.ts). */
const fields = {
  tracking_type: types('tracking_type'),
  start_from: instant('start_from'),
  start_to: instant('start_to'),
  end_from: instant('end_from'),
  end_to: instant('end_to'),
  trackable_type: text('trackable_type'),
  duration: seconds('duration'),
  click_time: instant('click_time'),
  start_time: instant('start_time'),
  end_time: instant('end_time'),
};

export type SliceFilterName = keyof typeof fields;
/** The filters' names, in form (and query string) order. */
export const SLICE_FILTER_NAMES = Object.keys(fields) as readonly SliceFilterName[];
const PAIRS = [['start_from', 'start_to'], ['end_from', 'end_to']] as const;

function pairCheck(from: (typeof PAIRS)[number][0], to: (typeof PAIRS)[number][1]) {
  return {
    path: [from],
    when: (payload: { issues: ReadonlyArray<{ path?: PropertyKey[] }> }) =>
      !payload.issues.some((i) => i.path?.[0] === from || i.path?.[0] === to),
    error: (issue: { input?: unknown }) => {
      const v = issue.input as Record<string, unknown>;
      return `${from}: ${describeValue(v[from])} is after ${to} ${describeValue(v[to])}; ${from} must be on or before ${to}`;
    },
  };
}

/** The one definition of the ten filters. */
export const sliceFiltersSchema = z.strictObject(fields).check(
  z.refine((f) => !(f.start_from && f.start_to && f.start_from > f.start_to), pairCheck(...PAIRS[0])),
  z.refine((f) => !(f.end_from && f.end_to && f.end_from > f.end_to), pairCheck(...PAIRS[1])),
);

/** What callers may pass (form values, settings, code). */
export type SliceFilterInput = z.input<typeof sliceFiltersSchema>;
/** Normalized filters: only set keys are present. */
export type SliceFilters = z.output<typeof sliceFiltersSchema>;

/** One problem with one filter: `field` is the API's parameter name, `value` the value at fault. */
export interface SliceFilterIssue {
  field: string;
  message: string;
  value: unknown;
}

export type SliceFilterCheck = { ok: true; filters: SliceFilters } | { ok: false; issues: SliceFilterIssue[] };

/** Checks every field and reports all problems at once (for a form). */
export function checkSliceFilters(input: unknown): SliceFilterCheck {
  if (input === undefined || input === null) return { ok: true, filters: {} };
  if (typeof input !== 'object' || Array.isArray(input)) {
    return { ok: false, issues: [{ field: 'filters', value: input, message: `filters: ${describeValue(input)} is not an object of filters; use e.g. { tracking_type: 'time_spent' }` }] };
  }
  const record = input as Record<string, unknown>;
  const result = sliceFiltersSchema.safeParse(record);
  if (result.success) {
    const filters: Record<string, unknown> = {};
    for (const name of SLICE_FILTER_NAMES) if (result.data[name] !== undefined) filters[name] = result.data[name];
    return { ok: true, filters: filters as SliceFilters };
  }
  const issues: SliceFilterIssue[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const message = `${key}: ${describeValue(record[key])} is not a slice filter; use one of ${SLICE_FILTER_NAMES.join(', ')}`;
        issues.push({ field: key, value: record[key], message });
      }
      continue;
    }
    const field = String(issue.path[0] ?? 'filters');
    const value = issue.code === 'custom' && issue.params && 'culprit' in issue.params ? issue.params.culprit : record[field];
    issues.push({ field, value, message: issue.message });
  }
  return { ok: false, issues };
}
