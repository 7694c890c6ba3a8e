/**
 * Form values and the filters sent to the host. Pure (no DOM).
 * Form values keep what the user typed; `run` and `copyCurl` carry them trimmed, empty ones left out, and
 * the host normalizes them again with the same definition (src/model/filters).
 */
import { checkSliceFilters } from '../../src/model/filters';
import { FORM_VALUE_LIMITS } from '../../src/protocol/slices';
import { anyOf, list, NO, num, text } from '../shared/checks';
import { t } from '../shared/l10n';

/** tracking_type is a list; every other field a string. */
export type FormValues = Record<string, string | string[]>;
export type RunFilters = Record<string, string | string[] | number>;

export function toRunFilters(values: FormValues): RunFilters {
  const out: RunFilters = {};
  for (const [name, value] of Object.entries(values)) {
    if (Array.isArray(value)) {
      const list = value.map((v) => v.trim()).filter((v) => v !== '');
      if (list.length > 0) out[name] = list;
    } else if (value.trim() !== '') out[name] = value.trim();
  }
  return out;
}

/** Filters as the host gives them (raw or normalized) as form values; anything else is dropped. */
export function toFormValues(input: Record<string, unknown> | undefined | null): FormValues {
  const out: FormValues = {};
  if (input === null || input === undefined || typeof input !== 'object') return out;
  for (const [name, value] of Object.entries(input)) {
    if (typeof value === 'string') out[name] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) out[name] = String(value);
    else if (Array.isArray(value)) out[name] = value.filter((v): v is string => typeof v === 'string');
  }
  return out;
}

/** Splits free text of extra tracking types ("a, b") into names. */
export function splitTypes(text: string): string[] {
  return text.split(',').map((t) => t.trim()).filter((t) => t !== '');
}

const { key: KEY, text: TEXT, items: ITEMS, item: ITEM } = FORM_VALUE_LIMITS;
/** A form value as the protocol carries it (src/protocol/slices.ts formValues, which the host checks each run with). */
const formValue = anyOf(text(TEXT), list(text(ITEM), ITEMS), num);

/** The fields whose name or value is beyond the protocol's limits (FORM_VALUE_LIMITS); `filters` when it is no object. */
function beyondLimits(filters: RunFilters): string[] {
  if (typeof filters !== 'object' || filters === null || Array.isArray(filters)) return ['filters'];
  return Object.keys(filters).filter((name) => name !== '__proto__' && (name.length > KEY || formValue(filters[name]) === NO));
}

/**
 * Problems by field name (the first one of each field); empty when the filters may be sent.
 * The filter definition comes first; then the protocol's own limits (lengths, list sizes).
 */
export function checkFilters(filters: RunFilters): Map<string, string> {
  const result = checkSliceFilters(filters);
  const tooLong = beyondLimits(filters).map((field) => ({ field, message: t('{0}: too long; use at most {1} values of {2} characters, or {3} characters of text', field, ITEMS, ITEM, TEXT) }));
  return problemsByField([...(result.ok ? [] : result.issues), ...tooLong]);
}

/** Problems by field name: the first one of each field. */
export function problemsByField(issues: ReadonlyArray<{ field: string; message: string }>): Map<string, string> {
  const problems = new Map<string, string>();
  for (const e of issues) if (!problems.has(e.field)) problems.set(e.field, e.message);
  return problems;
}
