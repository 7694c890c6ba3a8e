/**
 * What the user does on the slices panel, and what it posts: Run, Run Again (and Retry), Cancel, a preset or a
 * recent run, Save Query, Copy as…, the exports, the raw responses, the time zone, the table's filter and
 * columns, the tabs. The form's filters are checked first (`checkFilters` in values.ts); a run's state goes
 * through state.ts like the host's messages.
 */
import { shownTable, type ErrorAction, type ExportTable, type FromWebview, type RecentRun } from '../../src/protocol/slices';
import { BASE_COLUMNS, EXTRA_PREFIX, normalizeExtra } from '../table/columns';
import type { GridHandle, Row, TimeZone } from '../table/types';
import type { Post } from '../shared/api';
import type { CopyFormat } from './copy-menu';
import type { SlicesView } from './render';
import { apply, cancelRun, shownZone, startRun, type Changes, type SlicesViewState, type StateStore } from './state';
import { toFormValues, type FormValues, type RunFilters } from './values';
import { exportZoneName, type ZoneChoice } from './zone-choice';

type TabId = 'slices' | 'sessions';

export type ExportFormat = 'csv' | 'json' | 'xlsx';

export interface ActionDeps {
  post: Post<FromWebview>;
  store: StateStore;
  state: SlicesViewState;
  /** The parts, once built. */
  view(): SlicesView;
  render(changes: Changes): void;
}

/** The user's actions, as plain functions (the parts are given them as callbacks). */
export interface Actions {
  run: () => void;
  runAgain: () => void;
  cancel: () => void;
  /** A preset or saved query fills the form. */
  applyValues: (values: FormValues) => void;
  /** A recent run fills the form and runs. */
  openRecent: (filters: RecentRun['filters']) => void;
  saveQuery: () => void;
  copyAs: (format: CopyFormat) => void;
  exportRows: (format: ExportFormat) => void;
  openRaw: () => void;
  timeZone: (choice: ZoneChoice) => void;
  filter: (text: string) => void;
  hiddenColumns: (keys: string[]) => void;
  pinnedColumns: (keys: string[]) => void;
  moveColumn: (key: string, by: -1 | 1) => void;
  groupBy: (key: string | null) => void;
  /** An error's or the sessions' action: Retry runs again; the others are the host's commands. */
  command: (action: ErrorAction) => void;
  selectTab: (tab: TabId) => void;
}

export function createActions(d: ActionDeps): Actions {
  const { post, store, state } = d;
  /** The form's filters when they are valid (a date alone made midnight in the shown zone); else shows the problems. */
  const checked = (): RunFilters | undefined => d.view().form.checked(shownZone(state));
  /** Each request the host may refuse gets its own id; the host's `invalid` names it back. */
  let requests = 0;
  const start = (filters: RunFilters): void => {
    const requestId = ++requests;
    post({ type: 'run', requestId, filters });
    d.render(startRun(state, filters, requestId));
  };
  const run = (): void => {
    if (state.running) return;
    const filters = checked();
    if (filters !== undefined) start(filters);
  };
  const runAgain = (): void => {
    const filters = state.lastFilters ?? checked();
    if (!state.running && filters !== undefined) start(filters);
  };
  return {
    run,
    runAgain,
    cancel() {
      const changes = cancelRun(state);
      if (changes === undefined) return;
      post({ type: 'cancel' });
      d.render(changes);
    },
    applyValues(values) {
      const { form, runBar } = d.view();
      form.set(form.fromElsewhere(values));
      runBar.focusRun();
    },
    openRecent(filters) {
      const { form } = d.view();
      form.set(form.fromElsewhere(toFormValues(filters)));
      run();
    },
    saveQuery() {
      const filters = checked();
      if (filters !== undefined) post({ type: 'saveQuery', requestId: ++requests, filters });
    },
    copyAs(format) {
      const filters = checked();
      if (filters !== undefined) post({ type: 'copyAs', requestId: ++requests, format, filters });
    },
    exportRows(format) {
      const { grid } = d.view();
      if (format === 'xlsx') {
        post({ type: 'exportXlsx', table: sliceTable(grid, shownZone(state)) });
        return;
      }
      const zone = { zone: shownZone(state), name: exportZoneName(shownZone(state)) };
      const text = format === 'csv' ? grid.toCsv(zone) : grid.toJson(zone);
      post({ type: 'export', format, text, rows: grid.getState().rowCount });
    },
    openRaw: () => post({ type: 'openRaw' }),
    timeZone(choice) {
      post({ type: 'timeZone', timeZone: choice });
      // The user's choice changes the state as the host's would.
      d.render(apply(state, { type: 'timeZone', timeZone: choice }));
    },
    filter(text) {
      d.view().grid.setFilter(text);
      store.update({ filter: text });
    },
    hiddenColumns(keys) {
      d.view().grid.setHiddenColumns(keys);
      store.update({ hidden: keys });
    },
    pinnedColumns(keys) {
      d.view().grid.setPinnedColumns(keys);
      store.update({ pinned: keys });
    },
    moveColumn(key, by) {
      d.view().grid.moveColumn(key, by); // saved through the grid's onColumnsChange
    },
    groupBy(key) {
      d.view().grid.groupBy(key);
      store.update({ groupBy: key });
    },
    command(action) {
      if (action === 'retry') runAgain();
      else post({ type: 'command', command: action });
    },
    selectTab(tab) {
      store.update({ tab });
      if (tab === 'sessions') d.view().sessions.opened();
    },
  };
}

/** How a shown column reads a slice's raw value: a field of the slice, or one of its `extra`. */
function readerOf(key: string): ((row: Row) => string | number | null) | undefined {
  const base = BASE_COLUMNS.find((c) => c.key === key);
  if (base || !key.startsWith(EXTRA_PREFIX)) return base?.get;
  const name = key.slice(EXTRA_PREFIX.length);
  return (row) => (row.extra === null || typeof row.extra !== 'object' ? null : normalizeExtra(row.extra[name]));
}

/** The rows and columns shown, with raw values and times in `zone`, for an Excel workbook. */
export function sliceTable(grid: GridHandle, zone: TimeZone): ExportTable {
  return shownTable(grid, readerOf, { zone, zoneName: exportZoneName(zone) });
}
