/**
 * Display formatting. Times show as `YYYY-MM-DD HH:mm:ss` (seconds truncated); in UTC mode they
 * carry a ` UTC` suffix so a copied value is never ambiguous, in local mode no suffix.
 * Durations show as `h:mm:ss` (hours unbounded: 27:00:00). Null shows as ''.
 */
import type { CellValue, ColumnKind, TimeZone } from './types';
import { zoneOffsetMs } from './zones';

const ISO = /^(\d{4})-(\d\d)-(\d\d)[T ](\d\d):(\d\d)(?::(\d\d)(?:\.(\d{1,9}))?)?(Z|[+-]\d\d(?::?\d\d)?)?$/i;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
}

/** Two digits at i as a number, or NaN. */
function d2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : NaN;
}

/** `YYYY-MM-DDTHH:mm:ss[.fff…](Z|±hh:mm|±hhmm)` without regex or Date; NaN when not in that shape. */
function parseFast(t: string): number {
  const n = t.length;
  if (n < 20 || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45 || t.charCodeAt(13) !== 58 || t.charCodeAt(16) !== 58) return NaN;
  const sep = t.charCodeAt(10);
  if (sep !== 84 && sep !== 32 && sep !== 116) return NaN;
  const y = d2(t, 0) * 100 + d2(t, 2);
  const mo = d2(t, 5);
  const d = d2(t, 8);
  const h = d2(t, 11);
  const mi = d2(t, 14);
  const sec = d2(t, 17);
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && sec <= 59)) return NaN;
  let i = 19;
  let frac = 0;
  if (t.charCodeAt(i) === 46) {
    let scale = 100;
    for (i++; i < n; i++) {
      const c = t.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      frac += c * scale;
      scale /= 10;
    }
    frac = Math.floor(frac);
  }
  let offsetMin = 0;
  const z = t.charCodeAt(i);
  if (z === 90 || z === 122) i++;
  else if (z === 43 || z === 45) {
    const oh = d2(t, i + 1);
    const colon = t.charCodeAt(i + 3) === 58 ? 1 : 0;
    const om = d2(t, i + 3 + colon);
    offsetMin = (z === 45 ? -1 : 1) * (oh * 60 + om);
    i += 5 + colon;
  } else return NaN;
  if (i !== n) return NaN;
  return daysFromCivil(y, mo, d) * DAY_MS + ((h * 60 + mi - offsetMin) * 60 + sec) * 1000 + frac;
}

/** Milliseconds since the epoch for an ISO 8601 instant, NaN when unparsable. Cheaper than Date.parse. */
export function parseIsoMs(text: string): number {
  const fast = parseFast(text);
  if (fast === fast) return fast;
  const m = ISO.exec(text);
  if (m === null) return Date.parse(text);
  const frac = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  const sec = m[6] === undefined ? 0 : +m[6];
  if (+m[2]! < 1 || +m[2]! > 12 || +m[3]! < 1 || +m[3]! > 31 || +m[4]! > 23 || +m[5]! > 59 || sec > 59) return NaN;
  const zone = m[8];
  // Without an offset ECMAScript reads a date-time as local time.
  if (zone === undefined) return new Date(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, sec, frac).getTime();
  let ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, sec, frac);
  if (zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0')) * 60_000;
  }
  return ms;
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

const durationTexts: string[] = [];

/** `h:mm:ss`, rounding to whole seconds; negative values get a leading '-'. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '';
  const total = Math.round(Math.abs(seconds));
  if (seconds >= 0 && total < 360_000) return (durationTexts[total] ??= durationText(total));
  return (seconds < 0 && total > 0 ? '-' : '') + durationText(total);
}

function durationText(total: number): string {
  const h = Math.floor(total / 3600);
  return h + ':' + pad2(Math.floor((total % 3600) / 60)) + ':' + pad2(total % 60);
}

const MINUTE_MS = 60_000;
const BUCKET_MS = 15 * MINUTE_MS;
const offsetCache = new Map<number, number>();
let lastBucket = NaN;
let lastOffset = 0;

/** Local offset (ms to add to UTC) at `ms`, cached per 15-minute bucket where it is constant. */
function localOffsetMs(ms: number): number {
  const bucket = Math.floor(ms / BUCKET_MS);
  if (bucket === lastBucket) return lastOffset;
  const cached = offsetCache.get(bucket);
  if (cached !== undefined) {
    lastBucket = bucket;
    lastOffset = cached;
    return cached;
  }
  const start = -new Date(bucket * BUCKET_MS).getTimezoneOffset() * MINUTE_MS;
  const end = -new Date(bucket * BUCKET_MS + BUCKET_MS - 1).getTimezoneOffset() * MINUTE_MS;
  if (start !== end) return -new Date(ms).getTimezoneOffset() * MINUTE_MS;
  if (offsetCache.size > 100_000) offsetCache.clear();
  offsetCache.set(bucket, start);
  lastBucket = bucket;
  lastOffset = start;
  return start;
}

/** Forget cached local offsets (tests that change process.env.TZ call this). */
export function resetTimeZoneCache(): void {
  offsetCache.clear();
  lastBucket = NaN;
}

const dayTexts = new Map<number, string>();
const timeOfDayTexts: string[] = [];
let lastDay = NaN;
let lastDayText = '';

/** `YYYY-MM-DD ` of a day number (days since 1970-01-01), by arithmetic (H. Hinnant's civil_from_days). */
function dayText(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const y = year >= 0 && year < 10_000 ? String(year).padStart(4, '0') : String(year);
  return y + '-' + pad2(month) + '-' + pad2(day) + ' ';
}

/** Wall-clock `YYYY-MM-DD HH:mm:ss` of an epoch value already shifted to the wanted zone. */
function wallClock(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  const secs = Math.floor((ms - days * DAY_MS) / 1000);
  let date = days === lastDay ? lastDayText : dayTexts.get(days);
  if (date === undefined) {
    if (dayTexts.size > 20_000) dayTexts.clear();
    date = dayText(days);
    dayTexts.set(days, date);
  }
  lastDay = days;
  lastDayText = date;
  const tod = (timeOfDayTexts[secs] ??= pad2(Math.floor(secs / 3600)) + ':' + pad2(Math.floor((secs % 3600) / 60)) + ':' + pad2(secs % 60));
  return date + tod;
}

/** Display text for an epoch-ms instant; '' for NaN. `suffix: false` leaves out ' UTC'. */
export function formatTimeMs(ms: number, tz: TimeZone, suffix = true): string {
  if (!Number.isFinite(ms)) return '';
  if (tz === 'local') return wallClock(ms + localOffsetMs(ms));
  if (tz !== 'utc') return wallClock(ms + zoneOffsetMs(tz, ms)); // an IANA zone, named in the toolbar and exports
  return suffix ? wallClock(ms) + ' UTC' : wallClock(ms);
}

/** Display text for an ISO string; unparsable text is shown as given. */
export function formatTime(iso: string | null | undefined, tz: TimeZone): string {
  if (iso === null || iso === undefined || iso === '') return '';
  const ms = parseIsoMs(iso);
  return Number.isFinite(ms) ? formatTimeMs(ms, tz) : iso;
}

/** Display text for a raw cell value of a column kind. */
export function formatValue(kind: ColumnKind, value: CellValue, tz: TimeZone): string {
  if (value === null) return '';
  switch (kind) {
    case 'time':
      return typeof value === 'number' ? formatTimeMs(value, tz) : formatTime(value, tz);
    case 'duration':
      return formatDuration(typeof value === 'number' ? value : Number(value));
    default:
      return String(value);
  }
}
