/**
 * The engagement report's tabs: Attendees (the table of one row per attendee), Sponsors and Streams (what each
 * booth and stream got across the event, webview/report/trackables.ts) and Days (days.ts). The presence report has
 * no tabs.
 */
import type { FromReportWebview } from '../../src/protocol/report';
import type { TrackableSummary } from '../../src/model/trackables';
import { buildTabs } from '../shared/tabs';
import { whenIdle } from '../table/grid-dom';
import { zoneOffsetMs } from '../table/zones';
import { buildDaysView } from './days';
import type { ReportViewState } from './state';
import { buildTrackablesView } from './trackables';
import { t } from '../shared/l10n';

export interface ReportTabs {
  /** The rows changed: the shown tab follows, the others when next shown. */
  changed(): void;
}

type TabId = 'attendees' | 'sponsors' | 'streams' | 'days';

/** Puts the tabs before the Attendees section, and the Sponsors and Streams panels after it. */
export function buildReportTabs(attendees: HTMLElement, post: (m: FromReportWebview) => void, state: ReportViewState): ReportTabs {
  const rows = (): ReportViewState['rows'] => state.rows;
  // The state keeps the sums as rows change (src/model/trackable-tally.ts); one table of them for both tabs, read
  // again only when the rows changed.
  let summed: { version: number; summary: TrackableSummary } | undefined;
  const summary = (): TrackableSummary => {
    if (summed?.version !== state.rowsVersion) summed = { version: state.rowsVersion, summary: state.trackables.summary() };
    return summed.summary;
  };
  const sponsors = buildTrackablesView('sponsor', post, state, summary);
  const streams = buildTrackablesView('stream', post, state, summary);
  const days = buildDaysView(post, state);
  const views = { sponsors, streams, days } as const;
  const tabs = buildTabs<TabId>(
    ['attendees', 'sponsors', 'streams', 'days'], { attendees, sponsors: sponsors.root, streams: streams.root, days: days.root },
    { attendees: t('Attendees'), sponsors: t('Sponsors'), streams: t('Streams'), days: t('Days') },
    (id) => {
      if (id !== 'attendees') views[id].shown(rows());
    },
    t('Views of the report'),
  );
  attendees.before(tabs.root);
  attendees.after(sponsors.root, streams.root, days.root);
  const warm = warmWhenQuiet(() => {
    summary();
    zoneOffsetMs(state.init?.dayZone ?? 'utc', Date.now());
  });
  warm();
  return {
    changed() {
      for (const id of ['sponsors', 'streams', 'days'] as const) views[id].changed(rows(), tabs.current === id);
      warm();
    },
  };
}

/**
 * Once the rows have been still for a second, `work` runs when the panel is next idle: the sums' table read (its
 * medians chosen) and the event zone's clock set up, so a tab shows without that work. While a run's rows keep
 * coming it waits, and the tab shown does the work then.
 */
function warmWhenQuiet(work: () => void): () => void {
  let timer = 0;
  let cancel: (() => void) | undefined;
  return () => {
    clearTimeout(timer);
    cancel?.();
    timer = window.setTimeout(() => {
      cancel = whenIdle(window, () => {
        work();
        return true;
      });
    }, 1000);
  };
}
