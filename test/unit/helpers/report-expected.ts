/**
 * What an event report must say, computed straight from the local Brella's generated data (not through the
 * report code): which slices fall in the window, their totals, and the days they start on in a zone.
 */
import type { DemoAttendee, DemoData, DemoSlice } from '../../../src/demo/index.ts';
import type { ReportDay, ReportKind, ReportRow, ReportWindow } from '../../../src/reports/index.ts';

/** YYYY-MM-DD of an instant in a zone, read from the Swedish locale's ISO-like date. */
export function dayIn(zone: string, ms: number): string {
  return new Date(ms).toLocaleString('sv-SE', { timeZone: zone }).slice(0, 10);
}

export function slicesInWindow(data: DemoData, attendeeId: number, kind: ReportKind, window: ReportWindow): DemoSlice[] {
  const types = kind === 'presence' ? ['time_spent'] : ['time_spent', 'sponsor', 'streamlink'];
  const from = Date.parse(window.startFrom);
  const to = window.startTo ? Date.parse(window.startTo) : Infinity;
  return (data.slicesByAttendee.get(attendeeId) ?? []).filter((s) => types.includes(s.trackingType) && s.startMs >= from && s.startMs <= to);
}

/** A row as the truth knows it: everything but "as of" (when it was asked, which only the run knows). */
export type ExpectedRow = Omit<ReportRow, 'asOf'>;

/** A report row without its "as of", to compare with the truth. */
export function noAsOf(row: ReportRow): ExpectedRow {
  const { asOf, ...rest } = row;
  void asOf;
  return rest;
}

export function expectedRow(data: DemoData, a: DemoAttendee, kind: ReportKind, window: ReportWindow, zone: string): ExpectedRow {
  const slices = slicesInWindow(data, a.id, kind, window);
  const sum = (type: string): number => slices.filter((s) => s.trackingType === type).reduce((n, s) => n + s.durationSeconds, 0);
  const distinct = (type: string): number =>
    new Set(slices.filter((s) => s.trackingType === type).map((s) => (s.trackableId === null ? `session ${s.sessionId}` : `id ${s.trackableId}`))).size;
  const days = new Map<string, ReportDay>();
  for (const s of slices) {
    const day = dayIn(zone, s.startMs);
    const d = days.get(day) ?? { day, appSeconds: 0, streamSeconds: 0, sponsorSeconds: 0, inApp: false };
    if (s.trackingType === 'time_spent') {
      d.appSeconds += s.durationSeconds;
      d.inApp = true;
    }
    if (s.trackingType === 'streamlink') d.streamSeconds += s.durationSeconds;
    if (s.trackingType === 'sponsor') d.sponsorSeconds += s.durationSeconds;
    days.set(day, d);
  }
  const row: ExpectedRow = {
    attendeeId: String(a.id),
    name: [a.firstName, a.lastName].filter(Boolean).join(' ') || `Attendee ${a.id}`,
    email: a.email,
    company: a.companyName,
    checkedIn: slices.some((s) => s.trackingType === 'time_spent'),
    firstSeen: slices.length ? new Date(Math.min(...slices.map((s) => s.startMs))).toISOString() : null,
    lastSeen: slices.length ? new Date(Math.max(...slices.map((s) => s.endMs))).toISOString() : null,
    slices: slices.length,
    appSeconds: sum('time_spent'),
    days: [...days.values()].sort((x, y) => x.day.localeCompare(y.day)),
  };
  if (kind === 'engagement') {
    row.streamSeconds = sum('streamlink');
    row.sponsorSeconds = sum('sponsor');
    row.distinctStreams = distinct('streamlink');
    row.distinctSponsors = distinct('sponsor');
  }
  return row;
}

export function expectedRows(data: DemoData, eventId: number, kind: ReportKind, window: ReportWindow, zone: string): ExpectedRow[] {
  return (data.attendeesByEvent.get(eventId) ?? []).map((a) => expectedRow(data, a, kind, window, zone));
}

/** Distinct attendees with a time_spent slice starting on each day (in the zone) of the window. */
export function expectedAttendeesPerDay(data: DemoData, eventId: number, window: ReportWindow, zone: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const a of data.attendeesByEvent.get(eventId) ?? []) {
    const days = new Set(slicesInWindow(data, a.id, 'presence', window).map((s) => dayIn(zone, s.startMs)));
    for (const d of days) out.set(d, (out.get(d) ?? 0) + 1);
  }
  return out;
}
