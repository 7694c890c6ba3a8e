/**
 * The filter form, built from the `fields` of the init message (src/model/filters is the one definition).
 * Always shown: the tracking types and the window (start from / start to), with one note saying which zone a
 * date without a time is read in. The other fields fold under "More filters", whose title counts the ones in
 * use; it opens by itself when values put in from elsewhere, or checked to be sent, use them, and when one of
 * them has a problem. Text fields are plain <input> elements styled with --vscode-input-* variables, not
 * <vscode-text-field>: its input lives in a shadow root, so a label, aria-describedby (help, zone note, inline
 * error) and aria-invalid could not point at it. Tracking types are toolkit checkboxes plus a text field.
 */
import type { SliceFilterField } from '../../src/model/filter-fields';
import { checkbox, h, type ToolkitCheckbox } from '../shared/dom';
import { splitTypes, type FormValues } from './values';
import { t } from '../shared/l10n';

/** The fields always shown; every other field of the definition folds under More filters. */
const MAIN_FIELDS: ReadonlySet<string> = new Set(['tracking_type', 'start_from', 'start_to']);
/** The id of the More filters fold (a <details>), which the panel keeps open or closed across reloads. */
export const MORE_FILTERS_ID = 'more-filters';
const ZONE_NOTE_ID = 'zone-note';

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
  /** Puts these values in the form; More filters opens when they use its fields. */
  setValues(values: FormValues): void;
  /** Shows these problems (by field name) and clears the others; More filters opens when its fields are used or wrong. */
  showErrors(problems: ReadonlyMap<string, string>): void;
  /** Focuses the first field with a problem. */
  focusFirstError(): void;
  /** Says, once beside the window, which zone a date without a time is read in. */
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
  // Every date field is described by the one zone note, wherever it sits.
  return { help, error, describedBy: `${id}-help${field.kind === 'instant' ? ` ${ZONE_NOTE_ID}` : ''} ${id}-error` };
}

function textInput(id: string, placeholder: string, title: string, describedBy: string): HTMLInputElement {
  const input = h('input', { id, title, attrs: { type: 'text', placeholder, autocomplete: 'off', spellcheck: 'false', 'aria-describedby': describedBy } });
  input.maxLength = 200;
  return input;
}

function textControl(field: SliceFilterField): Control {
  const id = `field-${field.name}`;
  const { help, error, describedBy } = parts(field, id);
  const input = textInput(id, field.example, helpOf(field), describedBy);
  input.name = field.name;
  if (field.kind === 'seconds') input.inputMode = 'numeric';
  const label = h('label', { text: field.label, title: helpOf(field), attrs: { for: id } });
  const root = h('div', { className: 'field', attrs: { 'data-field': field.name, 'data-kind': field.kind } }, label, input, help, error);
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
  const other = textInput(id, t('other, comma-separated'), field.help, describedBy);
  other.name = field.name;
  other.setAttribute('aria-label', t('{0}: other types, comma-separated', field.label));
  const legend = h('legend', { text: field.label, title: field.help });
  const choices = h('div', { className: 'type-choices' }, ...boxes, other);
  const root = h('fieldset', { className: 'field field-types', attrs: { 'data-field': field.name, 'data-kind': field.kind, 'aria-describedby': describedBy } }, legend, choices, help, error);
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

const used = (c: Control): boolean => {
  const v = c.get();
  return Array.isArray(v) ? v.some((t) => t.trim() !== '') : v.trim() !== '';
};

interface MoreFilters {
  root: HTMLDetailsElement;
  /** Counts the folded fields in use in the title; opens the fold when `reveal` and one is in use or wrong. */
  update(reveal: boolean): void;
}

/** The fold of the fields not always shown: "More filters", or "More filters (2 active)". */
function moreFilters(controls: readonly Control[]): MoreFilters {
  const summary = h('summary', { id: `${MORE_FILTERS_ID}-toggle`, className: 'more-filters-toggle', text: t('More filters') });
  const grid = h('div', { id: `${MORE_FILTERS_ID}-fields`, className: 'more-filters-fields' }, ...controls.map((c) => c.root));
  const root = h('details', { id: MORE_FILTERS_ID, className: 'more-filters' }, summary, grid);
  return {
    root,
    update(reveal) {
      const active = controls.filter(used).length;
      summary.textContent = active === 0 ? t('More filters') : t('More filters ({0} active)', active);
      if (reveal && (active > 0 || controls.some((c) => !c.error.hidden))) root.open = true;
    },
  };
}

/** The always-shown row: tracking types, then the window with the zone note under it. */
function mainRow(controls: readonly Control[], note: HTMLElement): HTMLElement {
  const types = controls.filter((c) => c.name === 'tracking_type').map((c) => c.root);
  const range = h('div', { className: 'form-window' }, ...controls.filter((c) => c.name !== 'tracking_type').map((c) => c.root), note);
  return h('div', { className: 'form-main' }, ...types, range);
}

export function buildForm(fields: readonly SliceFilterField[], events: FormEvents): FormView {
  const controls = fields.map((f) => (f.kind === 'types' ? typesControl(f) : textControl(f)));
  const note = h('p', { id: ZONE_NOTE_ID, className: 'zone-note' });
  const more = moreFilters(controls.filter((c) => !MAIN_FIELDS.has(c.name)));
  const general = h('div', { className: 'field-error form-error', attrs: { 'data-error-for': 'filters', 'aria-live': 'polite' } });
  general.hidden = true;
  const root = h('div', { id: 'filter-form', className: 'filter-form', attrs: { role: 'group', 'aria-label': t('Filters') } });
  root.append(mainRow(controls.filter((c) => MAIN_FIELDS.has(c.name)), note), more.root, general);
  const typed = (): void => {
    more.update(false);
    events.input();
  };
  root.addEventListener('input', typed);
  root.addEventListener('change', typed);
  root.addEventListener('keydown', (e) => {
    // Enter on the fold's title opens or closes it; in a field it runs.
    if (e.key !== 'Enter' || e.isComposing || e.altKey || e.shiftKey || (e.target as Element | null)?.localName === 'summary') return;
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
      more.update(true);
    },
    showErrors(problems) {
      for (const c of controls) setError(c, problems.get(c.name));
      const other = [...problems].filter(([name]) => !controls.some((c) => c.name === name)).map(([, m]) => m);
      general.textContent = other.join(' ');
      general.hidden = other.length === 0;
      more.update(true);
    },
    focusFirstError() {
      controls.find((c) => !c.error.hidden)?.focusTarget.focus();
    },
    setZoneNote(zoneName) {
      note.textContent = t('A date alone means 00:00 {0}.', zoneName);
    },
    instantFields: new Set(fields.filter((f) => f.kind === 'instant').map((f) => f.name)),
  };
}
