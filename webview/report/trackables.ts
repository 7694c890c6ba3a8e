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
// As l10n: `t` names the row reader below.
import { t as l10n } from '../shared/l10n';

type Kind = 'sponsor' | 'stream';
const asRows = <T>(rows: readonly T[]): Row[] => rows as unknown as Row[];
const t = (r: Row): TrackableRow => r as unknown as TrackableRow;
const v = (r: Row): VisitorRow => r as unknown as VisitorRow;

const NOUN: Record<Kind, { one: string; many: string; title: string; visitors: string }> = {
  sponsor: { one: l10n('booth'), many: l10n('booths'), title: l10n('Sponsor booth'), visitors: l10n('Visitors') },
  stream: { one: l10n('stream'), many: l10n('streams'), title: l10n('Stream'), visitors: l10n('Viewers') },
};

/** A booth's or stream's name when Brella gave one, else its type and id ("Sponsor 7"). */
const titleOf = (row: TrackableRow, names: Record<string, string>): string => names[row.key] ?? `${row.trackableType ?? ''} ${row.trackableId}`.trim();

function trackableColumns(kind: Kind, names: () => Record<string, string>): Column[] {
  return [
    { key: 'what', label: NOUN[kind].title, kind: 'text', get: (r) => titleOf(t(r), names()) },
    { key: 'trackableId', label: l10n('Id'), kind: 'text', get: (r) => t(r).trackableId },
    { key: 'trackableType', label: l10n('Type'), kind: 'text', get: (r) => t(r).trackableType },
    { key: 'visitors', label: l10n('Unique {0}', NOUN[kind].visitors.toLowerCase()), kind: 'number', get: (r) => t(r).visitors },
    { key: 'visits', label: l10n('Visits (slices)'), kind: 'number', get: (r) => t(r).visits },
    { key: 'seconds', label: l10n('Total time'), kind: 'duration', get: (r) => t(r).seconds },
    { key: 'medianSeconds', label: kind === 'stream' ? l10n('Median per viewer') : l10n('Median per visitor'), kind: 'duration', get: (r) => t(r).medianSeconds },
    ...(kind === 'stream'
      ? [
          { key: 'peakViewers', label: l10n('Peak viewers (15 min)'), kind: 'number', get: (r) => t(r).peakViewers },
          { key: 'peakAt', label: l10n('Peak at'), kind: 'time', get: (r) => t(r).peakAt },
        ] satisfies Column[]
      : [{ key: 'clicks', label: l10n('Media clicks'), kind: 'number', get: (r) => t(r).clicks }] satisfies Column[]),
    { key: 'first', label: l10n('First visit'), kind: 'time', get: (r) => t(r).first },
    { key: 'last', label: l10n('Last visit'), kind: 'time', get: (r) => t(r).last },
  ];
}

function visitorColumns(kind: Kind): Column[] {
  return [
    { key: 'name', label: l10n('Name'), kind: 'text', get: (r) => v(r).name },
    { key: 'email', label: l10n('Email'), kind: 'text', get: (r) => v(r).email },
    { key: 'company', label: l10n('Company'), kind: 'text', get: (r) => v(r).company },
    { key: 'seconds', label: l10n('Time'), kind: 'duration', get: (r) => v(r).seconds },
    { key: 'visits', label: l10n('Visits (slices)'), kind: 'number', get: (r) => v(r).visits },
    ...(kind === 'sponsor' ? [{ key: 'clicks', label: l10n('Media clicks'), kind: 'number', get: (r) => v(r).clicks }] satisfies Column[] : []),
    { key: 'first', label: l10n('First visit'), kind: 'time', get: (r) => v(r).first },
    { key: 'attendeeId', label: l10n('Attendee id'), kind: 'text', get: (r) => v(r).attendeeId },
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
  const heading = h('h2', { id: `${kind}-visitors-title`, className: 'visitors-title', text: l10n('Choose a {0} (Enter or a click) to list its {1}.', noun.one, noun.visitors.toLowerCase()) });
  const visitorsHost = h('div', { id: `${kind}-visitors`, className: 'grid-host visitors-grid' });
  const chartHost = h('div', { id: `${kind}-chart-host`, className: 'stream-chart-host' });
  const exportLists = kind === 'sponsor'
    ? [button(l10n('Export Visitor Lists…'), { id: 'export-visitor-lists', title: l10n('Write one CSV per booth with its visitors, and a summary, into a folder') }, () => post({ type: 'exportVisitorLists' }))]
    : [];
  const name = button(l10n('Name {0}s', noun.title), { id: `${kind}-name`, title: l10n('Ask Brella for the names still shown by type and id, through the fewest attendees\' tracking sessions') }, () => post({ type: 'nameTrackables' }));
  const naming = h('p', { id: `${kind}-naming`, className: 'hint', attrs: { 'aria-live': 'polite' } });
  const estimates = buildEstimates(`${kind}-estimates`, l10n('unique {0} of the top {1}', noun.visitors.toLowerCase(), noun.many));
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
    heading.textContent = l10n('{0} of {1} · {2}', noun.visitors, title, count(list.length));
    if (kind === 'stream') chartHost.replaceChildren(streamChart(viewersPerQuarter(rows.values(), row.key), title, dayZone()));
    visitors!.setRows(asRows(list));
  };
  const compute = (): void => {
    const summary = summarized();
    const mine = summary.trackables.filter((r) => r.kind === kind);
    const unnamed = summary.unnamed[kind];
    note.textContent = l10n('{0} {1} visited in the window, from the attendees with a row.', count(mine.length), mine.length === 1 ? noun.one : noun.many)
      + (unnamed > 0 ? ` ${unnamed === 1 ? l10n('{0} visit names no {1}, only a tracking session: not counted here.', count(unnamed), noun.one) : l10n('{0} visits name no {1}, only a tracking session: not counted here.', count(unnamed), noun.one)}` : '');
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
      columns: trackableColumns(kind, () => state.names), label: l10n('{0}s across the event', noun.title), timeZone: dayZone(),
      onCopy: (text) => post({ type: 'copy', text }),
      onActivate: (row) => choose(t(row)),
    });
    grid.sortBy('seconds', 'desc');
    visitors = createGrid(visitorsHost, {
      columns: visitorColumns(kind), label: l10n('{0} of the chosen {1}', noun.visitors, noun.one), timeZone: dayZone(),
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
