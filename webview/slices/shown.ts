/**
 * What follows the rows shown in the grid: the summary line (counts, their time span, the zone) and the
 * timeline, redrawn when the rows (each new set counted), the filter, the columns, the zone or the width
 * changed; while a run fetches pages, at most every 400 ms.
 */
import { formatTimeMs } from '../table/format';
import type { GridHandle, GridState, TimeZone } from '../table/types';
import type { StatusView } from './status';
import type { TimelineView } from './timeline';
import { t } from '../shared/l10n';

export interface ShownZone {
  /** The zone times are shown in. */
  zone: TimeZone;
  /** Its name, as the summary and the timeline say it. */
  name: string;
}

export interface Shown {
  /** The grid's rows, filter or columns changed. */
  changed(state: GridState): void;
  /** The grid takes a new set of rows: a run with as many rows as the last one still redraws the timeline. */
  newRows(): void;
  /** A run fetches pages (the timeline redraws less often); when it ends, its rows are drawn at once. */
  setBusy(busy: boolean): void;
  /** Redraws the timeline when `root` (the results) changes width. */
  observe(root: HTMLElement): void;
}

export function createShown(grid: () => GridHandle, timeline: TimelineView, status: StatusView, zone: () => ShownZone): Shown {
  /** First start and last end of the shown rows, from the last timeline drawing. */
  let span: { startMs: number; endMs: number } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let drawnKey = '';
  let rowSets = 0;
  let busy = false;

  /** What the timeline and the summary's time span depend on: the rows (each new set counted), filter, columns, zone. */
  const shownKey = (st: GridState): string => `${rowSets}|${st.totalRows}|${st.rowCount}|${st.filter}|${st.hiddenColumns.join(',')}|${zone().zone}`;

  function showSummary(state = grid().getState()): void {
    const { zone: tz, name } = zone();
    const within = span === undefined || state.rowCount === 0 || drawnKey !== shownKey(state) ? '' : ` · ${formatTimeMs(span.startMs, tz, false)} → ${formatTimeMs(span.endMs, tz, false)}`;
    status.setSummary(state, state.totalRows === 0 ? '' : `${within} · ${t('times in {0}', name)}`);
  }

  function draw(): void {
    timer = undefined;
    const st = grid().getState();
    const key = shownKey(st);
    if (key === drawnKey) return;
    drawnKey = key;
    const rows = grid().rows();
    const { zone: tz, name } = zone();
    // The times as the table parsed them when the rows arrived.
    span = timeline.draw(rows, tz, name, { start: grid().times('startTime'), end: grid().times('endTime') });
    const active = st.activeCell !== null && st.activeCell.row >= 0 ? rows[st.activeCell.row] : undefined;
    timeline.highlight(active ?? null);
    showSummary();
  }

  function schedule(force = false): void {
    if (force) drawnKey = '';
    if (timer !== undefined) return;
    timer = setTimeout(draw, busy ? 400 : 0);
  }

  return {
    changed(state) {
      showSummary(state);
      // A filter still running shows its matches so far: the timeline waits for all of them.
      if (!state.filtering) schedule();
    },
    newRows() {
      rowSets++;
    },
    setBusy(next) {
      busy = next;
      if (next || timer === undefined) return;
      // The run is over: draw its rows now rather than at the end of the throttle.
      clearTimeout(timer);
      timer = undefined;
      schedule();
    },
    observe(root) {
      let lastWidth = 0;
      new ResizeObserver((entries) => {
        const width = Math.round(entries[entries.length - 1]!.contentRect.width);
        if (Math.abs(width - lastWidth) < 8) return;
        lastWidth = width;
        schedule(true);
      }).observe(root);
    },
  };
}
