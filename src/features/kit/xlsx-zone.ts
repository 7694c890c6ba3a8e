/**
 * Wall-clock time of a zone for Excel, which has no zones: an Excel date is a day count with no offset, so an
 * instant is written as the wall clock of the chosen zone (the sheet's headers and its Query sheet name the zone).
 * By Intl alone. Offsets are cached per 15-minute bucket, where they are constant (every offset change since 1970
 * falls on a quarter hour), so 100 000 rows cost a few hundred Intl calls. Part of the xlsx bundle only.
 */

const MINUTE_MS = 60_000;
const BUCKET_MS = 15 * MINUTE_MS;

/**
 * A function from an instant (ms since 1970, UTC) to the zone's wall clock at that instant, given as the ms of
 * that wall-clock time read as UTC. `zone`: 'utc', 'local' (this computer's) or an IANA name (Europe/Helsinki).
 * Throws a RangeError for a zone Intl does not know.
 */
export function wallClock(zone: string): (ms: number) => number {
  if (zone === 'utc' || zone === 'UTC') return (ms) => ms;
  if (zone === 'local') return (ms) => ms - new Date(ms).getTimezoneOffset() * MINUTE_MS;
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  });
  const offsets = new Map<number, number>();
  return (ms) => {
    const bucket = Math.floor(ms / BUCKET_MS);
    let offset = offsets.get(bucket);
    if (offset === undefined) {
      offset = offsetAt(format, bucket * BUCKET_MS);
      offsets.set(bucket, offset);
    }
    return ms + offset;
  };
}

/** The zone's offset at `ms` (a whole second): its wall clock read back as if it were UTC, minus the instant. */
function offsetAt(format: Intl.DateTimeFormat, ms: number): number {
  const part: Record<string, number> = {};
  for (const p of format.formatToParts(ms)) if (p.type !== 'literal') part[p.type] = Number(p.value);
  const wall = Date.UTC(part['year']!, part['month']! - 1, part['day']!, part['hour']!, part['minute']!, part['second']!);
  return wall - ms;
}
