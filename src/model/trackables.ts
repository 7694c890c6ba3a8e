/**
 * What each stream and sponsor booth got across an event, from the engagement report's rows (each row lists the
 * streams and booths its attendee visited, see ReportVisit): unique visitors, visits (slices), total time and the
 * median time per visitor; and one trackable's visitors. Pure: the report panel computes it from the rows it holds.
 * A visit whose slices name no trackable (only a tracking session) is the attendee's own and cannot be told apart
 * from another attendee's: it is counted apart, per kind. Booth-media clicks count on what they name: a booth, or
 * a media item (Brella does not say which a click names), which then has a row of its own. Streams also get their
 * peak concurrent viewers: the most attendees watching within one 15-minute bucket.
 */
import { QUARTER_MS, visitTableOf, type ReportRow, type ReportVisit, type VisitTable, type VisitWho } from './report';

export interface TrackableRow {
  /** kind, trackable type and id: what `visitorsOf` takes. */
  key: string;
  kind: 'stream' | 'sponsor';
  trackableType: string | null;
  trackableId: string;
  visitors: number;
  /** Slices counted. */
  visits: number;
  seconds: number;
  /** Of the visitors' total times (the mean of the middle two for an even count). */
  medianSeconds: number;
  /** Booth-media clicks on it. */
  clicks: number;
  /** Earliest start and latest end of its slices (ISO), null when it has only clicks. */
  first: string | null;
  last: string | null;
  /** Streams: the most viewers within one 15-minute bucket, and that bucket's start (the earliest such, ISO). */
  peakViewers: number;
  peakAt: string | null;
}

export interface VisitorRow {
  attendeeId: string;
  name: string;
  email: string | null;
  company: string | null;
  seconds: number;
  visits: number;
  clicks: number;
  /** Their first slice there (ISO), null with clicks only. */
  first: string | null;
}

export interface TrackableSummary {
  trackables: TrackableRow[];
  /** Visits whose slices named no trackable, per kind. */
  unnamed: { stream: number; sponsor: number };
}

/** The trackable a visit names, as a key; undefined when its slices named none. */
export function trackableKey(v: Pick<VisitWho, 'kind' | 'trackableType' | 'trackableId'>): string | undefined {
  return v.trackableId === null ? undefined : `${v.kind}|${v.trackableType ?? ''}|${v.trackableId}`;
}

/**
 * Whether a visit names the trackable `key`, without building the visit's key: a check per visit of every row,
 * so it is compared field by field (the id first, the field that differs most often).
 */
function namesKey(key: string): (v: VisitWho) => boolean {
  // Kinds hold no '|' and ids are numbers: the type is what lies between the first and the last.
  const first = key.indexOf('|');
  const second = key.lastIndexOf('|');
  const kind = key.slice(0, first);
  const type = key.slice(first + 1, second);
  const id = key.slice(second + 1);
  return (v) => v.trackableId === id && v.kind === kind && (v.trackableType ?? '') === type;
}

export function median(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort(); // a typed array sorts numbers natively
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const bySecondsThenKey = <T extends { seconds: number }>(key: (t: T) => string) => (a: T, b: T): number =>
  b.seconds - a.seconds || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

const iso = (ms: number): string => new Date(ms).toISOString();

interface Totals {
  row: TrackableRow;
  perVisitor: number[];
  /** First and last of packed visits (epoch ms), merged into the row's at the end. */
  firstMs: number;
  lastMs: number;
  /** Streams: viewers per 15-minute bucket, and the function that counts one more in a bucket. */
  quarters?: Map<number, number>;
  count?: (q: number) => void;
}

function totalsOf(key: string, v: VisitWho): Totals {
  const quarters = v.kind === 'stream' ? new Map<number, number>() : undefined;
  return {
    row: {
      key, kind: v.kind, trackableType: v.trackableType, trackableId: v.trackableId!, visitors: 0, visits: 0, seconds: 0,
      medianSeconds: 0, clicks: 0, first: null, last: null, peakViewers: 0, peakAt: null,
    },
    perVisitor: [], firstMs: Infinity, lastMs: -Infinity,
    ...(quarters ? { quarters, count: (q: number) => quarters.set(q, (quarters.get(q) ?? 0) + 1) } : {}),
  };
}

function addSums(t: Totals, slices: number, seconds: number, clicks: number | undefined): void {
  const r = t.row;
  r.visitors += 1;
  r.visits += slices;
  r.seconds += seconds;
  r.clicks += clicks ?? 0;
  t.perVisitor.push(seconds);
}

function addVisit(t: Totals, v: ReportVisit): void {
  const r = t.row;
  addSums(t, v.slices, v.seconds, v.clicks);
  if (v.first !== undefined && (r.first === null || v.first < r.first)) r.first = v.first;
  if (v.last !== undefined && (r.last === null || v.last > r.last)) r.last = v.last;
  if (t.count) for (const q of v.quarters ?? []) t.count(q);
}

function addPacked(t: Totals, table: VisitTable, i: number): void {
  addSums(t, table.slices(i), table.seconds(i), table.clicks(i));
  // NaN (none) is never earlier nor later.
  if (table.firstMs(i) < t.firstMs) t.firstMs = table.firstMs(i);
  if (table.lastMs(i) > t.lastMs) t.lastMs = table.lastMs(i);
  if (t.count) table.eachQuarter(i, t.count);
}

/** The row with its packed visits' first and last merged in (ISO instants order as their times do). */
function rowOf({ row, firstMs, lastMs }: Totals): TrackableRow {
  const first = Number.isFinite(firstMs) ? iso(firstMs) : null;
  const last = Number.isFinite(lastMs) ? iso(lastMs) : null;
  if (first !== null && (row.first === null || first < row.first)) row.first = first;
  if (last !== null && (row.last === null || last > row.last)) row.last = last;
  return row;
}

/** The earliest bucket with the most viewers. */
export function peakOf(quarters: ReadonlyMap<number, number>): { peakViewers: number; peakAt: string | null } {
  let best = 0;
  let at: number | undefined;
  for (const [q, n] of quarters) if (n > best || (n === best && at !== undefined && q < at)) [best, at] = [n, q];
  return { peakViewers: best, peakAt: at === undefined ? null : iso(at * QUARTER_MS) };
}

/** Every stream and booth across the rows; `only`: one kind's (the other's visits are not read). */
export function summarizeTrackables(rows: Iterable<ReportRow>, only?: ReportVisit['kind']): TrackableSummary {
  const totals = new Map<string, Totals>();
  const unnamed = { stream: 0, sponsor: 0 };
  const find = (v: VisitWho): Totals | undefined => {
    if (only !== undefined && v.kind !== only) return undefined;
    const key = trackableKey(v);
    if (key === undefined) {
      unnamed[v.kind] += 1;
      return undefined;
    }
    let t = totals.get(key);
    if (!t) totals.set(key, (t = totalsOf(key, v)));
    return t;
  };
  // Packed rows share their trackables' objects: each is looked up by its key once.
  const shared = new Map<VisitWho, Totals | undefined>();
  const findShared = (who: VisitWho): Totals | undefined => {
    if (who.trackableId === null) return find(who);
    if (!shared.has(who)) shared.set(who, find(who));
    return shared.get(who);
  };
  for (const row of rows) {
    const table = visitTableOf(row);
    if (table) {
      for (let i = 0; i < table.length; i++) {
        const t = findShared(table.whos[i]!);
        if (t) addPacked(t, table, i);
      }
    } else {
      for (const v of row.visits ?? []) {
        const t = find(v);
        if (t) addVisit(t, v);
      }
    }
  }
  const trackables = [...totals.values()].map((t) => ({
    ...rowOf(t), medianSeconds: median(t.perVisitor), ...(t.quarters ? peakOf(t.quarters) : {}),
  }));
  return { trackables: trackables.sort(bySecondsThenKey((t) => t.key)), unnamed };
}

/** One bucket of a stream's chart: its start (ISO) and the attendees watching within it. */
export interface QuarterCount {
  at: string;
  viewers: number;
}

/** A stream's viewers per 15-minute bucket, from its first watched bucket to its last, empty buckets included. */
export function viewersPerQuarter(rows: Iterable<ReportRow>, key: string): QuarterCount[] {
  const counts = new Map<number, number>();
  const count = (q: number): void => void counts.set(q, (counts.get(q) ?? 0) + 1);
  const named = namesKey(key);
  for (const row of rows) {
    const table = visitTableOf(row);
    if (table) {
      for (let i = 0; i < table.length; i++) if (named(table.whos[i]!)) table.eachQuarter(i, count);
      continue;
    }
    for (const v of row.visits ?? []) if (named(v)) for (const q of v.quarters ?? []) count(q);
  }
  return quarterChart(counts);
}

/** The chart of viewers per bucket counted. */
export function quarterChart(counts: ReadonlyMap<number, number>): QuarterCount[] {
  const watched = [...counts.keys()].sort((a, b) => a - b);
  const [lo, hi] = [watched[0] ?? 0, watched[watched.length - 1] ?? -1];
  // Empty buckets between watched ones are shown, up to a year of them; past that only the watched ones.
  const buckets = hi - lo < 366 * 96 ? Array.from({ length: hi - lo + 1 }, (_, i) => lo + i) : watched;
  return buckets.map((q) => ({ at: iso(q * QUARTER_MS), viewers: counts.get(q) ?? 0 }));
}

export const visitorOf = (row: ReportRow, v: ReportVisit): VisitorRow => ({
  attendeeId: row.attendeeId, name: row.name, email: row.email, company: row.company, seconds: v.seconds, visits: v.slices,
  clicks: v.clicks ?? 0, first: v.first ?? null,
});

const packedVisitorOf = (row: ReportRow, table: VisitTable, i: number): VisitorRow => ({
  attendeeId: row.attendeeId, name: row.name, email: row.email, company: row.company, seconds: table.seconds(i), visits: table.slices(i),
  clicks: table.clicks(i) ?? 0, first: Number.isNaN(table.firstMs(i)) ? null : iso(table.firstMs(i)),
});

/** Every trackable's visitors in one pass over the rows, each list most time first; `only`: one kind's. */
export function allVisitors(rows: Iterable<ReportRow>, only?: ReportVisit['kind']): Map<string, VisitorRow[]> {
  const out = new Map<string, VisitorRow[]>();
  const listOf = (v: VisitWho): VisitorRow[] | undefined => {
    const key = only !== undefined && v.kind !== only ? undefined : trackableKey(v);
    if (key === undefined) return undefined;
    let list = out.get(key);
    if (!list) out.set(key, (list = []));
    return list;
  };
  for (const row of rows) {
    const table = visitTableOf(row);
    if (table) for (let i = 0; i < table.length; i++) listOf(table.whos[i]!)?.push(packedVisitorOf(row, table, i));
    else for (const v of row.visits ?? []) listOf(v)?.push(visitorOf(row, v));
  }
  for (const list of out.values()) list.sort(bySecondsThenKey((r) => r.attendeeId));
  return out;
}

/** The attendees who visited the trackable `key`, most time first. */
export function visitorsOf(rows: Iterable<ReportRow>, key: string): VisitorRow[] {
  const out: VisitorRow[] = [];
  const named = namesKey(key);
  for (const row of rows) {
    const table = visitTableOf(row);
    if (table) {
      const i = table.whos.findIndex(named);
      if (i >= 0) out.push(packedVisitorOf(row, table, i));
      continue;
    }
    const v = row.visits?.find(named);
    if (v) out.push(visitorOf(row, v));
  }
  return out.sort(bySecondsThenKey((r) => r.attendeeId));
}

/** One day (in the report's day zone) across the attendees with a row: who was where, and the time of each kind. */
export interface DayRow {
  day: string;
  /** Attendees with a time_spent slice starting that day. */
  inApp: number;
  /** Attendees with booth time that day. */
  boothVisitors: number;
  /** Attendees with stream time that day. */
  streamViewers: number;
  appSeconds: number;
  sponsorSeconds: number;
  streamSeconds: number;
}

/** The per-day chart's data as a table, earliest day first. */
export function dayRows(rows: Iterable<ReportRow>): DayRow[] {
  const days = new Map<string, DayRow>();
  for (const row of rows) {
    for (const d of row.days) {
      let out = days.get(d.day);
      if (!out) {
        out = { day: d.day, inApp: 0, boothVisitors: 0, streamViewers: 0, appSeconds: 0, sponsorSeconds: 0, streamSeconds: 0 };
        days.set(d.day, out);
      }
      if (d.inApp) out.inApp += 1;
      if (d.sponsorSeconds > 0) out.boothVisitors += 1;
      if (d.streamSeconds > 0) out.streamViewers += 1;
      out.appSeconds += d.appSeconds;
      out.sponsorSeconds += d.sponsorSeconds;
      out.streamSeconds += d.streamSeconds;
    }
  }
  return [...days.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
}
