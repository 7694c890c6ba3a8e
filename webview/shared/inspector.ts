/**
 * The row inspector: a pane beside the table (below it in a narrow panel) that shows one row in full, in
 * sections of label/value pairs, with a Copy button per value, action buttons, and code blocks (raw JSON).
 * Every text is set as text, never as markup. Escape closes it (the table gets the focus back); the splitter
 * between table and pane resizes it with the mouse or the arrow keys. Used by every panel's tables.
 */
import { button, h, setAttr } from './dom';
import { t } from './l10n';

export interface InspectField {
  label: string;
  value: string;
  /** A second reading of the value, e.g. the time in UTC. */
  note?: string;
}

export interface InspectAction {
  id: string;
  label: string;
  title?: string;
  run(): void;
}

export interface InspectSection {
  /** Also the section's key for `setSection`. */
  title: string;
  fields?: readonly InspectField[];
  /** A text shown as is (pretty-printed JSON), with its own Copy button. */
  code?: string;
  /** A line of explanation. */
  note?: string;
  actions?: readonly InspectAction[];
}

export interface InspectContent {
  /** What the pane shows, e.g. "Slice 1234". */
  title: string;
  sections: InspectSection[];
}

export interface Inspector {
  /** The table host wrapped with the splitter and the pane: put this where the table host was. */
  layout: HTMLElement;
  pane: HTMLElement;
  readonly isOpen: boolean;
  /** Opens the pane on this content and moves the focus into it when `focus` is set. */
  open(content: InspectContent, focus?: boolean): void;
  /** Shows this content if the pane is open (the pane follows the table's active row). */
  follow(content: InspectContent): void;
  /** Replaces the section with this title (e.g. when the raw resource arrives), or adds it at the end. */
  setSection(section: InspectSection): void;
  /** Closes the pane; the focus stays where it is. */
  close(): void;
}

export interface InspectorOptions {
  /** For ids and the pane's accessible name, e.g. "slices" and "Slice details". */
  id: string;
  label: string;
  copy(text: string): void;
  /** After Escape or Close (not after `close()`): where the focus goes back (the table). */
  closed(): void;
}

const MIN_WIDTH = 220;
const STEP = 24;

function fieldRow(field: InspectField, copy: (text: string) => void): HTMLElement {
  const value = h('span', { className: 'insp-value', text: field.value });
  const dd = h('dd', {}, value);
  if (field.note) dd.append(h('span', { className: 'insp-note', text: field.note }));
  if (field.value !== '') {
    const copyButton = h('button', { className: 'insp-copy', text: t('Copy'), attrs: { type: 'button', 'aria-label': t('Copy {0}', field.label) } });
    copyButton.addEventListener('click', () => copy(field.value));
    dd.append(copyButton);
  }
  return h('div', { className: 'insp-field' }, h('dt', { text: field.label }), dd);
}

function sectionElement(section: InspectSection, copy: (text: string) => void): HTMLElement {
  const heading = h('h3', { className: 'insp-heading', text: section.title });
  const el = h('section', { className: 'insp-section', attrs: { 'data-section': section.title, 'aria-label': section.title } }, heading);
  if (section.note) el.append(h('p', { className: 'insp-section-note', text: section.note }));
  if (section.fields && section.fields.length > 0) el.append(h('dl', { className: 'insp-fields' }, ...section.fields.map((f) => fieldRow(f, copy))));
  if (section.code !== undefined) {
    const code = section.code;
    el.append(h('pre', { className: 'insp-code', attrs: { tabindex: '0', 'aria-label': section.title } }, h('code', { text: code })));
  }
  if (section.actions && section.actions.length > 0) {
    el.append(h('div', { className: 'insp-actions' }, ...section.actions.map((a) => button(a.label, { id: a.id, ...(a.title ? { title: a.title } : {}) }, a.run))));
  }
  return el;
}

/** The separator between table and pane: drag it, or focus it and press the arrow keys (Home/End: narrowest/widest). */
function splitter(pane: HTMLElement, layout: HTMLElement): HTMLElement {
  const el = h('div', { className: 'insp-splitter', attrs: { role: 'separator', 'aria-orientation': 'vertical', 'aria-label': t('Resize the details pane'), tabindex: '0' } });
  const maxWidth = (): number => Math.max(MIN_WIDTH, layout.clientWidth - 200);
  const setWidth = (px: number): void => {
    const width = Math.round(Math.min(maxWidth(), Math.max(MIN_WIDTH, px)));
    pane.style.width = `${width}px`;
    setAttr(el, 'aria-valuenow', width);
    setAttr(el, 'aria-valuemin', MIN_WIDTH);
    setAttr(el, 'aria-valuemax', maxWidth());
  };
  el.addEventListener('keydown', (e) => {
    const now = pane.getBoundingClientRect().width;
    const to = e.key === 'ArrowLeft' ? now + STEP : e.key === 'ArrowRight' ? now - STEP : e.key === 'Home' ? MIN_WIDTH : e.key === 'End' ? maxWidth() : undefined;
    if (to === undefined) return;
    e.preventDefault();
    setWidth(to);
  });
  el.addEventListener('pointerdown', (e) => {
    el.setPointerCapture(e.pointerId);
    const right = pane.getBoundingClientRect().right;
    const move = (m: PointerEvent): void => setWidth(right - m.clientX);
    const up = (): void => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
  });
  return el;
}

export function buildInspector(tableHost: HTMLElement, options: InspectorOptions): Inspector {
  const title = h('h2', { className: 'insp-title', id: `${options.id}-inspector-title` });
  const close = button(t('Close'), { id: `${options.id}-inspector-close`, title: t('Close the details (Escape)') }, () => hide());
  const body = h('div', { className: 'insp-body' });
  const pane = h('aside', {
    id: `${options.id}-inspector`, className: 'inspector',
    attrs: { role: 'complementary', 'aria-label': options.label, 'aria-labelledby': title.id, tabindex: '-1' },
  }, h('div', { className: 'insp-header' }, title, close), body);
  const layout = h('div', { className: 'inspect-layout' });
  tableHost.replaceWith(layout);
  layout.append(tableHost, splitter(pane, layout), pane);
  let open = false;

  const render = (content: InspectContent): void => {
    title.textContent = content.title;
    body.replaceChildren(...content.sections.map((s) => sectionElement(s, options.copy)));
  };
  const hide = (giveBackFocus = true): void => {
    if (!open) return;
    open = false;
    layout.classList.remove('inspecting');
    if (giveBackFocus) options.closed();
  };
  pane.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    e.stopPropagation();
    hide();
  });
  // Escape in the table closes the pane too, unless the table used it (to leave a multi-row selection).
  tableHost.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && open && !e.defaultPrevented) hide();
  });

  return {
    layout,
    pane,
    get isOpen() {
      return open;
    },
    open(content, focus = true) {
      render(content);
      open = true;
      layout.classList.add('inspecting');
      if (focus) pane.focus();
    },
    follow(content) {
      if (open) render(content);
    },
    setSection(section) {
      const at = [...body.children].find((el) => el.getAttribute('data-section') === section.title);
      const el = sectionElement(section, options.copy);
      if (at) at.replaceWith(el);
      else body.append(el);
    },
    close: () => hide(false),
  };
}
