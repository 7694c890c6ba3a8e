/** What the panel shows around the rows: the summary, the per-day counts for the charts, the columns. */
import type { DayCount, ReportColumn, ReportFailure, ReportKind, ReportRow, ReportSummary, SummaryMeta } from './types';

export function summarize(rows: readonly ReportRow[], failures: readonly ReportFailure[], meta: SummaryMeta): ReportSummary {
  let checkedIn = 0;
  for (const row of rows) if (row.checkedIn) checkedIn++;
  const attendees = rows.length;
  return {
    attendees,
    checkedIn,
    notCheckedIn: attendees - checkedIn,
    percent: attendees === 0 ? 0 : Math.round((checkedIn / attendees) * 1000) / 10,
    failures: failures.length,
    reused: meta.reused,
    asked: meta.asked,
    window: { ...meta.window },
    kind: meta.kind,
    dayZone: meta.dayZone,
  };
}

/**
 * One entry per day any row has: distinct attendees in the app that day (a time_spent slice starting that day),
 * and the stream and sponsor-booth seconds of the slices starting that day. Sorted by day.
 */
export function dailyCounts(rows: readonly ReportRow[]): DayCount[] {
  const byDay = new Map<string, DayCount>();
  for (const row of rows) {
    for (const d of row.days) {
      let entry = byDay.get(d.day);
      if (!entry) {
        entry = { day: d.day, attendees: 0, streamSeconds: 0, sponsorSeconds: 0 };
        byDay.set(d.day, entry);
      }
      if (d.inApp) entry.attendees++;
      entry.streamSeconds += d.streamSeconds;
      entry.sponsorSeconds += d.sponsorSeconds;
    }
  }
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}

const BASE_COLUMNS: readonly ReportColumn[] = [
  { id: 'attendeeId', label: 'Attendee id', kind: 'text' },
  { id: 'name', label: 'Name', kind: 'text' },
  { id: 'email', label: 'Email', kind: 'text' },
  { id: 'company', label: 'Company', kind: 'text' },
  { id: 'checkedIn', label: 'Checked in', kind: 'boolean' },
  { id: 'firstSeen', label: 'First seen', kind: 'time' },
  { id: 'lastSeen', label: 'Last seen', kind: 'time' },
  { id: 'slices', label: 'Slices', kind: 'number' },
  { id: 'appSeconds', label: 'Time in the app', kind: 'duration' },
];

const ENGAGEMENT_COLUMNS: readonly ReportColumn[] = [
  { id: 'streamSeconds', label: 'Stream time', kind: 'duration' },
  { id: 'sponsorSeconds', label: 'Sponsor-booth time', kind: 'duration' },
  { id: 'distinctStreams', label: 'Streams', kind: 'number' },
  { id: 'distinctSponsors', label: 'Sponsors', kind: 'number' },
];

/** The table's columns for a kind; ids are ReportRow keys. */
export function reportColumns(kind: ReportKind): ReportColumn[] {
  return kind === 'engagement' ? [...BASE_COLUMNS, ...ENGAGEMENT_COLUMNS].map((c) => ({ ...c })) : BASE_COLUMNS.map((c) => ({ ...c }));
}
