/**
 * The slices view: header, filter form with presets, run bar, results toolbar, summary and the virtual grid.
 * Speaks only the protocol of src/protocol/slices.ts: posts `ready` on start, then reacts to the host.
 */
import type { ErrorAction, PanelTarget, ToWebview } from '../../src/protocol/slices';
import { createGrid } from '../table';
import type { TimeZone } from '../table/types';
import { registerToolkit } from '../toolkit';
import type { Post, VsCodeApi } from './api';
import { button, h, show } from './dom';
import { buildEmpty } from './empty';
import { buildError } from './error';
import { buildForm, type FormView } from './form';
import { buildPresets } from './presets';
import { createRuns } from './runs';
import { createStore } from './state';
import { buildStatus } from './status';
import { buildToolbar } from './toolbar';
import { checkFilters, toFormValues, toRunFilters, type FormValues, type RunFilters } from './values';

type Init = Extract<ToWebview, { type: 'init' }>;

export function mountSlices(body: HTMLElement, vscode: VsCodeApi): void {
  registerToolkit();
  const post: Post = (message) => vscode.postMessage(message);
  const store = createStore(vscode);
  const saved = store.value;
  let target: PanelTarget | undefined;
  let form: FormView | undefined;
  let fieldNames = '';
  let initialized = false;
  let timeZone: TimeZone = saved.timeZone ?? 'local';

  const title = h('h1', { id: 'title', className: 'title', text: 'Slices' });
  const status = buildStatus();
  const formHost = h('div', { className: 'form-host' }, h('p', { className: 'loading', text: 'Loading filters…' }));
  const presets = buildPresets(
    () => form?.values() ?? {},
    (values) => {
      setForm(values);
      runButton.focus();
    },
  );
  const runButton = button('Run', { id: 'run', appearance: 'primary', title: 'Fetch the slices for these filters (Enter)' }, () => run());
  runButton.disabled = true; // until init builds the form
  const cancelButton = button('Cancel', { id: 'cancel', title: 'Stop fetching; the rows already fetched stay' }, () => runs.cancel());
  show(cancelButton, false);
  const runBar = h('div', { className: 'run-bar' }, runButton, cancelButton, status.progress);
  const error = buildError(onAction);
  const empty = buildEmpty();
  const toolbar = buildToolbar(() => grid.getState().columns, timeZone, {
    filter: (text) => {
      grid.setFilter(text);
      store.update({ filter: text });
    },
    hiddenColumns: (keys) => {
      grid.setHiddenColumns(keys);
      store.update({ hidden: keys });
    },
    timeZone: (tz) => setTimeZone(tz, true),
    exportRows: (format) => {
      const text = format === 'csv' ? grid.toCsv() : grid.toJson();
      post({ type: 'export', format, text, rows: grid.getState().rowCount });
    },
    copyCurl: () => {
      const filters = checkedForm();
      if (filters !== undefined) post({ type: 'copyCurl', filters });
    },
    openRaw: () => post({ type: 'openRaw' }),
    runAgain: () => runs.rerun(),
  });
  const gridHost = h('div', { id: 'grid-host', className: 'grid-host' });
  const filtersSection = h('section', { className: 'filters', attrs: { 'aria-label': 'Filters' } }, presets.root, formHost, runBar);
  const results = h('section', { className: 'results', attrs: { 'aria-label': 'Results' } }, error.root, empty.root, toolbar.root, status.summary, gridHost);
  body.append(h('main', { id: 'slices-app', className: 'slices-app' }, title, status.notice, filtersSection, results));

  const grid = createGrid(gridHost, {
    timeZone,
    hiddenColumns: saved.hidden ?? [],
    onCopy: (text) => post({ type: 'copy', text }),
    onSortChange: (sort) => store.update({ sort }),
    onChange: (state) => status.setSummary(state),
  });
  if (saved.filter) {
    toolbar.setFilter(saved.filter);
    grid.setFilter(saved.filter);
  }
  if (saved.sort) grid.sortBy(saved.sort.key, saved.sort.dir);

  const runs = createRuns({
    post,
    grid,
    status,
    empty,
    error,
    attendeeName: () => target?.attendeeName ?? 'The attendee',
    formFilters: () => checkedForm(),
    showErrors: (problems) => {
      form?.showErrors(problems);
      form?.focusFirstError();
    },
    setRunning: (running) => {
      const refocus = running ? document.activeElement === runButton : document.activeElement === cancelButton;
      runButton.disabled = running;
      show(cancelButton, running);
      cancelButton.disabled = false;
      toolbar.setRunning(running);
      if (refocus) (running ? cancelButton : runButton).focus();
    },
    cancelling: () => (cancelButton.disabled = true),
  });

  /** The form's filters when they are valid; otherwise shows the problems and gives undefined. */
  function checkedForm(): RunFilters | undefined {
    if (form === undefined) return undefined;
    const filters = toRunFilters(form.values());
    const problems = checkFilters(filters);
    form.showErrors(problems);
    if (problems.size === 0) return filters;
    form.focusFirstError();
    return undefined;
  }

  function run(): void {
    if (runs.running) return;
    const filters = checkedForm();
    if (filters !== undefined) runs.start(filters);
  }

  function setForm(values: FormValues): void {
    form?.setValues(values);
    form?.showErrors(new Map());
    saveForm();
  }

  function saveForm(): void {
    if (form !== undefined) store.update({ form: form.values() });
  }

  function setTimeZone(tz: TimeZone, fromUser: boolean): void {
    timeZone = tz;
    grid.setTimeZone(tz);
    store.update({ timeZone: tz });
    if (fromUser) post({ type: 'timeZone', timeZone: tz });
    else toolbar.setTimeZone(tz);
  }

  function onAction(action: ErrorAction): void {
    if (action === 'retry') runs.rerun();
    else post({ type: 'command', command: action });
  }

  function init(msg: Init): void {
    target = msg.target;
    // The host's panel serializer reads `target` back from this state to restore the panel after a reload.
    store.update({ target });
    title.textContent = `Slices · ${target.attendeeName} · ${target.eventName}`;
    document.title = title.textContent;
    const names = msg.fields.map((f) => `${f.name}:${f.kind}`).join(',');
    if (form === undefined || names !== fieldNames) {
      form = buildForm(msg.fields, { input: saveForm, enter: run });
      formHost.replaceChildren(form.root);
      fieldNames = names;
    }
    const fromHost = msg.filters === undefined ? undefined : toFormValues(msg.filters);
    setForm((initialized ? fromHost : undefined) ?? store.value.form ?? fromHost ?? {});
    presets.setTarget(target);
    runButton.disabled = runs.running;
    setTimeZone(msg.timeZone, false);
    initialized = true;
  }

  function onMessage(msg: ToWebview): void {
    switch (msg.type) {
      case 'init':
        return init(msg);
      case 'timeZone':
        return setTimeZone(msg.timeZone, false);
      case 'notice':
        return status.showNotice(msg.text);
      default:
        return runs.handle(msg);
    }
  }

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data;
    if (typeof data === 'object' && data !== null && typeof (data as { type?: unknown }).type === 'string') onMessage(data as ToWebview);
  });
  post({ type: 'ready' });
}
