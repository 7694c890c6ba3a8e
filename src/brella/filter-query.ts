/**
 * Slice filters as the client uses them: the rules of src/model/filters.ts (the one definition of the ten
 * filters), with each problem as a BrellaFilterError, and the query string a request sends.
 */
import { checkSliceFilters, SLICE_FILTER_NAMES, type SliceFilterInput, type SliceFilters } from '../model/filters';
import { BrellaFilterError } from './errors';

export type SliceFilterValidation = { ok: true; filters: SliceFilters } | { ok: false; errors: BrellaFilterError[] };

/** Checks every field and reports all problems at once, as BrellaFilterError. */
export function validateSliceFilters(input: unknown): SliceFilterValidation {
  const result = checkSliceFilters(input);
  if (result.ok) return result;
  return { ok: false, errors: result.issues.map((issue) => new BrellaFilterError(issue.field, issue.value, issue.message)) };
}

/** Normalized filters, or throws the first BrellaFilterError. */
export function normalizeSliceFilters(input: unknown): SliceFilters {
  const result = validateSliceFilters(input);
  if (!result.ok) throw result.errors[0];
  return result.filters;
}

/** The query parameters for these filters (normalized first; throws BrellaFilterError), in field order. */
export function sliceFiltersToQuery(input: SliceFilterInput | SliceFilters | undefined): URLSearchParams {
  const filters = normalizeSliceFilters(input);
  const query = new URLSearchParams();
  for (const name of SLICE_FILTER_NAMES) {
    const value = filters[name];
    if (value === undefined) continue;
    query.append(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  return query;
}
