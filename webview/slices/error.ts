/** The error state of a failed run: the message, the HTTP status, and buttons for the host's suggested actions. */
import type { ErrorAction } from '../../src/protocol/slices';
import { button, h, show } from '../shared/dom';
import { t } from '../shared/l10n';

const LABELS: Record<ErrorAction, string> = { setApiKey: t('Set API Key'), retry: t('Retry'), showLog: t('Show Log') };

export interface ErrorView {
  root: HTMLElement;
  show(message: string, status: number | undefined, actions: readonly ErrorAction[]): void;
  hide(): void;
}

/** `prefix` keeps ids apart when a page has two (the Sessions tab's is `sessions-error`). */
export function buildError(onAction: (action: ErrorAction) => void, prefix = 'error'): ErrorView {
  const message = h('p', { id: `${prefix}-message`, className: 'error-message' });
  const status = h('p', { id: `${prefix}-status`, className: 'error-status' });
  const actions = h('div', { className: 'error-actions' });
  const root = h('div', { id: prefix, className: 'error', attrs: { role: 'alert' } }, message, status, actions);
  show(root, false);
  return {
    root,
    show(text, code, list) {
      message.textContent = text;
      status.textContent = code === undefined ? '' : t('HTTP {0}', code);
      show(status, code !== undefined);
      const known = list.filter((a): a is ErrorAction => a in LABELS);
      actions.replaceChildren(
        ...known.map((a, i) => button(LABELS[a], { id: `${prefix}-${a}`, appearance: i === 0 ? 'primary' : 'secondary', attrs: { 'data-action': a } }, () => onAction(a))),
      );
      show(root, true);
    },
    hide: () => show(root, false),
  };
}
