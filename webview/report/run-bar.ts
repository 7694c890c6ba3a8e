/**
 * The report's run bar: Resume, Update Check-ins (while the window is open), Refresh All, Retry Failed, Cancel,
 * and the progress. It posts what the user asks for; `render` shows the state (running, what can be asked).
 */
import type { FromReportWebview, ReportMode } from '../../src/protocol/report';
import { button, h, show, type ToolkitButton } from '../shared/dom';
import { canRetry, type ReportViewState } from './state';
import { buildProgress } from './states';
import { t } from '../shared/l10n';

export interface RunBar {
  root: HTMLElement;
  /** Asks the host for a run, unless one goes. */
  run(mode: ReportMode): void;
  render(state: ReportViewState): void;
  renderProgress(state: ReportViewState): void;
}

export function buildRunBar(post: (message: FromReportWebview) => void, isRunning: () => boolean): RunBar {
  const run = (mode: ReportMode): void => {
    if (!isRunning()) post({ type: 'run', mode });
  };
  const buttons: Record<ReportMode, ToolkitButton> = {
    resume: button(t('Resume'), { id: 'run-resume', appearance: 'primary', title: t('Ask only the attendees never asked yet') }, () => run('resume')),
    incremental: button(t('Update Check-ins'), { id: 'run-update', title: t('List the attendees again; ask only those not yet checked in, and the new ones. Checked-in rows keep their figures, as of when they were asked.') }, () => run('incremental')),
    full: button(t('Refresh All'), { id: 'run-full', title: t('List the attendees again and ask every one; a known row is asked only from its latest slice on') }, () => run('full')),
    retryFailed: button(t('Retry Failed'), { id: 'run-retry', title: t('Ask the attendees that failed, and those never asked') }, () => run('retryFailed')),
  };
  const cancel = button(t('Cancel'), { id: 'cancel', title: t('Stop; every finished row stays') }, () => {
    cancel.disabled = true;
    post({ type: 'cancel' });
  });
  show(cancel, false);
  const progress = buildProgress();
  const root = h('div', { className: 'run-bar', attrs: { role: 'group', 'aria-label': t('Run') } }, ...Object.values(buttons), cancel, progress.root);
  return {
    root,
    run,
    render(state) {
      for (const b of Object.values(buttons)) b.disabled = state.running;
      buttons.retryFailed.disabled = !canRetry(state);
      show(buttons.incremental, state.init?.open === true);
      show(cancel, state.running);
      cancel.disabled = false;
      if (!state.running) progress.hide();
    },
    renderProgress(state) {
      if (state.progress) progress.set(state.progress);
    },
  };
}
