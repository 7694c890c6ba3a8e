/**
 * Copy as…: a button that opens a small menu of request formats (cURL for POSIX shells, PowerShell, JavaScript
 * fetch). The host writes the text; in every format the key is read from the BRELLA_API_KEY environment variable.
 * Arrow keys move between the items, Escape or a click outside closes the menu.
 */
import { button, h, show, type ToolkitButton } from '../shared/dom';

import { withShortcut } from '../shared/shortcuts';
import { t } from '../shared/l10n';

export type CopyFormat = 'curl' | 'powershell' | 'fetch';

const ITEMS: ReadonlyArray<{ format: CopyFormat; label: string; title: string }> = [
  { format: 'curl', label: t('Copy as cURL'), title: withShortcut(t('A curl command for bash, zsh or sh; the key is read from $BRELLA_API_KEY'), 'copyCurl') },
  { format: 'powershell', label: t('Copy as PowerShell'), title: t('Invoke-WebRequest for PowerShell; the key is read from $env:BRELLA_API_KEY') },
  { format: 'fetch', label: t('Copy as JavaScript fetch'), title: t('fetch() for Node.js 18+; the key is read from process.env.BRELLA_API_KEY') },
];

export function buildCopyMenu(onCopy: (format: CopyFormat) => void): { root: HTMLElement } {
  const menu = h('div', { id: 'copy-menu', className: 'copy-menu', attrs: { role: 'menu', 'aria-label': t('Copy the request as') } });
  show(menu, false);
  const toggle = button(t('Copy as… ▾'), { id: 'copy-as', title: t('Copy the request for these filters as cURL, PowerShell or JavaScript fetch (the key stays out of it)'), attrs: { 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': 'copy-menu' } }, () =>
    menu.hidden ? open() : close(),
  );
  const items: ToolkitButton[] = ITEMS.map((item) =>
    button(item.label, { id: `copy-${item.format}`, title: item.title, attrs: { role: 'menuitem', 'data-format': item.format } }, () => {
      close();
      toggle.focus();
      onCopy(item.format);
    }),
  );
  menu.append(...items);
  const root = h('div', { className: 'copy-as' }, toggle, menu);

  function open(): void {
    show(menu, true);
    toggle.setAttribute('aria-expanded', 'true');
    items[0]?.focus();
  }

  function close(): void {
    if (menu.hidden) return;
    show(menu, false);
    toggle.setAttribute('aria-expanded', 'false');
  }

  menu.addEventListener('keydown', (e) => {
    const at = items.findIndex((b) => b === document.activeElement || b.contains(document.activeElement));
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
      toggle.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = (at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
      items[next]?.focus();
    }
  });
  document.addEventListener('mousedown', (e) => {
    if (!e.composedPath().includes(root)) close();
  });
  return { root };
}
