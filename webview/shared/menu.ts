/**
 * A button that opens a small menu of buttons under it (Copy as…, Copy rows…): arrow keys move between the items,
 * Escape or a click outside closes it (popup.ts), and choosing an item closes it and gives focus back to the button.
 * Its look is `.menu-anchor` and `.menu` in base.css.
 */
import { button, h, type ToolkitButton } from './dom';
import { buildPopup } from './popup';

export interface MenuItem<K extends string> {
  key: K;
  /** Already translated. */
  label: string;
  title?: string;
}

export interface MenuSpec<K extends string> {
  /** The button's id, the menu's, and each item's is `<itemId>-<key>`. */
  id: string;
  menuId: string;
  itemId: string;
  label: string;
  title: string;
  menuLabel: string;
  items: ReadonlyArray<MenuItem<K>>;
}

export function buildMenu<K extends string>(spec: MenuSpec<K>, onPick: (key: K) => void): { root: HTMLElement } {
  const menu = h('div', { id: spec.menuId, className: 'menu', attrs: { role: 'menu', 'aria-label': spec.menuLabel } });
  const items: ToolkitButton[] = [];
  const popup = buildPopup(menu, { label: spec.label, id: spec.id, title: spec.title, hasPopup: 'menu', className: 'menu-anchor', opening: () => items[0] });
  for (const item of spec.items) {
    items.push(button(item.label, { id: `${spec.itemId}-${item.key}`, title: item.title, attrs: { role: 'menuitem', 'data-key': item.key } }, () => {
      popup.close();
      popup.toggle.focus();
      onPick(item.key);
    }));
  }
  menu.append(...items);
  menu.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const at = items.findIndex((b) => b === document.activeElement || b.contains(document.activeElement));
    items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
  });
  return { root: popup.root };
}
