/** What the panel shows around the rows: the summary, the per-day counts for the charts, the columns. */
import { DayCutter } from './rows';
import type { DayCount, ReportColumn, ReportFailure, ReportKind, ReportRow, ReportSummary, ReportWindow } from './types';

export interface SummaryMeta {
  window: ReportWindow;
  kind: ReportKind;
  dayZone: string;
  reused: number;
  asked: number;
}

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
    missing: 0,
    dropped: 0,
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
 *
 * With `asked` (the zone days are cut in and the window), each day also says how many rows were last asked before
 * it ended while the window was still open (`askedBefore`): those rows may miss some of that day, so the day is
 * partial, never an undercount in silence.
 */
export function dailyCounts(rows: readonly ReportRow[], asked?: { dayZone: string; window: ReportWindow }): DayCount[] {
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
  const days = [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  if (asked) markPartialDays(days, rows, asked.dayZone, asked.window);
  return days;
}

/** Sets askedBefore on each day: rows whose "as of" falls on or before that day, asked while the window was open. */
function markPartialDays(days: DayCount[], rows: readonly ReportRow[], dayZone: string, window: ReportWindow): void {
  const cutter = new DayCutter(dayZone);
  const end = window.startTo === undefined ? Infinity : Date.parse(window.startTo);
  const askedDays: string[] = [];
  for (const row of rows) {
    const at = Date.parse(row.asOf);
    if (Number.isFinite(at) && at <= end) askedDays.push(cutter.day(at));
  }
  askedDays.sort();
  let i = 0;
  for (const d of days) {
    while (i < askedDays.length && (askedDays[i] as string) <= d.day) i++;
    if (i > 0) d.askedBefore = i;
  }
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

/** When Brella was last asked for the row: its figures are true as of then. */
const AS_OF: ReportColumn = { id: 'asOf', label: 'As of', kind: 'time' };

const ENGAGEMENT_COLUMNS: readonly ReportColumn[] = [
  { id: 'streamSeconds', label: 'Stream time', kind: 'duration' },
  { id: 'sponsorSeconds', label: 'Sponsor-booth time', kind: 'duration' },
  { id: 'distinctStreams', label: 'Streams', kind: 'number' },
  { id: 'distinctSponsors', label: 'Sponsors', kind: 'number' },
  { id: 'clicks', label: 'Media clicks', kind: 'number' },
];

/** The table's columns for a kind; ids are ReportRow keys. */
export function reportColumns(kind: ReportKind): ReportColumn[] {
  return [...BASE_COLUMNS, ...(kind === 'engagement' ? ENGAGEMENT_COLUMNS : []), AS_OF].map((c) => ({ ...c }));
}
