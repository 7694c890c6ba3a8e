/**
 * What an event report must say, as rows with the attendee's name, email and company: the truth of
 * report-truth.ts (computed straight from the local Brella's data, not through the report code), named.
 */
import type { DemoAttendee, DemoData } from '../../../src/demo/index.ts';
import type { ReportKind, ReportRow, ReportWindow } from '../../../src/reports/index.ts';
import { reportTruth } from './report-truth.ts';

/** A row as the truth knows it: everything but "as of" (when it was asked, which only the run knows). */
export type ExpectedRow = Omit<ReportRow, 'asOf'>;

/** A report row without its "as of", to compare with the truth. */
export function noAsOf(row: ReportRow): ExpectedRow {
  const { asOf, ...rest } = row;
  void asOf;
  return rest;
}

const nameOf = (a: DemoAttendee): string => [a.firstName, a.lastName].filter(Boolean).join(' ') || `Attendee ${a.id}`;

export function expectedRow(data: DemoData, a: DemoAttendee, kind: ReportKind, window: ReportWindow, zone: string): ExpectedRow {
  const eventId = [...data.attendeesByEvent].find(([, list]) => list.includes(a))?.[0] ?? 0;
  const [truth] = reportTruth(data, { eventId, kind, window, dayZone: zone, attendeeIds: [String(a.id)] }).rows;
  return { name: nameOf(a), email: a.email, company: a.companyName, ...truth! };
}

export function expectedRows(data: DemoData, eventId: number, kind: ReportKind, window: ReportWindow, zone: string): ExpectedRow[] {
  const byId = new Map((data.attendeesByEvent.get(eventId) ?? []).map((a) => [String(a.id), a]));
  return reportTruth(data, { eventId, kind, window, dayZone: zone }).rows.map((t) => {
    const a = byId.get(t.attendeeId)!;
    return { name: nameOf(a), email: a.email, company: a.companyName, ...t };
  });
}

/** Distinct attendees with a time_spent slice starting on each day (in the zone) of the window. */
export function expectedAttendeesPerDay(data: DemoData, eventId: number, window: ReportWindow, zone: string): Map<string, number> {
  const daily = reportTruth(data, { eventId, kind: 'presence', window, dayZone: zone }).daily;
  return new Map(daily.filter((d) => d.attendees > 0).map((d) => [d.day, d.attendees]));
}
