/**
 * What each request looks like (URL and headers), with the key as a placeholder. The client builds its real
 * requests from these descriptions, swapping in the key at the last moment, so cURL text and the client agree.
 */
import { BrellaConfigError, BrellaInvalidIdError } from './errors';
import type { SliceFilterInput, SliceFilters } from '../model/filters';
import { sliceFiltersToQuery } from './filter-query';
import { DEFAULT_USER_AGENT } from './version';

export const DEFAULT_BASE_URL = 'https://api.brella.io/api/integration';
export const API_KEY_HEADER = 'Brella-API-Access-Token';
/** Written where the key goes in descriptions and cURL text; a shell expands it from the environment. */
export const API_KEY_PLACEHOLDER = '$BRELLA_API_KEY';
export const BRELLA_ACCEPT = 'application/vnd.brella.v4+json';
export const MAX_PAGE_SIZE = 500;

export type BrellaId = number | string;

export interface RequestDescription {
  /** Absolute URL with its query. */
  url: string;
  /** Every header sent; the key header holds API_KEY_PLACEHOLDER. */
  headers: Record<string, string>;
}

export interface PageParams {
  size?: number;
  number?: number;
}

/** The id as the decimal string used in paths; throws BrellaInvalidIdError unless a positive safe integer. */
export function toId(value: unknown, field: string): string {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  if (typeof value === 'string' && /^[1-9]\d*$/.test(value.trim()) && Number.isSafeInteger(Number(value))) {
    return value.trim();
  }
  throw new BrellaInvalidIdError(field, value);
}

/** Validates an http(s) base URL and drops trailing slashes, query and fragment. */
export function normalizeBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new BrellaConfigError(`Brella base URL ${JSON.stringify(baseUrl)} is not a URL; use e.g. ${DEFAULT_BASE_URL}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new BrellaConfigError(`Brella base URL ${JSON.stringify(baseUrl)} must start with https:// or http://`);
  }
  if (url.username || url.password) {
    throw new BrellaConfigError('Brella base URL must not contain a user name or password');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export function brellaHeaders(userAgent: string = DEFAULT_USER_AGENT, key: string = API_KEY_PLACEHOLDER): Record<string, string> {
  return {
    [API_KEY_HEADER]: key,
    Accept: BRELLA_ACCEPT,
    'Content-Type': 'application/json',
    'User-Agent': userAgent,
  };
}

export function checkPageSize(size: number): number {
  if (!Number.isSafeInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new BrellaConfigError(`pageSize ${size} is out of range; use a whole number from 1 to ${MAX_PAGE_SIZE}`);
  }
  return size;
}

/** base + encoded path segments + query (page[size] and page[number] last when given). */
export function apiUrl(baseUrl: string, segments: readonly string[], query?: URLSearchParams, page?: PageParams): string {
  const params = new URLSearchParams(query);
  if (page?.size !== undefined) params.set('page[size]', String(checkPageSize(page.size)));
  if (page?.number !== undefined) params.set('page[number]', String(page.number));
  const search = params.toString();
  const path = segments.map(encodeURIComponent).join('/');
  return `${normalizeBaseUrl(baseUrl)}/${path}${search ? `?${search}` : ''}`;
}

export type BrellaEndpoint =
  | { kind: 'events'; organizationId: BrellaId }
  | { kind: 'event'; organizationId: BrellaId; eventId: BrellaId }
  | { kind: 'attendees'; organizationId: BrellaId; eventId: BrellaId }
  | { kind: 'slices'; organizationId: BrellaId; eventId: BrellaId; attendeeId: BrellaId; filters?: SliceFilterInput | SliceFilters }
  | { kind: 'sessions'; organizationId: BrellaId; eventId: BrellaId; attendeeId: BrellaId; trackableType?: string };

/** Checked ids of an endpoint, as strings. */
export interface EndpointIds {
  organizationId: string;
  eventId?: string;
  attendeeId?: string;
}

export function endpointIds(endpoint: BrellaEndpoint): EndpointIds {
  const ids: EndpointIds = { organizationId: toId(endpoint.organizationId, 'organizationId') };
  if (endpoint.kind !== 'events') ids.eventId = toId(endpoint.eventId, 'eventId');
  if (endpoint.kind === 'slices' || endpoint.kind === 'sessions') ids.attendeeId = toId(endpoint.attendeeId, 'attendeeId');
  return ids;
}

/** Path segments and filter query of an endpoint; validates ids and filters (throws before any request). */
export function endpointParts(endpoint: BrellaEndpoint): { ids: EndpointIds; segments: string[]; query: URLSearchParams; paged: boolean } {
  const ids = endpointIds(endpoint);
  const org = ['organizations', ids.organizationId];
  switch (endpoint.kind) {
    case 'events':
      return { ids, segments: [...org, 'events'], query: new URLSearchParams(), paged: true };
    case 'event':
      return { ids, segments: [...org, 'events', ids.eventId!], query: new URLSearchParams(), paged: false };
    case 'attendees':
      return { ids, segments: [...org, 'events', ids.eventId!, 'attendees'], query: new URLSearchParams(), paged: true };
    case 'slices': {
      const segments = [...org, 'events', ids.eventId!, 'attendees', ids.attendeeId!, 'tracking_session_slices'];
      return { ids, segments, query: sliceFiltersToQuery(endpoint.filters), paged: true };
    }
    case 'sessions': {
      const segments = [...org, 'events', ids.eventId!, 'attendees', ids.attendeeId!, 'tracking_sessions'];
      // trackable_type is checked by the same rule as the slice filter of that name.
      return { ids, segments, query: sliceFiltersToQuery({ trackable_type: endpoint.trackableType }), paged: true };
    }
  }
}

export interface DescribeOptions {
  userAgent?: string;
  /** page[size] for paged endpoints (default 500). */
  pageSize?: number;
  /** page[number] (default 1). */
  pageNumber?: number;
}

/** The request the client sends for an endpoint (first page of lists), key as placeholder. */
export function describeRequest(baseUrl: string, endpoint: BrellaEndpoint, options: DescribeOptions = {}): RequestDescription {
  const { segments, query, paged } = endpointParts(endpoint);
  const page = paged ? { size: options.pageSize ?? MAX_PAGE_SIZE, number: options.pageNumber ?? 1 } : undefined;
  return { url: apiUrl(baseUrl, segments, query, page), headers: brellaHeaders(options.userAgent) };
}

/** URL of one page of an attendee's slices, filters validated and normalized. */
export function buildSliceRequestUrl(
  baseUrl: string,
  organizationId: BrellaId,
  eventId: BrellaId,
  attendeeId: BrellaId,
  filters?: SliceFilterInput | SliceFilters,
  page: PageParams = {},
): string {
  return describeRequest(baseUrl, { kind: 'slices', organizationId, eventId, attendeeId, filters }, { pageSize: page.size, pageNumber: page.number }).url;
}

/** URL and headers of the first slices request, exactly as the client sends it (key as placeholder). */
export function describeSliceRequest(
  baseUrl: string,
  organizationId: BrellaId,
  eventId: BrellaId,
  attendeeId: BrellaId,
  filters?: SliceFilterInput | SliceFilters,
  options: DescribeOptions = {},
): RequestDescription {
  return describeRequest(baseUrl, { kind: 'slices', organizationId, eventId, attendeeId, filters }, options);
}
