/** Which zone times are shown in: the one rule the host and every webview follow. Pure (no Intl, no DOM). */

/** `brella.timeZone` and the panels' Local / UTC / Event choice. */
export type ZoneSetting = 'local' | 'utc' | 'event';

/** A zone as the tables use it: this computer's, UTC, or an IANA name. */
export type ShownZone = 'local' | 'utc' | (string & {});

/** The zone times are shown in: "event" is the event's own zone, or this computer's while it is unknown. */
export function shownZone(setting: ZoneSetting, eventZone: string | undefined): ShownZone {
  return setting === 'event' ? (eventZone ?? 'local') : setting;
}
