/**
 * Shows on the panel's parts what a change of its state changed (see `apply` in state.ts): the target, the
 * title and the form on init, saved queries and recent runs, the time zone, a run, the sessions and notices.
 */
import type { SliceInspector } from './inspect';
import type { PresetsView } from './presets';
import type { RecentView } from './recent';
import { renderRun, type RunView } from './runs';
import type { SessionsView } from './sessions';
import { shownZone, shownZoneName, type Changes, type SlicesViewState, type StateStore } from './state';
import type { TabsView } from '../shared/tabs';
import { toFormValues } from './values';
import { eventZoneOf } from './zone-choice';
import { t } from '../shared/l10n';

export interface SlicesView extends RunView {
  title: HTMLElement;
  presets: PresetsView;
  recent: RecentView;
  sessions: SessionsView;
  tabs: TabsView<'slices' | 'sessions'>;
  inspect: SliceInspector;
}

export function render(view: SlicesView, state: SlicesViewState, store: StateStore, c: Changes): void {
  if (c.target && state.target !== undefined) {
    // The host's panel serializer reads `target` back from this state to restore the panel after a reload.
    store.update({ target: state.target });
    view.presets.setTarget(state.target);
  }
  if (c.init) renderInit(view, state, store, c.init);
  if (c.savedQueries) view.presets.setSavedQueries(c.savedQueries);
  if (c.recentRuns) view.recent.setRuns(c.recentRuns);
  if (c.choice) store.update({ timeZone: state.choice });
  if (c.zone) renderZone(view, state);
  if (c.init?.first && store.value.tab === 'sessions') view.tabs.select('sessions');
  renderRun(view, state, c);
  if (c.sessions) view.sessions.handle(c.sessions);
  if (c.notice !== undefined) view.status.showNotice(c.notice);
  if (c.resource) view.inspect.resource(c.resource);
  if (c.newRun) view.inspect.inspector.close();
}

function renderInit(view: SlicesView, state: SlicesViewState, store: StateStore, { msg, first }: NonNullable<Changes['init']>): void {
  view.title.textContent = t('Slices · {0} · {1}', msg.target.attendeeName, msg.target.eventName);
  document.title = view.title.textContent;
  view.form.build(msg.fields);
  const fromHost = msg.filters === undefined ? undefined : view.form.fromElsewhere(toFormValues(msg.filters));
  view.form.set((first ? undefined : fromHost) ?? store.value.form ?? fromHost ?? {});
  view.runBar.enable(state.running);
}

/** The zone follows the choice and the event's zone: table, timeline, summary, recent runs, the form's note. */
function renderZone(view: SlicesView, state: SlicesViewState): void {
  const eventZone = eventZoneOf(state.target);
  view.toolbar.setEventZone(eventZone);
  view.toolbar.setTimeZone(state.choice);
  view.form.setZoneNote(shownZoneName(state));
  view.recent.setZone(shownZone(state));
  view.grid.setTimeZone(shownZone(state));
  view.inspect.refresh();
}
