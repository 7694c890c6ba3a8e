/** The toolbar above the table: filter box, columns (shown, pinned), group by, copy rows, time zone, exports (CSV, JSON, Excel), Copy as…, raw JSON, run again. */
import type { GridHandle } from '../table/types';
import { buildRowsCopyMenu } from '../table/copy-menu';
import { buildColumnChooser } from '../table/column-chooser';
import { buildGroupChooser, type GroupChooser } from '../table/group-chooser';
import { buildCopyMenu, type CopyFormat } from './copy-menu';
import { button, h, tk, type ToolkitButton } from '../shared/dom';
import type { ExportFormat } from './actions';
import { withShortcut } from '../shared/shortcuts';
import { zoneName, type ZoneChoice } from './zone-choice';
import { t } from '../shared/l10n';

export interface ToolbarEvents {
  filter(text: string): void;
  hiddenColumns(keys: string[]): void;
  pinnedColumns(keys: string[]): void;
  moveColumn(key: string, by: -1 | 1): void;
  groupBy(key: string | null): void;
  timeZone(choice: ZoneChoice): void;
  exportRows(format: ExportFormat): void;
  copyAs(format: CopyFormat): void;
  openRaw(): void;
  runAgain(): void;
}

export interface ToolbarView {
  root: HTMLElement;
  setFilter(text: string): void;
  setTimeZone(choice: ZoneChoice): void;
  /** Names the Event option after the event's zone, or disables it while the zone is unknown. */
  setEventZone(zone: string | undefined): void;
  setRunning(running: boolean): void;
  /** Moves the focus to the filter box, its text selected (Ctrl/Cmd+F). */
  focusFilter(): void;
  /** The Group by dropdown, brought up to date as columns arrive. */
  groups: GroupChooser;
}

type Dropdown = HTMLElement & { value: string };

function option(value: string, label: string, selected: boolean): HTMLElement {
  const el = tk('vscode-option', { text: label, attrs: { value } });
  if (selected) el.setAttribute('selected', '');
  return el;
}

/** `grid()`: the slices table, once it is there. */
export function buildToolbar(grid: () => GridHandle | undefined, initialTz: ZoneChoice, on: ToolbarEvents): ToolbarView {
  const getState = () => grid()?.getState() ?? { columns: [], groupBy: null };
  const filter = h('input', { id: 'filter-box', className: 'filter-box', title: withShortcut(t('Filter rows'), 'focusFilter'), attrs: { type: 'search', placeholder: t('Filter rows'), 'aria-label': t('Filter rows (matches any column)'), autocomplete: 'off', spellcheck: 'false' } });
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Applies a filter still waiting for its debounce, so an export right after typing exports what is shown. */
  const applyFilterNow = (): void => {
    clearTimeout(timer);
    timer = undefined;
    on.filter(filter.value);
  };
  filter.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(applyFilterNow, 120);
  });
  filter.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') applyFilterNow();
  });
  const exportRows = (format: ExportFormat) => (): void => {
    if (timer !== undefined) applyFilterNow();
    on.exportRows(format);
  };

  const columns = buildColumnChooser(() => getState().columns, on.hiddenColumns, on.pinnedColumns, on.moveColumn);
  const groups = buildGroupChooser(getState, on.groupBy);

  let tz = initialTz;
  const zone = tk('vscode-dropdown', { id: 'time-zone', title: t('Time zone of the times shown, of exports, and of dates typed without a time'), attrs: { 'aria-label': t('Time zone') } }) as Dropdown;
  const eventOption = option('event', t('Event time'), tz === 'event');
  zone.append(option('local', zoneName('local', undefined), tz === 'local'), option('utc', t('UTC'), tz === 'utc'), eventOption);
  zone.addEventListener('change', () => {
    const next: ZoneChoice = zone.value === 'utc' || zone.value === 'event' ? zone.value : 'local';
    if (next === tz) return;
    tz = next;
    on.timeZone(next);
  });

  const runAgain: ToolkitButton = button(t('Run Again'), { id: 'run-again', title: t('Run the last filters again') }, on.runAgain);
  const root = h(
    'div',
    { id: 'toolbar', className: 'toolbar', attrs: { role: 'group', 'aria-label': t('Results') } },
    filter,
    columns.root,
    groups.root,
    buildRowsCopyMenu(grid).root,
    zone,
    button(t('Export CSV'), { id: 'export-csv', title: t('Save the filtered rows and visible columns as CSV') }, exportRows('csv')),
    button(t('Export JSON'), { id: 'export-json', title: t('Save the filtered rows as JSON') }, exportRows('json')),
    button(t('Export Excel (.xlsx)'), { id: 'export-xlsx', title: t('Save the filtered rows and visible columns as an Excel workbook, with the query on a second sheet') }, exportRows('xlsx')),
    buildCopyMenu(on.copyAs).root,
    button(t('Open Raw JSON'), { id: 'open-raw', title: t('Open Brella\'s raw responses in an editor') }, on.openRaw),
    runAgain,
  );
  return {
    root,
    groups,
    setFilter(text) {
      filter.value = text;
    },
    focusFilter() {
      filter.focus();
      filter.select();
    },
    setTimeZone(next) {
      tz = next;
      zone.value = next;
    },
    setEventZone(name) {
      eventOption.textContent = name === undefined ? t('Event time (unknown)') : t('Event time ({0})', name);
      eventOption.toggleAttribute('disabled', name === undefined && tz !== 'event');
    },
    setRunning(running) {
      runAgain.disabled = running;
    },
  };
}
