/**
 * What a run shows as its state changes (see `apply` in state.ts): the grid emptied for a newer run and filled
 * page by page, the run bar and Run Again, the status line, and at the end the empty or error state, or the
 * host's problems with the filters in the form.
 */
import { unpackSlices } from '../../src/protocol/packed-slices';
import type { GridHandle } from '../table/types';
import type { EmptyView } from './empty';
import type { ErrorView } from './error';
import type { FormHost } from './form-host';
import type { RunBar } from './run-bar';
import type { SliceScope } from './scope';
import type { Shown } from './shown';
import type { Changes, SlicesViewState } from './state';
import type { StatusView } from './status';
import type { ToolbarView } from './toolbar';

export interface RunView {
  grid: GridHandle;
  shown: Shown;
  status: StatusView;
  runBar: RunBar;
  toolbar: ToolbarView;
  empty: EmptyView;
  error: ErrorView;
  form: FormHost;
  scope: SliceScope;
}

export function renderRun(v: RunView, state: SlicesViewState, c: Changes): void {
  if (c.newRun) {
    v.shown.newRows();
    v.scope.reset();
    v.grid.setRows([]);
  }
  if (c.clear) {
    v.empty.hide();
    v.error.hide();
  }
  if (c.rows) v.grid.appendRows(v.scope.add(unpackSlices(c.rows)));
  if (c.running) {
    v.shown.setBusy(state.running);
    v.runBar.setRunning(state.running);
    v.toolbar.setRunning(state.running);
  }
  if (c.cancelling) v.runBar.cancelling();
  if (c.status) v.status.setStatus(c.status.text, c.status.busy);
  if (c.paint) recordPaint(c.paint.sentAt, c.paint.first);
  if (c.empty && v.grid.getState().totalRows === 0) v.empty.show(c.empty.filters, c.empty.attendeeName);
  if (c.failure) v.error.show(c.failure.message, c.failure.status, c.failure.actions);
  if (c.problems) v.form.showErrors(c.problems);
}

/** Records how long pages took from the host's post to painted rows (read by the benchmark). */
function recordPaint(sentAt: number, firstOfRun: boolean): void {
  requestAnimationFrame(() => requestAnimationFrame(() => {
    const ms = String(Date.now() - sentAt);
    if (firstOfRun) document.body.dataset.firstPageMs = ms;
    document.body.dataset.lastPageMs = ms;
  }));
}
