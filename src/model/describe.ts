/** How a value is named in a message ("start_from: \"soon\" is not a date"): one rule for the filters and the client's errors. */

/** Strings quoted, dates as their ISO text, others as JSON when possible (at most 80 characters). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : JSON.stringify(value.toISOString());
  if (value === undefined) return 'undefined';
  try {
    const json = JSON.stringify(value);
    if (json !== undefined) return json.length > 80 ? `${json.slice(0, 79)}…` : json;
  } catch {
    // fall through
  }
  return String(value);
}
