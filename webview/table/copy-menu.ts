/**
 * Copy ▾ beside a table: the active cell, the selected rows (the active row when none is) as tab-separated text
 * with a header row, which pastes into Excel or Google Sheets as columns, or as a Markdown table. The same as
 * Ctrl/Cmd+C does, for those who look for it in a menu. `grid()` is the table shown (a panel may switch tables).
 */
import { t } from '../shared/l10n';
import { buildMenu } from '../shared/menu';
import type { CopyFormat, GridHandle } from './types';

export function buildRowsCopyMenu(grid: () => GridHandle | undefined, id = 'copy-rows'): { root: HTMLElement } {
  return buildMenu<CopyFormat>({
    id,
    menuId: `${id}-menu`,
    itemId: id,
    label: t('Copy ▾'),
    title: t('Copy the selected rows, or the active cell'),
    menuLabel: t('Copy from the table'),
    items: [
      { key: 'tsv', label: t('Copy Rows for Excel or Sheets'), title: t('Tab-separated, under a header row: they paste as columns') },
      { key: 'markdown', label: t('Copy Rows as Markdown'), title: t('A Markdown table, under a header row') },
      { key: 'cell', label: t('Copy Cell') },
    ],
  }, (format) => grid()?.copy(format));
}
