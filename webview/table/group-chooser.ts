/**
 * Group by a column: a "Group by" dropdown (the toolkit's vscode-dropdown) listing None and the grid's columns
 * (columns from rows' extra attributes appear as rows arrive: the options are brought up to date when the
 * dropdown is focused or `update` is called, say from the grid's onChange).
 */
import { h, tk } from '../shared/dom';
import type { GridState } from './types';
import { t } from '../shared/l10n';

export interface GroupChooser {
  root: HTMLElement;
  /** Lists the state's columns and shows its grouping. */
  update(state?: Pick<GridState, 'columns' | 'groupBy'>): void;
}

type Dropdown = HTMLElement & { value: string };

/** `onChange` gets the chosen column's key, or null for None; `id`: the dropdown's, unique in the page. */
export function buildGroupChooser(getState: () => Pick<GridState, 'columns' | 'groupBy'>, onChange: (key: string | null) => void, id = 'group-by'): GroupChooser {
  const select = tk('vscode-dropdown', { id, title: t('Group the rows by a column'), attrs: { 'aria-label': t('Group by') } }) as Dropdown;
  const root = h('div', { className: 'group-chooser' }, h('span', { text: t('Group by'), attrs: { 'aria-hidden': 'true' } }), select);
  let listed = '';

  function update(state = getState()): void {
    const options = [{ key: '', label: t('None') }, ...state.columns];
    const sig = options.map((o) => `${o.key}\u0000${o.label}`).join('\u0001');
    const key = options.some((o) => o.key === state.groupBy) ? state.groupBy! : '';
    if (sig !== listed) {
      listed = sig;
      select.replaceChildren(...options.map((o) => tk('vscode-option', { text: o.label, attrs: o.key === key ? { value: o.key, selected: '' } : { value: o.key } })));
    }
    // Before the dropdown is defined its options' `selected` attribute says which; after, its value.
    if (customElements.get('vscode-dropdown') !== undefined) select.value = key;
  }

  select.addEventListener('focusin', () => update());
  select.addEventListener('change', () => onChange(select.value || null));
  update();
  return { root, update };
}
