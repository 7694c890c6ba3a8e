/**
 * createBrellaClient: typed reads of the Brella Integration API, paced per key, retried, cancellable.
 * Every request is built from describeRequest() (the same description cURL text is made from), with the key
 * swapped in for the placeholder at the last moment.
 */
import { createDispatcher, displayProxy } from './http';
import { sharedPacer } from './pacer';
import { keyScrubber } from './scrub';
import { collectPages, type BrellaList } from './paging';
import { describeRequest, endpointParts, checkPageSize, type BrellaEndpoint } from './requests';
import { parseSingleDocument, toAttendee, toEvent, toSlice, toTrackingSession, type ResourceMapper } from './schemas';
import { resolveClientConfig } from './client-config';
import { requestLog } from './request-log';
import { requestLoop } from './request-loop';
import type { BrellaClient, BrellaClientOptions, CallOptions } from './client-types';

export type { BrellaClient, BrellaClientOptions, BrellaItem, CallOptions, RequestLogEntry } from './client-types';

export function createBrellaClient(options: BrellaClientOptions): BrellaClient {
  const config = resolveClientConfig(options);
  const { key, baseUrl, userAgent, pageSize, timeoutMs, settings } = config;
  const { dispatcher, route } = createDispatcher({
    target: baseUrl,
    proxyUrl: options.proxyUrl, proxyStrictSSL: options.proxyStrictSSL, connections: settings.maxConcurrentRequests, timeoutMs, env: options.env,
  });
  const proxy = route === 'direct' ? undefined : options.proxyUrl ? displayProxy(options.proxyUrl) : route === 'env-proxy' ? 'from HTTPS_PROXY/HTTP_PROXY' : undefined;
  const { pacer, release: leavePacer } = sharedPacer(key, settings, options.clock);
  let closed: Promise<void> | undefined;

  const get = requestLoop({
    dispatcher, pacer, limits: config.limits,
    policy: { ...config, origin: new URL(baseUrl).origin, proxy, timeoutSetting: options.timeoutSetting },
    // Every body is read without the key (http.ts): items, included names, raw pages, links and error excerpts.
    scrub: keyScrubber(key),
    log: requestLog(options.log, key),
    isClosed: () => closed !== undefined,
  });

  async function list<T>(endpoint: BrellaEndpoint, what: string, map: ResourceMapper<T>, options: CallOptions<T> = {}): Promise<BrellaList<T>> {
    const { ids } = endpointParts(endpoint);
    const size = options.pageSize === undefined ? pageSize : checkPageSize(options.pageSize);
    const first = describeRequest(baseUrl, endpoint, { userAgent, pageSize: size });
    return collectPages({
      firstUrl: first.url, baseUrl, pageSize: size, what, map, onPage: options.onPage, signal: options.signal, maxPages: options.maxPages, keepRaw: options.keepRaw,
      readAhead: readAheadFor(settings),
      fetchPage: (url, signal) => get(url, first.headers, ids, signal),
    });
  }

  return {
    baseUrl, userAgent, pageSize, route,
    listEvents: (organizationId, options) => run(() => list({ kind: 'events', organizationId }, 'events', toEvent, options)),
    listAttendees: (organizationId, eventId, options) =>
      run(() => list({ kind: 'attendees', organizationId, eventId }, 'attendees', toAttendee, options)),
    listSlices: (organizationId, eventId, attendeeId, filters, options) =>
      run(() => list({ kind: 'slices', organizationId, eventId, attendeeId, filters }, 'tracking session slices', toSlice, options)),
    listTrackingSessions: (organizationId, eventId, attendeeId, options = {}) =>
      run(() => list(
        { kind: 'sessions', organizationId, eventId, attendeeId, trackableType: options.trackableType },
        'tracking sessions', toTrackingSession, options,
      )),
    describeTrackingSessionsRequest: (organizationId, eventId, attendeeId, trackableType) =>
      describeRequest(baseUrl, { kind: 'sessions', organizationId, eventId, attendeeId, trackableType }, { userAgent, pageSize }),
    getEvent: (organizationId, eventId, options = {}) =>
      run(async () => {
        const endpoint: BrellaEndpoint = { kind: 'event', organizationId, eventId };
        const { ids } = endpointParts(endpoint);
        const request = describeRequest(baseUrl, endpoint, { userAgent });
        const fetched = await get(request.url, request.headers, ids, options.signal);
        const item = toEvent(parseSingleDocument(fetched.body, 'an event', fetched.ctx), fetched.ctx, 0);
        options.onPage?.({ page: 1, pagesKnown: 1, rows: 1, rowsSoFar: 1, rowsKnown: 1 }, [item]);
        return { item, raw: { page: 1, url: fetched.url, status: fetched.status, body: fetched.body ?? null } };
      }),
    describeSliceRequest: (organizationId, eventId, attendeeId, filters) =>
      describeRequest(baseUrl, { kind: 'slices', organizationId, eventId, attendeeId, filters }, { userAgent, pageSize }),
    rateState: () => pacer.state(),
    close: () => {
      closed ??= (async () => {
        leavePacer();
        await dispatcher.close();
      })();
      return closed;
    },
  };
}

/**
 * Pages of a list requested ahead of the one being read once its page count is known: two seconds of the key's
 * rate, and at least twice the requests allowed at once. The pacer lets at most floor(rate) requests go per window
 * and the concurrency cap the rest, so this many queued keeps both busy even when rows are handed over a second
 * late; and since the key's pacer serves first come, first served, another list's request waits behind at most
 * this many of them, not behind every page of a long list.
 */
function readAheadFor(settings: { requestsPerSecond: number; maxConcurrentRequests: number }): number {
  return Math.max(2 * settings.maxConcurrentRequests, Math.ceil(2 * settings.requestsPerSecond));
}

/** Runs fn, turning synchronous throws (bad ids, filters) into rejections. */
async function run<T>(fn: () => Promise<T>): Promise<T> {
  return fn();
}
