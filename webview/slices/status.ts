/** The status line (progress of a run, with a ring), the summary line and the dismissible notice line. */
import type { GridState } from '../table/types';
import { button, h, show, tk } from '../shared/dom';
import { summaryText } from './format';
import { t } from '../shared/l10n';

export interface StatusView {
  /** The progress ring, the status text, for the run bar. */
  progress: HTMLElement;
  summary: HTMLElement;
  notice: HTMLElement;
  setStatus(text: string, running: boolean): void;
  /** `suffix`: more to say after the counts (the time span and the zone). */
  setSummary(state: GridState, suffix?: string): void;
  showNotice(text: string): void;
}

export function buildStatus(): StatusView {
  const ring = tk('vscode-progress-ring', { id: 'progress-ring', attrs: { 'aria-label': t('Loading slices') } });
  show(ring, false);
  const text = h('span', { id: 'status', className: 'status-text', attrs: { role: 'status', 'aria-live': 'polite' } });
  const progress = h('div', { className: 'progress' }, ring, text);

  const summary = h('div', { id: 'summary', className: 'summary', attrs: { 'aria-live': 'polite' } });

  const noticeText = h('span', { id: 'notice-text' });
  const notice = h('div', { id: 'notice', className: 'notice', attrs: { role: 'status' } }, noticeText);
  notice.append(
    button('×', { id: 'notice-dismiss', title: t('Dismiss'), attrs: { 'aria-label': t('Dismiss notice') } }, () => show(notice, false)),
  );
  show(notice, false);

  return {
    progress,
    summary,
    notice,
    setStatus(value, running) {
      text.textContent = value;
      show(ring, running);
    },
    setSummary(state, suffix = '') {
      summary.textContent = state.totalRows === 0 ? '' : summaryText(state.summary, state.totalRows) + suffix;
    },
    showNotice(value) {
      noticeText.textContent = value;
      show(notice, true);
    },
  };
}
