/**
 * The lines a report's ledger is stored as, one JSON object per line, each checked (zod) when read: a line that
 * does not fit is dropped (its attendee is then asked again) and counted, so nothing stored can stop a report
 * from opening.
 * - `list`: the attendee list as Brella gave it, and when; `listed`: read again, unchanged, at that time;
 * - `row`: an attendee's answer (the row as of `at`, and the marks that let a later run go on from it);
 * - `fail`: an attendee whose request failed, and why.
 */
import * as z from 'zod';
import { parseId } from '../model/ids';
import type { RowMarks } from './rows';
import type { ReportAttendee, ReportFailure, ReportRow } from './types';

const instant = z.string().max(40).refine((s) => Number.isFinite(Date.parse(s)), 'an ISO instant');
const id = z.string().refine((s) => parseId(s) !== undefined && String(parseId(s)) === s, 'a positive safe integer id');
const text = z.string().max(2000);
const seconds = z.number().nonnegative().finite();

const attendee = z.object({ id, name: text, email: text.nullable(), company: text.nullable() });

const day = z.object({
  day: z.string().regex(/^\d{4}-\d\d-\d\d$/), appSeconds: seconds, streamSeconds: seconds, sponsorSeconds: seconds, inApp: z.boolean(),
});

const row = z.object({
  attendeeId: id, name: text, email: text.nullable(), company: text.nullable(), checkedIn: z.boolean(),
  firstSeen: instant.nullable(), lastSeen: instant.nullable(), slices: z.number().int().nonnegative(), appSeconds: seconds,
  streamSeconds: seconds.optional(), sponsorSeconds: seconds.optional(),
  distinctStreams: z.number().int().nonnegative().optional(), distinctSponsors: z.number().int().nonnegative().optional(),
  days: z.array(day).max(5000), asOf: instant,
});

const marks = z.object({
  latestStart: instant.nullable(),
  tailIds: z.array(z.string().max(200)).max(10_000),
  streams: z.array(z.string().max(300)).max(100_000).optional(),
  sponsors: z.array(z.string().max(300)).max(100_000).optional(),
});

const failure = z.object({ attendeeId: id, name: text, reason: z.string().max(5000), status: z.number().int().optional(), at: instant.optional() });

const line = z.discriminatedUnion('t', [
  z.object({ t: z.literal('list'), at: instant, attendees: z.array(attendee).max(1_000_000) }),
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
