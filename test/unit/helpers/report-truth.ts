/**
 * The truth of an event report, computed straight from the local Brella's data and nothing else (no code of
 * src/reports): which slices a report must count, their sums per attendee and per day. Model-based tests compare
 * the report's rows with it.
 *
 * Slices considered: those the report's requests get back, i.e. start time in [startFrom, startTo] (inclusive; no
 * upper bound without startTo), of the kinds asked for: presence asks `tracking_type=time_spent`; engagement asks
 * no tracking_type, which the API answers with its three default kinds (time_spent, streamlink, sponsor), and then
 * `tracking_type=sponsor_media_click` for the booth-media clicks.
 */
import { ALL_TRACKING_TYPES, parseTimestamp, type DemoData, type DemoSlice } from '../../../src/demo/index.ts';
import type { ReportDay, ReportRow, ReportVisit } from '../../../src/model/report.ts';

export type TruthKind = 'presence' | 'engagement';

export interface TruthQuery {
  eventId: number;
  kind: TruthKind;
  /** ISO 8601, as the report sends them as start_from / start_to. */
  window: { startFrom: string; startTo?: string };
  /** IANA zone the days are counted in. */
  dayZone: string;
  /** Only these attendees, in this order (each must be an attendee of the event); default every attendee. */
  attendeeIds?: string[];
}

/**
 * The shapes are the report's own (src/model/report.ts), so a comparison is field by field; the values are computed
 * here from the local Brella's data alone, never through the report code.
 */
export type TruthDay = ReportDay;

/** A report row without what only the run knows: the attendee's details and when it was asked. */
export type TruthRow = Omit<ReportRow, 'name' | 'email' | 'company' | 'asOf'>;

export interface TruthDaily {
  day: string;
  /** Rows in the app that day. */
  attendees: number;
  streamSeconds: number;
  sponsorSeconds: number;
}

export interface ReportTruth {
  rows: TruthRow[];
  daily: TruthDaily[];
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** YYYY-MM-DD of an instant in an IANA zone. */
export function dayInZone(ms: number, zone: string): string {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(zone, format);
  }
  const parts = format.formatToParts(new Date(ms));
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

function instant(text: string, what: string): number {
  const ms = parseTimestamp(text);
  if (ms === null) throw new Error(`${what} is not an ISO 8601 time: ${JSON.stringify(text)}`);
  return ms;
}

/** 15 minutes: the stream buckets. */
const QUARTER = 15 * 60_000;

/** Duration seconds as a report sums them: negative or non-finite counts 0. */
const seconds = (s: DemoSlice): number => (Number.isFinite(s.durationSeconds) && s.durationSeconds > 0 ? s.durationSeconds : 0);

/** The end of a slice for lastSeen: its end time, else its start; never before its start. */
function endOf(s: DemoSlice): number {
  const text = s.endTime as string | null | undefined;
  const parsed = typeof text === 'string' && text !== '' ? Date.parse(text) : Number.NaN;
  const end = Number.isFinite(parsed) ? parsed : Number.isFinite(s.endMs) ? s.endMs : s.startMs;
  return Math.max(end, s.startMs);
}

/** What makes two streams (or booths) the same: the trackable, else the tracking session, else nothing (the slice). */
function distinctKey(s: DemoSlice): string {
  if (s.trackableId !== null && s.trackableId !== undefined) return `trackable ${s.trackableType ?? ''}:${s.trackableId}`;
  if (s.sessionId !== null && s.sessionId !== undefined) return `session ${s.sessionId}`;
  return `slice ${s.id}`;
}

/**
 * Each stream and booth: its slices by what they name (the trackable, else the session, else each slice alone),
 * summed; most seconds first, then by kind, trackable type, trackable id and session.
 */
function truthVisits(slices: readonly DemoSlice[]): ReportVisit[] {
  const kindOf = (type: string): ReportVisit['kind'] | undefined =>
    type === 'streamlink' ? 'stream' : type === 'sponsor' || type === 'sponsor_media_click' ? 'sponsor' : undefined;
  const groups = new Map<string, DemoSlice[]>();
  for (const s of slices) {
    const kind = kindOf(s.trackingType);
    if (kind === undefined) continue;
    const key = `${kind} ${distinctKey(s)}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const visits = [...groups.values()].map((group): ReportVisit => {
    const s = group[0]!;
    const kind = kindOf(s.trackingType)!;
    const named = s.trackableId !== null && s.trackableId !== undefined;
    const session = !named && s.sessionId !== null && s.sessionId !== undefined ? { sessionId: String(s.sessionId) } : {};
    const counted = group.filter((x) => x.trackingType !== 'sponsor_media_click');
    const clicks = group.length - counted.length;
    const quarters = new Set<number>();
    if (kind === 'stream') {
      for (const x of counted) {
        const first = Math.floor(x.startMs / QUARTER);
        const end = endOf(x);
        const last = end > x.startMs ? Math.floor((end - 1) / QUARTER) : first;
        for (let q = first; q <= Math.min(last, first + 7 * 96 - 1); q++) quarters.add(q);
      }
    }
    return {
      kind,
      trackableType: named ? s.trackableType ?? null : null,
      trackableId: named ? String(s.trackableId) : null,
      ...session,
      seconds: counted.reduce((n, x) => n + seconds(x), 0),
      slices: counted.length,
      ...(counted.length > 0 ? {
        first: new Date(Math.min(...counted.map((x) => x.startMs))).toISOString(),
        last: new Date(Math.max(...counted.map(endOf))).toISOString(),
      } : {}),
      ...(clicks > 0 ? { clicks } : {}),
      ...(quarters.size > 0 ? { quarters: [...quarters].sort((a, b) => a - b) } : {}),
    };
  });
  // Field by field in code-unit order; a NUL between fields keeps "a|bc" before "ab|c" as field order does.
  const text = (v: ReportVisit): string => [v.kind, v.trackableType ?? '', v.trackableId ?? '', v.sessionId ?? ''].join('\u0000');
  return visits.sort((a, b) => b.seconds - a.seconds || (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0));
}

function truthRow(attendeeId: number, slices: readonly DemoSlice[], kind: TruthKind, zone: string): TruthRow {
  const sum = (type: string): number => slices.filter((s) => s.trackingType === type).reduce((n, s) => n + seconds(s), 0);
  const distinct = (type: string): number => new Set(slices.filter((s) => s.trackingType === type).map(distinctKey)).size;
  const days = new Map<string, TruthDay>();
  for (const s of slices) {
    const day = dayInZone(s.startMs, zone);
    const d = days.get(day) ?? { day, appSeconds: 0, streamSeconds: 0, sponsorSeconds: 0, inApp: false };
    if (s.trackingType === 'time_spent') {
      d.appSeconds += seconds(s);
      d.inApp = true;
    } else if (s.trackingType === 'streamlink') d.streamSeconds += seconds(s);
    else if (s.trackingType === 'sponsor') d.sponsorSeconds += seconds(s);
    days.set(day, d);
  }
  const row: TruthRow = {
    attendeeId: String(attendeeId),
    checkedIn: slices.some((s) => s.trackingType === 'time_spent'),
    firstSeen: slices.length > 0 ? new Date(Math.min(...slices.map((s) => s.startMs))).toISOString() : null,
    lastSeen: slices.length > 0 ? new Date(Math.max(...slices.map(endOf))).toISOString() : null,
    slices: slices.length,
    appSeconds: sum('time_spent'),
    days: [...days.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0)),
  };
  if (kind === 'engagement') {
    row.streamSeconds = sum('streamlink');
    row.sponsorSeconds = sum('sponsor');
    row.distinctStreams = distinct('streamlink');
    row.distinctSponsors = distinct('sponsor');
    row.clicks = slices.filter((s) => s.trackingType === 'sponsor_media_click').length;
    row.visits = truthVisits(slices);
  }
  return row;
}

/** Per day of any row: rows in the app that day, and the stream and booth seconds of every row. */
export function truthDaily(rows: readonly TruthRow[]): TruthDaily[] {
  const daily = new Map<string, TruthDaily>();
  for (const row of rows) {
    for (const d of row.days) {
      const entry = daily.get(d.day) ?? { day: d.day, attendees: 0, streamSeconds: 0, sponsorSeconds: 0 };
      if (d.inApp) entry.attendees += 1;
      entry.streamSeconds += d.streamSeconds;
      entry.sponsorSeconds += d.sponsorSeconds;
      daily.set(d.day, entry);
    }
  }
  return [...daily.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

export function reportTruth(data: DemoData, q: TruthQuery): ReportTruth {
  const from = instant(q.window.startFrom, 'window.startFrom');
  const to = q.window.startTo === undefined ? Infinity : instant(q.window.startTo, 'window.startTo');
  const types: readonly string[] = q.kind === 'presence' ? ['time_spent'] : ALL_TRACKING_TYPES;
  const attendees = data.attendeesByEvent.get(q.eventId) ?? [];
  const ids = q.attendeeIds ?? attendees.map((a) => String(a.id));
  const rows = ids.map((id) => {
    const attendee = attendees.find((a) => String(a.id) === id);
    if (!attendee) throw new Error(`Attendee ${id} is not an attendee of event ${q.eventId}`);
    const slices = (data.slicesByAttendee.get(attendee.id) ?? []).filter(
      (s) => types.includes(s.trackingType) && s.startMs >= from && s.startMs <= to,
    );
    return truthRow(attendee.id, slices, q.kind, q.dayZone);
  });
  return { rows, daily: truthDaily(rows) };
}
