/**
 * Time zones by Intl alone (no libraries, no DOM): the offset of a zone at an instant, wall-clock time to an
 * instant (for "a date means midnight in this zone"), and days in a zone. A zone is 'local' (this computer's),
 * 'utc', or an IANA name such as Europe/Helsinki. Offsets are cached per zone and 15-minute bucket, where they
 * are constant (every transition since 1970 falls on a quarter hour), so formatting 100 000 times stays cheap.
 */
export type Zone = 'local' | 'utc' | (string & {});

export const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const BUCKET_MS = 15 * MINUTE_MS;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** True for 'local', 'utc' and zone names this runtime's Intl knows (Europe/Helsinki); false for anything else. */
export function isKnownZone(zone: string): boolean {
  if (zone === 'local' || zone === 'utc') return true;
  if (zone.length === 0 || zone.length > 64) return false;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at `ms` by Intl: wall clock read back as if it were UTC, minus the instant. */
function intlOffsetMs(zone: string, ms: number): number {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const p of formatter(zone).formatToParts(ms)) parts[p.type] = p.value;
  const num = (type: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second'): number => Number(parts[type]);
  const wall = new Date(Date.UTC(2000, num('month') - 1, num('day'), num('hour'), num('minute'), num('second')));
  wall.setUTCFullYear(parts.era?.startsWith('B') ? 1 - num('year') : num('year'));
  return wall.getTime() - Math.floor(ms / 1000) * 1000;
}

function rawOffsetMs(zone: Zone, ms: number): number {
  if (zone === 'utc') return 0;
  if (zone === 'local') return -new Date(ms).getTimezoneOffset() * MINUTE_MS;
  return intlOffsetMs(zone, ms);
}

const caches = new Map<string, Map<number, number>>();
const dayCaches = new Map<string, Map<number, number>>();
// The last two answers, for runs of instants in the same quarter hours (rows in time order: starts and ends).
let lastZone = '';
let bucketA = NaN;
let offsetA = 0;
let bucketB = NaN;
let offsetB = 0;

/**
 * The zone's offset over a whole UTC day when it is the same at both ends (no change in between: changes are
 * months apart), else NaN: two Intl calls a day instead of two per quarter hour.
 */
function dayOffset(zone: Zone, day: number): number {
  let days = dayCaches.get(zone);
  if (days === undefined) dayCaches.set(zone, (days = new Map()));
  let offset = days.get(day);
  if (offset === undefined) {
    const start = rawOffsetMs(zone, day * DAY_MS);
    offset = start === rawOffsetMs(zone, day * DAY_MS + DAY_MS - 1) ? start : NaN;
    if (days.size > 100_000) days.clear();
    days.set(day, offset);
  }
  return offset;
}

/** Milliseconds to add to UTC to get the wall clock of `zone` at instant `ms` (Helsinki in summer: +3 h). */
export function zoneOffsetMs(zone: Zone, ms: number): number {
  if (zone === 'utc' || !Number.isFinite(ms)) return 0;
  const bucket = Math.floor(ms / BUCKET_MS);
  if (zone === lastZone) {
    if (bucket === bucketA) return offsetA;
    if (bucket === bucketB) return offsetB;
  } else {
    lastZone = zone;
    bucketA = bucketB = NaN;
  }
  let cache = caches.get(zone);
  if (cache === undefined) {
    cache = new Map();
    caches.set(zone, cache);
  }
  let offset = cache.get(bucket);
  if (offset === undefined) {
    offset = dayOffset(zone, Math.floor(ms / DAY_MS));
    if (offset !== offset) {
      // The offset changes on this UTC day: quarter-hour buckets, where it is constant.
      const start = rawOffsetMs(zone, bucket * BUCKET_MS);
      const end = rawOffsetMs(zone, bucket * BUCKET_MS + BUCKET_MS - 1);
      if (start !== end) return rawOffsetMs(zone, ms);
      offset = start;
    }
    if (cache.size > 100_000) cache.clear();
    cache.set(bucket, offset);
  }
  bucketB = bucketA;
  offsetB = offsetA;
  bucketA = bucket;
  offsetA = offset;
  return offset;
}

/**
 * The zone's offset at `ms` and the instants [from, to) around it over which that offset holds: the whole UTC
 * day when nothing changes that day, else the quarter hour. A loop over instants in time order keeps the span
 * and adds the offset itself while it holds, with no call per instant.
 */
export function offsetSpan(zone: Zone, ms: number): { offset: number; from: number; to: number } {
  if (zone === 'utc' || !Number.isFinite(ms)) return { offset: 0, from: -Infinity, to: Infinity };
  const day = Math.floor(ms / DAY_MS);
  const whole = dayOffset(zone, day);
  if (whole === whole) return { offset: whole, from: day * DAY_MS, to: day * DAY_MS + DAY_MS };
  const bucket = Math.floor(ms / BUCKET_MS);
  const offset = zoneOffsetMs(zone, ms);
  // A bucket whose two ends disagree (not a quarter-hour change) holds for this instant alone.
  const start = rawOffsetMs(zone, bucket * BUCKET_MS);
  return start === offset && rawOffsetMs(zone, bucket * BUCKET_MS + BUCKET_MS - 1) === offset
    ? { offset, from: bucket * BUCKET_MS, to: bucket * BUCKET_MS + BUCKET_MS }
    : { offset, from: ms, to: ms + 1 };
}

/** Forgets cached offsets (tests that change process.env.TZ call this for 'local'). */
export function resetZoneCaches(): void {
  caches.clear();
  dayCaches.clear();
  bucketA = bucketB = NaN;
}

/**
 * The instant at which `zone`'s wall clock shows `wallMs` (a wall-clock time written as if it were UTC).
 * Like Temporal's "compatible": a time skipped by a DST change (03:30 in Helsinki on 2023-03-26) is read
 * with the offset from before it (so it lands at 04:30 summer time); a time that happens twice (03:30 on
 * 2023-10-29) means the first of the two.
 */
export function wallToInstant(zone: Zone, wallMs: number): number {
  if (zone === 'utc') return wallMs;
  const before = zoneOffsetMs(zone, wallMs - DAY_MS);
  const after = zoneOffsetMs(zone, wallMs + DAY_MS);
  const fits = [before, after].map((o) => wallMs - o).filter((t) => zoneOffsetMs(zone, t) === wallMs - t);
  if (fits.length > 0) return Math.min(...fits);
  return wallMs - before;
}

/** Days since 1970-01-01 of the wall-clock date at `ms` in `zone`. */
export function dayNumber(zone: Zone, ms: number): number {
  return Math.floor((ms + zoneOffsetMs(zone, ms)) / DAY_MS);
}

/** The instant of 00:00 in `zone` on the day `day` (days since 1970-01-01). */
export function dayStart(zone: Zone, day: number): number {
  return wallToInstant(zone, day * DAY_MS);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a YYYY-MM-DD date, or undefined when it is not a real date. */
export function parseDay(text: string): number | undefined {
  const m = DATE.exec(text);
  if (m === null) return undefined;
  const date = new Date(Date.UTC(2000, +m[2]! - 1, +m[3]!));
  date.setUTCFullYear(+m[1]!);
  if (date.getUTCFullYear() !== +m[1]! || date.getUTCMonth() !== +m[2]! - 1 || date.getUTCDate() !== +m[3]!) return undefined;
  return date.getTime() / DAY_MS;
}

/** YYYY-MM-DD of a day number. */
export function dayText(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** An offset as ±hh:mm ("+03:00", "-04:30", "+00:00"). */
export function offsetText(offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / MINUTE_MS);
  return (offsetMs < 0 ? '-' : '+') + pad2(Math.floor(minutes / 60)) + ':' + pad2(minutes % 60);
}

/**
 * An instant as ISO 8601 with the zone's offset: 2023-05-10T03:00:00.000+03:00 (UTC keeps its Z). The same
 * instant as Brella's UTC text, written as the zone's clock shows it.
 */
export function isoInZone(ms: number, zone: Zone): string {
  if (!Number.isFinite(ms)) return '';
  if (zone === 'utc') return new Date(ms).toISOString();
  const offset = zoneOffsetMs(zone, ms);
  return new Date(ms + offset).toISOString().slice(0, -1) + offsetText(offset);
}

/** The name this runtime gives its own zone (Europe/Berlin), or undefined. */
export function localZoneName(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}
