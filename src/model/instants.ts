/**
 * Parsing of the instants slice filters accept: a bare date YYYY-MM-DD (midnight UTC) or an ISO 8601 date-time
 * with a zone (Z or ±hh:mm), normalized to YYYY-MM-DDTHH:mm:ss.sssZ as Brella's examples write them.
 */

export type InstantResult = { ok: true; iso: string } | { ok: false; problem: 'not-a-date' | 'no-zone' };

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

export function parseInstant(text: string): InstantResult {
  const value = text.trim();
  const dateOnly = DATE_ONLY.exec(value);
  if (dateOnly) {
    const ms = utcMillis(+dateOnly[1], +dateOnly[2], +dateOnly[3], 0, 0, 0, 0);
    return ms === undefined ? { ok: false, problem: 'not-a-date' } : { ok: true, iso: new Date(ms).toISOString() };
  }
  const m = DATE_TIME.exec(value);
  if (!m) return { ok: false, problem: 'not-a-date' };
  const [, y, mo, d, h, mi, s = '0', frac = '', zone] = m;
  const millis = Number(frac.padEnd(3, '0').slice(0, 3));
  const local = utcMillis(+y, +mo, +d, +h, +mi, +s, millis);
  if (local === undefined) return { ok: false, problem: 'not-a-date' };
  if (zone === undefined) return { ok: false, problem: 'no-zone' };
  const offset = zoneOffsetMinutes(zone);
  if (offset === undefined) return { ok: false, problem: 'not-a-date' };
  const date = new Date(local - offset * 60_000);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1 || date.getUTCFullYear() > 9999) {
    return { ok: false, problem: 'not-a-date' };
  }
  return { ok: true, iso: date.toISOString() };
}

/** Milliseconds since the epoch for a UTC wall time, or undefined when any part is out of range (2023-02-30). */
function utcMillis(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number | undefined {
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const date = new Date(Date.UTC(2000, mo - 1, d, h, mi, s, ms));
  date.setUTCFullYear(y, mo - 1, d);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return date.getTime();
}

function zoneOffsetMinutes(zone: string): number | undefined {
  if (zone === 'Z' || zone === 'z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return undefined;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? '0');
  if (hours > 23 || minutes > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}
