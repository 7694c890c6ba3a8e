/**
 * The report table's toolbar: the filter box (applied after a pause in typing, or on Enter), the column chooser
 * (shown and pinned columns), Group by,
 * CSV, JSON and Excel export of what is shown (through the host's save dialog), and the count of rows shown.
 */
import type { ExportTable, FromReportWebview } from '../../src/protocol/report';
import type { GridHandle } from '../table/types';
import { buildColumnChooser } from '../table/column-chooser';
import { buildGroupChooser, type GroupChooser } from '../table/group-chooser';
import { buildRowsCopyMenu } from '../table/copy-menu';
import { button, h } from '../shared/dom';
import { withShortcut } from '../shared/shortcuts';
import { count } from './format';
import { t } from '../shared/l10n';

export interface Toolbar {
  root: HTMLElement;
  /** The filter box, for the saved filter. */
  filter: HTMLInputElement;
  /** "12 of 30 attendees". */
  showCount(rowCount: number, totalRows: number): void;
  groups: GroupChooser;
}

/** What the toolbar saves in the panel's state. */
export interface ToolbarSaved {
  filter?: string;
  hidden?: string[];
  pinned?: string[];
  groupBy?: string | null;
}

/** `table`: the shown rows as a typed table, for an Excel workbook (undefined before the table is there). */
export function buildToolbar(
  grid: () => GridHandle | undefined, post: (message: FromReportWebview) => void, save: (patch: ToolbarSaved) => void,
  table: () => ExportTable | undefined,
): Toolbar {
  const filter = h('input', { id: 'filter-box', className: 'filter-box', title: withShortcut(t('Filter rows'), 'focusFilter'), attrs: { type: 'search', placeholder: t('Filter rows'), 'aria-label': t('Filter rows (matches any column)'), autocomplete: 'off', spellcheck: 'false' } });
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
  }, (pinned) => {
    grid()?.setPinnedColumns(pinned);
    save({ pinned });
  }, (key, by) => grid()?.moveColumn(key, by));
  const groups = buildGroupChooser(() => grid()?.getState() ?? { columns: [], groupBy: null }, (groupBy) => {
    grid()?.groupBy(groupBy);
    save({ groupBy });
  });
  const exportRows = (format: 'csv' | 'json' | 'xlsx') => (): void => {
    if (timer !== undefined) applyFilter();
    const g = grid();
    if (!g) return;
    if (format !== 'xlsx') post({ type: 'export', format, text: format === 'csv' ? g.toCsv() : g.toJson(), rows: g.getState().rowCount });
    else {
      const typed = table();
      if (typed) post({ type: 'exportXlsx', table: typed });
    }
  };
  const shown = h('span', { id: 'table-count', className: 'summary', attrs: { 'aria-live': 'polite' } });
  const root = h(
    'div',
    { id: 'toolbar', className: 'toolbar', attrs: { role: 'group', 'aria-label': t('Table') } },
    filter,
    chooser.root,
    groups.root,
    buildRowsCopyMenu(grid).root,
    button(t('Export CSV'), { id: 'export-csv', title: t('Save the filtered rows and visible columns as CSV') }, exportRows('csv')),
    button(t('Export JSON'), { id: 'export-json', title: t('Save the filtered rows as JSON') }, exportRows('json')),
    button(t('Export Excel (.xlsx)'), { id: 'export-xlsx', title: t('Save the filtered rows and visible columns as an Excel workbook, with the report\'s window and summary on a second sheet') }, exportRows('xlsx')),
    shown,
  );
  return {
    root,
    filter,
    groups,
    showCount(rowCount, totalRows) {
      shown.textContent = totalRows === 0 ? '' : rowCount === totalRows ? t('{0} attendees', count(totalRows)) : t('{0} of {1} attendees', count(rowCount), count(totalRows));
    },
  };
}
