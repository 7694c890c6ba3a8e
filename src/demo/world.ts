/**
 * Live changes to the local Brella's world while it runs (`server.world`), for model-based and end-to-end tests:
 * attendees and slices added on the fly, the demo key revoked and restored, an outage, and a careless mode that
 * echoes the API key back to the client (see echo.ts). The control routes of world-routes.ts do the same over HTTP.
 */
import { parseTimestamp } from './filters.ts';
import { errorDocument } from './jsonapi.ts';
import { COMPANIES, FIRST_NAMES, LAST_NAMES, TITLES, emailPart } from './names.ts';
import { int, mulberry32, pick, subSeed } from './random.ts';
import { jsonResponse, type ApiResponse } from './router.ts';
import { addToSessions } from './sessions.ts';
import type { DemoAttendee, DemoData, DemoSlice } from './types.ts';

/** Fields of a new attendee: undefined picks a realistic value, null leaves the field empty. */
export interface NewAttendee {
  /** "First Last" (the first word is the first name, the rest the last name). */
  name?: string | null;
  email?: string | null;
  company?: string | null;
}

export type NewSliceType = 'time_spent' | 'streamlink' | 'sponsor' | 'sponsor_media_click';
export const NEW_SLICE_TYPES: readonly NewSliceType[] = ['time_spent', 'streamlink', 'sponsor', 'sponsor_media_click'];

export interface NewSlice {
  trackingType: NewSliceType;
  /** ISO 8601; stored (and served) as UTC with milliseconds. */
  startTime: string;
  /** A whole number of seconds, 0 or more; the end time is start + duration. */
  durationSeconds: number;
  /** e.g. `Event`, `Streamlink`, `Sponsor`; absent: no trackable (null type and id). */
  trackableType?: string | null;
  /** A whole number (or its digits); needs trackableType. */
  trackableId?: string | number | null;
}

export interface OutageOptions {
  /** 429 or 5xx; default 503. */
  status?: number;
  /** Sent as `Retry-After` (whole seconds, 0 or more). */
  retryAfterSeconds: number;
}

export interface WorldState {
  keyRevoked: boolean;
  outage: { status: number; retryAfterSeconds: number } | null;
  echoKey: boolean;
}

export interface DemoWorld {
  /** Adds an attendee at the end of the event's attendee list; returns its id. */
  addAttendee(eventId: number, attendee?: NewAttendee): string;
  /**
   * Adds slices to an attendee of the event (all or none: an invalid one throws before any is added); returns
   * their ids, new across the server. They are served like the generated ones, every filter included, and join
   * the attendee's tracking sessions (see {@link addToSessions}).
   */
  appendSlices(eventId: number, attendeeId: number | string, slices: readonly NewSlice[]): string[];
  /** Until restoreKey(), the API answers the demo key as it answers a wrong one (403); the /_demo routes still take it. */
  revokeKey(): void;
  /** Revokes the key (as revokeKey) once `answers` more API requests have been answered 200: a key that goes mid-run, on cue. */
  revokeKeyAfter(answers: number): void;
  /** Once `answers` more API requests have been answered 200, holds every later request until release(): a run caught mid-way. */
  holdAfter(answers: number): void;
  release(): void;
  restoreKey(): void;
  /** Until endOutage(), every API request that passes the key, rate and Accept checks is answered `status` with `Retry-After`. */
  outage(options: OutageOptions): void;
  endOutage(): void;
  /** Echo the received API key in error details, `included` names and `links` (see echo.ts). */
  echoKey(on: boolean): void;
  state(): WorldState;
}

/** A change the world refuses; `status` is what the control routes answer (400 bad input, 404 unknown ids). */
export class WorldError extends Error {
  override name = 'WorldError';
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export interface WorldContext {
  data: DemoData;
  /** The API's key → organization map (shared with the router): revoking removes the demo key from it. */
  keys: Map<string, number>;
  apiKey: string;
  organizationId: number;
  /** Makes a new attendee known to the router. */
  registerAttendee(attendee: DemoAttendee): void;
  echoKey: boolean;
}

const wholeNumber = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

function idOf(value: unknown, what: string): number {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (!wholeNumber(n)) throw new WorldError(400, `${what} must be a whole number, got ${JSON.stringify(value)}`);
  return n;
}

function optionalText(value: unknown, what: string): string | null | undefined {
  if (value === undefined || value === null || typeof value === 'string') return value;
  throw new WorldError(400, `${what} must be text or null, got ${JSON.stringify(value)}`);
}

function splitName(name: string | null): [string | null, string | null] {
  const words = (name ?? '').trim().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return [null, null];
  return [words[0] as string, words.length > 1 ? words.slice(1).join(' ') : null];
}

/** The largest id in use, or `floor` when all are below it. */
function maxId(ids: Iterable<number>, floor: number): number {
  let max = floor;
  for (const id of ids) if (id > max) max = id;
  return max;
}

export class LiveWorld implements DemoWorld {
  private keyRevoked = false;
  /** revokeKeyAfter's count of 200 answers still to give, or undefined. */
  private revokeIn: number | undefined;
  /** holdAfter's count, and the hold while it lasts. */
  private holdIn: number | undefined;
  private hold: { until: Promise<void>; release: () => void } | undefined;
  private outageState: WorldState['outage'] = null;
  private echoing: boolean;
  private lastAttendeeId: number;
  private lastSliceId: number;
  private lastSessionId: number;

  constructor(private readonly ctx: WorldContext) {
    this.echoing = ctx.echoKey;
    const { data } = ctx;
    this.lastAttendeeId = maxId([...data.attendeesByEvent.values()].flat().map((a) => a.id), 900_000);
    const slices = [...data.slicesByAttendee.values()].flat();
    this.lastSliceId = maxId(slices.map((s) => s.id), 0);
    const sessions = [...data.sessionsByAttendee.values()].flat();
    this.lastSessionId = maxId([...sessions.map((s) => s.id), ...slices.map((s) => s.sessionId)], 0);
  }

  addAttendee(eventId: number, attendee: NewAttendee = {}): string {
    const event = this.ctx.data.events.find((e) => e.id === eventId);
    if (!event) throw new WorldError(404, `There is no event ${eventId}`);
    const name = optionalText(attendee.name, 'name');
    const email = optionalText(attendee.email, 'email');
    const company = optionalText(attendee.company, 'company');
    const id = ++this.lastAttendeeId;
    const rng = mulberry32(subSeed(this.ctx.data.seed, id));
    const [firstName, lastName] = name === undefined ? [pick(rng, FIRST_NAMES), pick(rng, LAST_NAMES)] : splitName(name);
    const known = company === undefined ? pick(rng, COMPANIES) : COMPANIES.find((c) => c.name === company);
    const companyName = company === undefined ? (known?.name ?? null) : company;
    const list = this.ctx.data.attendeesByEvent.get(eventId) ?? [];
    const added: DemoAttendee = {
      id, eventId, firstName, lastName,
      email: email === undefined ? this.madeUpEmail(firstName, lastName, companyName, known?.domain, list) : email,
      companyName, title: pick(rng, TITLES),
      createdAt: new Date(Date.parse(event.startTime) - int(rng, 1, 30) * 86_400_000 - int(rng, 0, 86_399) * 1000).toISOString(),
      profile: 'added',
    };
    list.push(added);
    this.ctx.data.attendeesByEvent.set(eventId, list);
    this.ctx.data.slicesByAttendee.set(id, []);
    this.ctx.data.sessionsByAttendee.set(id, []);
    this.ctx.registerAttendee(added);
    return String(id);
  }

  private madeUpEmail(first: string | null, last: string | null, company: string | null, domain: string | undefined, list: readonly DemoAttendee[]): string | null {
    if (first === null) return null;
    const base = [first, last].filter((w): w is string => w !== null).map(emailPart).join('.');
    const host = domain ?? (company ? `${emailPart(company) || 'company'}.example` : 'mail.example');
    const taken = new Set(list.map((a) => a.email));
    let email = `${base}@${host}`;
    for (let n = 2; taken.has(email); n++) email = `${base}${n}@${host}`;
    return email;
  }

  appendSlices(eventId: number, attendeeId: number | string, slices: readonly NewSlice[]): string[] {
    const id = idOf(attendeeId, 'attendeeId');
    const attendee = this.ctx.data.attendeesByEvent.get(eventId)?.find((a) => a.id === id);
    if (!attendee) throw new WorldError(404, `There is no attendee ${id} in event ${eventId}`);
    if (!Array.isArray(slices)) throw new WorldError(400, 'slices must be a list');
    const checked = slices.map((s, i) => checkSlice(s, i));
    const list = this.ctx.data.slicesByAttendee.get(id) ?? [];
    const added: DemoSlice[] = checked.map((s) => {
      const endMs = s.startMs + s.durationSeconds * 1000;
      return {
        id: ++this.lastSliceId, sessionId: 0, trackingType: s.trackingType, trackableType: s.trackableType,
        trackableId: s.trackableId, clickTime: null, clickMs: null, startTime: new Date(s.startMs).toISOString(),
        startMs: s.startMs, endTime: new Date(endMs).toISOString(), endMs, durationSeconds: s.durationSeconds,
      };
    });
    list.push(...added);
    list.sort((a, b) => a.startMs - b.startMs || a.id - b.id);
    this.ctx.data.slicesByAttendee.set(id, list);
    const sessions = this.ctx.data.sessionsByAttendee.get(id) ?? [];
    for (const slice of added) addToSessions(id, sessions, list, slice, () => ++this.lastSessionId);
    this.ctx.data.sessionsByAttendee.set(id, sessions);
    return added.map((s) => String(s.id));
  }

  revokeKeyAfter(answers: number): void {
    this.revokeIn = checkAfter(answers);
  }

  holdAfter(answers: number): void {
    this.holdIn = checkAfter(answers);
  }

  release(): void {
    this.holdIn = undefined;
    this.hold?.release();
    this.hold = undefined;
  }

  /** Resolves at once, or when a hold is released. */
  async gate(): Promise<void> {
    if (this.hold) await this.hold.until;
  }

  revokeKey(): void {
    this.revokeIn = undefined;
    this.keyRevoked = true;
    this.ctx.keys.delete(this.ctx.apiKey);
  }

  restoreKey(): void {
    this.revokeIn = undefined;
    this.keyRevoked = false;
    this.ctx.keys.set(this.ctx.apiKey, this.ctx.organizationId);
  }

  outage(options: OutageOptions): void {
    const status = options.status ?? 503;
    if (!Number.isInteger(status) || (status !== 429 && (status < 500 || status > 599))) {
      throw new WorldError(400, `An outage answers 429 or 5xx, not ${JSON.stringify(options.status)}`);
    }
    if (!wholeNumber(options.retryAfterSeconds)) {
      throw new WorldError(400, `retryAfterSeconds must be a whole number of seconds, got ${JSON.stringify(options.retryAfterSeconds)}`);
    }
    this.outageState = { status, retryAfterSeconds: options.retryAfterSeconds };
  }

  endOutage(): void {
    this.outageState = null;
  }

  echoKey(on: boolean): void {
    this.echoing = on;
  }

  state(): WorldState {
    return { keyRevoked: this.keyRevoked, outage: this.outageState && { ...this.outageState }, echoKey: this.echoing };
  }

  /**
   * What the API answers during an outage: the outage's status and `Retry-After` instead of `response`, unless the
   * gate answered (refused key, rate limit, Accept), which comes first as it does for the other faults.
   */
  during(response: ApiResponse): ApiResponse {
    if (this.revokeIn !== undefined && response.status === 200 && --this.revokeIn === 0) this.revokeKey();
    if (this.holdIn !== undefined && response.status === 200 && --this.holdIn === 0) {
      this.holdIn = undefined;
      let release = (): void => undefined;
      const until = new Promise<void>((resolve) => { release = resolve; });
      this.hold = { until, release };
    }
    const outage = this.outageState;
    if (!outage || response.gate) return response;
    const detail = outage.status === 429 ? 'Too many requests: try again later' : 'Brella is unavailable right now: try again later';
    // Marked as a gate answer so that the random faults leave it as it is.
    return { ...jsonResponse(outage.status, errorDocument(outage.status, detail), { 'Retry-After': String(outage.retryAfterSeconds) }), gate: true };
  }
}

function checkAfter(answers: number): number {
  if (!Number.isSafeInteger(answers) || answers < 1) throw new WorldError(400, `after must be a whole number ≥ 1, got ${JSON.stringify(answers)}`);
  return answers;
}

interface CheckedSlice {
  trackingType: NewSliceType;
  startMs: number;
  durationSeconds: number;
  trackableType: string | null;
  trackableId: number | null;
}

function checkSlice(s: NewSlice, index: number): CheckedSlice {
  const at = `slices[${index}]`;
  if (!s || typeof s !== 'object') throw new WorldError(400, `${at} must be an object`);
  if (!NEW_SLICE_TYPES.includes(s.trackingType)) {
    throw new WorldError(400, `${at}.trackingType must be one of ${NEW_SLICE_TYPES.join(', ')}, got ${JSON.stringify(s.trackingType)}`);
  }
  const startMs = typeof s.startTime === 'string' ? parseTimestamp(s.startTime) : null;
  if (startMs === null) throw new WorldError(400, `${at}.startTime must be an ISO 8601 time, got ${JSON.stringify(s.startTime)}`);
  if (!wholeNumber(s.durationSeconds)) {
    throw new WorldError(400, `${at}.durationSeconds must be a whole number of seconds, 0 or more, got ${JSON.stringify(s.durationSeconds)}`);
  }
  const trackableType = (optionalText(s.trackableType, `${at}.trackableType`) ?? '').trim() || null;
  const hasId = s.trackableId !== undefined && s.trackableId !== null;
  if (hasId && trackableType === null) throw new WorldError(400, `${at}.trackableId needs a trackableType`);
  const trackableId = hasId ? idOf(s.trackableId, `${at}.trackableId`) : null;
  return { trackingType: s.trackingType, startMs, durationSeconds: s.durationSeconds, trackableType, trackableId };
}
