/**
 * The engagement report's tabs: Attendees (the table of one row per attendee), Sponsors and Streams (what each
 * booth and stream got across the event, webview/report/trackables.ts). The presence report has no tabs.
 */
import type { FromReportWebview, ReportRow } from '../../src/protocol/report';
import { buildTabs } from '../shared/tabs';
import { buildTrackablesView } from './trackables';

export interface ReportTabs {
  /** The rows changed: the shown tab follows, the others when next shown. */
  changed(): void;
}

type TabId = 'attendees' | 'sponsors' | 'streams';

/** Puts the tabs before the Attendees section, and the Sponsors and Streams panels after it. */
export function buildReportTabs(attendees: HTMLElement, post: (m: FromReportWebview) => void, rows: () => ReadonlyMap<string, ReportRow>): ReportTabs {
  const sponsors = buildTrackablesView('sponsor', post);
  const streams = buildTrackablesView('stream', post);
  const views = { sponsors, streams } as const;
  const tabs = buildTabs<TabId>(
    ['attendees', 'sponsors', 'streams'], { attendees, sponsors: sponsors.root, streams: streams.root },
    { attendees: 'Attendees', sponsors: 'Sponsors', streams: 'Streams' },
    (id) => {
      if (id !== 'attendees') views[id].shown(rows());
    },
    'Views of the report',
  );
  attendees.before(tabs.root);
  attendees.after(sponsors.root, streams.root);
  return {
    changed() {
      sponsors.changed(rows(), tabs.current === 'sponsors');
      streams.changed(rows(), tabs.current === 'streams');
    },
  };
}
