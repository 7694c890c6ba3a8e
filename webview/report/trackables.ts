/**
 * The engagement report's Sponsors and Streams tabs: one row per booth or stream across the event (unique
 * visitors, visits, total and median time per visitor, media clicks, first and last visit, and for streams the
 * peak concurrent viewers; from the rows' visits: src/model/trackables.ts), and below it the chosen one's visitors
 * (name, email, company, time, visits, clicks, first visit) in the same grid, after a stream's chart of viewers per
 * 15 minutes. Enter or a click on a booth or stream lists its visitors; a click on a visitor's name opens their
 * slices of that kind. Times are in the event's zone. Computed when the tab shows, again only when rows changed.
 */
import type { FromReportWebview, ReportRow } from '../../src/protocol/report';
import { viewersPerQuarter, visitorsOf, type TrackableRow, type TrackableSummary, type VisitorRow } from '../../src/model/trackables';
import { button, h } from '../shared/dom';
import { createGrid } from '../table';
import type { Column, GridHandle, Row } from '../table/types';
import { count } from './format';
import { buildEstimates } from './estimates';
import type { ReportViewState } from './state';
import { streamChart } from './stream-chart';

type Kind = 'sponsor' | 'stream';
const asRows = <T>(rows: readonly T[]): Row[] => rows as unknown as Row[];
const t = (r: Row): TrackableRow => r as unknown as TrackableRow;
const v = (r: Row): VisitorRow => r as unknown as VisitorRow;

const NOUN: Record<Kind, { one: string; many: string; title: string; visitors: string }> = {
  sponsor: { one: 'booth', many: 'booths', title: 'Sponsor booth', visitors: 'Visitors' },
  stream: { one: 'stream', many: 'streams', title: 'Stream', visitors: 'Viewers' },
};

/** A booth's or stream's name when Brella gave one, else its type and id ("Sponsor 7"). */
const titleOf = (row: TrackableRow, names: Record<string, string>): string => names[row.key] ?? `${row.trackableType ?? ''} ${row.trackableId}`.trim();

function trackableColumns(kind: Kind, names: () => Record<string, string>): Column[] {
  return [
    { key: 'what', label: NOUN[kind].title, kind: 'text', get: (r) => titleOf(t(r), names()) },
    { key: 'trackableId', label: 'Id', kind: 'text', get: (r) => t(r).trackableId },
    { key: 'trackableType', label: 'Type', kind: 'text', get: (r) => t(r).trackableType },
    { key: 'visitors', label: `Unique ${NOUN[kind].visitors.toLowerCase()}`, kind: 'number', get: (r) => t(r).visitors },
    { key: 'visits', label: 'Visits (slices)', kind: 'number', get: (r) => t(r).visits },
    { key: 'seconds', label: 'Total time', kind: 'duration', get: (r) => t(r).seconds },
    { key: 'medianSeconds', label: `Median per ${kind === 'stream' ? 'viewer' : 'visitor'}`, kind: 'duration', get: (r) => t(r).medianSeconds },
    ...(kind === 'stream'
      ? [
          { key: 'peakViewers', label: 'Peak viewers (15 min)', kind: 'number', get: (r) => t(r).peakViewers },
          { key: 'peakAt', label: 'Peak at', kind: 'time', get: (r) => t(r).peakAt },
        ] satisfies Column[]
      : [{ key: 'clicks', label: 'Media clicks', kind: 'number', get: (r) => t(r).clicks }] satisfies Column[]),
    { key: 'first', label: 'First visit', kind: 'time', get: (r) => t(r).first },
    { key: 'last', label: 'Last visit', kind: 'time', get: (r) => t(r).last },
  ];
}

function visitorColumns(kind: Kind): Column[] {
  return [
    { key: 'name', label: 'Name', kind: 'text', get: (r) => v(r).name },
    { key: 'email', label: 'Email', kind: 'text', get: (r) => v(r).email },
    { key: 'company', label: 'Company', kind: 'text', get: (r) => v(r).company },
    { key: 'seconds', label: 'Time', kind: 'duration', get: (r) => v(r).seconds },
    { key: 'visits', label: 'Visits (slices)', kind: 'number', get: (r) => v(r).visits },
    ...(kind === 'sponsor' ? [{ key: 'clicks', label: 'Media clicks', kind: 'number', get: (r) => v(r).clicks }] satisfies Column[] : []),
    { key: 'first', label: 'First visit', kind: 'time', get: (r) => v(r).first },
    { key: 'attendeeId', label: 'Attendee id', kind: 'text', get: (r) => v(r).attendeeId },
  ];
}

export interface TrackablesView {
  root: HTMLElement;
  /** The tab shows: computes the table if rows changed since. */
  shown(rows: ReadonlyMap<string, ReportRow>): void;
  /** Rows changed: the table is computed again when next shown (now, if it shows). */
  changed(rows: ReadonlyMap<string, ReportRow>, visible: boolean): void;
}

export function buildTrackablesView(
  kind: Kind, post: (m: FromReportWebview) => void, state: ReportViewState, summarized: () => TrackableSummary,
): TrackablesView {
  const dayZone = (): string => state.init?.dayZone ?? 'UTC';
  const noun = NOUN[kind];
  const note = h('p', { id: `${kind}-note`, className: 'hint', attrs: { 'aria-live': 'polite' } });
  const host = h('div', { id: `${kind}-grid`, className: 'grid-host trackables-grid' });
  const heading = h('h2', { id: `${kind}-visitors-title`, className: 'visitors-title', text: `Choose a ${noun.one} (Enter or a click) to list its ${noun.visitors.toLowerCase()}.` });
  const visitorsHost = h('div', { id: `${kind}-visitors`, className: 'grid-host visitors-grid' });
  const chartHost = h('div', { id: `${kind}-chart-host`, className: 'stream-chart-host' });
  const exportLists = kind === 'sponsor'
    ? [button('Export Visitor Lists…', { id: 'export-visitor-lists', title: 'Write one CSV per booth with its visitors, and a summary, into a folder' }, () => post({ type: 'exportVisitorLists' }))]
    : [];
  const name = button(`Name ${noun.title}s`, { id: `${kind}-name`, title: 'Ask Brella for the names still shown by type and id, through the fewest attendees\' tracking sessions' }, () => post({ type: 'nameTrackables' }));
  const naming = h('p', { id: `${kind}-naming`, className: 'hint', attrs: { 'aria-live': 'polite' } });
  const estimates = buildEstimates(`${kind}-estimates`, `unique ${noun.visitors.toLowerCase()} of the top ${noun.many}`);
  const root = h('section', { className: 'results trackables', attrs: { 'aria-label': noun.title } },
    h('div', { className: 'toolbar' }, note, name, ...exportLists), naming, estimates.root, host, chartHost, heading, visitorsHost);
  let rows: ReadonlyMap<string, ReportRow> = new Map();
  let dirty = true;
  let chosen: TrackableRow | undefined;
  let grid: GridHandle | undefined;
  let visitors: GridHandle | undefined;

  const choose = (row: TrackableRow): void => {
    chosen = row;
    const list = visitorsOf(rows.values(), row.key);
    const title = titleOf(row, state.names);
    heading.textContent = `${noun.visitors} of ${title} · ${count(list.length)}`;
    if (kind === 'stream') chartHost.replaceChildren(streamChart(viewersPerQuarter(rows.values(), row.key), title, dayZone()));
    visitors!.setRows(asRows(list));
  };
  const compute = (): void => {
    const summary = summarized();
    const mine = summary.trackables.filter((r) => r.kind === kind);
    const unnamed = summary.unnamed[kind];
    note.textContent = `${count(mine.length)} ${mine.length === 1 ? noun.one : noun.many} visited in the window, from the attendees with a row.`
      + (unnamed > 0 ? ` ${count(unnamed)} ${unnamed === 1 ? 'visit names' : 'visits name'} no ${noun.one}, only a tracking session: not counted here.` : '');
    naming.textContent = state.namingNote ?? '';
    const top = [...mine].sort((a, b) => b.visitors - a.visitors).slice(0, 5);
    estimates.update(top.map((r) => ({ label: titleOf(r, state.names), hits: r.visitors })), state.summary?.estimate);
    grid!.setRows(asRows(mine));
    if (chosen) {
      const again = mine.find((r) => r.key === chosen!.key);
      if (again) choose(again);
    }
    dirty = false;
  };
  const ensure = (): void => {
    if (grid) return;
    grid = createGrid(host, {
      columns: trackableColumns(kind, () => state.names), label: `${noun.title}s across the event`, timeZone: dayZone(),
      onCopy: (text) => post({ type: 'copy', text }),
      onActivate: (row) => choose(t(row)),
    });
    grid.sortBy('seconds', 'desc');
    visitors = createGrid(visitorsHost, {
      columns: visitorColumns(kind), label: `${noun.visitors} of the chosen ${noun.one}`, timeZone: dayZone(),
      onCopy: (text) => post({ type: 'copy', text }),
      onActivate: (row, key, via) => {
        if (via === 'click' && key !== 'name') return;
        post({ type: 'openSlices', attendeeId: v(row).attendeeId, name: v(row).name.slice(0, 200), trackingType: kind === 'stream' ? 'streamlink' : 'sponsor' });
      },
    });
    visitors.sortBy('seconds', 'desc');
  };
  return {
    root,
    shown(next) {
      rows = next;
      ensure();
      if (dirty) compute();
    },
    changed(next, visible) {
      rows = next;
      dirty = true;
      if (visible) {
        ensure();
        compute();
      }
    },
  };
}
