/**
 * The event report view: header with the window, run bar (Resume, Update, Run All Again, Retry Failed, Cancel),
 * progress, the outcome state, the summary, the charts and the shared grid (sort, filter, columns, keyboard,
 * CSV, JSON and Excel export through the host's save dialog). Clicking an attendee's name opens their slices panel
 * on the same window and kind; Enter or Space on a row (or a double click) opens the row inspector. Speaks only the protocol of src/protocol/report.ts.
 */
import type { FromReportWebview, ReportAction, ToReportWebview } from '../../src/protocol/report';
import { createGrid } from '../table';
import type { GridHandle, TimeZone } from '../table/types';
import { registerToolkit } from '../toolkit';
import type { VsCodeApi } from '../shared/api';
import { readReportState, type ReportSavedState } from '../shared/checks';
import { h } from '../shared/dom';
import { listenShortcuts } from '../shared/shortcuts';
import { buildCharts } from './chart';
import { buildReportInspector, type ReportInspector } from './inspect';
import { buildReportTabs, type ReportTabs } from './tabs';
import { asGridRows, fromGridRow, gridColumns, reportTable } from './columns';
import { count, summaryItems } from './format';
import { buildRunBar } from './run-bar';
import { apply, initialState, type Changes, type Init, type ReportViewState } from './state';
import { buildOutcome } from './states';
import { buildToolbar, type Toolbar } from './toolbar';
import { t } from '../shared/l10n';

/** What the panel saves (vscode.setState): its target, the table's filter text, sort and hidden columns. */
type Saved = ReportSavedState;

/** The report panel: its parts, built once; each message from the host goes through the state, then to the parts it changed. */
export function mountReport(body: HTMLElement, vscode: VsCodeApi): void {
  registerToolkit();
  const post = (message: FromReportWebview): void => vscode.postMessage(message);
  let saved: Saved = readReportState(vscode.getState());
  const save = (patch: Saved): void => {
    saved = { ...saved, ...patch };
    vscode.setState(saved);
  };
  const state = initialState();
  let grid: GridHandle | undefined;

  const title = h('h1', { id: 'title', className: 'title', text: t('Event report') });
  const windowLine = h('p', { id: 'window', className: 'window-line' });
  const runBar = buildRunBar(post, () => state.running);
  const outcome = buildOutcome((action: ReportAction) => (action === 'resume' || action === 'retryFailed' ? runBar.run(action) : post({ type: 'command', command: action })));
  const summary = h('dl', { id: 'summary', className: 'report-summary', attrs: { 'aria-label': t('Summary') } });
  const charts = buildCharts();
  const toolbar = buildToolbar(() => grid, post, save, () => (grid && state.init ? reportTable(grid, state.init.columns, state.timeZone ?? state.init.timeZone) : undefined));
  const hint = h('p', { className: 'hint', text: t('Click a name to open that attendee\'s slices with this window. Press Enter or Space on a row (or double-click it) to see it in full.') });
  const gridHost = h('div', { id: 'grid-host', className: 'grid-host report-grid' });
  const attendees = h('section', { className: 'results', attrs: { 'aria-label': t('Attendees') } }, toolbar.root, hint, gridHost);
  body.append(h('main', { id: 'report-app', className: 'slices-app report-app' }, title, windowLine, runBar.root, outcome.root, summary, charts.root, attendees));
  let tabs: ReportTabs | undefined;
  const inspect = buildReportInspector(gridHost, post, () => (state.timeZone ?? state.init?.timeZone ?? 'local') as TimeZone);

  const render = (changes: Changes): void => {
    if (changes.init && state.init) {
      renderTitle(state.init, title, windowLine, save);
      if (!grid) {
        grid = setupGrid(gridHost, state.init, saved, { toolbar, inspect, post, save });
        if (state.rows.size > 0) grid.setRows(asGridRows([...state.rows.values()]));
      }
      if (!tabs && state.init.target.kind === 'engagement') tabs = buildReportTabs(attendees, post, state);
    }
    if (changes.rows || changes.names || changes.summary) tabs?.changed();
    if (changes.rows) inspect.refresh(state.rows);
    if (changes.rows && grid) {
      if (changes.rows === 'all') grid.setRows(asGridRows([...state.rows.values()]));
      else if (changes.rows.append.length > 0) grid.appendRows(asGridRows(changes.rows.append));
    }
    if (changes.summary) renderSummary(state, summary, charts);
    if (changes.running) {
      runBar.render(state);
      if (state.running) summary.setAttribute('aria-busy', 'true');
      else summary.removeAttribute('aria-busy');
    }
    if (changes.progress) runBar.renderProgress(state);
    if (changes.outcome) outcome.set(state.outcome);
    if (changes.timeZone && state.timeZone) {
      grid?.setTimeZone(state.timeZone);
      inspect.refresh();
    }
  };

  const focusFilter = (): void => {
    toolbar.filter.focus();
    toolbar.filter.select();
  };
  listenShortcuts({ focusFilter });
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data as ToReportWebview | null;
    if (typeof data !== 'object' || data === null || typeof data.type !== 'string') return;
    if (data.type === 'shortcut') focusFilter();
    else render(apply(state, data));
  });
  runBar.render(state);
  post({ type: 'ready' });
}

function renderTitle(init: Init, title: HTMLElement, windowLine: HTMLElement, save: (patch: Saved) => void): void {
  const target = init.target;
  save({ target });
  const kind = target.kind === 'presence' ? t('Presence') : t('Engagement');
  title.textContent = target.who === 'configured' ? t('{0} · {1} · {2} configured attendees', kind, target.eventName, count(target.attendees?.length ?? 0)) : `${kind} · ${target.eventName}`;
  document.title = title.textContent;
  windowLine.textContent = t('Window: {0}', `${init.windowText.utc}${init.windowText.zone ? ` · ${init.windowText.zone}` : ''}`);
}

function renderSummary(state: ReportViewState, summary: HTMLElement, charts: ReturnType<typeof buildCharts>): void {
  const s = state.summary;
  if (!s) return;
  summary.replaceChildren(...summaryItems(s, state.init?.windowText ?? { utc: '' }).flatMap((item) => [
    h('dt', { text: item.label }), h('dd', { id: `summary-${item.id}`, text: item.value }),
  ]));
  charts.update(state.daily, s.kind, s.dayZone);
}

interface GridParts {
  toolbar: Toolbar;
  inspect: ReportInspector;
  post(message: FromReportWebview): void;
  save(patch: Saved): void;
}

function setupGrid(host: HTMLElement, init: Init, saved: Saved, { toolbar, inspect, post, save }: GridParts): GridHandle {
  const grid = createGrid(host, {
    columns: gridColumns(init.columns),
    label: t('Event report: one row per attendee'),
    timeZone: init.timeZone as TimeZone,
    hiddenColumns: saved.hidden ?? [],
    pinnedColumns: saved.pinned ?? [],
    columnOrder: saved.order ?? [],
    columnWidths: saved.widths ?? {},
    onColumnsChange: ({ order, widths, pinned }) => save({ order, widths, pinned }),
    groupBy: saved.groupBy ?? null,
    onCopy: (text) => post({ type: 'copy', text }),
    onSortChange: (sort) => save({ sort }),
    onChange: (s) => {
      toolbar.showCount(s.rowCount, s.totalRows);
      toolbar.groups.update(s);
    },
    onSelect: (row) => inspect.follow(row === null ? null : fromGridRow(row)),
    onInspect: (row) => inspect.open(fromGridRow(row)),
    onActivate: (row, key, via) => {
      if (via === 'click' && key !== 'name') return;
      const r = fromGridRow(row);
      post({ type: 'openSlices', attendeeId: r.attendeeId, name: r.name.slice(0, 200) });
    },
  });
  if (saved.filter) {
    toolbar.filter.value = saved.filter;
    grid.setFilter(saved.filter);
  }
  if (saved.sort) grid.sortBy(saved.sort.key, saved.sort.dir);
  return grid;
}
