/** The toolbar above the table: filter box, columns, time zone, exports, cURL, raw JSON, run again. */
import type { ColumnState, TimeZone } from '../table/types';
import { buildColumnChooser } from './columns';
import { button, h, tk, type ToolkitButton } from './dom';

export interface ToolbarEvents {
  filter(text: string): void;
  hiddenColumns(keys: string[]): void;
  timeZone(tz: TimeZone): void;
  exportRows(format: 'csv' | 'json'): void;
  copyCurl(): void;
  openRaw(): void;
  runAgain(): void;
}

export interface ToolbarView {
  root: HTMLElement;
  setFilter(text: string): void;
  setTimeZone(tz: TimeZone): void;
  setRunning(running: boolean): void;
}

type Dropdown = HTMLElement & { value: string };

function option(value: string, label: string, selected: boolean): HTMLElement {
  const el = tk('vscode-option', { text: label, attrs: { value } });
  if (selected) el.setAttribute('selected', '');
  return el;
}

export function buildToolbar(getColumns: () => ColumnState[], initialTz: TimeZone, on: ToolbarEvents): ToolbarView {
  const filter = h('input', { id: 'filter-box', className: 'filter-box', attrs: { type: 'search', placeholder: 'Filter rows', 'aria-label': 'Filter rows (matches any column)', autocomplete: 'off', spellcheck: 'false' } });
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
  const exportRows = (format: 'csv' | 'json') => (): void => {
    if (timer !== undefined) applyFilterNow();
    on.exportRows(format);
  };

  const columns = buildColumnChooser(getColumns, on.hiddenColumns);

  let tz = initialTz;
  const zone = tk('vscode-dropdown', { id: 'time-zone', title: 'Time zone of the times shown', attrs: { 'aria-label': 'Time zone' } }) as Dropdown;
  zone.append(option('local', 'Local time', tz === 'local'), option('utc', 'UTC', tz === 'utc'));
  zone.addEventListener('change', () => {
    const next: TimeZone = zone.value === 'utc' ? 'utc' : 'local';
    if (next === tz) return;
    tz = next;
    on.timeZone(next);
  });

  const runAgain: ToolkitButton = button('Run Again', { id: 'run-again', title: 'Run the last filters again' }, on.runAgain);
  const root = h(
    'div',
    { id: 'toolbar', className: 'toolbar', attrs: { role: 'group', 'aria-label': 'Results' } },
    filter,
    columns.root,
    zone,
    button('Export CSV', { id: 'export-csv', title: 'Save the filtered rows and visible columns as CSV' }, exportRows('csv')),
    button('Export JSON', { id: 'export-json', title: 'Save the filtered rows as JSON' }, exportRows('json')),
    button('Copy as cURL', { id: 'copy-curl', title: 'Copy a cURL command for these filters (the key is read from $BRELLA_API_KEY)' }, on.copyCurl),
    button('Open Raw JSON', { id: 'open-raw', title: "Open Brella's raw responses in an editor" }, on.openRaw),
    runAgain,
  );
  return {
    root,
    setFilter(text) {
      filter.value = text;
    },
    setTimeZone(next) {
      tz = next;
      zone.value = next;
    },
    setRunning(running) {
      runAgain.disabled = running;
    },
  };
}
