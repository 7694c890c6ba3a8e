/**
 * One attendee's slices → one report row. Pure: the slices come in, the row goes out.
 *
 * - Presence counts time_spent slices; Engagement counts every slice the API returned and splits the seconds by
 *   kind (time_spent → app, streamlink → stream, sponsor → sponsor booth); booth-media clicks are counted per
 *   booth or media item. Other kinds are counted as slices only.
 * - Distinct streams / sponsors: by trackable id when the slice carries one, else by its tracking session, else by
 *   the slice itself (Brella does not document trackable-* on slices).
 * - Slices outside the window (a server that ignored a filter) and repeated slice ids (pages shifting under a live
 *   event) are left out, so the totals stay right whatever the paging did.
 * - Days are cut in `dayZone` by each slice's start.
 */
import type { TrackingSessionSlice } from '../brella';
import type { ReportVisit } from '../model/report';
import type { ReportAttendee, ReportDay, ReportKind, ReportRow } from './types';
import { VisitTally } from './visits';

/**
 * What a row needs to go on from where it stopped (Refresh all asks only from the latest slice on): the latest
 * start counted and the ids of the slices that start then (so they are not counted twice). Kept in the ledger
 * beside the row, never shown. The distinct streams and booths seen are the row's visits (earlier ledgers also
 * kept them here, as `streams` and `sponsors`: still read).
 */
export interface RowMarks {
  latestStart: string | null;
  tailIds: string[];
  streams?: string[];
  sponsors?: string[];
}

export type SliceKind = 'app' | 'stream' | 'sponsor' | 'click' | 'other';

/** time_spent / streamlink / sponsor / sponsor_media_click, tolerant of case and separators (stream_link, Time-Spent). */
export function sliceKind(trackingType: string): SliceKind {
  const t = trackingType.toLowerCase().replace(/[^a-z]/g, '');
  if (t === 'timespent') return 'app';
  if (t === 'streamlink' || t === 'stream') return 'stream';
  if (t === 'sponsor') return 'sponsor';
  if (t === 'sponsormediaclick' || t === 'mediaclick') return 'click';
  return 'other';
}

const QUARTER_HOUR = 15 * 60_000;

/** YYYY-MM-DD of an instant in a zone; cached per quarter hour (every zone offset is a multiple of 15 min). */
export class DayCutter {
  private readonly format: Intl.DateTimeFormat;
  private readonly cache = new Map<number, string>();

  constructor(readonly zone: string) {
    this.format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
  }

  day(ms: number): string {
    const bucket = Math.floor(ms / QUARTER_HOUR);
    let day = this.cache.get(bucket);
    if (day === undefined) {
      const parts = this.format.formatToParts(bucket * QUARTER_HOUR);
      const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
      day = `${get('year')}-${get('month')}-${get('day')}`;
      if (this.cache.size > 50_000) this.cache.clear();
      this.cache.set(bucket, day);
    }
    return day;
  }
}

export interface RowBounds {
  fromMs: number;
  toMs: number | undefined;
}

function distinctKey(s: TrackingSessionSlice): string {
  if (s.trackableId !== null && s.trackableId !== undefined && String(s.trackableId) !== '') return `t:${s.trackableType ?? ''}:${s.trackableId}`;
  if (s.trackingSessionId) return `s:${s.trackingSessionId}`;
  return `x:${s.id}`;
}

/** A visit's distinct key as `distinctKey` gives it for its slices (a visit of its own slice: by its place). */
function visitDistinctKey(v: ReportVisit, i: number): string {
  if (v.trackableId !== null) return `t:${v.trackableType ?? ''}:${v.trackableId}`;
  return v.sessionId ? `s:${v.sessionId}` : `x:visit ${i}`;
}

/** Accumulates slices page by page (nothing but the running totals is kept). */
export class RowBuilder {
  private readonly seen = new Set<string>();
  private readonly days = new Map<string, ReportDay>();
  private readonly streams = new Set<string>();
  private readonly sponsors = new Set<string>();
  /** Per stream or booth: its visit so far. */
  private readonly visits = new VisitTally();
  private clicks = 0;
  private first = Infinity;
  private last = -Infinity;
  private slices = 0;
  private app = 0;
  private stream = 0;
  private sponsor = 0;
  private appSlices = 0;
  private latest = -Infinity;
  private tail = new Set<string>();

  /** `since`: a row known before, with its marks: the slices given next are added to it (Refresh all). */
  constructor(
    private readonly kind: ReportKind,
    private readonly bounds: RowBounds,
    private readonly cutter: DayCutter,
    since?: { row: ReportRow; marks: RowMarks },
  ) {
    if (since) this.seed(since.row, since.marks);
  }

  private seed(row: ReportRow, marks: RowMarks): void {
    if (row.slices === 0 || marks.latestStart === null) return;
    this.first = Date.parse(row.firstSeen ?? '');
    this.last = Date.parse(row.lastSeen ?? '');
    this.slices = row.slices;
    this.app = row.appSeconds;
    this.stream = row.streamSeconds ?? 0;
    this.sponsor = row.sponsorSeconds ?? 0;
    this.appSlices = row.checkedIn ? 1 : 0;
    for (const d of row.days) this.days.set(d.day, { ...d });
    if (marks.streams || marks.sponsors) {
      for (const key of marks.streams ?? []) this.streams.add(key);
      for (const key of marks.sponsors ?? []) this.sponsors.add(key);
    } else {
      (row.visits ?? []).forEach((v, i) => {
        if (v.slices > 0) (v.kind === 'stream' ? this.streams : this.sponsors).add(visitDistinctKey(v, i));
      });
    }
    this.clicks = row.clicks ?? 0;
    this.visits.seed(row.visits ?? []);
    this.latest = Date.parse(marks.latestStart);
    for (const id of marks.tailIds) {
      this.tail.add(id);
      this.seen.add(id);
    }
  }

  /** Where asking can go on from: the latest start counted (undefined: nothing counted yet, ask the whole window). */
  static resumeFrom(marks: RowMarks | undefined): string | undefined {
    return marks?.latestStart ?? undefined;
  }

  add(slices: readonly TrackingSessionSlice[]): void {
    for (const s of slices) this.addOne(s);
  }

  private addOne(s: TrackingSessionSlice): void {
    const kind = sliceKind(s.trackingType);
    if (this.kind === 'presence' && kind !== 'app') return;
    const start = Date.parse(s.startTime);
    if (!Number.isFinite(start) || start < this.bounds.fromMs || (this.bounds.toMs !== undefined && start > this.bounds.toMs)) return;
    if (this.seen.has(s.id)) return;
    this.seen.add(s.id);
    const end = s.endTime === null ? NaN : Date.parse(s.endTime);
    const seconds = Number.isFinite(s.durationSeconds) && s.durationSeconds > 0 ? s.durationSeconds : 0;
    this.slices++;
    if (start > this.latest) {
      this.latest = start;
      this.tail = new Set([s.id]);
    } else if (start === this.latest) this.tail.add(s.id);
    this.first = Math.min(this.first, start);
    this.last = Math.max(this.last, Number.isFinite(end) ? Math.max(end, start) : start);
    const dayName = this.cutter.day(start);
    let day = this.days.get(dayName);
    if (!day) {
      day = { day: dayName, appSeconds: 0, streamSeconds: 0, sponsorSeconds: 0, inApp: false };
      this.days.set(dayName, day);
    }
    if (kind === 'app') {
      this.appSlices++;
      this.app += seconds;
      day.appSeconds += seconds;
      day.inApp = true;
    } else if (kind === 'stream') {
      this.stream += seconds;
      day.streamSeconds += seconds;
      this.streams.add(distinctKey(s));
      this.visits.add('stream', s, seconds, start, end);
    } else if (kind === 'sponsor') {
      this.sponsor += seconds;
      day.sponsorSeconds += seconds;
      this.sponsors.add(distinctKey(s));
      this.visits.add('sponsor', s, seconds, start, end);
    } else if (kind === 'click') {
      this.clicks++;
      this.visits.click(s);
    }
  }

  /** The marks that let a later run go on from this row. */
  marks(): RowMarks {
    return { latestStart: Number.isFinite(this.latest) ? new Date(this.latest).toISOString() : null, tailIds: [...this.tail] };
  }

  /** The row as of `asOf` (when Brella was asked). */
  finish(attendee: ReportAttendee, asOf: string): ReportRow {
    const row: ReportRow = {
      attendeeId: attendee.id,
      name: attendee.name,
      email: attendee.email,
      company: attendee.company,
      checkedIn: this.appSlices > 0,
      firstSeen: this.slices > 0 ? new Date(this.first).toISOString() : null,
      lastSeen: this.slices > 0 ? new Date(this.last).toISOString() : null,
      slices: this.slices,
      appSeconds: this.app,
      days: [...this.days.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0)),
      asOf,
    };
    if (this.kind === 'engagement') {
      row.streamSeconds = this.stream;
      row.sponsorSeconds = this.sponsor;
      row.distinctStreams = this.streams.size;
      row.distinctSponsors = this.sponsors.size;
      row.clicks = this.clicks;
      row.visits = this.visits.visits();
    }
    return row;
  }
}
