/**
 * The slices run bar: Run, Cancel (while a run goes) and the progress. It asks for what the user clicks and
 * follows the run's state, keeping the focus on whichever of Run and Cancel shows.
 */
import { withShortcut } from '../shared/shortcuts';
import { button, h, show } from '../shared/dom';
import { t } from '../shared/l10n';

export interface RunBar {
  root: HTMLElement;
  focusRun(): void;
  /** Run can be clicked once the form is built, unless a run goes. */
  enable(running: boolean): void;
  setRunning(running: boolean): void;
  /** The host was asked to cancel: Cancel waits. */
  cancelling(): void;
}

export function buildRunBar(progress: HTMLElement, on: { run(): void; cancel(): void }): RunBar {
  const runButton = button(t('Run'), { id: 'run', appearance: 'primary', title: withShortcut(t('Fetch the slices for these filters (Enter in a field)'), 'run') }, () => on.run());
  runButton.disabled = true; // until init builds the form
  const cancelButton = button(t('Cancel'), { id: 'cancel', title: t('Stop fetching; the rows already fetched stay') }, () => on.cancel());
  show(cancelButton, false);
  return {
    root: h('div', { className: 'run-bar' }, runButton, cancelButton, progress),
    focusRun: () => runButton.focus(),
    enable(running) {
      runButton.disabled = running;
    },
    setRunning(running) {
      const refocus = running ? document.activeElement === runButton : document.activeElement === cancelButton;
      runButton.disabled = running;
      show(cancelButton, running);
      cancelButton.disabled = false;
      if (refocus) (running ? cancelButton : runButton).focus();
    },
    cancelling() {
      cancelButton.disabled = true;
    },
  };
}
