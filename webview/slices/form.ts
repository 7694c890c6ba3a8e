/**
 * The filter form, built from the `fields` of the init message (src/model/filters is the one definition).
 * Text fields are plain <input> elements styled with --vscode-input-* variables, not <vscode-text-field>:
 * its input lives in a shadow root, so a label, aria-describedby (help, inline error) and aria-invalid
 * could not point at it. Tracking types are toolkit checkboxes plus a text field for other types.
 */
import type { SliceFilterField } from '../../src/model/filters';
import { checkbox, h, type ToolkitCheckbox } from '../shared/dom';
import { splitTypes, type FormValues } from './values';

interface Control {
  name: string;
  root: HTMLElement;
  focusTarget: HTMLElement;
  error: HTMLElement;
  get(): string | string[];
  set(value: string | string[] | undefined): void;
}

export interface FormView {
  root: HTMLElement;
  values(): FormValues;
  setValues(values: FormValues): void;
  /** Shows these problems (by field name) and clears the others. */
  showErrors(problems: ReadonlyMap<string, string>): void;
  /** Focuses the first field with a problem. */
  focusFirstError(): void;
  /** Says, next to every date field, which zone a date without a time is read in. */
  setZoneNote(zoneName: string): void;
  /** Names of the instant fields (where a date alone is midnight in the form's zone). */
  readonly instantFields: ReadonlySet<string>;
}

export interface FormEvents {
  input(): void;
  enter(): void;
}

/** The field's help without the definition's "midnight UTC" sentence: the form says its own zone (setZoneNote). */
function helpOf(field: SliceFilterField): string {
  return field.kind === 'instant' ? field.help.replace(/\s*A date alone \(YYYY-MM-DD\) means midnight UTC\./, '') : field.help;
}

function parts(field: SliceFilterField, id: string) {
  const help = h('span', { id: `${id}-help`, className: 'sr-only', text: helpOf(field) });
  const error = h('div', { id: `${id}-error`, className: 'field-error', attrs: { 'data-error-for': field.name, 'aria-live': 'polite' } });
  error.hidden = true;
  const note = field.kind === 'instant' ? h('div', { id: `${id}-note`, className: 'field-note', attrs: { 'data-note-for': field.name } }) : undefined;
  return { help, error, note, describedBy: `${id}-help${note ? ` ${id}-note` : ''} ${id}-error` };
}

function textInput(id: string, placeholder: string, title: string, describedBy: string): HTMLInputElement {
  const input = h('input', { id, title, attrs: { type: 'text', placeholder, autocomplete: 'off', spellcheck: 'false' } });
  input.setAttribute('aria-describedby', describedBy);
  input.maxLength = 200;
  return input;
}

function textControl(field: SliceFilterField): Control {
  const id = `field-${field.name}`;
  const { help, error, note, describedBy } = parts(field, id);
  const input = textInput(id, field.example, helpOf(field), describedBy);
  input.name = field.name;
  if (field.kind === 'seconds') input.inputMode = 'numeric';
  const label = h('label', { text: field.label, title: helpOf(field), attrs: { for: id } });
  const root = h('div', { className: 'field', attrs: { 'data-field': field.name, 'data-kind': field.kind } }, label, input, ...(note ? [note] : []), help, error);
  return {
    name: field.name,
    root,
    focusTarget: input,
    error,
    get: () => input.value,
    set: (v) => {
      input.value = Array.isArray(v) ? v.join(', ') : (v ?? '');
    },
  };
}

function typesControl(field: SliceFilterField): Control {
  const id = `field-${field.name}`;
  const { help, error, describedBy } = parts(field, id);
  const known = field.suggestions ?? [];
  const boxes = known.map((t) => checkbox(t, { title: field.help, attrs: { 'data-type': t, value: t } }));
  const other = textInput(id, `other types, comma-separated`, field.help, describedBy);
  other.name = field.name;
  other.setAttribute('aria-label', `${field.label}: other types, comma-separated`);
  const legend = h('legend', { text: field.label, title: field.help });
  const choices = h('div', { className: 'type-choices' }, ...boxes, other);
  const root = h('fieldset', { className: 'field field-types', attrs: { 'data-field': field.name, 'data-kind': field.kind } }, legend, choices, help, error);
  root.setAttribute('aria-describedby', describedBy);
  return {
    name: field.name,
    root,
    focusTarget: boxes[0] ?? other,
    error,
    get: () => [...boxes.filter((b) => b.checked).map((b) => b.getAttribute('value') ?? ''), ...splitTypes(other.value)],
    set: (v) => {
      const list = Array.isArray(v) ? v.map((t) => t.trim()) : splitTypes(v ?? '');
      boxes.forEach((b: ToolkitCheckbox, i) => (b.checked = list.includes(known[i]!)));
      other.value = list.filter((t) => t !== '' && !known.includes(t)).join(', ');
    },
  };
}

export function buildForm(fields: readonly SliceFilterField[], events: FormEvents): FormView {
  const controls = fields.map((f) => (f.kind === 'types' ? typesControl(f) : textControl(f)));
  const general = h('div', { className: 'field-error form-error', attrs: { 'data-error-for': 'filters', 'aria-live': 'polite' } });
  general.hidden = true;
  const root = h('div', { id: 'filter-form', className: 'filter-form', attrs: { role: 'group', 'aria-label': 'Filters' } });
  root.append(...controls.map((c) => c.root), general);
  root.addEventListener('input', () => events.input());
  root.addEventListener('change', () => events.input());
  root.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || e.isComposing || e.altKey || e.shiftKey) return;
    e.preventDefault();
    events.enter();
  });

  function setError(c: Control, message: string | undefined): void {
    c.error.textContent = message ?? '';
    c.error.hidden = message === undefined;
    c.root.classList.toggle('invalid', message !== undefined);
    for (const el of c.root.querySelectorAll('input')) {
      if (message === undefined) el.removeAttribute('aria-invalid');
      else el.setAttribute('aria-invalid', 'true');
    }
  }

  return {
    root,
    values() {
      const out: FormValues = {};
      for (const c of controls) out[c.name] = c.get();
      return out;
    },
    setValues(values) {
      for (const c of controls) c.set(values[c.name]);
    },
    showErrors(problems) {
      for (const c of controls) setError(c, problems.get(c.name));
      const other = [...problems].filter(([name]) => !controls.some((c) => c.name === name)).map(([, m]) => m);
      general.textContent = other.join(' ');
      general.hidden = other.length === 0;
    },
    focusFirstError() {
      controls.find((c) => !c.error.hidden)?.focusTarget.focus();
    },
    setZoneNote(zoneName) {
      for (const note of root.querySelectorAll('.field-note')) note.textContent = `A date alone means 00:00 ${zoneName}.`;
    },
    instantFields: new Set(fields.filter((f) => f.kind === 'instant').map((f) => f.name)),
  };
}
