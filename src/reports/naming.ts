/**
 * Names for the streams and sponsor booths of the engagement report. A row's visits say only a trackable's type
 * and id; an attendee's tracking sessions may carry the trackable's name. Pure (the caller supplies `ask`):
 *
 * - The name key is the trackable's type and id, not `trackableKey` of src/model/trackables.ts: a session has no
 *   kind, and it may spell the type differently (StreamLink, Streamlink, stream_link, stream-links). The type is
 *   compared case-, separator- and plural-insensitively; a visit without a type takes its kind's (stream:
 *   streamlink, sponsor: sponsor). Look up a summary's TrackableRow with `visitNameKey(row)`.
 * - planNaming: the fewest attendees (greedy set cover) whose visits cover every trackable without a known name.
 *   With N visits read, V distinct (attendee, unnamed trackable) pairs, A attendees and K unnamed trackables it
 *   takes O(N + V log A): each attendee's gain is kept exact as trackables get covered (one decrement per pair),
 *   a heap of possibly stale gains re-pushes an attendee at most once per decrement, and each trackable's
 *   fallbacks are sorted once. (20 000 attendees × 15 visits over 300 trackables: a fraction of a second.)
 * - resolveNames: asks in the plan's order, then, for a trackable still unnamed, its other visitors (at most
 *   `maxTries` asked visitors per trackable), so requests ≤ maxTries × K.
 * - Names are server text, kept as plain strings (trimmed, control characters blanked, at most 200 characters).
 */
import { isAbortError, isServerFailure, MAX_PAGE_SIZE, type BrellaClient, type BrellaId, type TrackingSession } from '../brella';
import { visitWhos, type ReportRow, type ReportVisit } from '../model/report';
import { pauseOf } from './pause';

export const MAX_NAME_LENGTH = 200;
export const MAX_TRIES = 3;
/** Names kept per event in the cache; the oldest go first. */
export const MAX_CACHED_NAMES = 5_000;

/** Types seen (a handful per event), normalized once. */
const normalized = new Map<string, string>();

/** The type as compared: lower case, letters and digits only, one plural "s" dropped. */
export function normalizeTrackableType(type: string): string {
  let t = normalized.get(type);
  if (t === undefined) {
    t = type.toLowerCase().replace(/[^a-z0-9]/g, '');
    if (t.length > 1 && t.endsWith('s') && !t.endsWith('ss')) t = t.slice(0, -1);
    if (normalized.size >= 1_000) normalized.clear();
    normalized.set(type, t);
  }
  return t;
}

/** The name key of a trackable: its normalized type and id. */
export function trackableNameKey(type: string, id: string): string {
  return `${normalizeTrackableType(type)}|${id.trim()}`;
}

const KIND_TYPE = { stream: 'streamlink', sponsor: 'sponsor' } as const;

/** The name key of a visit (or of a TrackableRow); undefined when it names no trackable. */
export function visitNameKey(v: Pick<ReportVisit, 'kind' | 'trackableType' | 'trackableId'>): string | undefined {
  if (v.trackableId === null || v.trackableId.trim() === '') return undefined;
  return trackableNameKey(v.trackableType?.trim() ? v.trackableType : KIND_TYPE[v.kind], v.trackableId);
}

/** Server text as a name: plain, trimmed, capped; undefined when nothing is left. */
export function cleanName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex
  const text = value.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return text === '' ? undefined : Array.from(text).slice(0, MAX_NAME_LENGTH).join('').trim();
}

/** Numeric ids by value, others as text: the tie-break of every order here. */
export function compareAttendeeIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const x = a.replace(/^0+(?=\d)/, '');
    const y = b.replace(/^0+(?=\d)/, '');
    if (x.length !== y.length) return x.length - y.length;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface NamingStep {
  attendeeId: string;
  /** The unnamed trackables this attendee is the first of the plan to cover, sorted. */
  covers: string[];
}

export interface NamingPlan {
  /** Name keys of the trackables visited without a known name, sorted. */
  wanted: string[];
  /** Whom to ask, in order. */
  steps: NamingStep[];
  /** Per wanted key: its visitors, most wanted visits first, then by id (the fallbacks). */
  candidates: ReadonlyMap<string, readonly string[]>;
  /** Per attendee with a wanted visit: the wanted keys visited. */
  visited: ReadonlyMap<string, readonly string[]>;
}

/** A binary max-heap of [gain, rank] pairs: higher gain first, then lower rank. */
class GainHeap {
  private readonly items: Array<[number, number]> = [];
  get size(): number { return this.items.length; }
  private before(i: number, j: number): boolean {
    const [a, b] = [this.items[i]!, this.items[j]!];
    return a[0] > b[0] || (a[0] === b[0] && a[1] < b[1]);
  }
  private swap(i: number, j: number): void { [this.items[i], this.items[j]] = [this.items[j]!, this.items[i]!]; }
  push(gain: number, rank: number): void {
    this.items.push([gain, rank]);
    for (let i = this.items.length - 1; i > 0 && this.before(i, (i - 1) >> 1); i = (i - 1) >> 1) this.swap(i, (i - 1) >> 1);
  }
  pop(): [number, number] {
    const top = this.items[0]!;
    const last = this.items.pop()!;
    if (this.items.length === 0) return top;
    this.items[0] = last;
    for (let i = 0; ;) {
      let best = i;
      for (const c of [2 * i + 1, 2 * i + 2]) if (c < this.items.length && this.before(c, best)) best = c;
      if (best === i) return top;
      this.swap(i, best);
      i = best;
    }
  }
}

/** Whom to ask for the names `known` lacks. Rows of one attendee id are merged. */
export function planNaming(rows: Iterable<ReportRow>, known: ReadonlyMap<string, string>): NamingPlan {
  const keyIndex = new Map<string, number>();
  const bySet = new Map<string, Set<number>>();
  for (const row of rows) {
    for (const v of visitWhos(row)) {
      const key = visitNameKey(v);
      if (key === undefined || known.has(key)) continue;
      let k = keyIndex.get(key);
      if (k === undefined) keyIndex.set(key, (k = keyIndex.size));
      let set = bySet.get(row.attendeeId);
      if (!set) bySet.set(row.attendeeId, (set = new Set()));
      set.add(k);
    }
  }
  const keys = [...keyIndex.keys()];
  // Attendees by rank (id order): the rank is the heap's tie-break.
  const ids = [...bySet.keys()].sort(compareAttendeeIds);
  const sets = ids.map((id) => [...bySet.get(id)!]);
  const visitors: number[][] = keys.map(() => []);
  sets.forEach((set, a) => set.forEach((k) => visitors[k]!.push(a)));
  const gain = sets.map((set) => set.length);
  const heap = new GainHeap();
  gain.forEach((g, a) => heap.push(g, a));
  const covered = new Uint8Array(keys.length);
  const steps: NamingStep[] = [];
  while (heap.size > 0) {
    const [g, a] = heap.pop();
    if (g !== gain[a]) {
      if (gain[a]! > 0) heap.push(gain[a]!, a);
      continue;
    }
    if (g === 0) break;
    const covers = sets[a]!.filter((k) => covered[k] === 0);
    for (const k of covers) {
      covered[k] = 1;
      for (const b of visitors[k]!) gain[b]! -= 1;
    }
    steps.push({ attendeeId: ids[a]!, covers: covers.map((k) => keys[k]!).sort() });
  }
  const candidates = new Map<string, string[]>();
  keys.forEach((key, k) => candidates.set(key, visitors[k]!.sort((x, y) => sets[y]!.length - sets[x]!.length || x - y).map((a) => ids[a]!)));
  const visited = new Map(ids.map((id, a) => [id, sets[a]!.map((k) => keys[k]!)]));
  return { wanted: [...keys].sort(), steps, candidates, visited };
}

export interface NamingProgress {
  requests: number;
  named: number;
  wanted: number;
}

export interface NamingOptions {
  signal?: AbortSignal;
  onProgress?: (progress: NamingProgress) => void;
  /** Attendees asked per trackable before giving up on its name. Default MAX_TRIES. */
  maxTries?: number;
}

export interface NamingResult {
  /** Name key → name, for the plan's wanted keys named. */
  names: Map<string, string>;
  requests: number;
  /** Wanted keys still without a name, sorted. */
  unnamed: string[];
  /** Stopped by the signal: what was named so far. */
  cancelled: boolean;
}

/** Asks one attendee's tracking sessions; the signal is the naming's. */
export type AskSessions = (attendeeId: string, signal?: AbortSignal) => Promise<readonly TrackingSession[]>;

/** `ask` through a client: every page of the attendee's sessions, without keeping raw pages. */
export function sessionAsker(client: BrellaClient, organizationId: BrellaId, eventId: BrellaId): AskSessions {
  return async (attendeeId, signal) =>
    (await client.listTrackingSessions(organizationId, eventId, attendeeId, { signal, keepRaw: false, pageSize: MAX_PAGE_SIZE })).items;
}

/**
 * Names the plan's trackables. One attendee's failure is skipped (its trackables fall back to other visitors);
 * a failure that would pause a report run (the key refused, a block, a long wait, an outage) is rethrown; a
 * cancellation returns what was named, `cancelled: true`.
 */
export async function resolveNames(plan: NamingPlan, ask: AskSessions, opts: NamingOptions = {}): Promise<NamingResult> {
  const { signal, onProgress } = opts;
  const maxTries = Math.max(1, opts.maxTries ?? MAX_TRIES);
  const wanted = new Set(plan.wanted);
  const names = new Map<string, string>();
  const tries = new Map<string, number>();
  const asked = new Set<string>();
  let requests = 0;
  let serverFailures = 0;
  const open = (key: string): boolean => !names.has(key) && (tries.get(key) ?? 0) < maxTries;
  const result = (cancelled: boolean): NamingResult => ({ names, requests, unnamed: plan.wanted.filter((k) => !names.has(k)), cancelled });

  /** false when cancelled. */
  const askOne = async (attendeeId: string): Promise<boolean> => {
    if (signal?.aborted) return false;
    asked.add(attendeeId);
    requests += 1;
    for (const key of plan.visited.get(attendeeId) ?? []) tries.set(key, (tries.get(key) ?? 0) + 1);
    try {
      for (const s of await ask(attendeeId, signal)) {
        if (s.trackableType === null || s.trackableId === null) continue;
        const key = trackableNameKey(s.trackableType, String(s.trackableId));
        const name = wanted.has(key) && !names.has(key) ? cleanName(s.trackableName) : undefined;
        if (name !== undefined) names.set(key, name);
      }
      serverFailures = 0;
    } catch (error) {
      if (isAbortError(error) || signal?.aborted) return false;
      serverFailures = isServerFailure(error) ? serverFailures + 1 : 0;
      if (pauseOf(error, Date.now(), serverFailures)) throw error;
    }
    onProgress?.({ requests, named: names.size, wanted: wanted.size });
    return true;
  };

  for (const step of plan.steps) {
    if (names.size === wanted.size) break;
    if (step.covers.some(open) && !asked.has(step.attendeeId) && !(await askOne(step.attendeeId))) return result(true);
  }
  for (const key of plan.wanted) {
    const queue = plan.candidates.get(key) ?? [];
    for (let i = 0; open(key) && i < queue.length; i++) {
      if (!asked.has(queue[i]!) && !(await askOne(queue[i]!))) return result(true);
    }
  }
  return result(false);
}

/** A name key as stored: a normalized type, "|", an id. */
const KEY_PATTERN = /^[a-z0-9]*\|\S.{0,199}$/;

/** The cache's stored shape: [key, name] pairs, oldest first, at most `max`. */
export function serializeNames(names: ReadonlyMap<string, string>, max = MAX_CACHED_NAMES): { version: 1; names: Array<[string, string]> } {
  const pairs = [...names].filter(([key, name]) => KEY_PATTERN.test(key) && cleanName(name) !== undefined);
  return { version: 1, names: pairs.slice(Math.max(0, pairs.length - max)).map(([key, name]) => [key, cleanName(name)!]) };
}

/** The cache read back: empty for anything not of the stored shape; bad pairs dropped; at most `max`, newest kept. */
export function parseNames(value: unknown, max = MAX_CACHED_NAMES): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value !== 'object' || value === null || (value as { version?: unknown }).version !== 1) return out;
  const pairs = (value as { names?: unknown }).names;
  if (!Array.isArray(pairs)) return out;
  for (const pair of pairs.slice(Math.max(0, pairs.length - max))) {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string' || !KEY_PATTERN.test(pair[0])) continue;
    const name = cleanName(pair[1]);
    if (name === undefined) continue;
    out.delete(pair[0]);
    out.set(pair[0], name);
  }
  return out;
}

/** The cache with fresh names added as the newest (a name learnt again moves up), trimmed to `max`. */
export function rememberNames(cache: ReadonlyMap<string, string>, fresh: ReadonlyMap<string, string>, max = MAX_CACHED_NAMES): Map<string, string> {
  const out = new Map(cache);
  for (const [key, name] of fresh) {
    out.delete(key);
    out.set(key, name);
  }
  for (const key of out.keys()) {
    if (out.size <= max) break;
    out.delete(key);
  }
  return out;
}
