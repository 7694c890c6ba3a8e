/**
 * The life of a run: `run` posted → `started` → `page`… → `done` (or `failed`, or `invalid` before it starts).
 * Messages of an older run than the current one are ignored. After a reload the host replays
 * started/page/done, which rebuilds the table the same way.
 */
import { unpackSlices } from '../../src/protocol/packed-slices';
import type { FromWebview, ToWebview } from '../../src/protocol/slices';
import type { GridHandle } from '../table/types';
import type { Post } from '../shared/api';
import type { EmptyView } from './empty';
import type { ErrorView } from './error';
import { count, progressText } from './format';
import type { StatusView } from './status';
import { toFormValues, toRunFilters, type RunFilters } from './values';

export type RunMessage = Extract<ToWebview, { type: 'started' | 'page' | 'done' | 'failed' | 'invalid' }>;

export interface RunDeps {
  post: Post<FromWebview>;
  grid: GridHandle;
  status: StatusView;
  empty: EmptyView;
  error: ErrorView;
  attendeeName(): string;
  /** The form's filters when valid (else it shows the problems), for Run Again before any run. */
  formFilters(): RunFilters | undefined;
  showErrors(problems: ReadonlyMap<string, string>): void;
  setRunning(running: boolean): void;
  cancelling(): void;
}

export interface Runs {
  readonly running: boolean;
  start(filters: RunFilters): void;
  /** Runs the last run's filters again (Retry, Run Again). */
  rerun(): void;
  cancel(): void;
  handle(msg: RunMessage): void;
}

export function createRuns(d: RunDeps): Runs {
  let running = false;
  /** Whether the host said `started` for the current request. */
  let started = false;
  let runId: number | undefined;
  let lastFilters: RunFilters | undefined;

  function setRunning(value: boolean): void {
    running = value;
    d.setRunning(value);
  }

  function clearViews(): void {
    d.empty.hide();
    d.error.hide();
  }

  /** False for messages of an older run; a newer run id (its `started` missed) becomes the current run. */
  function accept(id: number): boolean {
    if (runId !== undefined && id < runId) return false;
    if (runId === undefined || id > runId) {
      runId = id;
      d.grid.setRows([]);
      clearViews();
    }
    return true;
  }

  function start(filters: RunFilters): void {
    lastFilters = filters;
    started = false;
    clearViews();
    d.post({ type: 'run', filters });
    setRunning(true);
    d.status.setStatus('Starting…', true);
  }

  function handle(msg: RunMessage): void {
    switch (msg.type) {
      case 'started':
        if (runId !== undefined && msg.runId < runId) return;
        runId = msg.runId;
        started = true;
        lastFilters = toRunFilters(toFormValues(msg.filters));
        d.grid.setRows([]);
        clearViews();
        setRunning(true);
        d.status.setStatus('Fetching the first page…', true);
        return;
      case 'page':
        if (!accept(msg.runId)) return;
        d.grid.appendRows(unpackSlices(msg.rows));
        d.status.setStatus(progressText(msg.page, msg.pagesKnown, msg.rowsSoFar), running);
        if (msg.sentAt !== undefined) recordPaint(msg.sentAt, msg.rowsSoFar === msg.rows.count);
        return;
      case 'done': {
        if (!accept(msg.runId)) return;
        setRunning(false);
        const rows = `${count(msg.rows)} ${msg.rows === 1 ? 'row' : 'rows'}`;
        d.status.setStatus(msg.cancelled ? `Cancelled · ${rows} kept` : `Done · ${rows}`, false);
        if (!msg.cancelled && msg.rows === 0 && d.grid.getState().totalRows === 0) d.empty.show(lastFilters, d.attendeeName());
        return;
      }
      case 'failed':
        if (!accept(msg.runId)) return;
        setRunning(false);
        d.status.setStatus('Failed', false);
        d.error.show(msg.message, msg.status, msg.actions);
        return;
      case 'invalid': {
        // For a run request not started yet; for a cURL request during a run, the run goes on.
        if (running && !started) {
          setRunning(false);
          d.status.setStatus('The host did not accept these filters.', false);
        }
        const problems = new Map<string, string>();
        for (const e of msg.errors) if (!problems.has(e.field)) problems.set(e.field, e.message);
        d.showErrors(problems);
        return;
      }
    }
  }

  return {
    get running() {
      return running;
    },
    start,
    rerun() {
      const filters = lastFilters ?? d.formFilters();
      if (!running && filters !== undefined) start(filters);
    },
    cancel() {
      if (!running) return;
      d.post({ type: 'cancel' });
      if (!started) {
        setRunning(false);
        d.status.setStatus('Cancelled', false);
        return;
      }
      d.cancelling();
      d.status.setStatus('Cancelling…', true);
    },
    handle,
  };
}

/** Records how long pages took from the host's post to painted rows (read by the benchmark). */
function recordPaint(sentAt: number, firstOfRun: boolean): void {
  requestAnimationFrame(() => requestAnimationFrame(() => {
    const ms = String(Date.now() - sentAt);
    if (firstOfRun) document.body.dataset.firstPageMs = ms;
    document.body.dataset.lastPageMs = ms;
  }));
}
