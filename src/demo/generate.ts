/** Generates the tracking sessions and slices of one attendee from its profile. */
import { chance, int, pick, popular, skewedSeconds, type Rng } from './random.ts';
import { groupSessions } from './sessions.ts';
import type { AttendeeProfile, DemoSession, DemoSlice } from './types.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface ActivityWindow {
  eventId: number;
  startMs: number;
  endMs: number;
  streamIds: readonly number[];
  sponsorIds: readonly number[];
}

export interface IdCounters {
  slice: number;
  session: number;
}

type Trackable = readonly [type: string, id: number] | null;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export class ActivityBuilder {
  readonly slices: DemoSlice[] = [];

  constructor(
    private readonly ids: IdCounters,
    private readonly attendeeId: number,
  ) {}

  /** One visit made of back-to-back slices (finish() groups visits into tracking sessions); returns its end. */
  session(type: string, trackable: Trackable, startMs: number, sliceSeconds: readonly number[], clicked = false): number {
    const sessionId = this.ids.session++;
    const trackableType = trackable ? trackable[0] : null;
    const trackableId = trackable ? trackable[1] : null;
    let t = startMs;
    let startIso = iso(startMs);
    for (const seconds of sliceSeconds) {
      const endMs = t + seconds * 1000;
      const endIso = seconds === 0 ? startIso : iso(endMs);
      const clickMs = clicked && t === startMs ? t : null;
      this.slices.push({
        id: this.ids.slice++, sessionId, trackingType: type, trackableType, trackableId,
        clickTime: clickMs === null ? null : startIso, clickMs,
        startTime: startIso, startMs: t, endTime: endIso, endMs, durationSeconds: seconds,
      });
      t = endMs;
      startIso = endIso;
    }
    return t;
  }

  /** Sorts by start time, then id (the order the API answers in), and groups the visits into tracking sessions. */
  finish(): { slices: DemoSlice[]; sessions: DemoSession[] } {
    this.slices.sort((a, b) => a.startMs - b.startMs || a.id - b.id);
    return { slices: this.slices, sessions: groupSessions(this.attendeeId, this.slices) };
  }
}

/** The daily activity windows (06:00..18:00 UTC clipped to the event) of each event day. */
export function eventDays(w: ActivityWindow): { startMs: number; endMs: number }[] {
  const days: { startMs: number; endMs: number }[] = [];
  for (let midnight = Math.floor(w.startMs / DAY) * DAY; midnight < w.endMs; midnight += DAY) {
    const startMs = Math.max(midnight + 6 * HOUR, w.startMs);
    const endMs = Math.min(midnight + 18 * HOUR, w.endMs);
    if (endMs - startMs >= HOUR) days.push({ startMs, endMs });
  }
  return days;
}

function splitSeconds(rng: Rng, total: number): number[] {
  const parts = total >= 600 ? int(rng, 1, 3) : 1;
  const out: number[] = [];
  let left = total;
  for (let i = parts; i > 1; i--) {
    const s = Math.max(30, Math.floor((left / i) * (0.5 + rng())));
    out.push(Math.min(s, left - 30 * (i - 1)));
    left -= out[out.length - 1] as number;
  }
  out.push(left);
  return out;
}

function sponsorVisit(rng: Rng, b: ActivityBuilder, w: ActivityWindow, startMs: number, maxSeconds: number): number {
  const sponsorId = popular(rng, w.sponsorIds);
  const seconds = Math.min(maxSeconds, skewedSeconds(rng, 30, 1800));
  const end = b.session('sponsor', ['Sponsor', sponsorId], startMs, [seconds]);
  const clicks = chance(rng, 0.5) ? int(rng, 1, 2) : 0;
  for (let k = 0; k < clicks; k++) {
    const at = startMs + Math.floor(rng() * seconds) * 1000;
    b.session('sponsor_media_click', ['SponsorMedia', sponsorId * 10 + int(rng, 1, 4)], at, [0], true);
  }
  return end;
}

function streamView(rng: Rng, b: ActivityBuilder, w: ActivityWindow, startMs: number, maxSeconds: number): number {
  const seconds = Math.min(maxSeconds, skewedSeconds(rng, 30, 5400));
  return b.session('streamlink', ['Streamlink', popular(rng, w.streamIds)], startMs, splitSeconds(rng, seconds), chance(rng, 0.15));
}

function appVisits(rng: Rng, b: ActivityBuilder, w: ActivityWindow, fromMs: number, toMs: number, count: number, extras: boolean): void {
  let cursor = fromMs + Math.floor(rng() * Math.min(2 * HOUR, (toMs - fromMs) / 2));
  for (let i = 0; i < count && cursor < toMs - 60_000; i++) {
    const seconds = Math.max(60, Math.min(skewedSeconds(rng, 60, 7200), Math.floor((toMs - cursor) / 1000)));
    const trackable: Trackable = chance(rng, 0.8) ? ['Event', w.eventId] : null;
    const end = b.session('time_spent', trackable, cursor, splitSeconds(rng, seconds));
    if (extras && chance(rng, 0.35) && seconds >= 90) streamView(rng, b, w, cursor + 30_000 + int(rng, 0, 999), seconds - 60);
    if (extras && chance(rng, 0.35) && seconds >= 90) sponsorVisit(rng, b, w, cursor + 15_000 + int(rng, 0, 999), seconds - 60);
    cursor = end + int(rng, 5, 180) * 60_000 + int(rng, 0, 59_999);
  }
}

/** Slices only in the week before the event day (strictly before its midnight UTC). */
function beforeEvent(rng: Rng, b: ActivityBuilder, w: ActivityWindow, count: number): void {
  const midnight = Math.floor(w.startMs / DAY) * DAY;
  for (let i = 0; i < count; i++) {
    const day = midnight - int(rng, 1, 7) * DAY;
    appVisits(rng, b, w, day + 7 * HOUR, day + 21 * HOUR, 1, false);
  }
}

function someDays<T>(rng: Rng, days: readonly T[], p: number): T[] {
  const chosen = days.filter(() => chance(rng, p));
  return chosen.length > 0 || days.length === 0 ? chosen : [pick(rng, days)];
}

export function generateActivity(rng: Rng, profile: AttendeeProfile, w: ActivityWindow, b: ActivityBuilder): void {
  const days = eventDays(w);
  switch (profile) {
    case 'checked-in':
      if (chance(rng, 0.4)) beforeEvent(rng, b, w, int(rng, 1, 3));
      for (const d of someDays(rng, days, 0.75)) appVisits(rng, b, w, d.startMs, d.endMs, int(rng, 1, 4), true);
      break;
    case 'before-only':
      beforeEvent(rng, b, w, int(rng, 1, 4));
      break;
    case 'sponsor-only':
      for (const d of someDays(rng, days, 0.4)) {
        for (let i = int(rng, 1, 3), t = d.startMs + int(rng, 0, 3600) * 1000; i > 0; i--) {
          t = sponsorVisit(rng, b, w, t, 1800) + int(rng, 10, 120) * 60_000;
        }
      }
      break;
    case 'stream-only':
      for (const d of someDays(rng, days, 0.4)) {
        for (let i = int(rng, 1, 3), t = d.startMs + int(rng, 0, 3600) * 1000; i > 0; i--) {
          t = streamView(rng, b, w, t, 5400) + int(rng, 10, 120) * 60_000;
        }
      }
      break;
    case 'no-activity':
    case 'large':
    case 'boundary':
    case 'added':
      break;
  }
}

/** `count` slices spread from two days before the event to its end, one session each. */
export function generateLarge(rng: Rng, count: number, w: ActivityWindow, b: ActivityBuilder): void {
  const from = Math.floor(w.startMs / DAY) * DAY - 2 * DAY;
  const step = (w.endMs - from) / Math.max(1, count);
  for (let i = 0; i < count; i++) {
    const start = from + Math.floor(i * step + rng() * step * 0.5);
    const r = rng();
    const seconds = int(rng, 30, 600);
    if (r < 0.6) b.session('time_spent', chance(rng, 0.8) ? ['Event', w.eventId] : null, start, [seconds]);
    else if (r < 0.75) b.session('streamlink', ['Streamlink', pick(rng, w.streamIds)], start, [seconds], chance(rng, 0.15));
    else if (r < 0.9) b.session('sponsor', ['Sponsor', pick(rng, w.sponsorIds)], start, [seconds]);
    else b.session('sponsor_media_click', ['SponsorMedia', pick(rng, w.sponsorIds) * 10 + 1], start, [0], true);
  }
}

/**
 * Slices on the edges of an event's windows: a time_spent slice starting exactly at the first day's midnight UTC
 * (the seed's start_from), one starting 1 ms before it, one starting exactly at the event's end, a sponsor visit,
 * and a stream slice with no trackable (its tracking session is all that tells streams apart).
 */
export function generateBoundary(w: ActivityWindow, b: ActivityBuilder): void {
  const midnight = Math.floor(w.startMs / DAY) * DAY;
  b.session('time_spent', ['Event', w.eventId], midnight - 1, [120]);
  b.session('time_spent', ['Event', w.eventId], midnight, [600]);
  b.session('streamlink', null, w.startMs + HOUR, [300, 240]);
  b.session('sponsor', ['Sponsor', w.sponsorIds[0] ?? 1], w.startMs + 2 * HOUR, [90]);
  b.session('time_spent', null, w.endMs, [60]);
}
