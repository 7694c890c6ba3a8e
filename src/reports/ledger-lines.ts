/**
 * The lines a report's ledger is stored as, one JSON object per line, each checked (zod) when read: a line that
 * does not fit is dropped (its attendee is then asked again) and counted, so nothing stored can stop a report
 * from opening.
 * - `list`: the attendee list as Brella gave it, and when; `listed`: read again, unchanged, at that time;
 * - `row`: an attendee's answer (the row as of `at`, and the marks that let a later run go on from it);
 * - `fail`: an attendee whose request failed, and why.
 */
import * as z from 'zod/mini';
import { parseId } from '../model/ids';
import type { RowMarks } from './rows';
import type { ReportAttendee, ReportFailure, ReportRow } from './types';

const upTo = (max: number) => z.string().check(z.maxLength(max));
const instant = z.string().check(z.maxLength(40), z.refine((s) => Number.isFinite(Date.parse(s)), 'an ISO instant'));
const id = z.string().check(z.refine((s) => parseId(s) !== undefined && String(parseId(s)) === s, 'a positive safe integer id'));
const text = upTo(2000);
const seconds = z.number().check(z.nonnegative());
const count = z.int().check(z.nonnegative());
const list = <T extends z.ZodMiniType>(item: T, max: number) => z.array(item).check(z.maxLength(max));

const attendee = z.object({ id, name: text, email: z.nullable(text), company: z.nullable(text) });

const day = z.object({
  day: z.string().check(z.regex(/^\d{4}-\d\d-\d\d$/)), appSeconds: seconds, streamSeconds: seconds, sponsorSeconds: seconds, inApp: z.boolean(),
});

const visit = z.object({
  kind: z.enum(['stream', 'sponsor']), trackableType: z.nullable(upTo(300)), trackableId: z.nullable(upTo(300)),
  sessionId: z.optional(upTo(300)), seconds, slices: count,
  first: z.optional(instant), last: z.optional(instant), clicks: z.optional(count),
  quarters: z.optional(list(z.int(), 100_000)),
});

const row = z.object({
  attendeeId: id, name: text, email: z.nullable(text), company: z.nullable(text), checkedIn: z.boolean(),
  firstSeen: z.nullable(instant), lastSeen: z.nullable(instant), slices: count, appSeconds: seconds,
  streamSeconds: z.optional(seconds), sponsorSeconds: z.optional(seconds),
  distinctStreams: z.optional(count), distinctSponsors: z.optional(count), clicks: z.optional(count),
  visits: z.optional(list(visit, 100_000)),
  days: list(day, 5000), asOf: instant,
});

const marks = z.object({
  latestStart: z.nullable(instant),
  tailIds: list(upTo(200), 10_000),
  streams: z.optional(list(upTo(300), 100_000)),
  sponsors: z.optional(list(upTo(300), 100_000)),
});

const failure = z.object({ attendeeId: id, name: text, reason: upTo(5000), status: z.optional(z.int()), at: z.optional(instant) });

const line = z.discriminatedUnion('t', [
  z.object({ t: z.literal('list'), at: instant, attendees: list(attendee, 1_000_000) }),
  z.object({ t: z.literal('listed'), at: instant }),
  z.object({ t: z.literal('row'), at: instant, row, marks }),
  z.object({ t: z.literal('fail'), at: instant, failure }),
]);

export type LedgerLine =
  | { t: 'list'; at: string; attendees: ReportAttendee[] }
  /** The list read again at `at`, the same as the last `list`. */
  | { t: 'listed'; at: string }
  | { t: 'row'; at: string; row: ReportRow; marks: RowMarks }
  | { t: 'fail'; at: string; failure: ReportFailure };

/** One stored line, checked; undefined when it is not JSON or does not fit (a damaged or foreign line). */
export function readLine(text: string): LedgerLine | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = line.safeParse(value);
  if (!parsed.success) return undefined;
  const l = parsed.data as LedgerLine;
  // A row must belong to its line's attendee and time: "as of" is when it was asked.
  if (l.t === 'row' && l.row.asOf !== l.at) return undefined;
  return l;
}

export function writeLine(l: LedgerLine): string {
  return JSON.stringify(l);
}
