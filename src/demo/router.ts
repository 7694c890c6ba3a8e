/** The Brella Integration API of the local Brella: gate (key, rate limit, Accept), routes, documents. */
import type { IncomingHttpHeaders } from 'node:http';
import { API_BASE_PATH, BRELLA_ACCEPT } from './constants.ts';
import { filterSlices, parseSliceFilters } from './filters.ts';
import {
  JSONAPI_CONTENT_TYPE, attendeeResource, errorDocument, eventResource, includedTrackables, pagedDocument, parsePage, sessionResource,
  sliceResource, type Page, type Resource,
} from './jsonapi.ts';
import type { RateLimiter } from './rateLimit.ts';
import { filterSessions, parseSessionQuery } from './sessions.ts';
import type { DemoAttendee, DemoData, DemoEvent } from './types.ts';

/**
 * When an empty slice result is answered `204 No Content` (other lists always answer 200 with `data: []`):
 * - `slices` (default): 204 when the result is empty and some filter parameter was given; 200 `data: []` without filters;
 * - `never`: always 200 `data: []`;
 * - `alternate`: empty slice results alternate 204, 200, 204, … whatever the filters.
 */
export type EmptyAs204 = 'slices' | 'never' | 'alternate';

export interface ApiContext {
  data: DemoData;
  /** API key → organization id. */
  keys: ReadonlyMap<string, number>;
  limiter: RateLimiter | null;
  defaultPageSize: number;
  maxPageSize: number;
  emptyAs204: EmptyAs204;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
  /** Answered by the gate (403 key, 429, 406): fault injection leaves these alone. */
  gate?: boolean;
}

export function jsonResponse(status: number, document: unknown, headers: Record<string, string> = {}): ApiResponse {
  return { status, headers: { 'Content-Type': JSONAPI_CONTENT_TYPE, ...headers }, body: JSON.stringify(document) };
}

function error(status: number, detail?: string, parameter?: string, headers?: Record<string, string>): ApiResponse {
  return jsonResponse(status, errorDocument(status, detail, parameter), headers);
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function acceptsV4(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((part) => part.split(';')[0]?.trim().toLowerCase() === BRELLA_ACCEPT);
}

const ID = /^\d+$/;
const NOT_FOUND = (): ApiResponse => error(404, 'Not found');

export class BrellaApi {
  private readonly attendees = new Map<number, DemoAttendee>();
  private emptyAnswers = 0;

  constructor(private readonly ctx: ApiContext) {
    for (const list of ctx.data.attendeesByEvent.values()) for (const a of list) this.registerAttendee(a);
  }

  /** Makes an attendee known to the routes (the data's own, and those server.world adds later). */
  registerAttendee(attendee: DemoAttendee): void {
    this.attendees.set(attendee.id, attendee);
  }

  handle(method: string, url: URL, headers: IncomingHttpHeaders): ApiResponse {
    const key = header(headers, 'brella-api-access-token') ?? '';
    const keyOrganization = this.ctx.keys.get(key);
    if (keyOrganization === undefined) return { ...error(403, 'Invalid API key'), gate: true };
    const wait = this.ctx.limiter?.take(key) ?? 0;
    if (wait > 0) {
      return { ...error(429, 'Rate limit exceeded: slow down', undefined, { 'Retry-After': String(wait) }), gate: true };
    }
    if (!acceptsV4(header(headers, 'accept'))) {
      return { ...error(406, `Accept must be ${BRELLA_ACCEPT}`), gate: true };
    }
    const segments = url.pathname.slice(API_BASE_PATH.length).split('/').filter((s) => s !== '');
    const route = this.route(segments, url, keyOrganization);
    if (route.status === 404 || method === 'GET') return route.answer();
    return error(405, `${method} is not allowed here`, undefined, { Allow: 'GET' });
  }

  /** Resolves the path; `answer` runs the GET (or the 403/404 the path already calls for). */
  private route(s: string[], url: URL, keyOrganization: number): { status?: number; answer: () => ApiResponse } {
    const notFound = { status: 404, answer: NOT_FOUND };
    const [orgs, org, events, eventId, attendees, attendeeId, tracking, ...rest] = s;
    if (orgs !== 'organizations' || org === undefined || !ID.test(org) || events !== 'events' || rest.length > 0) return notFound;
    if (Number(org) !== keyOrganization) {
      return { answer: () => error(403, 'This API key does not give access to this organization') };
    }
    const eventsOfOrg = this.ctx.data.events.filter((e) => e.organizationId === keyOrganization);
    if (eventId === undefined) return { answer: () => this.list(eventsOfOrg, url, eventResource) };
    const event = ID.test(eventId) ? eventsOfOrg.find((e) => e.id === Number(eventId)) : undefined;
    if (!event) return notFound;
    if (attendees === undefined) {
      return { answer: () => jsonResponse(200, { data: eventResource(event), links: { self: `${url.origin}${url.pathname}` } }) };
    }
    if (attendees !== 'attendees') return notFound;
    if (attendeeId === undefined) {
      return { answer: () => this.list(this.ctx.data.attendeesByEvent.get(event.id) ?? [], url, attendeeResource) };
    }
    const attendee = ID.test(attendeeId) ? this.attendees.get(Number(attendeeId)) : undefined;
    if (!attendee || attendee.eventId !== event.id) return notFound;
    if (tracking === 'tracking_session_slices') return { answer: () => this.slices(event, attendee, url) };
    if (tracking === 'tracking_sessions') return { answer: () => this.sessions(event, attendee, url) };
    return notFound;
  }

  private page(url: URL): Page | ApiResponse {
    const parsed = parsePage(url.searchParams, this.ctx.defaultPageSize, this.ctx.maxPageSize);
    return parsed.ok ? parsed.page : error(400, parsed.detail, parsed.parameter);
  }

  private list<T>(items: readonly T[], url: URL, toResource: (item: T) => Resource): ApiResponse {
    const page = this.page(url);
    if ('status' in page) return page;
    return jsonResponse(200, pagedDocument(items, page, toResource, url));
  }

  private slices(_event: DemoEvent, attendee: DemoAttendee, url: URL): ApiResponse {
    const parsed = parseSliceFilters(url.searchParams);
    if (!parsed.ok) return error(400, parsed.detail, parsed.parameter);
    const page = this.page(url);
    if ('status' in page) return page;
    const slices = filterSlices(this.ctx.data.slicesByAttendee.get(attendee.id) ?? [], parsed.filters);
    if (slices.length === 0 && this.noContent(parsed.hasFilters)) return { status: 204, headers: {} };
    return jsonResponse(200, pagedDocument(slices, page, sliceResource, url));
  }

  /** Paged like every list; filter `trackable_type`; an empty result is 200 with `data: []`. */
  private sessions(event: DemoEvent, attendee: DemoAttendee, url: URL): ApiResponse {
    const parsed = parseSessionQuery(url.searchParams);
    if (!parsed.ok) return error(400, parsed.detail, parsed.parameter);
    const page = this.page(url);
    if ('status' in page) return page;
    const doc = pagedDocument(filterSessions(this.ctx.data.sessionsByAttendee.get(attendee.id) ?? [], parsed.trackableTypes), page, sessionResource, url);
    return jsonResponse(200, { ...doc, included: includedTrackables(doc.data, event) });
  }

  private noContent(hasFilters: boolean): boolean {
    switch (this.ctx.emptyAs204) {
      case 'never':
        return false;
      case 'alternate':
        return this.emptyAnswers++ % 2 === 0;
      case 'slices':
        return hasFilters;
    }
  }
}
