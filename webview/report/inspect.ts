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
import { t } from '../shared/l10n';

function time(label: string, iso: string | null, zone: TimeZone): InspectField {
  if (!iso) return { label, value: '' };
  return { label, value: formatTime(iso, zone), ...(zone === 'utc' ? {} : { note: formatTime(iso, 'utc') }) };
}

const duration = (label: string, seconds: number | undefined): InspectField => ({ label, value: formatDuration(seconds ?? 0), note: t('{0} s', seconds ?? 0) });

function daysSection(row: ReportRow, engagement: boolean): InspectSection {
  if (row.days.length === 0) return { title: t('Days present'), note: t('No slices in the window.') };
  return {
    title: t('Days present'),
    note: row.days.length === 1 ? t('{0} day, cut in the report\'s day zone.', row.days.length) : t('{0} days, cut in the report\'s day zone.', row.days.length),
    fields: row.days.map((d) => ({
      label: d.day,
      value: engagement
        ? t('app {0} · streams {1} · booths {2}', formatDuration(d.appSeconds), formatDuration(d.streamSeconds), formatDuration(d.sponsorSeconds))
        : formatDuration(d.appSeconds),
      ...(d.inApp ? { note: t('in the app') } : {}),
    })),
  };
}

/** Each stream and booth the attendee visited (engagement): what, the time, the slices. */
function visitsSection(row: ReportRow): InspectSection {
  const visits = row.visits ?? [];
  if (visits.length === 0) return { title: t('Streams and booths visited'), note: t('None in the window.') };
  return {
    title: t('Streams and booths visited'),
    note: t('{0} · most time first. Brella names a stream or booth by its trackable; without one, by the tracking session.', visits.length),
    fields: visits.map((v) => {
      const name = v.trackableId !== null ? `${v.trackableType ?? ''} ${v.trackableId}`.trim() : v.sessionId ? t('session {0}', v.sessionId) : t('(not named)');
      return {
        label: v.kind === 'stream' ? t('Stream {0}', name) : t('Booth {0}', name),
        value: formatDuration(v.seconds),
        note: v.slices === 1 ? t('{0} slice', v.slices) : t('{0} slices', v.slices),
      };
    }),
  };
}

/** What the pane shows for a report row. */
export function reportContent(row: ReportRow, zone: TimeZone, post: (m: FromReportWebview) => void): InspectContent {
  const engagement = row.streamSeconds !== undefined || row.sponsorSeconds !== undefined;
  const open = (): void => post({ type: 'openSlices', attendeeId: row.attendeeId, name: row.name.slice(0, 200) });
  const times: InspectField[] = [
    { label: t('Checked in'), value: row.checkedIn ? t('yes') : t('no') },
    time(t('First seen'), row.firstSeen, zone),
    time(t('Last seen'), row.lastSeen, zone),
    { label: t('Slices counted'), value: String(row.slices) },
    duration(t('Time in the app'), row.appSeconds),
  ];
  if (engagement) {
    times.push(duration(t('Time at streams'), row.streamSeconds), duration(t('Time at booths'), row.sponsorSeconds));
    times.push({ label: t('Streams watched'), value: String(row.distinctStreams ?? 0) }, { label: t('Booths visited'), value: String(row.distinctSponsors ?? 0) });
  }
  return {
    title: row.name,
    sections: [
      {
        title: t('Attendee'),
        fields: [
          { label: t('Name'), value: row.name },
          { label: t('Attendee id'), value: row.attendeeId },
          { label: t('Email'), value: row.email ?? '' },
          { label: t('Company'), value: row.company ?? '' },
        ],
        actions: [
          { id: 'inspector-open-slices', label: t('Open Slices'), title: t('Open this attendee\'s slices with the report\'s window'), run: open },
          { id: 'inspector-copy-curl', label: t('Copy as cURL'), title: t('Copy this attendee\'s query as cURL (the key is left to $BRELLA_API_KEY)'), run: () => post({ type: 'copyCurl', attendeeId: row.attendeeId }) },
          { id: 'inspector-copy-row', label: t('Copy Row as JSON'), run: () => post({ type: 'copy', text: JSON.stringify(row, null, 2) }) },
        ],
      },
      { title: t('Presence'), note: zone === 'utc' ? t('Times in UTC.') : t('Times in the table\'s zone, then in UTC.'), fields: times },
      daysSection(row, engagement),
      ...(engagement ? [visitsSection(row)] : []),
      { title: t('As of'), note: t('The figures are true as of when Brella was last asked for this attendee.'), fields: [time(t('Asked'), row.asOf, zone)] },
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
    id: 'report', label: t('Attendee details'), copy: (text) => post({ type: 'copy', text }),
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
