/**
 * The row inspector of the event report: one attendee in full. Check-in, first and last seen (in the table's
 * zone and in UTC), time per kind, the days present with their time, the streams and booths visited with the time at
 * each (engagement), and when Brella was asked ("As of"), with
 * Open Slices and Copy as cURL for this attendee's query (the report's kind and window).
 */
import type { FromReportWebview, ReportRow } from '../../src/protocol/report';
import { buildInspector, type InspectContent, type InspectField, type InspectSection, type Inspector } from '../shared/inspector';
import { formatDuration, formatTime } from '../table/format';
import type { TimeZone } from '../table/types';

function time(label: string, iso: string | null, zone: TimeZone): InspectField {
  if (!iso) return { label, value: '' };
  return { label, value: formatTime(iso, zone), ...(zone === 'utc' ? {} : { note: formatTime(iso, 'utc') }) };
}

const duration = (label: string, seconds: number | undefined): InspectField => ({ label, value: formatDuration(seconds ?? 0), note: `${seconds ?? 0} s` });

function daysSection(row: ReportRow, engagement: boolean): InspectSection {
  if (row.days.length === 0) return { title: 'Days present', note: 'No slices in the window.' };
  return {
    title: 'Days present',
    note: `${row.days.length} ${row.days.length === 1 ? 'day' : 'days'}, cut in the report's day zone.`,
    fields: row.days.map((d) => ({
      label: d.day,
      value: engagement
        ? `app ${formatDuration(d.appSeconds)} · streams ${formatDuration(d.streamSeconds)} · booths ${formatDuration(d.sponsorSeconds)}`
        : formatDuration(d.appSeconds),
      ...(d.inApp ? { note: 'in the app' } : {}),
    })),
  };
}

/** Each stream and booth the attendee visited (engagement): what, the time, the slices. */
function visitsSection(row: ReportRow): InspectSection {
  const visits = row.visits ?? [];
  if (visits.length === 0) return { title: 'Streams and booths visited', note: 'None in the window.' };
  return {
    title: 'Streams and booths visited',
    note: `${visits.length} · most time first. Brella names a stream or booth by its trackable; without one, by the tracking session.`,
    fields: visits.map((v) => ({
      label: `${v.kind === 'stream' ? 'Stream' : 'Booth'} ${v.trackableId !== null ? `${v.trackableType ?? ''} ${v.trackableId}`.trim() : v.sessionId ? `session ${v.sessionId}` : '(not named)'}`,
      value: formatDuration(v.seconds),
      note: `${v.slices} ${v.slices === 1 ? 'slice' : 'slices'}`,
    })),
  };
}

/** What the pane shows for a report row. */
export function reportContent(row: ReportRow, zone: TimeZone, post: (m: FromReportWebview) => void): InspectContent {
  const engagement = row.streamSeconds !== undefined || row.sponsorSeconds !== undefined;
  const open = (): void => post({ type: 'openSlices', attendeeId: row.attendeeId, name: row.name.slice(0, 200) });
  const times: InspectField[] = [
    { label: 'Checked in', value: row.checkedIn ? 'yes' : 'no' },
    time('First seen', row.firstSeen, zone),
    time('Last seen', row.lastSeen, zone),
    { label: 'Slices counted', value: String(row.slices) },
    duration('Time in the app', row.appSeconds),
  ];
  if (engagement) {
    times.push(duration('Time at streams', row.streamSeconds), duration('Time at booths', row.sponsorSeconds));
    times.push({ label: 'Streams watched', value: String(row.distinctStreams ?? 0) }, { label: 'Booths visited', value: String(row.distinctSponsors ?? 0) });
  }
  return {
    title: row.name,
    sections: [
      {
        title: 'Attendee',
        fields: [
          { label: 'Name', value: row.name },
          { label: 'Attendee id', value: row.attendeeId },
          { label: 'Email', value: row.email ?? '' },
          { label: 'Company', value: row.company ?? '' },
        ],
        actions: [
          { id: 'inspector-open-slices', label: 'Open Slices', title: 'Open this attendee\'s slices with the report\'s window', run: open },
          { id: 'inspector-copy-curl', label: 'Copy as cURL', title: 'Copy this attendee\'s query as cURL (the key is left to $BRELLA_API_KEY)', run: () => post({ type: 'copyCurl', attendeeId: row.attendeeId }) },
          { id: 'inspector-copy-row', label: 'Copy Row as JSON', run: () => post({ type: 'copy', text: JSON.stringify(row, null, 2) }) },
        ],
      },
      { title: 'Presence', note: zone === 'utc' ? 'Times in UTC.' : 'Times in the table\'s zone, then in UTC.', fields: times },
      daysSection(row, engagement),
      ...(engagement ? [visitsSection(row)] : []),
      { title: 'As of', note: 'The figures are true as of when Brella was last asked for this attendee.', fields: [time('Asked', row.asOf, zone)] },
    ],
  };
}

export interface ReportInspector {
  inspector: Inspector;
  open(row: ReportRow): void;
  follow(row: ReportRow | null): void;
  /** The zone changed, or rows did (the shown attendee's row is looked up again): the open pane shows it again. */
  refresh(rows?: ReadonlyMap<string, ReportRow>): void;
}

export function buildReportInspector(gridHost: HTMLElement, post: (m: FromReportWebview) => void, zone: () => TimeZone): ReportInspector {
  const inspector = buildInspector(gridHost, {
    id: 'report', label: 'Attendee details', copy: (text) => post({ type: 'copy', text }),
    closed: () => (gridHost.firstElementChild as HTMLElement | null)?.focus(),
  });
  let shown: ReportRow | null = null;
  return {
    inspector,
    open(row) {
      shown = row;
      inspector.open(reportContent(row, zone(), post));
    },
    follow(row) {
      if (!inspector.isOpen || row === null || row === shown) return;
      shown = row;
      inspector.follow(reportContent(row, zone(), post));
    },
    refresh(rows) {
      if (!inspector.isOpen || shown === null) return;
      const now = rows?.get(shown.attendeeId) ?? shown;
      if (rows !== undefined && now === shown) return;
      shown = now;
      inspector.follow(reportContent(shown, zone(), post));
    },
  };
}
