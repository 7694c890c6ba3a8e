/**
 * A button that opens a small menu of buttons under it (Copy as…, Copy rows…): arrow keys move between the items,
 * Escape or a click outside closes it, and choosing an item closes it and gives focus back to the button.
 * Its look is `.menu-anchor` and `.menu` in base.css.
 */
import { button, h, show, type ToolkitButton } from './dom';

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
  const menuId = spec.menuId;
  const menu = h('div', { id: menuId, className: 'menu', attrs: { role: 'menu', 'aria-label': spec.menuLabel } });
  show(menu, false);
  const toggle = button(spec.label, { id: spec.id, title: spec.title, attrs: { 'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': menuId } }, () =>
    menu.hidden ? open() : close(),
  );
  const items: ToolkitButton[] = spec.items.map((item) =>
    button(item.label, { id: `${spec.itemId}-${item.key}`, title: item.title, attrs: { role: 'menuitem', 'data-key': item.key } }, () => {
      close();
      toggle.focus();
      onPick(item.key);
    }),
  );
  menu.append(...items);
  const root = h('div', { className: 'menu-anchor' }, toggle, menu);

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
