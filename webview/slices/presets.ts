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

interface Preset {
  id: string;
  label: string;
  title(target: PanelTarget): string;
  /** The new form values, or null when the target lacks what the preset needs. */
  apply(target: PanelTarget, current: FormValues): FormValues | null;
  /** What the preset did, said under the buttons. */
  note(target: PanelTarget): string;
}

const zoneOf = (t: PanelTarget): string => eventZoneOf(t) ?? 'utc';
const zoneWords = (t: PanelTarget): string => (eventZoneOf(t) ? `Event time (${eventZoneOf(t)})` : 'UTC (the event has no time zone in Brella)');

export const PRESETS: readonly Preset[] = [
  {
    id: 'preset-during',
    label: 'During the event',
    title: (t) => `Slices that started on the event's days, from 00:00 of the first day to the end of the last day, in ${zoneWords(t)}.`,
    apply: (t, current) => {
      const from = t.eventStart ? midnightText(t.eventStart, zoneOf(t)) : undefined;
      const to = t.eventEnd ? endOfDayText(t.eventEnd, zoneOf(t)) : undefined;
      return from && to ? { ...current, start_from: from, start_to: to } : null;
    },
    note: (t) => `During the event: slices that started from ${t.eventStart} 00:00 to ${t.eventEnd} 23:59:59 in ${zoneWords(t)}.`,
  },
  {
    id: 'preset-presence',
    label: 'Presence since event start',
    title: () => 'time_spent slices (time in the event app) since 00:00 UTC of the first day of the event, as Brella recommends: did the attendee check in?',
    apply: (t) => (t.eventStart && midnightText(t.eventStart, 'utc') ? { tracking_type: ['time_spent'], start_from: midnightText(t.eventStart, 'utc')! } : null),
    note: (t) => `Presence since event start: time_spent slices from ${longUtc(`${t.eventStart}T00:00:00.000Z`)} (00:00 UTC of the first day, as Brella recommends), whatever zone the times are shown in.`,
  },
  {
    id: 'preset-everything',
    label: 'Everything',
    title: () => 'Clear every filter: all slices of the attendee.',
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
  return parts.length === 0 ? 'no filters' : parts.join(', ');
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
  const saved = h('span', { id: 'saved-queries', className: 'saved-queries', attrs: { role: 'group', 'aria-label': 'Saved queries' } });
  const save = button('Save Query…', { id: 'save-query', title: "Save the form's filters under a name for this event (shown in the tree and here)" }, onSave);
  const row = h('div', { id: 'presets', className: 'presets', attrs: { role: 'group', 'aria-label': 'Presets' } }, h('span', { className: 'presets-label', text: 'Presets:' }), ...buttons, saved, save);
  const root = h('div', { className: 'presets-host' }, row, note);
  return {
    root,
    setTarget(t) {
      target = t;
      PRESETS.forEach((p, i) => {
        const usable = p.apply(t, {}) !== null;
        buttons[i]!.disabled = !usable;
        buttons[i]!.title = usable ? p.title(t) : `${p.title(t)} Needs the event's dates, which are not known for this event.`;
      });
    },
    setSavedQueries(queries) {
      saved.replaceChildren(
        ...queries.map((q, i) =>
          button(q.name, { id: `saved-query-${i}`, title: `Saved query: ${filtersText(q.filters)}`, attrs: { 'data-saved-query': q.name } }, () => {
            onApply({ ...q.filters });
            say(`Saved query "${q.name}": ${filtersText(q.filters)}.`);
          }),
        ),
      );
    },
  };
}
