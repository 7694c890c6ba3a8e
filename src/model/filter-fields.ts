/**
 * The ten filters' labels, help, examples and kinds, in form order: what the form shows (SLICE_FILTER_FIELDS). The
 * host sends them to the webview in its init message, so the webview bundle carries only the rules (filters.ts).
 */
import { KNOWN_TRACKING_TYPES, SLICE_FILTER_NAMES, type SliceFilterName } from './filters';

export type SliceFilterKind = 'types' | 'text' | 'instant' | 'seconds';

export interface SliceFilterMeta {
  label: string;
  help: string;
  kind: SliceFilterKind;
  /** A valid value to show as a placeholder. */
  example: string;
  /** Known values for kind 'types'. */
  suggestions?: readonly string[];
}

const exact = 'An exact match, rarely useful: prefer the from/to filters.';
const dateNote = 'A date alone (YYYY-MM-DD) means midnight UTC.';

const META: Record<SliceFilterName, SliceFilterMeta> = {
  tracking_type: {
    label: 'Tracking types',
    help: 'Kinds of slices: time_spent (in the event app), sponsor (sponsor booths), streamlink (streams). Several are sent comma-separated; empty returns all three. time_spent alone is what a presence check wants.',
    kind: 'types',
    example: 'time_spent',
    suggestions: KNOWN_TRACKING_TYPES,
  },
  start_from: {
    label: 'Started from',
    help: `Slices starting at or after this instant. ${dateNote}`,
    kind: 'instant',
    example: '2023-05-10T00:00:00.000Z',
  },
  start_to: {
    label: 'Started until',
    help: `Slices starting at or before this instant. ${dateNote}`,
    kind: 'instant',
    example: '2023-05-15T00:00:00.000Z',
  },
  end_from: {
    label: 'Ended from',
    help: `Slices ending at or after this instant. ${dateNote}`,
    kind: 'instant',
    example: '2023-05-10T00:00:00.000Z',
  },
  end_to: {
    label: 'Ended until',
    help: `Slices ending at or before this instant. ${dateNote}`,
    kind: 'instant',
    example: '2023-05-15T00:00:00.000Z',
  },
  trackable_type: {
    label: 'Trackable type',
    help: 'Only slices about this kind of thing, as Brella names it (e.g. Sponsor).',
    kind: 'text',
    example: 'Sponsor',
  },
  duration: {
    label: 'Duration (seconds)',
    help: 'Slices lasting exactly this many seconds.',
    kind: 'seconds',
    example: '300',
  },
  click_time: {
    label: 'Click time',
    help: `Slices clicked at exactly this instant. ${exact}`,
    kind: 'instant',
    example: '2023-05-10T09:30:00.000Z',
  },
  start_time: {
    label: 'Start time (exact)',
    help: `Slices starting exactly at this instant. ${exact}`,
    kind: 'instant',
    example: '2023-05-10T09:30:00.000Z',
  },
  end_time: {
    label: 'End time (exact)',
    help: `Slices ending exactly at this instant. ${exact}`,
    kind: 'instant',
    example: '2023-05-10T10:00:00.000Z',
  },
};

export interface SliceFilterField extends SliceFilterMeta {
  name: SliceFilterName;
}

/** Form metadata, in form (and query string) order. */
export const SLICE_FILTER_FIELDS: readonly SliceFilterField[] = SLICE_FILTER_NAMES.map((name) => Object.freeze({ name, ...META[name] }));
