/**
 * The event report view: header with the window, run bar (Resume, Update, Run All Again, Retry Failed, Cancel),
 * progress, the outcome state, the summary, the charts and the shared grid (sort, filter, columns, keyboard,
 * CSV/JSON export through the host's save dialog). Clicking an attendee's name (or Enter on a row) opens their
 * slices panel on the same window and kind. Speaks only the protocol of src/protocol/report.ts.
 */
import * as z from 'zod';
import {
  reportPanelTarget, type DayCount, type FromReportWebview, type ReportAction, type ReportFailure, type ReportMode, type ReportPanelTarget,
  type ReportRow, type ReportSummary, type ToReportWebview,
} from '../../src/protocol/report';
import { createGrid } from '../table';
import type { GridHandle, TimeZone } from '../table/types';
import { registerToolkit } from '../toolkit';
import type { VsCodeApi } from '../slices/api';
import { buildColumnChooser } from '../slices/columns';
import { button, h, show, type ToolkitButton } from '../slices/dom';
import { buildCharts } from './chart';
import { asGridRows, fromGridRow, gridColumns } from './columns';
import { count, summaryItems } from './format';
import { buildOutcome, buildProgress } from './states';

type Init = Extract<ToReportWebview, { type: 'init' }>;

const savedShape = z.object({
  target: reportPanelTarget.optional(),
  filter: z.string().max(500).optional(),
  sort: z.object({ key: z.string(), dir: z.enum(['asc', 'desc']) }).nullable().optional(),
  hidden: z.array(z.string()).optional(),
});
type Saved = z.infer<typeof savedShape>;

export function mountReport(body: HTMLElement, vscode: VsCodeApi): void {
  registerToolkit();
  const post = (message: FromReportWebview): void => vscode.postMessage(message);
  const parsed = savedShape.safeParse(vscode.getState());
  let saved: Saved = parsed.success ? parsed.data : {};
  const save = (patch: Saved): void => {
    saved = { ...saved, ...patch };
    vscode.setState(saved);
  };

  let target: ReportPanelTarget | undefined;
  let init: Init | undefined;
  let grid: GridHandle | undefined;
  let rows = new Map<string, ReportRow>();
  let failures: ReportFailure[] = [];
  let running = false;
  let total: number | undefined;
  let missing = 0;
  let runId = -1;

  const title = h('h1', { id: 'title', className: 'title', text: 'Event report' });
  const windowLine = h('p', { id: 'window', className: 'window-line' });
  const runButtons: Record<ReportMode, ToolkitButton> = {
    resume: button('Resume', { id: 'run-resume', appearance: 'primary', title: 'Ask only the attendees never asked yet' }, () => run('resume')),
    incremental: button('Update Check-ins', { id: 'run-update', title: 'List the attendees again; ask only those not yet checked in, and the new ones. Checked-in rows keep their figures, as of when they were asked.' }, () => run('incremental')),
    full: button('Refresh All', { id: 'run-full', title: 'List the attendees again and ask every one; a known row is asked only from its latest slice on' }, () => run('full')),
    retryFailed: button('Retry Failed', { id: 'run-retry', title: 'Ask the attendees that failed, and those never asked' }, () => run('retryFailed')),
  };
  const cancelButton = button('Cancel', { id: 'cancel', title: 'Stop; every finished row stays' }, () => {
    cancelButton.disabled = true;
    post({ type: 'cancel' });
  });
  show(cancelButton, false);
  const progress = buildProgress();
  const runBar = h('div', { className: 'run-bar', attrs: { role: 'group', 'aria-label': 'Run' } }, ...Object.values(runButtons), cancelButton, progress.root);
  const outcome = buildOutcome(onAction);
  const summary = h('dl', { id: 'summary', className: 'report-summary', attrs: { 'aria-label': 'Summary' } });
  const charts = buildCharts();

  const filter = h('input', { id: 'filter-box', className: 'filter-box', attrs: { type: 'search', placeholder: 'Filter rows', 'aria-label': 'Filter rows (matches any column)', autocomplete: 'off', spellcheck: 'false' } });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const applyFilter = (): void => {
    clearTimeout(timer);
    timer = undefined;
    grid?.setFilter(filter.value);
    save({ filter: filter.value });
  };
  filter.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(applyFilter, 120);
  });
  filter.addEventListener('keydown', (e) => e.key === 'Enter' && applyFilter());
  const chooser = buildColumnChooser(() => grid?.getState().columns ?? [], (hidden) => {
    grid?.setHiddenColumns(hidden);
    save({ hidden });
  });
  const exportRows = (format: 'csv' | 'json') => (): void => {
    if (timer !== undefined) applyFilter();
    if (!grid) return;
    post({ type: 'export', format, text: format === 'csv' ? grid.toCsv() : grid.toJson(), rows: grid.getState().rowCount });
  };
  const shown = h('span', { id: 'table-count', className: 'summary', attrs: { 'aria-live': 'polite' } });
  const toolbar = h(
    'div',
    { id: 'toolbar', className: 'toolbar', attrs: { role: 'group', 'aria-label': 'Table' } },
    filter,
    chooser.root,
    button('Export CSV', { id: 'export-csv', title: 'Save the filtered rows and visible columns as CSV' }, exportRows('csv')),
    button('Export JSON', { id: 'export-json', title: 'Save the filtered rows as JSON' }, exportRows('json')),
    shown,
  );
  const hint = h('p', { className: 'hint', text: 'Click a name, or press Enter on a row, to open that attendee\'s slices with this window.' });
  const gridHost = h('div', { id: 'grid-host', className: 'grid-host report-grid' });
  body.append(
    h('main', { id: 'report-app', className: 'slices-app report-app' }, title, windowLine, runBar, outcome.root, summary, charts.root,
      h('section', { className: 'results', attrs: { 'aria-label': 'Attendees' } }, toolbar, hint, gridHost)),
  );

  function run(mode: ReportMode): void {
    if (running) return;
    post({ type: 'run', mode });
  }

  function onAction(action: ReportAction): void {
    if (action === 'resume' || action === 'retryFailed') run(action);
    else post({ type: 'command', command: action });
  }

  function setRunning(value: boolean): void {
    running = value;
    for (const b of Object.values(runButtons)) b.disabled = value;
    runButtons.retryFailed.disabled = value || (failures.length === 0 && missing === 0);
    show(runButtons.incremental, init?.open === true);
    show(cancelButton, value);
    cancelButton.disabled = false;
    if (!value) progress.hide();
  }

  function setupGrid(msg: Init): void {
    if (grid) return;
    grid = createGrid(gridHost, {
      columns: gridColumns(msg.columns),
      label: `Event report: one row per attendee`,
      timeZone: msg.timeZone as TimeZone,
      hiddenColumns: saved.hidden ?? [],
      onCopy: (text) => post({ type: 'copy', text }),
      onSortChange: (sort) => save({ sort }),
      onChange: (state) => {
        shown.textContent = state.totalRows === 0 ? '' : state.rowCount === state.totalRows ? `${count(state.totalRows)} attendees` : `${count(state.rowCount)} of ${count(state.totalRows)} attendees`;
      },
      onActivate: (row, key, via) => {
        if (via === 'click' && key !== 'name') return;
        const r = fromGridRow(row);
        post({ type: 'openSlices', attendeeId: r.attendeeId, name: r.name.slice(0, 200) });
      },
    });
    if (saved.filter) {
      filter.value = saved.filter;
      grid.setFilter(saved.filter);
    }
    if (saved.sort) grid.sortBy(saved.sort.key, saved.sort.dir);
  }

  function onInit(msg: Init): void {
    init = msg;
    target = msg.target;
    save({ target });
    const kind = target.kind === 'presence' ? 'Presence' : 'Engagement';
    title.textContent = `${kind} · ${target.eventName}${target.who === 'configured' ? ` · ${count(target.attendees?.length ?? 0)} configured attendees` : ''}`;
    document.title = title.textContent;
    windowLine.textContent = `Window: ${msg.windowText.utc}${msg.windowText.zone ? ` · ${msg.windowText.zone}` : ''}`;
    setupGrid(msg);
    setRunning(running);
  }

  /** Each attendee named in a change now has exactly this row, or this failure. */
  function onRows(msg: Extract<ToReportWebview, { type: 'rows' }>): void {
    if (!grid) return;
    if (msg.reset) {
      rows = new Map(msg.rows.map((r) => [r.attendeeId, r]));
      failures = msg.failures.slice();
      grid.setRows(asGridRows([...rows.values()]));
    } else {
      let replaced = false;
      const added: ReportRow[] = [];
      const named = new Set([...msg.rows.map((r) => r.attendeeId), ...msg.failures.map((f) => f.attendeeId)]);
      failures = [...failures.filter((f) => !named.has(f.attendeeId)), ...msg.failures];
      for (const r of msg.rows) {
        if (rows.has(r.attendeeId)) replaced = true;
        else added.push(r);
        rows.set(r.attendeeId, r);
      }
      for (const f of msg.failures) if (rows.delete(f.attendeeId)) replaced = true;
      if (replaced) grid.setRows(asGridRows([...rows.values()]));
      else if (added.length > 0) grid.appendRows(asGridRows(added));
    }
    if (msg.summary) showSummary(msg.summary, msg.daily ?? []);
  }

  function showSummary(s: ReportSummary, daily: DayCount[]): void {
    missing = s.missing;
    summary.replaceChildren(...summaryItems(s, init?.windowText ?? { utc: '' }).flatMap((item) => [
      h('dt', { text: item.label }), h('dd', { id: `summary-${item.id}`, text: item.value }),
    ]));
    charts.update(daily, s.kind, s.dayZone);
  }

  function onMessage(msg: ToReportWebview): void {
    switch (msg.type) {
      case 'init': return onInit(msg);
      case 'started':
        runId = msg.runId;
        total = undefined;
        outcome.hide();
        summary.setAttribute('aria-busy', 'true');
        return setRunning(true);
      case 'progress':
        if (msg.runId !== runId && running) return;
        total = msg.progress.total;
        return progress.set(msg.progress);
      case 'rows': return onRows(msg);
      case 'done': {
        failures = msg.failures.slice();
        showSummary(msg.summary, msg.daily);
        summary.removeAttribute('aria-busy');
        setRunning(false);
        if (msg.paused) return outcome.paused(msg.paused, msg.summary);
        return outcome.done(msg.summary, msg.failures, msg.cancelled, msg.restored === true, total);
      }
      case 'failed':
        setRunning(false);
        return outcome.error(msg.message, msg.status, msg.actions);
      case 'timeZone': return grid?.setTimeZone(msg.timeZone);
    }
  }

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data;
    if (typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string') onMessage(data as ToReportWebview);
  });
  setRunning(false);
  post({ type: 'ready' });
}
