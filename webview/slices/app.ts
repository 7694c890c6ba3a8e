/**
 * The slices view: header, tabs (Slices, Sessions); on Slices the presets (with saved queries), recent runs,
 * the filter form, the run bar, the results toolbar, the summary, the timeline and the virtual grid.
 * The form shows the tracking types and the window, with the other filters folded under More filters; that fold
 * and the timeline stay open or collapsed across reloads (the saved state).
 * Speaks only the protocol of src/protocol/slices.ts: posts `ready` on start, then reacts to the host.
 */
import type { FromWebview, ToWebview } from '../../src/protocol/slices';
import { createGrid } from '../table';
import type { GridHandle, TimeZone } from '../table/types';
import { registerToolkit } from '../toolkit';
import type { Post, VsCodeApi } from '../shared/api';
import { h } from '../shared/dom';
import { listenShortcuts } from '../shared/shortcuts';
import { createActions, type Actions } from './actions';
import { buildEmpty } from './empty';
import { buildError } from './error';
import { MORE_FILTERS_ID } from './form';
import { buildFormHost } from './form-host';
import { buildSliceInspector } from './inspect';
import { buildPresets } from './presets';
import { buildRecent } from './recent';
import { render, type SlicesView } from './render';
import { buildRunBar } from './run-bar';
import { buildScope } from './scope';
import { buildSessions } from './sessions';
import { createShown } from './shown';
import { apply, createStore, initialViewState, shownZone, shownZoneName, type Changes, type SlicesViewState, type StateStore } from './state';
import { buildStatus } from './status';
import { buildTabs } from '../shared/tabs';
import { buildTimelineView } from './timeline';
import { buildToolbar } from './toolbar';
import { t } from '../shared/l10n';

/** The slices panel: its parts, built once; each message from the host goes through the state, then to the parts it changed. */
export function mountSlices(body: HTMLElement, vscode: VsCodeApi): void {
  registerToolkit();
  const post: Post<FromWebview> = (message) => vscode.postMessage(message);
  const store = createStore(vscode);
  const state = initialViewState(store.value);
  const show = (changes: Changes): void => {
    render(view, state, store, changes);
    // The form is built on the first init: its More filters fold opens or closes as it was left.
    if (changes.init?.first) restoreMoreFilters(view.form.root, store);
  };
  const act = createActions({ post, store, state, view: () => view, render: show });
  const view = buildView(body, { post, store, state, act });
  const shortcuts = { run: () => act.run(), focusFilter: () => view.toolbar.focusFilter(), copyCurl: () => act.copyAs('curl') };
  listenShortcuts(shortcuts);
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data as ToWebview | null;
    if (typeof data !== 'object' || data === null || typeof data.type !== 'string') return;
    if (data.type === 'shortcut') shortcuts[data.shortcut]?.();
    else show(apply(state, data));
  });
  post({ type: 'ready' });
}

interface Context {
  post: Post<FromWebview>;
  store: StateStore;
  state: SlicesViewState;
  act: Actions;
}

/** Saves whether the form's More filters fold is open, as the user or the form itself opens or closes it. */
function keepMoreFilters(formHost: HTMLElement, store: StateStore): void {
  // `toggle` does not bubble: it is heard on the way down.
  formHost.addEventListener('toggle', (e) => {
    if (e.target instanceof HTMLDetailsElement && e.target.id === MORE_FILTERS_ID) store.update({ moreFiltersOpen: e.target.open });
  }, true);
}

/** After a reload the fold is as it was left, even when the restored values would open it. */
function restoreMoreFilters(formHost: HTMLElement, store: StateStore): void {
  const fold = formHost.querySelector<HTMLDetailsElement>(`#${MORE_FILTERS_ID}`);
  const open = store.value.moreFiltersOpen;
  if (fold !== null && open !== undefined) fold.open = open;
}

/** Builds the parts in the page; the grid starts with the saved filter, sort and hidden columns. */
function buildView(body: HTMLElement, { post, store, state, act }: Context): SlicesView {
  const saved = store.value;
  const title = h('h1', { id: 'title', className: 'title', text: t('Slices') });
  const status = buildStatus();
  const form = buildFormHost(store, act.run);
  keepMoreFilters(form.root, store);
  const presets = buildPresets(() => form.values(), act.applyValues, act.saveQuery);
  const recent = buildRecent(act.openRecent);
  const runBar = buildRunBar(status.progress, act);
  const error = buildError(act.command);
  const empty = buildEmpty();
  // The toolbar is built before the grid: until the grid is there, it lists no columns.
  const built: { grid?: GridHandle } = {};
  const toolbar = buildToolbar(() => built.grid, state.choice, act);
  const timeline = buildTimelineView((row) => grid.selectRow(row), { open: saved.timelineOpen ?? true, toggled: (open) => store.update({ timelineOpen: open }) });
  const gridHost = h('div', { id: 'grid-host', className: 'grid-host' });
  const filtersSection = h('section', { className: 'filters', attrs: { 'aria-label': t('Filters') } }, presets.root, recent.root, form.root, runBar.root);
  const scope = buildScope(() => grid);
  const results = h('section', { className: 'results', attrs: { 'aria-label': t('Results') } }, error.root, empty.root, toolbar.root, scope.root, status.summary, timeline.root, gridHost);
  const slicesPanel = h('div', { className: 'tab-panel slices-panel' }, filtersSection, results);
  const sessions = buildSessions(post, act.command, (sessionId, what) => {
    tabs.select('slices', true);
    scope.narrow(sessionId, what);
  });
  const sessionsPanel = h('div', { className: 'tab-panel sessions-panel' }, sessions.root);
  const tabs = buildTabs(['slices', 'sessions'] as const, { slices: slicesPanel, sessions: sessionsPanel }, { slices: t('Slices'), sessions: t('Sessions') }, act.selectTab, t('Views of the attendee'));
  body.append(h('main', { id: 'slices-app', className: 'slices-app' }, title, status.notice, tabs.root, slicesPanel, sessionsPanel));

  const zone = (): { zone: TimeZone; name: string } => ({ zone: shownZone(state), name: shownZoneName(state) });
  const shown = createShown(() => grid, timeline, status, zone);
  const inspect = buildSliceInspector(gridHost, post, zone, () => (gridHost.firstElementChild as HTMLElement | null)?.focus());
  const grid = createGrid(gridHost, {
    timeZone: shownZone(state),
    hiddenColumns: saved.hidden ?? [],
    pinnedColumns: saved.pinned ?? [],
    columnOrder: saved.order ?? [],
    columnWidths: saved.widths ?? {},
    onColumnsChange: ({ order, widths, pinned }) => store.update({ order, widths, pinned }),
    groupBy: saved.groupBy ?? null,
    onCopy: (text) => post({ type: 'copy', text }),
    shiftCopiesRows: false, // Ctrl/Cmd+Shift+C copies the query as cURL here
    onSortChange: (sort) => store.update({ sort }),
    onChange: (st) => {
      shown.changed(st);
      toolbar.groups.update(st);
    },
    onSelect: (row) => {
      timeline.highlight(row);
      inspect.follow(row);
    },
    onInspect: (row) => inspect.open(row),
  });
  built.grid = grid;
  toolbar.groups.update();
  if (saved.filter) {
    toolbar.setFilter(saved.filter);
    grid.setFilter(saved.filter);
  }
  if (saved.sort) grid.sortBy(saved.sort.key, saved.sort.dir);
  shown.observe(results);
  return { title, status, form, presets, recent, runBar, error, empty, toolbar, sessions, tabs, grid, shown, inspect, scope };
}
