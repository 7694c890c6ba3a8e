/** The timeline's text alternative: a table of the time and slices per day and kind. */
import { formatDuration } from '../table/format';
import { DAY_MS } from '../table/zones';
import { h } from '../shared/dom';
import { t } from '../shared/l10n';
import type { Lane, Timeline } from './timeline-model';
import { dayLabel, KIND_NAMES } from './timeline-svg';

function cellText(seconds: number, count: number): string {
  if (count === 0 && seconds === 0) return '—';
  return count === 1 ? t('{0} ({1} slice)', formatDuration(seconds), count) : t('{0} ({1} slices)', formatDuration(seconds), count);
}

function laneRow(lane: Lane): HTMLTableRowElement {
  const day = h('th', { text: `${dayLabel(lane.day)} ${new Date(lane.day * DAY_MS).getUTCFullYear()}`, attrs: { scope: 'row' } });
  return h('tr', {}, day, ...lane.seconds.map((s, k) => h('td', { text: cellText(s, lane.counts[k]!) })));
}

/** Fills `totals` (a table) with a row per lane of `tl`. */
export function renderTotals(totals: HTMLTableElement, tl: Timeline, zoneName: string): void {
  const header = h('tr', {}, h('th', { text: t('Day'), attrs: { scope: 'col' } }), ...KIND_NAMES.map((k) => h('th', { text: k, attrs: { scope: 'col' } })));
  totals.replaceChildren(h('caption', { text: t('Time per day and kind, {0}', zoneName) }), h('thead', {}, header), h('tbody', {}, ...tl.lanes.map(laneRow)));
}
