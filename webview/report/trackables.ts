/**
 * The engagement report's Sponsors and Streams tabs: one row per booth or stream across the event (unique
 * visitors, visits, total and median time per visitor, from the rows' visits: src/model/trackables.ts), and below
 * it the chosen one's visitors (name, email, company, time, visits) in the same grid. Enter or a click on a booth
 * or stream lists its visitors; a click on a visitor's name opens their slices of that kind. Computed when the tab
 * shows, again only when rows changed.
 */
import type { FromReportWebview, ReportRow } from '../../src/protocol/report';
import { summarizeTrackables, visitorsOf, type TrackableRow, type VisitorRow } from '../../src/model/trackables';
import { button, h } from '../shared/dom';
import { createGrid } from '../table';
import type { Column, GridHandle, Row } from '../table/types';
import { count } from './format';

type Kind = 'sponsor' | 'stream';
const asRows = <T>(rows: readonly T[]): Row[] => rows as unknown as Row[];
const t = (r: Row): TrackableRow => r as unknown as TrackableRow;
const v = (r: Row): VisitorRow => r as unknown as VisitorRow;

const NOUN: Record<Kind, { one: string; many: string; title: string; visitors: string }> = {
  sponsor: { one: 'booth', many: 'booths', title: 'Sponsor booth', visitors: 'Visitors' },
  stream: { one: 'stream', many: 'streams', title: 'Stream', visitors: 'Viewers' },
};

function trackableColumns(kind: Kind): Column[] {
  return [
    { key: 'what', label: NOUN[kind].title, kind: 'text', get: (r) => `${t(r).trackableType ?? ''} ${t(r).trackableId}`.trim() },
    { key: 'trackableId', label: 'Id', kind: 'text', get: (r) => t(r).trackableId },
    { key: 'visitors', label: `Unique ${NOUN[kind].visitors.toLowerCase()}`, kind: 'number', get: (r) => t(r).visitors },
    { key: 'visits', label: 'Visits (slices)', kind: 'number', get: (r) => t(r).visits },
    { key: 'seconds', label: 'Total time', kind: 'duration', get: (r) => t(r).seconds },
    { key: 'medianSeconds', label: `Median per ${kind === 'stream' ? 'viewer' : 'visitor'}`, kind: 'duration', get: (r) => t(r).medianSeconds },
  ];
}

const VISITOR_COLUMNS: Column[] = [
  { key: 'name', label: 'Name', kind: 'text', get: (r) => v(r).name },
  { key: 'email', label: 'Email', kind: 'text', get: (r) => v(r).email },
  { key: 'company', label: 'Company', kind: 'text', get: (r) => v(r).company },
  { key: 'seconds', label: 'Time', kind: 'duration', get: (r) => v(r).seconds },
  { key: 'visits', label: 'Visits (slices)', kind: 'number', get: (r) => v(r).visits },
  { key: 'attendeeId', label: 'Attendee id', kind: 'text', get: (r) => v(r).attendeeId },
];

export interface TrackablesView {
  root: HTMLElement;
  /** The tab shows: computes the table if rows changed since. */
  shown(rows: ReadonlyMap<string, ReportRow>): void;
  /** Rows changed: the table is computed again when next shown (now, if it shows). */
  changed(rows: ReadonlyMap<string, ReportRow>, visible: boolean): void;
}

export function buildTrackablesView(kind: Kind, post: (m: FromReportWebview) => void): TrackablesView {
  const noun = NOUN[kind];
  const note = h('p', { id: `${kind}-note`, className: 'hint', attrs: { 'aria-live': 'polite' } });
  const host = h('div', { id: `${kind}-grid`, className: 'grid-host trackables-grid' });
  const heading = h('h2', { id: `${kind}-visitors-title`, className: 'visitors-title', text: `Choose a ${noun.one} (Enter or a click) to list its ${noun.visitors.toLowerCase()}.` });
  const visitorsHost = h('div', { id: `${kind}-visitors`, className: 'grid-host visitors-grid' });
  const exportLists = kind === 'sponsor'
    ? [button('Export Visitor Lists…', { id: 'export-visitor-lists', title: 'Write one CSV per booth with its visitors, and a summary, into a folder' }, () => post({ type: 'exportVisitorLists' }))]
    : [];
  const root = h('section', { className: 'results trackables', attrs: { 'aria-label': noun.title } }, h('div', { className: 'toolbar' }, note, ...exportLists), host, heading, visitorsHost);
  let rows: ReadonlyMap<string, ReportRow> = new Map();
  let dirty = true;
  let chosen: TrackableRow | undefined;
  let grid: GridHandle | undefined;
  let visitors: GridHandle | undefined;

  const choose = (row: TrackableRow): void => {
    chosen = row;
    const list = visitorsOf(rows.values(), row.key);
    heading.textContent = `${noun.visitors} of ${row.trackableType ?? ''} ${row.trackableId}`.replace(/ {2,}/g, ' ') + ` · ${count(list.length)}`;
    visitors!.setRows(asRows(list));
  };
  const compute = (): void => {
    const summary = summarizeTrackables(rows.values());
    const mine = summary.trackables.filter((r) => r.kind === kind);
    const unnamed = summary.unnamed[kind];
    note.textContent = `${count(mine.length)} ${mine.length === 1 ? noun.one : noun.many} visited in the window, from the attendees with a row.`
      + (unnamed > 0 ? ` ${count(unnamed)} ${unnamed === 1 ? 'visit names' : 'visits name'} no ${noun.one}, only a tracking session: not counted here.` : '');
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
      columns: trackableColumns(kind), label: `${noun.title}s across the event`,
      onCopy: (text) => post({ type: 'copy', text }),
      onActivate: (row) => choose(t(row)),
    });
    grid.sortBy('seconds', 'desc');
    visitors = createGrid(visitorsHost, {
      columns: VISITOR_COLUMNS, label: `${noun.visitors} of the chosen ${noun.one}`,
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
