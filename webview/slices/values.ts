/**
 * Form values and the filters sent to the host. Pure (no DOM).
 * Form values keep what the user typed; `run` and `copyCurl` carry them trimmed, empty ones left out, and
 * the host normalizes them again with the same definition (src/model/filters).
 */
import { checkSliceFilters } from '../../src/model/filters';
import { formValues } from '../../src/protocol/slices';

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

/**
 * Problems by field name (the first one of each field); empty when the filters may be sent.
 * The filter definition comes first; then the protocol's own limits (lengths, list sizes).
 */
export function checkFilters(filters: RunFilters): Map<string, string> {
  const problems = new Map<string, string>();
  const result = checkSliceFilters(filters);
  if (!result.ok) for (const e of result.issues) if (!problems.has(e.field)) problems.set(e.field, e.message);
  const message = formValues.safeParse(filters);
  if (!message.success) {
    for (const issue of message.error.issues) {
      const field = issue.path[0] !== undefined ? String(issue.path[0]) : 'filters';
      if (!problems.has(field)) problems.set(field, `${field}: too long; use at most 20 values of 64 characters, or 200 characters of text`);
    }
  }
  return problems;
}
