/**
 * What the report panel says about a run: the progress bar (done / total, rate, ETA), and the empty, error and
 * partial states with the actions that help (Set API Key on 403, Resume, Retry failed, Show Log), with the list of
 * failed attendees. Server text is set with textContent only.
 */
import { progressText, type ReportAction, type ReportFailure, type ReportPause, type ReportProgress, type ReportSummary } from '../../src/protocol/report';
import { button, h, show } from '../shared/dom';
import { count } from './format';
import type { Outcome } from './state';
import { t } from '../shared/l10n';

const LABELS: Record<ReportAction, string> = { setApiKey: t('Set API Key'), resume: t('Resume'), retryFailed: t('Retry Failed'), showLog: t('Show Log') };

export interface ProgressView {
  root: HTMLElement;
  set(p: ReportProgress): void;
  hide(): void;
}

export function buildProgress(): ProgressView {
  const fill = h('div', { className: 'progress-fill' });
  const bar = h('div', { id: 'progress-bar', className: 'progress-bar', attrs: { role: 'progressbar', 'aria-label': t('Attendees done'), 'aria-valuemin': '0', 'aria-valuemax': '0', 'aria-valuenow': '0' } }, fill);
  const text = h('span', { id: 'progress-text', className: 'progress-text', attrs: { role: 'status', 'aria-live': 'polite' } });
  const root = h('div', { id: 'progress', className: 'report-progress' }, bar, text);
  show(root, false);
  return {
    root,
    set(p) {
      bar.setAttribute('aria-valuemax', String(p.total));
      bar.setAttribute('aria-valuenow', String(p.done));
      bar.setAttribute('aria-valuetext', t('{0} of {1} attendees', p.done, p.total));
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
  const failureList = h('ul', { id: 'failure-list', className: 'failure-list', attrs: { 'aria-label': t('Attendees that failed') } });
  const root = h('div', { id: 'outcome', className: 'empty', attrs: { role: 'status' } }, title, detail, failureList, actions);
  show(root, false);

  function render(kind: 'empty' | 'error' | 'partial' | 'restored' | 'paused', head: string, text: string, list: readonly ReportAction[], failures: readonly ReportFailure[] = []): void {
    root.className = kind === 'error' || kind === 'paused' ? 'error' : 'empty';
    root.dataset.state = kind;
    root.setAttribute('role', kind === 'error' || kind === 'paused' ? 'alert' : 'status');
    title.textContent = head;
    detail.textContent = text;
    show(detail, text !== '');
    failureList.replaceChildren(...failures.slice(0, 50).map((f) => h('li', { attrs: { 'data-attendee': f.attendeeId } }, h('strong', { text: f.name }), f.status !== undefined ? t(' (id {0}, HTTP {1}): ', f.attendeeId, f.status) : t(' (id {0}): ', f.attendeeId), f.reason)));
    if (failures.length > 50) failureList.append(h('li', { text: t('… and {0} more (Show Log has them all)', count(failures.length - 50)) }));
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
      render('error', message, status === undefined ? '' : t('HTTP {0}', status), list);
    },
    paused(pause, summary) {
      const list: ReportAction[] = pause.reason === 'key' ? ['setApiKey', 'resume', 'showLog'] : ['resume', 'showLog'];
      const kept = summary.attendees === 1 ? t('{0} attendee has a row; every finished row is kept.', count(summary.attendees)) : t('{0} attendees have a row; every finished row is kept.', count(summary.attendees));
      render('paused', pause.message, kept, list);
    },
    done(summary, failures, cancelled, restored, total) {
      void total;
      const refused = failures.some((f) => f.status === 401 || f.status === 403);
      const failedActions: ReportAction[] = [...(refused ? ['setApiKey' as const] : []), 'retryFailed', 'resume', 'showLog'];
      const missing = summary.missing;
      if (cancelled) {
        const kept = missing === 1 ? t('Every finished row is kept. Resume asks only the {0} attendee left.', count(missing)) : t('Every finished row is kept. Resume asks only the {0} attendees left.', count(missing));
        const head = summary.attendees === 1 ? t('Cancelled: {0} attendee has a row.', count(summary.attendees)) : t('Cancelled: {0} attendees have a row.', count(summary.attendees));
        return render('partial', head, kept, failures.length > 0 ? failedActions : ['resume', 'showLog'], failures);
      }
      if (failures.length > 0) {
        const head = failures.length === 1 ? t('{0} attendee could not be read.', count(failures.length)) : t('{0} attendees could not be read.', count(failures.length));
        return render('partial', head, t('They are listed below with the reason; "Retry Failed" asks only them.'), failedActions, failures);
      }
      if (missing > 0) {
        const head = missing === 1 ? t('{0} attendee was never asked.', count(missing)) : t('{0} attendees were never asked.', count(missing));
        return render('partial', head, t('"Resume" asks only them; every row shown is kept.'), ['resume', 'showLog']);
      }
      if (summary.dropped > 0) {
        const head = summary.dropped === 1 ? t('{0} stored line could not be read and was dropped.', count(summary.dropped)) : t('{0} stored lines could not be read and were dropped.', count(summary.dropped));
        return render('partial', head, t('Those attendees are asked again by "Resume".'), ['resume', 'showLog']);
      }
      if (summary.attendees === 0) return render('empty', t('No attendees to report on.'), t('Brella lists no attendees for this event (or none is configured). Add attendees in Brella and run the report again.'), ['resume', 'showLog']);
      if (restored) return render('restored', t('Rows kept from an earlier run.'), t('No request was made. Each row says when it was last asked ("As of"). "Update Check-ins" asks again those not yet checked in and new attendees; "Refresh All" asks everyone from their latest slice on.'), []);
      show(root, false);
    },
    hide: () => show(root, false),
  };
  return view;
}
