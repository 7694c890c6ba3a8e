/** The empty state after a run without rows; for a presence check it says what no rows means. */
import { presenceStart } from '../../src/model/presence';
import { h, show } from '../shared/dom';
import { longUtc } from './format';
import { t } from '../shared/l10n';

export function emptyDetail(filters: Record<string, unknown> | undefined, attendeeName: string): string | undefined {
  const start = presenceStart(filters);
  if (start === undefined) return undefined;
  const since = longUtc(start);
  return t('No check-in since {0}: {1} has not used the event app since then.', since, attendeeName);
}

export interface EmptyView {
  root: HTMLElement;
  show(filters: Record<string, unknown> | undefined, attendeeName: string): void;
  hide(): void;
}

export function buildEmpty(): EmptyView {
  const detail = h('p', { id: 'empty-detail', className: 'empty-detail' });
  const root = h('div', { id: 'empty', className: 'empty', attrs: { role: 'status' } }, h('p', { className: 'empty-title', text: t('No slices match these filters.') }), detail);
  show(root, false);
  return {
    root,
    show(filters, attendeeName) {
      const text = emptyDetail(filters, attendeeName);
      detail.textContent = text ?? '';
      show(detail, text !== undefined);
      show(root, true);
    },
    hide: () => show(root, false),
  };
}
