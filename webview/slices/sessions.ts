/**
 * The Sessions tab: the attendee's tracking sessions (one per thing they interacted with: the app, a stream,
 * a sponsor booth) in the same table component, with what, how long and how often. Loaded from the host the
 * first time the tab opens; Refresh loads again. Text from Brella is shown as text only.
 */
import type { ErrorAction, FromWebview, ToWebview } from '../../src/protocol/slices';
import type { TrackingSession } from '../../src/model/types';
import { createGrid } from '../table';
import type { Column, GridHandle, Row } from '../table/types';
import type { Post } from '../shared/api';
import { button, h } from '../shared/dom';
import { buildInspector } from '../shared/inspector';
import { buildGroupChooser } from '../table/group-chooser';
import { buildRowsCopyMenu } from '../table/copy-menu';
import { buildError } from './error';
import { sessionContent } from './inspect';
import { count } from './format';
import { formatDuration } from '../table/format';
import { t } from '../shared/l10n';

type SessionMessage = Extract<ToWebview, { type: 'sessionsLoading' | 'sessions' | 'sessionsFailed' }>;

/** The grid is typed for slices; a session row is read through these columns only. */
const s = (r: Row): TrackingSession => r as unknown as TrackingSession;

/** The number, or null when it is not a finite one. */
const finite = (n: number): number | null => (Number.isFinite(n) ? n : null);

/** What the session is about: Brella's name for it, else its type and id. */
export function sessionWhat(session: TrackingSession): string {
  if (session.trackableName) return session.trackableName;
  if (session.trackableType && session.trackableId) return `${session.trackableType} ${session.trackableId}`;
  return session.trackableType ?? t('(not said)');
}

export const SESSION_COLUMNS: readonly Column[] = [
  { key: 'id', label: t('Session id'), kind: 'text', get: (r) => s(r).id },
  { key: 'what', label: t('What'), kind: 'text', get: (r) => sessionWhat(s(r)) },
  { key: 'trackableType', label: t('Trackable type'), kind: 'text', get: (r) => s(r).trackableType ?? null },
  { key: 'trackableId', label: t('Trackable id'), kind: 'text', get: (r) => s(r).trackableId ?? null },
  { key: 'durationSeconds', label: t('Time spent'), kind: 'duration', get: (r) => finite(s(r).durationSeconds) },
  { key: 'interactionCount', label: t('Interactions'), kind: 'number', get: (r) => finite(s(r).interactionCount) },
  { key: 'slices', label: t('Slices listed'), kind: 'number', get: (r) => (Array.isArray(s(r).sliceIds) ? s(r).sliceIds.length : null) },
];

/** "12 sessions · 5:20:00 in total · 340 interactions" */
export function sessionsSummary(rows: readonly TrackingSession[]): string {
  const seconds = rows.reduce((sum, r) => sum + (finite(r.durationSeconds) ?? 0), 0);
  const interactions = rows.reduce((sum, r) => sum + (finite(r.interactionCount) ?? 0), 0);
  const sessions = rows.length === 1 ? t('{0} session', count(rows.length)) : t('{0} sessions', count(rows.length));
  const times = interactions === 1 ? t('{0} interaction', count(interactions)) : t('{0} interactions', count(interactions));
  return t('{0} · {1} in total · {2}', sessions, formatDuration(seconds), times);
}

export interface SessionsView {
  root: HTMLElement;
  /** Called when the tab opens: loads the first time. */
  opened(): void;
  handle(message: SessionMessage): void;
}

/** `showSlices`: the Slices tab narrowed to one session's slices (the inspector's Show These Slices). */
export function buildSessions(post: Post<FromWebview>, onAction: (action: ErrorAction) => void, showSlices: (sessionId: string, what: string) => void): SessionsView {
  const status = h('span', { id: 'sessions-status', className: 'status-text', attrs: { role: 'status', 'aria-live': 'polite' } });
  const note = h('p', { className: 'sessions-note', text: t('One session per thing the attendee interacted with (time in the app, a stream, a sponsor booth), summed since they joined: not limited to the event\'s dates.') });
  const refresh = button(t('Refresh'), { id: 'sessions-refresh', title: t('Load the sessions from Brella again') }, () => load());
  const error = buildError((action) => (action === 'retry' ? load() : onAction(action)), 'sessions-error');
  const host = h('div', { id: 'sessions-grid', className: 'grid-host' });
  let grid: GridHandle | undefined;
  const groups = buildGroupChooser(() => grid?.getState() ?? { columns: [], groupBy: null }, (key) => grid?.groupBy(key), 'sessions-group-by');
  const root = h('div', { className: 'sessions' }, note, h('div', { className: 'run-bar' }, refresh, groups.root, buildRowsCopyMenu(() => grid, 'sessions-copy-rows').root, status), error.root, host);
  const copy = (text: string): void => post({ type: 'copy', text });
  const inspector = buildInspector(host, { id: 'sessions', label: t('Session details'), copy, closed: () => (host.firstElementChild as HTMLElement | null)?.focus() });
  const content = (row: Row) => sessionContent(s(row), sessionWhat(s(row)), copy, () => showSlices(s(row).id, sessionWhat(s(row))));
  let rows: TrackingSession[] = [];
  let loaded = false;
  let loading = false;

  function ensureGrid(): GridHandle {
    if (grid === undefined) {
      grid = createGrid(host, {
        columns: SESSION_COLUMNS, label: t('Tracking sessions'), onCopy: copy,
        onInspect: (row) => inspector.open(content(row)),
        onSelect: (row) => row && inspector.follow(content(row)),
        onChange: (state) => groups.update(state),
      });
      grid.sortBy('durationSeconds', 'desc'); // most time first; a header click sorts otherwise
    }
    return grid;
  }

  function load(): void {
    if (loading) return;
    loading = true;
    loaded = true;
    refresh.disabled = true;
    post({ type: 'loadSessions' });
    status.textContent = t('Loading sessions…');
  }

  return {
    root,
    opened() {
      ensureGrid();
      if (!loaded) load();
    },
    handle(msg) {
      const g = ensureGrid();
      switch (msg.type) {
        case 'sessionsLoading':
          inspector.close();
          loading = true;
          rows = [];
          g.setRows([]);
          error.hide();
          status.textContent = t('Loading sessions…');
          return;
        case 'sessions':
          rows.push(...msg.sessions);
          g.appendRows(msg.sessions as unknown as Row[]);
          if (msg.complete) {
            loading = false;
            refresh.disabled = false;
            status.textContent = rows.length === 0 ? t('No tracking sessions for this attendee.') : sessionsSummary(rows);
          } else status.textContent = t('Loading sessions… {0} so far', count(rows.length));
          return;
        case 'sessionsFailed':
          loading = false;
          refresh.disabled = false;
          status.textContent = t('Failed');
          error.show(msg.message, msg.status, msg.actions);
          return;
      }
    },
  };
}
