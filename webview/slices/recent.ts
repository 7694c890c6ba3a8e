/**
 * Recent runs of this attendee (kept by the host, newest first): when, how many rows, which filters. Opening
 * one puts its filters in the form and runs it again.
 */
import type { RecentRun } from '../../src/protocol/slices';
import type { TimeZone } from '../table/types';
import { formatTime } from '../table/format';
import { button, h, show } from '../shared/dom';
import { rowsText } from './format';
import { filtersText } from './presets';
import { t } from '../shared/l10n';

export interface RecentView {
  root: HTMLElement;
  setRuns(runs: readonly RecentRun[]): void;
  setZone(zone: TimeZone): void;
}

/** "2023-05-10 10:32:00 · 120 rows · tracking_type=time_spent" */
export function runText(run: RecentRun, zone: TimeZone): string {
  return `${formatTime(run.at, zone)} · ${rowsText(run.rows)} · ${filtersText(run.filters)}`;
}

export function buildRecent(onOpen: (filters: RecentRun['filters']) => void): RecentView {
  const summary = h('summary', { text: t('Recent runs') });
  const list = h('ul', { id: 'recent-list', className: 'recent-list' });
  const root = h('details', { id: 'recent-runs', className: 'recent-runs' }, summary, list);
  show(root, false);
  let runs: readonly RecentRun[] = [];
  let zone: TimeZone = 'local';

  function render(): void {
    summary.textContent = t('Recent runs ({0})', runs.length);
    list.replaceChildren(
      ...runs.map((run, i) =>
        h('li', {}, button(t('Open'), { id: `recent-run-${i}`, title: t('Put these filters in the form and run them again'), attrs: { 'aria-label': t('Open the run of {0}', runText(run, zone)) } }, () => onOpen(run.filters)),
          h('span', { className: 'recent-text', text: runText(run, zone) })),
      ),
    );
    show(root, runs.length > 0);
  }

  return {
    root,
    setRuns(next) {
      runs = next;
      render();
    },
    setZone(next) {
      zone = next;
      render();
    },
  };
}
