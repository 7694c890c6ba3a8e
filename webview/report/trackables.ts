/**
 * The engagement report's Sponsors and Streams tabs: one row per booth or stream across the event (unique
 * visitors, visits, total and median time per visitor, media clicks, first and last visit, and for streams the
 * peak concurrent viewers; from the rows' visits: src/model/trackables.ts), and below it the chosen one's visitors
 * (name, email, company, time, visits, clicks, first visit) in the same grid, after a stream's chart of viewers per
 * 15 minutes. Enter or a click on a booth or stream lists its visitors; a click on a visitor's name opens their
 * slices of that kind. Times are in the event's zone. Read when the tab shows (again only when rows changed) from
 * the sums the state keeps as rows change: src/model/trackable-tally.ts.
 */
import { buildRowsCopyMenu } from '../table/copy-menu';
import type { FromReportWebview, ReportRow } from '../../src/protocol/report';
import type { TrackableRow, TrackableSummary, VisitorRow } from '../../src/model/trackables';
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

/** Each kind's texts, each one whole (a translator sees no sentence put together from pieces). */
const TEXT: Record<Kind, { title: string; unique: string; median: string; choose: string; name: string; estimate: string; all: string; chosen: string }> = {
  sponsor: {
    title: l10n('Sponsor booth'), unique: l10n('Unique visitors'), median: l10n('Median per visitor'),
    choose: l10n('Choose a booth (Enter or a click) to list its visitors.'), name: l10n('Name Sponsor booths'),
    estimate: l10n('unique visitors of the top booths'), all: l10n('Sponsor booths across the event'), chosen: l10n('Visitors of the chosen booth'),
  },
  stream: {
    title: l10n('Stream'), unique: l10n('Unique viewers'), median: l10n('Median per viewer'),
    choose: l10n('Choose a stream (Enter or a click) to list its viewers.'), name: l10n('Name Streams'),
    estimate: l10n('unique viewers of the top streams'), all: l10n('Streams across the event'), chosen: l10n('Viewers of the chosen stream'),
  },
};

/** "Visitors of Sponsor 7 · 3": the heading of a booth's or stream's visitors. */
function visitorsTitle(kind: Kind, title: string, visitors: number): string {
  return kind === 'stream' ? l10n('Viewers of {0} · {1}', title, count(visitors)) : l10n('Visitors of {0} · {1}', title, count(visitors));
}

/** "2 booths visited in the window, from the attendees with a row." */
function visitedText(kind: Kind, n: number): string {
  if (kind === 'stream') {
    return n === 1 ? l10n('{0} stream visited in the window, from the attendees with a row.', count(n)) : l10n('{0} streams visited in the window, from the attendees with a row.', count(n));
  }
  return n === 1 ? l10n('{0} booth visited in the window, from the attendees with a row.', count(n)) : l10n('{0} booths visited in the window, from the attendees with a row.', count(n));
}

/** "3 visits name no booth, only a tracking session: not counted here." */
function unnamedText(kind: Kind, n: number): string {
  if (kind === 'stream') {
    return n === 1 ? l10n('{0} visit names no stream, only a tracking session: not counted here.', count(n)) : l10n('{0} visits name no stream, only a tracking session: not counted here.', count(n));
  }
  return n === 1 ? l10n('{0} visit names no booth, only a tracking session: not counted here.', count(n)) : l10n('{0} visits name no booth, only a tracking session: not counted here.', count(n));
}

/** A booth's or stream's name when Brella gave one, else its type and id ("Sponsor 7"). */
const titleOf = (row: TrackableRow, names: Record<string, string>): string => names[row.key] ?? `${row.trackableType ?? ''} ${row.trackableId}`.trim();

function trackableColumns(kind: Kind, names: () => Record<string, string>): Column[] {
  return [
    { key: 'what', label: TEXT[kind].title, kind: 'text', get: (r) => titleOf(t(r), names()) },
    { key: 'trackableId', label: l10n('Id'), kind: 'text', get: (r) => t(r).trackableId },
    { key: 'trackableType', label: l10n('Type'), kind: 'text', get: (r) => t(r).trackableType },
    { key: 'visitors', label: TEXT[kind].unique, kind: 'number', get: (r) => t(r).visitors },
    { key: 'visits', label: l10n('Visits (slices)'), kind: 'number', get: (r) => t(r).visits },
    { key: 'seconds', label: l10n('Total time'), kind: 'duration', get: (r) => t(r).seconds },
    { key: 'medianSeconds', label: TEXT[kind].median, kind: 'duration', get: (r) => t(r).medianSeconds },
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
  const texts = TEXT[kind];
  const note = h('p', { id: `${kind}-note`, className: 'hint', attrs: { 'aria-live': 'polite' } });
  const host = h('div', { id: `${kind}-grid`, className: 'grid-host trackables-grid' });
  const heading = h('h2', { id: `${kind}-visitors-title`, className: 'visitors-title', text: texts.choose });
  const visitorsHost = h('div', { id: `${kind}-visitors`, className: 'grid-host visitors-grid' });
  const chartHost = h('div', { id: `${kind}-chart-host`, className: 'stream-chart-host' });
  const exportLists = kind === 'sponsor'
    ? [button(l10n('Export Visitor Lists…'), { id: 'export-visitor-lists', title: l10n('Write one CSV per booth with its visitors, and a summary, into a folder') }, () => post({ type: 'exportVisitorLists' }))]
    : [];
  const name = button(texts.name, { id: `${kind}-name`, title: l10n('Ask Brella for the names still shown by type and id, through the fewest attendees\' tracking sessions') }, () => post({ type: 'nameTrackables' }));
  const naming = h('p', { id: `${kind}-naming`, className: 'hint', attrs: { 'aria-live': 'polite' } });
  const estimates = buildEstimates(`${kind}-estimates`, texts.estimate);
  const root = h('section', { className: 'results trackables', attrs: { 'aria-label': texts.title } },
    h('div', { className: 'toolbar' }, note, name, buildRowsCopyMenu(() => grid, `${kind}-copy-rows`).root, ...exportLists), naming, estimates.root, host, chartHost,
    h('div', { className: 'toolbar' }, heading, buildRowsCopyMenu(() => visitors, `${kind}-visitors-copy-rows`).root), visitorsHost);
  let dirty = true;
  let chosen: TrackableRow | undefined;
  let grid: GridHandle | undefined;
  let visitors: GridHandle | undefined;

  const choose = (row: TrackableRow): void => {
    chosen = row;
    const list = state.trackables.visitorsOf(row.key);
    const title = titleOf(row, state.names);
    heading.textContent = visitorsTitle(kind, title, list.length);
    if (kind === 'stream') chartHost.replaceChildren(streamChart(state.trackables.viewersPerQuarter(row.key), title, dayZone()));
    visitors!.setRows(asRows(list));
  };
  const compute = (): void => {
    const summary = summarized();
    const mine = summary.trackables.filter((r) => r.kind === kind);
    const unnamed = summary.unnamed[kind];
    // Two sentences, each whole: how many were visited, then (when some) how many visits name none.
    note.textContent = unnamed > 0 ? `${visitedText(kind, mine.length)} ${unnamedText(kind, unnamed)}` : visitedText(kind, mine.length);
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
      columns: trackableColumns(kind, () => state.names), label: texts.all, timeZone: dayZone(), tieKey: 'trackableId',
      onCopy: (text) => post({ type: 'copy', text }),
      onActivate: (row) => choose(t(row)),
    });
    grid.sortBy('seconds', 'desc');
    visitors = createGrid(visitorsHost, {
      // Ties by attendee id, as visitorsOf orders them: ids sort as numbers, names would be ranked first.
      columns: visitorColumns(kind), label: texts.chosen, timeZone: dayZone(), tieKey: 'attendeeId',
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
    shown() {
      ensure();
      if (dirty) compute();
    },
    changed(_rows, visible) {
      dirty = true;
      if (visible) {
        ensure();
        compute();
      }
    },
  };
}
