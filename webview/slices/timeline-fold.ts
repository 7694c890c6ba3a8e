/**
 * The timeline's collapse: the button in its heading (aria-expanded, aria-controls) shows or hides the drawing
 * and the per-day totals; the panel keeps the choice in its saved state.
 */
import { show } from '../shared/dom';

/** Whether the timeline starts open, and where it says the user opened or collapsed it. */
export interface TimelineFold {
  open: boolean;
  toggled(open: boolean): void;
}

export const ALWAYS_OPEN: TimelineFold = { open: true, toggled: () => undefined };

/** Wires `toggle` to show or hide `body`; `opened` runs each time the body shows again (to draw at its width). */
export function bindTimelineFold(toggle: HTMLButtonElement, body: HTMLElement, fold: TimelineFold, opened: () => void): void {
  const set = (open: boolean): void => {
    toggle.setAttribute('aria-expanded', String(open));
    show(body, open);
  };
  set(fold.open);
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    set(open);
    if (open) opened();
    fold.toggled(open);
  });
}
