/**
 * The panel's time-zone choice (Local, UTC, Event) and what follows from it: the zone the table, timeline
 * and exports use, how it is named, and the instants of the form (a date typed without a time is midnight in
 * the form's zone). Pure (no DOM).
 */
import type { PanelTarget, TimeZoneSetting } from '../../src/protocol/slices';
import { shownZone } from '../../src/model/zone';
import type { TimeZone } from '../table/types';
import { dayStart, isKnownZone, isoInZone, localZoneName, parseDay } from '../table/zones';
import { t } from '../shared/l10n';

export type ZoneChoice = TimeZoneSetting;

/** The event's zone when this runtime knows it (a name Intl refuses is treated as absent). */
export function eventZoneOf(target: PanelTarget | undefined): string | undefined {
  const zone = target?.timeZone;
  return zone !== undefined && zone !== 'local' && zone !== 'utc' && isKnownZone(zone) ? zone : undefined;
}

/** The zone times are shown in: Event falls back to local time while the event's zone is unknown (one rule, in the model). */
export const resolveZone: (choice: ZoneChoice, eventZone: string | undefined) => TimeZone = shownZone;

/** "Event time (Europe/Helsinki)", "Local time (Europe/Berlin)", "UTC". */
export function zoneName(choice: ZoneChoice, eventZone: string | undefined): string {
  if (choice === 'utc') return t('UTC');
  if (choice === 'event' && eventZone !== undefined) return t('Event time ({0})', eventZone);
  const local = localZoneName();
  return local === undefined ? t('Local time') : t('Local time ({0})', local);
}

/** How an export's headers name the zone: "UTC", "Europe/Helsinki", "local time Europe/Berlin". */
export function exportZoneName(zone: TimeZone): string {
  if (zone === 'utc') return t('UTC');
  if (zone === 'local') {
    const local = localZoneName();
    return local === undefined ? t('local time') : t('local time {0}', local);
  }
  return zone;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Form values with every date typed without a time (in an instant field) turned into midnight of that day in
 * `zone`, written with the zone's offset (2023-05-10 in Helsinki → 2023-05-10T00:00:00.000+03:00). In UTC a
 * date stays as typed (the host reads it as midnight UTC). Anything else is left for validation to judge.
 */
export function datesInZone<T extends Record<string, unknown>>(filters: T, instantFields: ReadonlySet<string>, zone: TimeZone): T {
  if (zone === 'utc') return filters;
  const out: Record<string, unknown> = { ...filters };
  for (const [name, value] of Object.entries(filters)) {
    const midnight = instantFields.has(name) && typeof value === 'string' ? midnightText(value.trim(), zone) : undefined;
    if (midnight !== undefined) out[name] = midnight;
  }
  return out as T;
}

/**
 * Filters from elsewhere (saved queries in settings, runs started from the tree, recent runs) follow the API's
 * rule, a date alone is midnight UTC: in the form, whose dates follow its own zone, they are written out as such
 * (2023-05-10 → 2023-05-10T00:00:00.000Z), so they keep their meaning whatever zone the form uses.
 */
export function utcDates<T extends Record<string, unknown>>(values: T, instantFields: ReadonlySet<string>): T {
  const out: Record<string, unknown> = { ...values };
  for (const [name, value] of Object.entries(values)) {
    if (instantFields.has(name) && typeof value === 'string' && DATE_ONLY.test(value.trim())) out[name] = `${value.trim()}T00:00:00.000Z`;
  }
  return out as T;
}

/** Midnight of a YYYY-MM-DD day in a zone, as form text with the zone's offset; undefined for a bad date. */
export function midnightText(date: string, zone: TimeZone): string | undefined {
  const day = parseDay(date);
  return day === undefined ? undefined : isoInZone(dayStart(zone, day), zone);
}

/** The last millisecond of a YYYY-MM-DD day in a zone (23:59:59.999), as form text with the zone's offset. */
export function endOfDayText(date: string, zone: TimeZone): string | undefined {
  const day = parseDay(date);
  return day === undefined ? undefined : isoInZone(dayStart(zone, day + 1) - 1, zone);
}
