/**
 * The slices view: header, tabs (Slices, Sessions); on Slices the presets (with saved queries), recent runs,
 * the filter form, the run bar, the results toolbar, the summary, the timeline and the virtual grid.
 * Speaks only the protocol of src/protocol/slices.ts: posts `ready` on start, then reacts to the host.
 */
import type { ErrorAction, FromWebview, PanelTarget, ToWebview } from '../../src/protocol/slices';
import { createGrid } from '../table';
import { formatTimeMs } from '../table/format';
import type { GridState, TimeZone } from '../table/types';
import { registerToolkit } from '../toolkit';
import type { Post, VsCodeApi } from '../shared/api';
import { button, h, show } from '../shared/dom';
import { buildEmpty } from './empty';
import { buildError } from './error';
import { buildForm, type FormView } from './form';
import { buildPresets } from './presets';
import { buildRecent } from './recent';
import { createRuns } from './runs';
import { buildSessions } from './sessions';
import { createStore } from './state';
import { buildStatus } from './status';
import { buildTabs } from './tabs';
import { buildTimelineView } from './timeline';
import { buildToolbar } from './toolbar';
import { checkFilters, toFormValues, toRunFilters, type FormValues, type RunFilters } from './values';
import { datesInZone, eventZoneOf, exportZoneName, resolveZone, utcDates, zoneName, type ZoneChoice } from './zone-choice';

type Init = Extract<ToWebview, { type: 'init' }>;

export function mountSlices(body: HTMLElement, vscode: VsCodeApi): void {
  registerToolkit();
  const post: Post<FromWebview> = (message) => vscode.postMessage(message);
  const store = createStore(vscode);
  const saved = store.value;
  let target: PanelTarget | undefined = saved.target;
  let form: FormView | undefined;
  let fieldNames = '';
  let initialized = false;
  let choice: ZoneChoice = saved.timeZone ?? 'event';
  let tableZone: TimeZone = resolveZone(choice, eventZoneOf(target));
  /** First start and last end of the shown rows, from the last timeline drawing. */
  let span: { startMs: number; endMs: number } | undefined;
  let timelineTimer: ReturnType<typeof setTimeout> | undefined;
  let timelineKey = '';
  let rowSets = 0;
  /** A run is fetching pages (the timeline then redraws less often). */
  let busy = false;

  const title = h('h1', { id: 'title', className: 'title', text: 'Slices' });
  const status = buildStatus();
  const formHost = h('div', { className: 'form-host' }, h('p', { className: 'loading', text: 'Loading filters…' }));
  const applyValues = (values: FormValues): void => {
    setForm(fromElsewhere(values));
    runButton.focus();
  };
  const presets = buildPresets(() => form?.values() ?? {}, applyValues, () => {
    const filters = checkedForm();
    if (filters !== undefined) post({ type: 'saveQuery', filters });
  });
  const recent = buildRecent((filters) => {
    setForm(fromElsewhere(toFormValues(filters)));
    run();
  });
  const runButton = button('Run', { id: 'run', appearance: 'primary', title: 'Fetch the slices for these filters (Enter)' }, () => run());
  runButton.disabled = true; // until init builds the form
  const cancelButton = button('Cancel', { id: 'cancel', title: 'Stop fetching; the rows already fetched stay' }, () => runs.cancel());
  show(cancelButton, false);
  const runBar = h('div', { className: 'run-bar' }, runButton, cancelButton, status.progress);
  const error = buildError(onAction);
  const empty = buildEmpty();
  const toolbar = buildToolbar(() => grid.getState().columns, choice, {
    filter: (text) => {
      grid.setFilter(text);
      store.update({ filter: text });
    },
    hiddenColumns: (keys) => {
      grid.setHiddenColumns(keys);
      store.update({ hidden: keys });
    },
    timeZone: (next) => setChoice(next, true),
    exportRows: (format) => {
      const zone = { zone: tableZone, name: exportZoneName(tableZone) };
      const text = format === 'csv' ? grid.toCsv(zone) : grid.toJson(zone);
      post({ type: 'export', format, text, rows: grid.getState().rowCount });
    },
    copyAs: (format) => {
      const filters = checkedForm();
      if (filters !== undefined) post({ type: 'copyAs', format, filters });
    },
    openRaw: () => post({ type: 'openRaw' }),
    runAgain: () => runs.rerun(),
  });
  const timeline = buildTimelineView((row) => grid.selectRow(row));
  const gridHost = h('div', { id: 'grid-host', className: 'grid-host' });
  const filtersSection = h('section', { className: 'filters', attrs: { 'aria-label': 'Filters' } }, presets.root, recent.root, formHost, runBar);
  const results = h('section', { className: 'results', attrs: { 'aria-label': 'Results' } }, error.root, empty.root, toolbar.root, status.summary, timeline.root, gridHost);
  const slicesPanel = h('div', { className: 'tab-panel slices-panel' }, filtersSection, results);
  const sessions = buildSessions(post, onAction);
  const sessionsPanel = h('div', { className: 'tab-panel sessions-panel' }, sessions.root);
  const tabs = buildTabs({ slices: slicesPanel, sessions: sessionsPanel }, { slices: 'Slices', sessions: 'Sessions' }, (tab) => {
    store.update({ tab });
    if (tab === 'sessions') sessions.opened();
  });
  body.append(h('main', { id: 'slices-app', className: 'slices-app' }, title, status.notice, tabs.root, slicesPanel, sessionsPanel));

  const grid = createGrid(gridHost, {
    timeZone: tableZone,
    hiddenColumns: saved.hidden ?? [],
    onCopy: (text) => post({ type: 'copy', text }),
    onSortChange: (sort) => store.update({ sort }),
    onChange: (state) => {
      showSummary(state);
      scheduleTimeline();
    },
    onSelect: (row) => timeline.highlight(row),
  });
  if (saved.filter) {
    toolbar.setFilter(saved.filter);
    grid.setFilter(saved.filter);
  }
  if (saved.sort) grid.sortBy(saved.sort.key, saved.sort.dir);

  const runs = createRuns({
    post,
    // Each new set of rows is counted, so a run with as many rows as the last one still redraws the timeline.
    grid: { ...grid, setRows: (rows) => {
      rowSets++;
      grid.setRows(rows);
    } },
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
      busy = running;
      if (!running && timelineTimer !== undefined) {
        // The run is over: draw its rows now rather than at the end of the throttle.
        clearTimeout(timelineTimer);
        timelineTimer = undefined;
        scheduleTimeline();
      }
      const refocus = running ? document.activeElement === runButton : document.activeElement === cancelButton;
      runButton.disabled = running;
      show(cancelButton, running);
      cancelButton.disabled = false;
      toolbar.setRunning(running);
      if (refocus) (running ? cancelButton : runButton).focus();
    },
    cancelling: () => (cancelButton.disabled = true),
  });

  /** What the timeline and the summary's time span depend on: the rows (each new set counted), filter, columns, zone. */
  function shownKey(st: GridState): string {
    return `${rowSets}|${st.totalRows}|${st.rowCount}|${st.filter}|${st.hiddenColumns.join(',')}|${tableZone}`;
  }

  function showSummary(state = grid.getState()): void {
    const within = span === undefined || state.rowCount === 0 || timelineKey !== shownKey(state) ? '' : ` · ${formatTimeMs(span.startMs, tableZone, false)} → ${formatTimeMs(span.endMs, tableZone, false)}`;
    status.setSummary(state, state.totalRows === 0 ? '' : `${within} · times in ${zoneName(choice, eventZoneOf(target))}`);
  }

  /** Redraws the timeline when the shown rows or the zone changed; while pages arrive, at most every 400 ms. */
  function scheduleTimeline(force = false): void {
    if (force) timelineKey = '';
    if (timelineTimer !== undefined) return;
    timelineTimer = setTimeout(() => {
      timelineTimer = undefined;
      const st = grid.getState();
      const key = shownKey(st);
      if (key === timelineKey) return;
      timelineKey = key;
      const shown = grid.rows();
      span = timeline.draw(shown, tableZone, zoneName(choice, eventZoneOf(target)));
      const active = st.activeCell !== null && st.activeCell.row >= 0 ? shown[st.activeCell.row] : undefined;
      timeline.highlight(active ?? null);
      showSummary();
    }, busy ? 400 : 0);
  }
  let lastWidth = 0;
  new ResizeObserver((entries) => {
    const width = Math.round(entries[entries.length - 1]!.contentRect.width);
    if (Math.abs(width - lastWidth) < 8) return;
    lastWidth = width;
    scheduleTimeline(true);
  }).observe(results);

  /** The form's filters when they are valid (a date alone made midnight in the form's zone); else shows the problems. */
  function checkedForm(): RunFilters | undefined {
    if (form === undefined) return undefined;
    const filters = datesInZone(toRunFilters(form.values()), form.instantFields, tableZone);
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

  /** Filters not typed in this form (host, settings, recent runs): a date alone there is midnight UTC. */
  function fromElsewhere(values: FormValues): FormValues {
    return form === undefined ? values : utcDates(values, form.instantFields);
  }

  function setForm(values: FormValues): void {
    form?.setValues(values);
    form?.showErrors(new Map());
    saveForm();
  }

  function saveForm(): void {
    if (form !== undefined) store.update({ form: form.values() });
  }

  /** The zone follows the choice and the event's zone: table, timeline, summary, recent runs, the form's note. */
  function applyZone(): void {
    const eventZone = eventZoneOf(target);
    tableZone = resolveZone(choice, eventZone);
    toolbar.setEventZone(eventZone);
    toolbar.setTimeZone(choice);
    form?.setZoneNote(zoneName(choice, eventZone));
    recent.setZone(tableZone);
    grid.setTimeZone(tableZone);
  }

  function setChoice(next: ZoneChoice, fromUser: boolean): void {
    choice = next;
    store.update({ timeZone: next });
    if (fromUser) post({ type: 'timeZone', timeZone: next });
    applyZone();
  }

  function setTarget(next: PanelTarget): void {
    // A zone already read for this event stays while the host reads it again.
    const known = target?.eventId === next.eventId && target.organizationId === next.organizationId ? target.timeZone : undefined;
    target = next.timeZone === undefined && known !== undefined ? { ...next, timeZone: known } : next;
    // The host's panel serializer reads `target` back from this state to restore the panel after a reload.
    store.update({ target });
    presets.setTarget(target);
  }

  function onAction(action: ErrorAction): void {
    if (action === 'retry') runs.rerun();
    else post({ type: 'command', command: action });
  }

  function init(msg: Init): void {
    setTarget(msg.target);
    title.textContent = `Slices · ${msg.target.attendeeName} · ${msg.target.eventName}`;
    document.title = title.textContent;
    const names = msg.fields.map((f) => `${f.name}:${f.kind}`).join(',');
    if (form === undefined || names !== fieldNames) {
      form = buildForm(msg.fields, { input: saveForm, enter: run });
      formHost.replaceChildren(form.root);
      fieldNames = names;
    }
    const fromHost = msg.filters === undefined ? undefined : fromElsewhere(toFormValues(msg.filters));
    setForm((initialized ? fromHost : undefined) ?? store.value.form ?? fromHost ?? {});
    if (msg.savedQueries) presets.setSavedQueries(msg.savedQueries);
    if (msg.recentRuns) recent.setRuns(msg.recentRuns);
    runButton.disabled = runs.running;
    setChoice(msg.timeZone, false);
    if (!initialized && store.value.tab === 'sessions') tabs.select('sessions');
    initialized = true;
  }

  function onMessage(msg: ToWebview): void {
    switch (msg.type) {
      case 'init':
        return init(msg);
      case 'timeZone':
        return setChoice(msg.timeZone, false);
      case 'eventZone':
        if (target !== undefined) setTarget({ ...target, timeZone: msg.timeZone });
        return applyZone();
      case 'savedQueries':
        return presets.setSavedQueries(msg.queries);
      case 'recentRuns':
        return recent.setRuns(msg.runs);
      case 'sessionsLoading':
      case 'sessions':
      case 'sessionsFailed':
        return sessions.handle(msg);
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

