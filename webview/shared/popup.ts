/**
 * A button that shows and hides a panel under it (the menus of menu.ts, the table's column chooser): its
 * aria-expanded follows the panel; Escape in the panel closes it and gives the focus back to the button, and a
 * click outside both closes it.
 */
import { button, h, show, type ToolkitButton } from './dom';

export interface Popup {
  /** The button, then the panel, in one element. */
  root: HTMLElement;
  toggle: ToolkitButton;
  close(): void;
}

export interface PopupSpec {
  /** The button's label, id and title; `hasPopup` its aria-haspopup. */
  label: string;
  id: string;
  title: string;
  hasPopup: 'menu' | 'true';
  /** The class of `root`. */
  className: string;
  /** Called as the panel opens (before it shows); gives the element to focus in it. */
  opening(): HTMLElement | undefined;
}

/** `panel` needs its id: the button's aria-controls names it. */
export function buildPopup(panel: HTMLElement, spec: PopupSpec): Popup {
  show(panel, false);
  const toggle = button(spec.label, { id: spec.id, title: spec.title, attrs: { 'aria-haspopup': spec.hasPopup, 'aria-expanded': 'false', 'aria-controls': panel.id } }, () =>
    panel.hidden ? open() : close(),
  );
  const root = h('div', { className: spec.className }, toggle, panel);

  function open(): void {
    const first = spec.opening();
    show(panel, true);
    toggle.setAttribute('aria-expanded', 'true');
    first?.focus();
  }

  function close(): void {
    if (panel.hidden) return;
    show(panel, false);
    toggle.setAttribute('aria-expanded', 'false');
  }

  panel.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    close();
    toggle.focus();
  });
  document.addEventListener('mousedown', (e) => {
    if (!e.composedPath().includes(root)) close();
  });
  return { root, toggle, close };
}
