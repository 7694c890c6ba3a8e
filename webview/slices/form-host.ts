/**
 * The filter form's place in the panel: built from init's fields (built again only when they change), its values
 * saved as they are typed, and checked with the model's rules before they are sent.
 */
import type { SliceFilterField } from '../../src/model/filter-fields';
import type { TimeZone } from '../table/types';
import { h } from '../shared/dom';
import { buildForm, type FormView } from './form';
import type { StateStore } from './state';
import { checkFilters, toRunFilters, type FormValues, type RunFilters } from './values';
import { datesInZone, utcDates } from './zone-choice';
import { t } from '../shared/l10n';

export interface FormHost {
  root: HTMLElement;
  /** Builds the form for these fields, unless it has them already. */
  build(fields: readonly SliceFilterField[]): void;
  values(): FormValues;
  /** The filters when they are valid (a date alone made midnight in `zone`); else shows the problems. */
  checked(zone: TimeZone): RunFilters | undefined;
  /** Filters not typed in this form (host, settings, recent runs): a date alone there is midnight UTC. */
  fromElsewhere(values: FormValues): FormValues;
  /** Puts these values in the form (clearing its problems) and saves them. */
  set(values: FormValues): void;
  /** Shows the host's problems and focuses the first. */
  showErrors(problems: ReadonlyMap<string, string>): void;
  setZoneNote(zoneName: string): void;
}

export function buildFormHost(store: StateStore, enter: () => void): FormHost {
  const root = h('div', { className: 'form-host' }, h('p', { className: 'loading', text: t('Loading filters…') }));
  let form: FormView | undefined;
  let fieldNames = '';
  const save = (): void => {
    if (form !== undefined) store.update({ form: form.values() });
  };
  return {
    root,
    build(fields) {
      const names = fields.map((f) => `${f.name}:${f.kind}`).join(',');
      if (form !== undefined && names === fieldNames) return;
      form = buildForm(fields, { input: save, enter });
      root.replaceChildren(form.root);
      fieldNames = names;
    },
    values: () => form?.values() ?? {},
    checked(zone) {
      if (form === undefined) return undefined;
      const filters = datesInZone(toRunFilters(form.values()), form.instantFields, zone);
      const problems = checkFilters(filters);
      form.showErrors(problems);
      if (problems.size === 0) return filters;
      form.focusFirstError();
      return undefined;
    },
    fromElsewhere: (values) => (form === undefined ? values : utcDates(values, form.instantFields)),
    set(values) {
      form?.setValues(values);
      form?.showErrors(new Map());
      save();
    },
    showErrors(problems) {
      form?.showErrors(problems);
      form?.focusFirstError();
    },
    setZoneNote: (zoneName) => form?.setZoneNote(zoneName),
  };
}
