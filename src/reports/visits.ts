/**
 * One attendee's visits to streams and sponsor booths, tallied slice by slice for the engagement row (see
 * ReportVisit): per stream or booth its seconds, slices, first and last time, booth-media clicks and, for streams,
 * the 15-minute buckets watched. Bounded by what the attendee visited, never by how many slices there were.
 */
import type { TrackingSessionSlice } from '../brella';
import { compareVisits, QUARTER_MS, type ReportVisit } from '../model/report';

/** At most this many buckets from one slice (a week): a slice with a wild end cannot blow the row up. */
const MAX_QUARTERS_PER_SLICE = 7 * 96;

interface Tally {
  visit: ReportVisit;
  /** Earliest start and latest end so far (ms); the visit's `first` and `last` are written from them at the end. */
  firstMs: number;
  lastMs: number;
  quarters?: Set<number>;
}

const named = (s: TrackingSessionSlice): boolean => s.trackableId !== null && s.trackableId !== undefined && String(s.trackableId) !== '';

/** A visit's identity: its kind and what it is (trackable, else session). */
function visitKey(v: ReportVisit): string {
  return `${v.kind}|${v.trackableType ?? ''}|${v.trackableId ?? ''}|${v.sessionId ?? ''}`;
}

export class VisitTally {
  private readonly tallies = new Map<string, Tally>();

  /** Visits of a row known before (Refresh all goes on from it). */
  seed(visits: readonly ReportVisit[]): void {
    visits.forEach((v, i) => {
      const key = v.trackableId !== null || v.sessionId ? visitKey(v) : `${v.kind}|x|seed ${i}`;
      const firstMs = v.first === undefined ? Infinity : Date.parse(v.first);
      const lastMs = v.last === undefined ? -Infinity : Date.parse(v.last);
      const visit: ReportVisit = { kind: v.kind, trackableType: v.trackableType, trackableId: v.trackableId, seconds: v.seconds, slices: v.slices };
      if (v.sessionId !== undefined) visit.sessionId = v.sessionId;
      if (v.clicks !== undefined) visit.clicks = v.clicks;
      this.tallies.set(key, { visit, firstMs, lastMs, ...(v.quarters ? { quarters: new Set(v.quarters) } : {}) });
    });
  }

  private tally(kind: ReportVisit['kind'], s: TrackingSessionSlice): Tally {
    const isNamed = named(s);
    const fresh: ReportVisit = {
      kind, trackableType: isNamed ? s.trackableType ?? null : null, trackableId: isNamed ? String(s.trackableId) : null,
      ...(!isNamed && s.trackingSessionId ? { sessionId: s.trackingSessionId } : {}), seconds: 0, slices: 0,
    };
    // A slice with neither a trackable nor a session is a visit of its own.
    const key = isNamed || s.trackingSessionId ? visitKey(fresh) : `${kind}|x|${s.id}`;
    let t = this.tallies.get(key);
    if (!t) this.tallies.set(key, (t = { visit: fresh, firstMs: Infinity, lastMs: -Infinity }));
    return t;
  }

  /** A stream or booth slice: its seconds, its time span and (streams) the buckets it covers. */
  add(kind: ReportVisit['kind'], s: TrackingSessionSlice, seconds: number, start: number, end: number): void {
    const t = this.tally(kind, s);
    const v = t.visit;
    v.seconds += seconds;
    v.slices += 1;
    t.firstMs = Math.min(t.firstMs, start);
    t.lastMs = Math.max(t.lastMs, Number.isFinite(end) ? Math.max(end, start) : start);
    if (kind === 'stream') {
      const quarters = (t.quarters ??= new Set());
      const first = Math.floor(start / QUARTER_MS);
      const last = Math.min(first + MAX_QUARTERS_PER_SLICE - 1, end > start ? Math.floor((end - 1) / QUARTER_MS) : first);
      for (let q = first; q <= last; q++) quarters.add(q);
    }
  }

  /** A booth-media click: counted on what it names (a booth, or a media item), apart from the booth's slices. */
  click(s: TrackingSessionSlice): void {
    const v = this.tally('sponsor', s).visit;
    v.clicks = (v.clicks ?? 0) + 1;
  }

  /** The visits, in `compareVisits` order. */
  visits(): ReportVisit[] {
    return [...this.tallies.values()].map(visitOf).sort(compareVisits);
  }
}

/**
 * A tally's visit, built field by field in one order (never by spreading): every visit of every row then shares a
 * few object shapes, which keeps a 20 000-attendee report's rows small and quick to sum.
 */
function visitOf({ visit, firstMs, lastMs, quarters }: Tally): ReportVisit {
  const out: ReportVisit = { kind: visit.kind, trackableType: visit.trackableType, trackableId: visit.trackableId, seconds: visit.seconds, slices: visit.slices };
  if (visit.sessionId !== undefined) out.sessionId = visit.sessionId;
  if (Number.isFinite(firstMs)) {
    out.first = new Date(firstMs).toISOString();
    out.last = new Date(lastMs).toISOString();
  }
  if (visit.clicks !== undefined) out.clicks = visit.clicks;
  if (quarters && quarters.size > 0) out.quarters = [...quarters].sort((a, b) => a - b);
  return out;
}
