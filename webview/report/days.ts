/**
 * The engagement report's Days tab: the per-day chart's data as a table (src/model/trackables.ts dayRows), one row
 * per day in the report's day zone: attendees in the app, booth visitors, stream viewers, and the time of each kind.
 */
import type { FromReportWebview, ReportRow } from '../../src/protocol/report';
import { dayRows, type DayRow } from '../../src/model/trackables';
import { h } from '../shared/dom';
import { createGrid } from '../table';
import type { Column, GridHandle, Row } from '../table/types';
import { buildEstimates } from './estimates';
import type { ReportViewState } from './state';
import type { TrackablesView } from './trackables';
import { t } from '../shared/l10n';

const d = (r: Row): DayRow => r as unknown as DayRow;
const COLUMNS: Column[] = [
  { key: 'day', label: t('Day'), kind: 'text', get: (r) => d(r).day },
  { key: 'inApp', label: t('In the app'), kind: 'number', get: (r) => d(r).inApp },
  { key: 'boothVisitors', label: t('Booth visitors'), kind: 'number', get: (r) => d(r).boothVisitors },
  { key: 'streamViewers', label: t('Stream viewers'), kind: 'number', get: (r) => d(r).streamViewers },
  { key: 'appSeconds', label: t('Time in the app'), kind: 'duration', get: (r) => d(r).appSeconds },
  { key: 'sponsorSeconds', label: t('Time at booths'), kind: 'duration', get: (r) => d(r).sponsorSeconds },
  { key: 'streamSeconds', label: t('Time at streams'), kind: 'duration', get: (r) => d(r).streamSeconds },
];

export function buildDaysView(post: (m: FromReportWebview) => void, state: ReportViewState): TrackablesView {
  const dayZone = (): string => state.init?.dayZone ?? t('UTC');
  const note = h('p', { id: 'days-note', className: 'hint' });
  const host = h('div', { id: 'days-grid', className: 'grid-host trackables-grid' });
  const estimates = buildEstimates('days-estimates', t('attendees in the app per day'));
  const root = h('section', { className: 'results trackables', attrs: { 'aria-label': t('Days') } }, note, estimates.root, host);
  let grid: GridHandle | undefined;
  let dirty = true;
  let rows: ReadonlyMap<string, ReportRow> = new Map();
  const compute = (): void => {
    grid ??= createGrid(host, { columns: COLUMNS, label: t('The event by day'), onCopy: (text) => post({ type: 'copy', text }) });
    const days = dayRows(rows.values());
    note.textContent = days.length === 1
      ? t('{0} day cut in {1}, from the attendees with a row. Booth visitors and stream viewers: attendees with time there that day.', days.length, dayZone())
      : t('{0} days cut in {1}, from the attendees with a row. Booth visitors and stream viewers: attendees with time there that day.', days.length, dayZone());
    grid.setRows(days as unknown as Row[]);
    estimates.update(days.map((day) => ({ label: day.day, hits: day.inApp })), state.summary?.estimate);
    dirty = false;
  };
  return {
    root,
    shown(next) {
      rows = next;
      if (dirty || !grid) compute();
    },
    changed(next, visible) {
      rows = next;
      dirty = true;
      if (visible) compute();
    },
  };
}
