/**
 * Preset buttons that fill the form, then the event's saved queries, then Save Query…. "During the event"
 * sets the start range to the event's days in its own zone (UTC when Brella gives none) and keeps the other
 * filters; "Presence since event start" is the check-in recipe (00:00 UTC of the first day, as Brella
 * recommends) and replaces the form; "Everything" clears it; a saved query replaces the form with its filters.
 * A note under the buttons says what the last preset set, in words.
 */
import type { PanelTarget, SavedQueryItem } from '../../src/protocol/slices';
import { button, h, show, type ToolkitButton } from '../shared/dom';
import { longUtc } from './format';
import { endOfDayText, eventZoneOf, midnightText } from './zone-choice';
import type { FormValues } from './values';
import { t } from '../shared/l10n';

interface Preset {
  id: string;
  label: string;
  title(target: PanelTarget): string;
  /** The new form values, or null when the target lacks what the preset needs. */
  apply(target: PanelTarget, current: FormValues): FormValues | null;
  /** What the preset did, said under the buttons. */
  note(target: PanelTarget): string;
}

const zoneOf = (target: PanelTarget): string => eventZoneOf(target) ?? 'utc';
const zoneWords = (target: PanelTarget): string => (eventZoneOf(target) ? t('Event time ({0})', eventZoneOf(target)!) : t('UTC (the event has no time zone in Brella)'));

export const PRESETS: readonly Preset[] = [
  {
    id: 'preset-during',
    label: t('During the event'),
    title: (target) => t('Slices that started on the event\'s days, from 00:00 of the first day to the end of the last day, in {0}.', zoneWords(target)),
    apply: (target, current) => {
      const from = target.eventStart ? midnightText(target.eventStart, zoneOf(target)) : undefined;
      const to = target.eventEnd ? endOfDayText(target.eventEnd, zoneOf(target)) : undefined;
      return from && to ? { ...current, start_from: from, start_to: to } : null;
    },
    note: (target) => t('During the event: slices that started from {0} 00:00 to {1} 23:59:59 in {2}.', String(target.eventStart), String(target.eventEnd), zoneWords(target)),
  },
  {
    id: 'preset-presence',
    label: t('Presence since event start'),
    title: () => t('time_spent slices (time in the event app) since 00:00 UTC of the first day of the event, as Brella recommends: did the attendee check in?'),
    apply: (target) => (target.eventStart && midnightText(target.eventStart, 'utc') ? { tracking_type: ['time_spent'], start_from: midnightText(target.eventStart, 'utc')! } : null),
    note: (target) => t('Presence since event start: time_spent slices from {0} (00:00 UTC of the first day, as Brella recommends), whatever zone the times are shown in.', longUtc(`${target.eventStart}T00:00:00.000Z`)),
  },
  {
    id: 'preset-everything',
    label: t('Everything'),
    title: () => t('Clear every filter: all slices of the attendee.'),
    apply: () => ({}),
    note: () => '',
  },
];

export interface PresetsView {
  root: HTMLElement;
  setTarget(target: PanelTarget): void;
  setSavedQueries(queries: readonly SavedQueryItem[]): void;
}

/** "tracking_type=time_spent, start_from=2023-05-10" */
export function filtersText(filters: Record<string, unknown>): string {
  const parts = Object.entries(filters)
    .filter(([, v]) => v !== '' && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`);
  return parts.length === 0 ? t('no filters') : parts.join(', ');
}

export function buildPresets(getValues: () => FormValues, onApply: (values: FormValues) => void, onSave: () => void): PresetsView {
  let target: PanelTarget | undefined;
  const note = h('p', { id: 'preset-note', className: 'preset-note', attrs: { 'aria-live': 'polite' } });
  show(note, false);
  const say = (text: string): void => {
    note.textContent = text;
    show(note, text !== '');
  };
  const buttons: ToolkitButton[] = PRESETS.map((p) =>
    button(p.label, { id: p.id }, () => {
      const next = target === undefined ? null : p.apply(target, getValues());
      if (next === null || target === undefined) return;
      onApply(next);
      say(p.note(target));
    }),
  );
  for (const b of buttons) b.disabled = true;
  const saved = h('span', { id: 'saved-queries', className: 'saved-queries', attrs: { role: 'group', 'aria-label': t('Saved queries') } });
  const save = button(t('Save Query…'), { id: 'save-query', title: t('Save the form\'s filters under a name for this event (shown in the tree and here)') }, onSave);
  const row = h('div', { id: 'presets', className: 'presets', attrs: { role: 'group', 'aria-label': t('Presets') } }, h('span', { className: 'presets-label', text: t('Presets:') }), ...buttons, saved, save);
  const root = h('div', { className: 'presets-host' }, row, note);
  return {
    root,
    setTarget(next) {
      target = next;
      PRESETS.forEach((p, i) => {
        const usable = p.apply(next, {}) !== null;
        buttons[i]!.disabled = !usable;
        buttons[i]!.title = usable ? p.title(next) : t('{0} Needs the event\'s dates, which are not known for this event.', p.title(next));
      });
    },
    setSavedQueries(queries) {
      saved.replaceChildren(
        ...queries.map((q, i) =>
          button(q.name, { id: `saved-query-${i}`, title: t('Saved query: {0}', filtersText(q.filters)), attrs: { 'data-saved-query': q.name } }, () => {
            onApply({ ...q.filters });
            say(t('Saved query "{0}": {1}.', q.name, filtersText(q.filters)));
          }),
        ),
      );
    },
  };
}
