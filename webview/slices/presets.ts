/**
 * Preset buttons that fill the form. "During the event" sets the start range and keeps the other
 * filters; "Presence since event start" is the check-in recipe and replaces the form; "Everything" clears it.
 */
import type { PanelTarget } from '../../src/protocol/slices';
import { button, h, type ToolkitButton } from './dom';
import type { FormValues } from './values';

interface Preset {
  id: string;
  label: string;
  title: string;
  /** The new form values, or null when the target lacks what the preset needs. */
  apply(target: PanelTarget, current: FormValues): FormValues | null;
}

export const PRESETS: readonly Preset[] = [
  {
    id: 'preset-during',
    label: 'During the event',
    title: 'Slices that started between the first day of the event (00:00 UTC) and the end of its last day (UTC).',
    apply: (t, current) =>
      t.eventStart && t.eventEnd ? { ...current, start_from: t.eventStart, start_to: `${t.eventEnd}T23:59:59.999Z` } : null,
  },
  {
    id: 'preset-presence',
    label: 'Presence since event start',
    title: 'time_spent slices (time in the event app) since the first day of the event at 00:00 UTC: did the attendee check in?',
    apply: (t) => (t.eventStart ? { tracking_type: ['time_spent'], start_from: t.eventStart } : null),
  },
  {
    id: 'preset-everything',
    label: 'Everything',
    title: 'Clear every filter: all slices of the attendee.',
    apply: () => ({}),
  },
];

export interface PresetsView {
  root: HTMLElement;
  setTarget(target: PanelTarget): void;
}

export function buildPresets(getValues: () => FormValues, onApply: (values: FormValues) => void): PresetsView {
  let target: PanelTarget | undefined;
  const buttons: ToolkitButton[] = PRESETS.map((p) =>
    button(p.label, { id: p.id, title: p.title }, () => {
      const next = target === undefined ? null : p.apply(target, getValues());
      if (next !== null) onApply(next);
    }),
  );
  for (const b of buttons) b.disabled = true;
  const root = h('div', { id: 'presets', className: 'presets', attrs: { role: 'group', 'aria-label': 'Presets' } }, h('span', { className: 'presets-label', text: 'Presets:' }), ...buttons);
  return {
    root,
    setTarget(t) {
      target = t;
      PRESETS.forEach((p, i) => {
        const usable = p.apply(t, {}) !== null;
        buttons[i]!.disabled = !usable;
        buttons[i]!.title = usable ? p.title : `${p.title} Needs the event's dates, which are not known for this event.`;
      });
    },
  };
}
