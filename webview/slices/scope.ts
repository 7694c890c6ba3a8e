/**
 * The Slices tab narrowed to one tracking session's slices (from the Sessions tab's inspector): the run's rows are
 * kept here so that Show All puts them back; while narrowed, arriving pages add only that session's slices. A new
 * run ends it. A bar above the table says what is shown, as text.
 */
import { button, h, show } from '../shared/dom';
import type { GridHandle, Row } from '../table/types';
import { count } from './format';
import { t } from '../shared/l10n';

export interface SliceScope {
  root: HTMLElement;
  /** A new run: no rows, no scope. */
  reset(): void;
  /** A page arrived: all of it is kept; returns the rows the grid shows of it. */
  add(rows: Row[]): Row[];
  /** Shows only the slices of this session; `what` names it ("Keynote stage"). */
  narrow(sessionId: string, what: string): void;
  /** Shows every row of the run again. */
  clear(): void;
}

export function buildScope(grid: () => GridHandle): SliceScope {
  const text = h('span', { id: 'scope-text' });
  const all = button(t('Show All Slices'), { id: 'scope-clear', title: t('Show every slice of the run again') }, () => clear());
  const root = h('div', { id: 'scope', className: 'scope-bar', attrs: { role: 'status' } }, text, all);
  show(root, false);
  let rows: Row[] = [];
  let session: string | undefined;
  let label = '';

  const say = (): void => {
    const n = grid().getState().totalRows;
    text.textContent = n === 0
      ? t('None of this run\'s slices belong to session {0} ({1}): its filters may leave them out.', session!, label)
      : n === 1 ? t('Showing the {0} slice of session {1} ({2}).', count(n), session!, label) : t('Showing the {0} slices of session {1} ({2}).', count(n), session!, label);
  };
  function clear(): void {
    if (session === undefined) return;
    session = undefined;
    show(root, false);
    grid().setRows(rows);
  }
  return {
    root,
    reset() {
      rows = [];
      session = undefined;
      show(root, false);
    },
    add(page) {
      for (const r of page) rows.push(r);
      if (session === undefined) return page;
      const mine = page.filter((r) => r.trackingSessionId === session);
      if (mine.length > 0) queueMicrotask(say);
      return mine;
    },
    narrow(sessionId, what) {
      session = sessionId;
      label = what;
      grid().setRows(rows.filter((r) => r.trackingSessionId === sessionId));
      say();
      show(root, true);
    },
    clear,
  };
}
