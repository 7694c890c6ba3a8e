/**
 * Keeping the client's own API key out of what Brella (or a proxy, or a careless server) sends back.
 *
 * Every response text the client reads goes through a scrubber made by keyScrubber() at one place, where the
 * transport decodes the body (http.ts, decodeBody): items, names read from `included`, raw pages, `links` (and so
 * the URLs followed and logged) and error excerpts are all made from the scrubbed text, never from the text as it
 * came. redact() (errors.ts) still cleans what did not come from a body: paths, network error messages.
 */

/** The marker a removed key leaves: "***", or as many of another character when the key itself holds a "*". */
export function redactionMark(key: string): string {
  // A mark sharing no character with the key cannot join with what is around it into a new copy of the key
  // (nor with the URL-encoded or JSON-escaped key: those add only "%", hex digits and "\").
  for (const c of ['*', '~', '^', '•']) if (!key.includes(c)) return c.repeat(3);
  return '[…]';
}

/** Keys shorter than this are not looked for in JSON property names (see keyScrubber). */
export const MIN_KEY_IN_NAMES = 8;

const unique = (values: string[]): string[] => [...new Set(values)].sort((a, b) => b.length - a.length);

/** A string as it stands between the quotes of a JSON text. */
const jsonInner = (text: string): string => JSON.stringify(text).slice(1, -1);

/** One JSON string literal (escapes included); in valid JSON, every `"` outside a string opens one. */
const STRING_LITERAL = /"[^"\\]*(?:\\.[^"\\]*)*"/g;
/** After a string literal: it is a property name. */
const NAME_FOLLOWS = /\s*:/y;

const replaceAll = (text: string, needles: readonly string[], mark: string): string =>
  needles.reduce((out, needle) => (out.includes(needle) ? out.split(needle).join(mark) : out), text);

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * A function that returns `text` without `key`: each occurrence of the key, raw or URL-encoded (as a careless
 * server puts it in a link), becomes redactionMark(key).
 *
 * The common path (no key in the body) costs one `includes` per form of the key (one for the usual keys of
 * letters, digits, "_" and "-"), and returns the same string. When the key is there:
 * - A body that is JSON keeps its structure: the key is replaced inside string literals only, each decoded,
 *   cleaned and encoded again (so an escape such as `\n` is never cut in two by a short key). Property names are
 *   cleaned only for keys of at least MIN_KEY_IN_NAMES characters: a shorter one ("id", "at") could be part of the
 *   API's own field names, and renaming those would silently drop fields. Numbers, true/false/null and the
 *   punctuation between are never changed: a key made only of digits (Brella's are not) is left where it equals
 *   part of a number, which is the document's own data rather than an echo of the key.
 * - Any other body (an HTML page, a body cut short) has every occurrence replaced as plain text.
 * The key is looked for as it appears in JSON text: raw, URL-encoded, JSON-escaped (`\"`, `\\`) and with "/"
 * escaped as `\/`; other escapes of plain ASCII characters (`\u0041`) are not looked for.
 */
export function keyScrubber(key: string | undefined): (text: string) => string {
  if (!key) return (text) => text;
  const mark = redactionMark(key);
  // What the key is in a decoded string, and how those forms can appear in the text.
  const secrets = unique([key, encodeURIComponent(key)]);
  const needles = unique(secrets.flatMap((s) => [s, jsonInner(s), jsonInner(s).replaceAll('/', '\\/')]));
  const inNames = key.length >= MIN_KEY_IN_NAMES;

  const cleanLiteral = (literal: string, end: number, text: string): string => {
    if (!needles.some((n) => literal.includes(n))) return literal;
    if (!inNames) {
      NAME_FOLLOWS.lastIndex = end;
      if (NAME_FOLLOWS.test(text)) return literal;
    }
    const value = JSON.parse(literal) as string;
    return secrets.some((s) => value.includes(s)) ? JSON.stringify(replaceAll(value, secrets, mark)) : literal;
  };

  return (text) => {
    if (!needles.some((n) => text.includes(n))) return text;
    if (!isJson(text)) return replaceAll(text, needles, mark);
    return text.replace(STRING_LITERAL, (literal: string, offset: number) => cleanLiteral(literal, offset + literal.length, text));
  };
}
