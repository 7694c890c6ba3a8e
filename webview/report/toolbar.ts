/**
 * The report table's toolbar: the filter box (applied after a pause in typing, or on Enter), the column chooser,
 * CSV and JSON export of what is shown (through the host's save dialog), and the count of rows shown.
 */
import type { FromReportWebview } from '../../src/protocol/report';
import type { GridHandle } from '../table/types';
import { buildColumnChooser } from '../table/column-chooser';
import { button, h } from '../shared/dom';
import { count } from './format';

export interface Toolbar {
  root: HTMLElement;
  /** The filter box, for the saved filter. */
  filter: HTMLInputElement;
  /** "12 of 30 attendees". */
  showCount(rowCount: number, totalRows: number): void;
}

export function buildToolbar(grid: () => GridHandle | undefined, post: (message: FromReportWebview) => void, save: (patch: { filter?: string; hidden?: string[] }) => void): Toolbar {
  const filter = h('input', { id: 'filter-box', className: 'filter-box', attrs: { type: 'search', placeholder: 'Filter rows', 'aria-label': 'Filter rows (matches any column)', autocomplete: 'off', spellcheck: 'false' } });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const applyFilter = (): void => {
    clearTimeout(timer);
    timer = undefined;
    grid()?.setFilter(filter.value);
    save({ filter: filter.value });
  };
  filter.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(applyFilter, 120);
  });
  filter.addEventListener('keydown', (e) => e.key === 'Enter' && applyFilter());
  const chooser = buildColumnChooser(() => grid()?.getState().columns ?? [], (hidden) => {
    grid()?.setHiddenColumns(hidden);
    save({ hidden });
  });
  const exportRows = (format: 'csv' | 'json') => (): void => {
    if (timer !== undefined) applyFilter();
    const g = grid();
    if (!g) return;
    post({ type: 'export', format, text: format === 'csv' ? g.toCsv() : g.toJson(), rows: g.getState().rowCount });
  };
  const shown = h('span', { id: 'table-count', className: 'summary', attrs: { 'aria-live': 'polite' } });
  const root = h(
    'div',
    { id: 'toolbar', className: 'toolbar', attrs: { role: 'group', 'aria-label': 'Table' } },
    filter,
    chooser.root,
    button('Export CSV', { id: 'export-csv', title: 'Save the filtered rows and visible columns as CSV' }, exportRows('csv')),
    button('Export JSON', { id: 'export-json', title: 'Save the filtered rows as JSON' }, exportRows('json')),
    shown,
  );
  return {
    root,
    filter,
    showCount(rowCount, totalRows) {
      shown.textContent = totalRows === 0 ? '' : rowCount === totalRows ? `${count(totalRows)} attendees` : `${count(rowCount)} of ${count(totalRows)} attendees`;
    },
  };
}
