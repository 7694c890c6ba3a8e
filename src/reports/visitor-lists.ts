/**
 * The sponsors' visitor lists, as files: one CSV per sponsor booth (its visitors: the sponsor's leads) and a
 * summary with one row per booth. Pure: the host writes the files where the user chose. Names and emails are the
 * attendees' as Brella gave them; a value a spreadsheet would run as a formula is kept as text.
 */
import { csvFile } from '../model/csv';
import { allVisitors, summarizeTrackables } from '../model/trackables';
import type { ReportRow } from './types';

export interface ListFile {
  name: string;
  text: string;
}

/** A file name part from a trackable id: letters, digits, dot, dash and underscore only. */
const safe = (text: string): string => text.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80) || '_';

export function sponsorVisitorLists(rows: readonly ReportRow[]): { files: ListFile[]; sponsors: number } {
  const booths = summarizeTrackables(rows).trackables.filter((t) => t.kind === 'sponsor');
  const visitors = allVisitors(rows);
  const fileOf = (b: (typeof booths)[number]): string => `${safe(b.trackableType ?? 'sponsor')}-${safe(b.trackableId)}-visitors.csv`;
  const files: ListFile[] = booths.map((b) => ({
    name: fileOf(b),
    text: csvFile(
      ['Attendee id', 'Name', 'Email', 'Company', 'Time (s)', 'Visits (slices)'],
      (visitors.get(b.key) ?? []).map((v) => [v.attendeeId, v.name, v.email, v.company, v.seconds, v.visits]),
    ),
  }));
  files.push({
    name: 'sponsors-summary.csv',
    text: csvFile(
      ['Sponsor booth', 'Id', 'Unique visitors', 'Visits (slices)', 'Total time (s)', 'Median time per visitor (s)', 'Visitor list'],
      booths.map((b) => [`${b.trackableType ?? ''} ${b.trackableId}`.trim(), b.trackableId, b.visitors, b.visits, b.seconds, b.medianSeconds, fileOf(b)]),
    ),
  });
  return { files, sponsors: booths.length };
}
