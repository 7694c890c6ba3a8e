/**
 * Brella's ids (organizations, events, attendees) are positive whole numbers. Ours must also be safe integers: a
 * longer one would be rounded by JavaScript to a different id (9007199254740993 → …992), so another event would be
 * asked. One rule for every place that reads an id: typed, stored, restored or sent by a webview.
 */

/** The id a text names, or undefined when it is not a positive safe integer (never rounded). */
export function parseId(text: string): number | undefined {
  const value = text.trim();
  if (!/^[1-9]\d{0,15}$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** What is wrong with a typed id, or undefined when it is one. */
export function idProblem(text: string): string | undefined {
  if (parseId(text) !== undefined) return undefined;
  return /^\s*\d{16,}\s*$/.test(text)
    ? `This id has too many digits: ids up to ${Number.MAX_SAFE_INTEGER} are read exactly; a longer one would be rounded to another id`
    : 'Enter the id as a positive whole number, e.g. 1001';
}
