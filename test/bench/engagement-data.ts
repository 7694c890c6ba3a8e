/**
 * A synthetic engagement event for the engagement benchmark: 3 days, 200 sponsor booths and 100 streams with
 * Zipf-like popularity (the k-th most popular visited about 1/k as often as the first), and per attendee about 50
 * slices (30 to 70): time in the app, booth visits of one or two slices, stream views of one to four back-to-back
 * slices of minutes to an hour, and booth-media clicks naming their booth. Each attendee's slices come as the two
 * pages an engagement report asks for (the default kinds, then the clicks), mapped as the client maps them.
 * Deterministic: attendee i is the same in every process, so the fold and the webview see the same event.
 */
import type { TrackingSessionSlice } from '../../src/brella';
import type { ReportAttendee, ReportRow, ReportWindow } from '../../src/reports';
import { DayCutter, RowBuilder, type RowBounds } from '../../src/reports/rows';
import { mulberry32, type Rng } from '../../src/demo/random';

export const BOOTHS = 200;
export const STREAMS = 100;
export const DAY_ZONE = 'Europe/Helsinki';
export const WINDOW: ReportWindow = { startFrom: '2023-05-10T00:00:00.000Z', startTo: '2023-05-13T00:00:00.000Z' };
export const BOUNDS: RowBounds = { fromMs: Date.parse(WINDOW.startFrom), toMs: Date.parse(WINDOW.startTo!) };
export const AS_OF = '2023-05-13T08:00:00.000Z';
const EVENT_ID = '5001';
const FIRST_BOOTH = 7001;
const FIRST_STREAM = 9001;
const DAY_MS = 86_400_000;
const OPEN_MS = 7 * 3_600_000; // 07:00 UTC, 10:00 in Helsinki
const OPEN_HOURS_MS = 11 * 3_600_000;



const between = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));

/** Picks 0..n-1 with weight 1/(k+1): a cumulative table and a binary search. */
function zipf(n: number): (rng: Rng) => number {
  const cumulative: number[] = [];
  let sum = 0;
  for (let k = 0; k < n; k++) cumulative.push((sum += 1 / (k + 1)));
  return (rng) => {
    const x = rng() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const booth = zipf(BOOTHS);
const stream = zipf(STREAMS);

export function attendeeOf(i: number): ReportAttendee {
  return { id: String(100_001 + i), name: `Person ${i}`, email: `person.${i}@example.com`, company: i % 4 === 0 ? null : `Company ${i % 97}` };
}

/** Slices of one attendee under way: ids unique across the event, one tracking session per visit. */
class Slices {
  readonly main: TrackingSessionSlice[] = [];
  readonly clicks: TrackingSessionSlice[] = [];
  private next = 0;

  constructor(private readonly base: number) {}

  session(type: string, trackable: [string, number] | null, startMs: number, seconds: readonly number[]): void {
    const sessionId = String(this.base + this.next);
    let at = startMs;
    for (const s of seconds) {
      const click = type === 'sponsor_media_click';
      const slice: TrackingSessionSlice = {
        id: String(this.base + this.next++), trackingType: type, trackableType: trackable?.[0] ?? null, trackableId: trackable ? String(trackable[1]) : null,
        startTime: new Date(at).toISOString(), endTime: click ? null : new Date(at + s * 1000).toISOString(), clickTime: click ? new Date(at).toISOString() : null,
        durationSeconds: s, trackingSessionId: sessionId, extra: {},
      };
      (click ? this.clicks : this.main).push(slice);
      at += s * 1000;
    }
  }

  get count(): number {
    return this.main.length + this.clicks.length;
  }
}

/** Attendee i's slices as the two pages the report reads: the default kinds (by start), then the booth-media clicks. */
export function attendeePages(i: number): TrackingSessionSlice[][] {
  const rng = mulberry32(0x5eed + i * 7919);
  const target = between(rng, 30, 70);
  const days = [0, 1, 2].filter(() => rng() < 0.8);
  if (days.length === 0) days.push(between(rng, 0, 2));
  const out = new Slices(1_000_000 + i * 1000);
  while (out.count < target) {
    const day = days[between(rng, 0, days.length - 1)]!;
    const start = BOUNDS.fromMs + day * DAY_MS + OPEN_MS + Math.floor(rng() * OPEN_HOURS_MS);
    const r = rng();
    if (r < 0.4) out.session('time_spent', rng() < 0.8 ? ['Event', Number(EVENT_ID)] : null, start, [between(rng, 60, 1800)]);
    else if (r < 0.65) out.session('sponsor', ['Sponsor', FIRST_BOOTH + booth(rng)], start, Array.from({ length: between(rng, 1, 2) }, () => between(rng, 30, 900)));
    else if (r < 0.85) out.session('streamlink', ['StreamLink', FIRST_STREAM + stream(rng)], start, Array.from({ length: between(rng, 1, 4) }, () => between(rng, 120, 3600)));
    else out.session('sponsor_media_click', ['Sponsor', FIRST_BOOTH + booth(rng)], start, [0]);
  }
  out.main.sort((a, b) => (a.startTime < b.startTime ? -1 : a.startTime > b.startTime ? 1 : 0));
  out.clicks.sort((a, b) => (a.startTime < b.startTime ? -1 : a.startTime > b.startTime ? 1 : 0));
  return [out.main, out.clicks];
}

/** Attendee i's engagement row, folded from its pages as a report run folds them. */
export function attendeeRow(i: number, cutter = new DayCutter(DAY_ZONE)): ReportRow {
  const builder = new RowBuilder('engagement', BOUNDS, cutter);
  for (const page of attendeePages(i)) builder.add(page);
  return builder.finish(attendeeOf(i), AS_OF);
}

/** Every attendee's row, 0..n-1. */
export function engagementRows(n: number): ReportRow[] {
  const cutter = new DayCutter(DAY_ZONE);
  return Array.from({ length: n }, (_, i) => attendeeRow(i, cutter));
}
