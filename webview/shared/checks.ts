/**
 * Small checks of what a webview reads back (its saved state, vscode.getState()) or checks before it posts: a check
 * takes anything and gives the value it accepts, or NO. An object keeps its known keys only (an absent or undefined
 * optional key is left out) and is refused as a whole when one of them is wrong, as a zod schema's safeParse was.
 * They replace zod in the webviews, whose bundles stay small; the host still checks every message with the zod
 * schemas of src/protocol, and both sides take their limits from there. No DOM: tested on their own.
 */
import { parseId } from '../../src/model/ids';
import { parseInstant } from '../../src/model/instants';
import { REPORT_TARGET_LIMITS, type ReportPanelTarget } from '../../src/protocol/report';

// Each maker of a check is marked free of side effects: a check a bundle never uses (the report's, in the slices
// view) is left out of it.

/** What a check gives for a value it refuses. */
export const NO = Symbol('refused');
export type Check<T> = (input: unknown) => T | typeof NO;
export type Checked<C> = C extends Check<infer T> ? T : never;

const is = /* @__NO_SIDE_EFFECTS__ */ <T>(test: (input: unknown) => boolean): Check<T> => (input) => (test(input) ? (input as T) : NO);
const isObject = (input: unknown): input is Record<string, unknown> => typeof input === 'object' && input !== null && !Array.isArray(input);

/** Text of at most `max` characters. */
export const text = /* @__NO_SIDE_EFFECTS__ */ (max = Infinity): Check<string> => is((v) => typeof v === 'string' && v.length <= max);
/** One of these texts. */
export const oneOf = /* @__NO_SIDE_EFFECTS__ */ <T extends string>(...values: T[]): Check<T> => is((v) => values.includes(v as T));
export const bool: Check<boolean> = is((v) => typeof v === 'boolean');
/** A finite number. */
export const num: Check<number> = is(Number.isFinite);
/** An id: a positive safe integer (src/model/ids.ts). */
export const id: Check<number> = is((v) => typeof v === 'number' && parseId(String(v)) === v);
/** An id as text, written as parseId reads it back: "1001", never "01001" or " 1001". */
export const idText: Check<string> = is((v) => typeof v === 'string' && parseId(v) !== undefined && String(parseId(v)) === v);

export const optional = /* @__NO_SIDE_EFFECTS__ */ <T>(check: Check<T>): Check<T | undefined> => (v) => (v === undefined ? v : check(v));
export const nullable = /* @__NO_SIDE_EFFECTS__ */ <T>(check: Check<T>): Check<T | null> => (v) => (v === null ? v : check(v));
export const anyOf = /* @__NO_SIDE_EFFECTS__ */ <T extends unknown[]>(...checks: { [I in keyof T]: Check<T[I]> }): Check<T[number]> => (v) => {
  for (const check of checks) {
    const out = check(v);
    if (out !== NO) return out;
  }
  return NO;
};

/** An array of at most `max` items, each accepted. */
export const list = /* @__NO_SIDE_EFFECTS__ */ <T>(item: Check<T>, max = Infinity): Check<T[]> => (v) => {
  if (!Array.isArray(v) || v.length > max) return NO;
  const out: T[] = [];
  for (const x of v as unknown[]) {
    const y = item(x);
    if (y === NO) return NO;
    out.push(y);
  }
  return out;
};

/** An object of any keys (`__proto__` left out), each value accepted. */
export const record = /* @__NO_SIDE_EFFECTS__ */ <T>(value: Check<T>): Check<Record<string, T>> => (v) => {
  if (!isObject(v)) return NO;
  const out: Record<string, T> = {};
  for (const key of Object.keys(v)) {
    if (key === '__proto__') continue;
    const y = value(v[key]);
    if (y === NO) return NO;
    out[key] = y;
  }
  return out;
};

type Shape = Record<string, Check<unknown>>;
type Flat<T> = { [K in keyof T]: T[K] };
type Shaped<S extends Shape> = Flat<
  { [K in keyof S as undefined extends Checked<S[K]> ? never : K]: Checked<S[K]> } &
  { [K in keyof S as undefined extends Checked<S[K]> ? K : never]?: Exclude<Checked<S[K]>, undefined> }
>;

/** An object with these keys (unknown ones dropped); refused as a whole when one is wrong. */
export const obj = /* @__NO_SIDE_EFFECTS__ */ <S extends Shape>(shape: S): Check<Shaped<S>> => (v) => {
  if (!isObject(v)) return NO;
  const out: Record<string, unknown> = {};
  for (const key in shape) {
    const y = shape[key]!(v[key]);
    if (y === NO) return NO;
    if (y !== undefined) out[key] = y;
  }
  return out as Shaped<S>;
};

/** What `check` accepts of `input`, or `fallback`. */
export const read = <T>(check: Check<T>, input: unknown, fallback: T): T => {
  const out = check(input);
  return out === NO ? fallback : out;
};

/** A table's sort as the grid saves it; null when unsorted. */
export const sortSpec = nullable(obj({ key: text(), dir: oneOf('asc', 'desc') }));
/**
 * A table's column order as the grid saves it (ColumnLayout.order): column keys. The grid ignores keys it has no
 * column for and puts the columns the list lacks after the others.
 */
export const columnOrder = list(text());
/** A table's column widths as the grid saves them (ColumnLayout.widths): CSS pixels by column key, clamped when read. */
export const columnWidths = record(num);

/** The report panel's target as it saves it (src/protocol/report.ts reportPanelTarget, the host's schema). */
function reportTarget(): Check<ReportPanelTarget> {
  const limits = REPORT_TARGET_LIMITS;
  /** An instant as the host writes it; a day that does not exist is refused. */
  const instant = is<string>((v) => typeof v === 'string' && v.length <= limits.instant && limits.instantForm.test(v) && parseInstant(v).ok);
  return obj({
    organizationId: id,
    eventId: id,
    eventName: text(limits.eventName),
    timeZone: optional(text(limits.timeZone)),
    kind: oneOf('presence', 'engagement'),
    window: obj({ startFrom: instant, startTo: optional(instant) }),
    who: oneOf('all', 'configured'),
    attendees: optional(list(obj({ id: idText, name: text(limits.attendeeName) }), limits.attendees)),
    demo: optional(bool),
  });
}

/**
 * The report panel's saved state (webview/report/app.ts): its target, the table's filter text, sort, hidden and pinned
 * columns, column order and widths, grouping.
 */
const reportSavedState = () => obj({
  target: optional(reportTarget()),
  filter: optional(text(500)),
  sort: optional(sortSpec),
  hidden: optional(list(text())),
  pinned: optional(list(text())),
  order: optional(columnOrder),
  widths: optional(columnWidths),
  groupBy: optional(nullable(text())),
});
export type ReportSavedState = Checked<ReturnType<typeof reportSavedState>>;

/**
 * The report panel's saved state as it saved it (vscode.getState()): unknown keys are dropped; anything wrong in it
 * (a field of the wrong kind, a text too long, an id that is not a positive safe integer, an instant that does not
 * exist), and the panel starts from nothing saved. Built when read (once), so only the report's bundle holds it.
 */
export const readReportState = (raw: unknown): ReportSavedState => read(reportSavedState(), raw, {});
