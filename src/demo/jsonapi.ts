/** JSON:API documents of the local Brella: resources (dasherized keys, string ids), paging, errors. */
import { SPONSOR_NAMES, STREAM_NAMES } from './names.ts';
import type { DemoAttendee, DemoEvent, DemoSession, DemoSlice } from './types.ts';

export const JSONAPI_CONTENT_TYPE = 'application/vnd.api+json; charset=utf-8';

export interface Resource {
  id: string;
  type: string;
  attributes: Record<string, unknown>;
  relationships?: Record<string, { data: { type: string; id: string } | null | { type: string; id: string }[] }>;
}

function ref(type: string, id: number | null): { data: { type: string; id: string } | null } {
  return { data: id === null ? null : { type, id: String(id) } };
}

export function eventResource(e: DemoEvent): Resource {
  return {
    id: String(e.id), type: 'event',
    attributes: {
      name: e.name, slug: e.slug, 'start-time': e.startTime, 'end-time': e.endTime, 'time-zone': e.timeZone,
      'venue-name': e.venueName, 'created-at': e.createdAt,
    },
    relationships: { organization: ref('organization', e.organizationId) },
  };
}

export function attendeeResource(a: DemoAttendee): Resource {
  return {
    id: String(a.id), type: 'attendee',
    attributes: {
      'first-name': a.firstName, 'last-name': a.lastName, email: a.email, 'company-name': a.companyName,
      title: a.title, 'created-at': a.createdAt,
    },
    relationships: { event: ref('event', a.eventId) },
  };
}

/** `trackable-id` is an integer attribute (a foreign key), unlike resource ids. */
export function sliceResource(s: DemoSlice): Resource {
  return {
    id: String(s.id), type: 'tracking-session-slice',
    attributes: {
      'tracking-type': s.trackingType, 'trackable-type': s.trackableType, 'trackable-id': s.trackableId,
      'click-time': s.clickTime, 'start-time': s.startTime, 'end-time': s.endTime, 'duration-seconds': s.durationSeconds,
    },
    relationships: { 'tracking-session': ref('tracking-session', s.sessionId) },
  };
}

const TRACKABLE_RESOURCE_TYPES: Record<string, string> = {
  Event: 'event', Sponsor: 'sponsor', Streamlink: 'streamlink', SponsorMedia: 'sponsor-media',
};

/**
 * One session per thing interacted with (sessions.ts). The trackable is only a relationship (as Brella documents
 * it), so a client has to read it from there; `tracking-session-slices` lists the slices it groups.
 */
export function sessionResource(s: DemoSession): Resource {
  const trackableType = s.trackableType === null ? null : (TRACKABLE_RESOURCE_TYPES[s.trackableType] ?? s.trackableType);
  return {
    id: String(s.id), type: 'tracking-session',
    attributes: {
      'tracking-type': s.trackingType, 'start-time': s.startTime, 'end-time': s.endTime,
      'duration-seconds': s.durationSeconds, 'interaction-count': s.interactionCount,
    },
    relationships: {
      trackable: trackableType === null ? { data: null } : ref(trackableType, s.trackableId),
      'tracking-session-slices': { data: s.sliceIds.map((id) => ({ type: 'tracking-session-slice', id: String(id) })) },
      attendee: ref('attendee', s.attendeeId),
    },
  };
}

/** The resource a session's trackable relationship points at, with the name people know it by. */
function trackableResource(type: string, id: string, event: DemoEvent): Resource {
  const n = Number(id);
  switch (type) {
    case 'event': return eventResource(event);
    case 'streamlink': return { id, type, attributes: { title: STREAM_NAMES[n % STREAM_NAMES.length]!, url: `https://stream.invalid/${id}` } };
    case 'sponsor': return { id, type, attributes: { name: SPONSOR_NAMES[n % SPONSOR_NAMES.length]! } };
    case 'sponsor-media': return { id, type, attributes: { title: `${SPONSOR_NAMES[Math.floor(n / 10) % SPONSOR_NAMES.length]!} booth video ${n % 10}` } };
    default: return { id, type, attributes: {} };
  }
}

/**
 * `included` for a page of sessions: each trackable the page points at, once (as Brella's documents carry
 * them, page by page).
 */
export function includedTrackables(page: readonly Resource[], event: DemoEvent): Resource[] {
  const seen = new Map<string, Resource>();
  for (const resource of page) {
    const target = resource.relationships?.trackable?.data;
    if (!target || Array.isArray(target)) continue;
    const key = `${target.type}:${target.id}`;
    if (!seen.has(key)) seen.set(key, trackableResource(target.type, target.id, event));
  }
  return [...seen.values()];
}

export interface ErrorDocument {
  errors: { status: string; title: string; detail?: string; source?: { parameter: string } }[];
}

const TITLES: Record<number, string> = {
  400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable',
  429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable',
};

export function errorDocument(status: number, detail?: string, parameter?: string): ErrorDocument {
  const error: ErrorDocument['errors'][number] = { status: String(status), title: TITLES[status] ?? 'Error' };
  if (detail !== undefined) error.detail = detail;
  if (parameter !== undefined) error.source = { parameter };
  return { errors: [error] };
}

export interface Page {
  size: number;
  number: number;
}

export type PageResult = { ok: true; page: Page } | { ok: false; parameter: string; detail: string };

/** `page[size]` (1.., clamped to maxSize) and `page[number]` (1..); anything else is a 400. */
export function parsePage(params: URLSearchParams, defaultSize: number, maxSize: number): PageResult {
  const read = (name: string, fallback: number): number | string => {
    const raw = params.get(name);
    if (raw === null) return fallback;
    const text = raw.trim();
    if (!/^\d+$/.test(text) || Number(text) < 1) return `${name} must be a positive integer: ${JSON.stringify(raw)}`;
    return Number(text);
  };
  const size = read('page[size]', defaultSize);
  if (typeof size === 'string') return { ok: false, parameter: 'page[size]', detail: size };
  const number = read('page[number]', 1);
  if (typeof number === 'string') return { ok: false, parameter: 'page[number]', detail: number };
  return { ok: true, page: { size: Math.min(size, maxSize), number } };
}

/** The query string with brackets left readable, as Brella-style links show them. */
function queryString(params: URLSearchParams): string {
  const text = params.toString().replace(/%5B/gi, '[').replace(/%5D/gi, ']').replace(/%3A/gi, ':').replace(/%2C/gi, ',');
  return text === '' ? '' : `?${text}`;
}

export function pageLink(url: URL, number: number, size: number): string {
  const params = new URLSearchParams(url.searchParams);
  params.delete('page[number]');
  params.delete('page[size]');
  params.set('page[number]', String(number));
  params.set('page[size]', String(size));
  return `${url.origin}${url.pathname}${queryString(params)}`;
}

export interface PagedDocument {
  data: Resource[];
  included?: Resource[];
  meta: { total_pages: number; total_count: number; current_page: number; page_size: number };
  links: { self: string; first: string; last: string; next?: string; prev?: string };
}

/**
 * One page of a list. meta uses the underscored spelling (`total_pages`, `total_count`); `total_pages` is 0 for an
 * empty list. links are absolute; `next` only before the last page, `prev` only after the first (up to the last).
 */
export function pagedDocument<T>(items: readonly T[], page: Page, toResource: (item: T) => Resource, url: URL): PagedDocument {
  const totalPages = Math.ceil(items.length / page.size);
  const from = (page.number - 1) * page.size;
  const data = from < items.length ? items.slice(from, from + page.size).map(toResource) : [];
  const links: PagedDocument['links'] = {
    self: pageLink(url, page.number, page.size),
    first: pageLink(url, 1, page.size),
    last: pageLink(url, Math.max(1, totalPages), page.size),
  };
  if (page.number < totalPages) links.next = pageLink(url, page.number + 1, page.size);
  if (page.number > 1) links.prev = pageLink(url, Math.min(page.number - 1, Math.max(1, totalPages)), page.size);
  return {
    data,
    meta: { total_pages: totalPages, total_count: items.length, current_page: page.number, page_size: page.size },
    links,
  };
}
