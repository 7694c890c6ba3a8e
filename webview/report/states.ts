/**
 * What the report panel says about a run: the progress bar (done / total, rate, ETA), and the empty, error and
 * partial states with the actions that help (Set API Key on 403, Resume, Retry failed, Show Log), with the list of
 * failed attendees. Server text is set with textContent only.
 */
import { progressText, type ReportAction, type ReportFailure, type ReportPause, type ReportProgress, type ReportSummary } from '../../src/protocol/report';
import { button, h, show } from '../shared/dom';
import { count } from './format';
import type { Outcome } from './state';

const LABELS: Record<ReportAction, string> = { setApiKey: 'Set API Key', resume: 'Resume', retryFailed: 'Retry Failed', showLog: 'Show Log' };

export interface ProgressView {
  root: HTMLElement;
  set(p: ReportProgress): void;
  hide(): void;
}

export function buildProgress(): ProgressView {
  const fill = h('div', { className: 'progress-fill' });
  const bar = h('div', { id: 'progress-bar', className: 'progress-bar', attrs: { role: 'progressbar', 'aria-label': 'Attendees done', 'aria-valuemin': '0', 'aria-valuemax': '0', 'aria-valuenow': '0' } }, fill);
  const text = h('span', { id: 'progress-text', className: 'progress-text', attrs: { role: 'status', 'aria-live': 'polite' } });
  const root = h('div', { id: 'progress', className: 'report-progress' }, bar, text);
  show(root, false);
  return {
    root,
    set(p) {
      bar.setAttribute('aria-valuemax', String(p.total));
      bar.setAttribute('aria-valuenow', String(p.done));
      bar.setAttribute('aria-valuetext', `${p.done} of ${p.total} attendees`);
      fill.style.width = `${p.total > 0 ? Math.min(100, (p.done / p.total) * 100) : 0}%`;
      text.textContent = progressText(p);
      show(root, true);
    },
    hide: () => show(root, false),
  };
}

export interface OutcomeView {
  root: HTMLElement;
  /** A run that could not start or stopped on an error. */
  error(message: string, status: number | undefined, actions: readonly ReportAction[]): void;
  /** The end of a run or a restored report: empty, partial (cancelled or failures) or complete (nothing shown). */
  done(summary: ReportSummary, failures: readonly ReportFailure[], cancelled: boolean, restored: boolean, total: number | undefined): void;
  /** A run that paused as a whole: its one message, and what to do (Set API Key first when the key was refused). */
  paused(pause: ReportPause, summary: ReportSummary): void;
  /** Shows the state's outcome: a failed run, a pause, the end of a run; nothing while a run goes. */
  set(outcome: Outcome | undefined): void;
  hide(): void;
}

export function buildOutcome(onAction: (action: ReportAction) => void): OutcomeView {
  const title = h('p', { id: 'outcome-title', className: 'outcome-title' });
  const detail = h('p', { id: 'outcome-detail', className: 'outcome-detail' });
  const actions = h('div', { id: 'outcome-actions', className: 'error-actions' });
  const failureList = h('ul', { id: 'failure-list', className: 'failure-list', attrs: { 'aria-label': 'Attendees that failed' } });
  const root = h('div', { id: 'outcome', className: 'empty', attrs: { role: 'status' } }, title, detail, failureList, actions);
  show(root, false);

  function render(kind: 'empty' | 'error' | 'partial' | 'restored' | 'paused', head: string, text: string, list: readonly ReportAction[], failures: readonly ReportFailure[] = []): void {
    root.className = kind === 'error' || kind === 'paused' ? 'error' : 'empty';
    root.dataset.state = kind;
    root.setAttribute('role', kind === 'error' || kind === 'paused' ? 'alert' : 'status');
    title.textContent = head;
    detail.textContent = text;
    show(detail, text !== '');
    failureList.replaceChildren(...failures.slice(0, 50).map((f) => h('li', { attrs: { 'data-attendee': f.attendeeId } }, h('strong', { text: f.name }), ` (id ${f.attendeeId}${f.status !== undefined ? `, HTTP ${f.status}` : ''}): `, f.reason)));
    if (failures.length > 50) failureList.append(h('li', { text: `… and ${count(failures.length - 50)} more (Show Log has them all)` }));
    show(failureList, failures.length > 0);
    actions.replaceChildren(...list.map((a, i) => button(LABELS[a], { id: `action-${a}`, appearance: i === 0 ? 'primary' : 'secondary', attrs: { 'data-action': a } }, () => onAction(a))));
    show(root, true);
  }

  const view: OutcomeView = {
    root,
    set(outcome) {
      if (!outcome) return view.hide();
      if (outcome.kind === 'failed') return view.error(outcome.message, outcome.status, outcome.actions);
      if (outcome.paused) return view.paused(outcome.paused, outcome.summary);
      return view.done(outcome.summary, outcome.failures, outcome.cancelled, outcome.restored, undefined);
    },
    error(message, status, list) {
      render('error', message, status === undefined ? '' : `HTTP ${status}`, list);
    },
    paused(pause, summary) {
      const list: ReportAction[] = pause.reason === 'key' ? ['setApiKey', 'resume', 'showLog'] : ['resume', 'showLog'];
      const kept = `${count(summary.attendees)} attendee${summary.attendees === 1 ? ' has' : 's have'} a row; every finished row is kept.`;
      render('paused', pause.message, kept, list);
    },
    done(summary, failures, cancelled, restored, total) {
      void total;
      const refused = failures.some((f) => f.status === 401 || f.status === 403);
      const failedActions: ReportAction[] = [...(refused ? ['setApiKey' as const] : []), 'retryFailed', 'resume', 'showLog'];
      const missing = summary.missing;
      if (cancelled) {
        const left = ` Resume asks only the ${count(missing)} attendee${missing === 1 ? '' : 's'} left.`;
        return render('partial', `Cancelled: ${count(summary.attendees)} attendee${summary.attendees === 1 ? ' has' : 's have'} a row.`, `Every finished row is kept.${left}`, failures.length > 0 ? failedActions : ['resume', 'showLog'], failures);
      }
      if (failures.length > 0) {
        return render('partial', `${count(failures.length)} attendee${failures.length === 1 ? '' : 's'} could not be read.`, 'They are listed below with the reason; "Retry Failed" asks only them.', failedActions, failures);
      }
      if (missing > 0) {
        return render('partial', `${count(missing)} attendee${missing === 1 ? ' was' : 's were'} never asked.`, '"Resume" asks only them; every row shown is kept.', ['resume', 'showLog']);
      }
      if (summary.dropped > 0) {
        return render('partial', `${count(summary.dropped)} stored line${summary.dropped === 1 ? '' : 's'} could not be read and ${summary.dropped === 1 ? 'was' : 'were'} dropped.`, 'Those attendees are asked again by "Resume".', ['resume', 'showLog']);
      }
      if (summary.attendees === 0) return render('empty', 'No attendees to report on.', 'Brella lists no attendees for this event (or none is configured). Add attendees in Brella and run the report again.', ['resume', 'showLog']);
      if (restored) return render('restored', 'Rows kept from an earlier run.', 'No request was made. Each row says when it was last asked ("As of"). "Update Check-ins" asks again those not yet checked in and new attendees; "Refresh All" asks everyone from their latest slice on.', []);
      show(root, false);
    },
    hide: () => show(root, false),
  };
  return view;
}
