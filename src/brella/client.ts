/**
 * createBrellaClient: typed reads of the Brella Integration API, paced per key, retried, cancellable.
 * Every request is built from describeRequest() (the same description cURL text is made from), with the key
 * swapped in for the placeholder at the last moment.
 */
import {
  BrellaConfigError, BrellaRateLimitError, BrellaResponseTooLargeError, BrellaServerError, excerpt, isAbortError, redact, throwIfAborted,
} from './errors';
import { DEFAULT_MAX_RETRY_AFTER_MS } from './classify';
import { classifyFailure, backoffMs, parseRetryAfter, statusError } from './failures';
import {
  HttpBodyTooLarge, MAX_ERROR_BYTES, MAX_PAGE_BYTES, createDispatcher, displayProxy, httpGet, type HttpResponse,
} from './http';
import { sharedPacer, sleep, realClock } from './pacer';
import { keyScrubber } from './scrub';
import { collectPages, type BrellaList, type FetchedPage } from './paging';
import {
  API_KEY_HEADER, DEFAULT_BASE_URL, checkPageSize, describeRequest, endpointParts, normalizeBaseUrl,
  type BrellaEndpoint, type EndpointIds,
} from './requests';
import { decodeJson, parseSingleDocument, toAttendee, toEvent, toSlice, toTrackingSession, type ResourceMapper } from './schemas';
import { DEFAULT_USER_AGENT } from './version';
import type { BrellaClient, BrellaClientOptions, CallOptions, RequestLogEntry } from './client-types';

export type { BrellaClient, BrellaClientOptions, BrellaItem, CallOptions, RequestLogEntry } from './client-types';

function positive(name: string, value: number | undefined, fallback: number, integer: boolean): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v <= 0 || (integer && !Number.isSafeInteger(v))) {
    throw new BrellaConfigError(`${name} ${v} is not valid; use a positive ${integer ? 'whole ' : ''}number (default ${fallback})`);
  }
  return v;
}

export function createBrellaClient(options: BrellaClientOptions): BrellaClient {
  const key = options.apiKey;
  if (typeof key !== 'string' || key.trim() === '' || /[\s\p{Cc}]/u.test(key)) {
    throw new BrellaConfigError('The Brella API key is empty or contains spaces or control characters; paste the key from Brella\'s admin panel again.');
  }
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const userAgent = options.userAgent?.trim() || DEFAULT_USER_AGENT;
  const pageSize = checkPageSize(options.pageSize ?? 500);
  const timeoutMs = positive('timeoutMs', options.timeoutMs, 30_000, false);
  const retries = options.retries ?? 4;
  if (!Number.isSafeInteger(retries) || retries < 0) throw new BrellaConfigError(`retries ${retries} is not valid; use a whole number ≥ 0 (default 4)`);
  const limits = {
    pageBytes: positive('maxPageBytes', options.maxPageBytes, MAX_PAGE_BYTES, true),
    errorBytes: positive('maxErrorBytes', options.maxErrorBytes, MAX_ERROR_BYTES, true),
  };
  const backoffBase = options.backoffBaseMs ?? 500;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
  const clock = options.clock ?? realClock;
  const settings = {
    requestsPerSecond: positive('requestsPerSecond', options.requestsPerSecond, 10, false),
    maxConcurrentRequests: positive('maxConcurrentRequests', options.maxConcurrentRequests, 6, true),
  };
  const { dispatcher, route } = createDispatcher({
    target: baseUrl,
    proxyUrl: options.proxyUrl, proxyStrictSSL: options.proxyStrictSSL, connections: settings.maxConcurrentRequests, timeoutMs, env: options.env,
  });
  const proxy = route === 'direct' ? undefined : options.proxyUrl ? displayProxy(options.proxyUrl) : route === 'env-proxy' ? 'from HTTPS_PROXY/HTTP_PROXY' : undefined;
  const { pacer, release: leavePacer } = sharedPacer(key, settings, options.clock);
  const origin = new URL(baseUrl).origin;
  let closed: Promise<void> | undefined;

  const log = (entry: RequestLogEntry) => {
    if (!options.log) return;
    try {
      options.log({ ...entry, path: redact(entry.path, key), ...(entry.error ? { error: redact(entry.error, key) } : {}) });
    } catch {
      // a failing logger must not break requests
    }
  };

  const realHeaders = (described: Record<string, string>): Record<string, string> => ({ ...described, [API_KEY_HEADER]: key });
  // Every body is read without the key (http.ts): items, included names, raw pages, links and error excerpts.
  const scrub = keyScrubber(key);

  /** One GET with pacing and retries; returns the decoded body (undefined for 204 / empty). */
  async function get(url: string, headers: Record<string, string>, ids: EndpointIds, signal: AbortSignal | undefined): Promise<FetchedPage> {
    const target = new URL(url);
    const path = redact(`${target.pathname}${target.search}`, key);
    for (let attempt = 0; ; attempt++) {
      if (closed) throw new BrellaConfigError('This Brella client is closed; create a new one.');
      throwIfAborted(signal);
      const releaseSlot = await pacer.acquire(signal);
      const started = performance.now();
      let res: HttpResponse;
      try {
        res = await httpGet(dispatcher, url, realHeaders(headers), { signal, timeoutMs, limits, scrub });
      } catch (error) {
        releaseSlot();
        const ms = Math.round(performance.now() - started);
        if (isAbortError(error)) {
          log({ method: 'GET', path, error: 'cancelled', ms, retries: attempt, willRetry: false });
          throw error;
        }
        if (error instanceof HttpBodyTooLarge) {
          // Not retried: the same proxy or server would send the same flood again.
          log({ method: 'GET', path, status: error.status, error: `answer larger than ${bytes(error.limitBytes)}; stopped reading`, ms, retries: attempt, willRetry: false });
          throw tooLarge(error, path, key);
        }
        const failure = classifyFailure(error, { path, origin, key, timeoutMs, proxy, timeoutSetting: options.timeoutSetting });
        const willRetry = failure.retryable && attempt < retries && !closed;
        const waitMs = willRetry ? backoffMs(attempt, backoffBase) : undefined;
        log({ method: 'GET', path, error: failure.summary, ms, retries: attempt, willRetry, waitMs });
        if (!willRetry) throw failure.toError(attempt + 1);
        await sleep(waitMs!, signal, clock);
        continue;
      }
      releaseSlot();
      const ms = Math.round(performance.now() - started);
      const { status } = res;
      const ctx = { status, path, excerpt: excerpt(res.body, key) };
      if (status >= 200 && status < 300) {
        let body: unknown;
        try {
          body = status === 204 ? undefined : decodeJson(res.body, ctx);
        } catch (error) {
          // A body cut short or garbled on the way is as transient as a dropped connection: GETs are retried.
          const willRetry = attempt < retries && !closed;
          const waitMs = willRetry ? backoffMs(attempt, backoffBase) : undefined;
          log({ method: 'GET', path, status, error: 'the body is not JSON', ms, retries: attempt, willRetry, waitMs });
          if (!willRetry) throw error;
          await sleep(waitMs!, signal, clock);
          continue;
        }
        log({ method: 'GET', path, status, ms, retries: attempt, willRetry: false });
        return { url, status, body, ctx, text: status === 204 ? undefined : res.body };
      }
      if (status === 429) {
        const retryAfter = parseRetryAfter(res.headers['retry-after'], clock.now());
        const waitMs = retryAfter ?? backoffMs(attempt, backoffBase);
        const willRetry = attempt < retries && waitMs <= maxRetryAfterMs && !closed;
        pacer.rateLimited(Math.min(waitMs, maxRetryAfterMs));
        log({ method: 'GET', path, status, ms, retries: attempt, willRetry, ...(willRetry ? { waitMs } : {}) });
        if (willRetry) continue;
        const why = waitMs > maxRetryAfterMs
          ? `it asks to wait ${Math.ceil(waitMs / 1000)} s (Retry-After), longer than this client waits`
          : `still after ${attempt} ${attempt === 1 ? 'retry' : 'retries'}`;
        throw new BrellaRateLimitError(
          `Brella is rate limiting this API key (429) at GET ${path}: ${why}. Wait a minute and try again, or lower the request rate.`,
          path,
          retryAfter,
          maxRetryAfterMs,
        );
      }
      if (status >= 500) {
        // 503 may say when to come back (seconds or an HTTP date), as 429 does: then every request of the key waits.
        const retryAfter = status === 503 ? parseRetryAfter(res.headers['retry-after'], clock.now()) : undefined;
        const tooLong = retryAfter !== undefined && retryAfter > maxRetryAfterMs;
        const willRetry = attempt < retries && !closed && !tooLong;
        const waitMs = willRetry ? (retryAfter ?? backoffMs(attempt, backoffBase)) : undefined;
        if (retryAfter !== undefined) pacer.pause(Math.min(retryAfter, maxRetryAfterMs));
        log({ method: 'GET', path, status, ms, retries: attempt, willRetry, waitMs });
        if (willRetry) {
          await sleep(waitMs!, signal, clock);
          continue;
        }
        throw new BrellaServerError(
          tooLong
            ? `Brella is unavailable (${status}) at GET ${path} and asks to wait ${Math.ceil(retryAfter / 1000)} s (Retry-After), longer than this client waits. Try again later.`
            : `Brella had a server error (${status}) at GET ${path}, still after ${attempt} ${attempt === 1 ? 'retry' : 'retries'}. Try again later.`,
          { status, path, retryAfterMs: retryAfter, maxRetryAfterMs },
        );
      }
      log({ method: 'GET', path, status, ms, retries: attempt, willRetry: false });
      throw statusError(status, res.body, path, ids, key, { headers: res.headers, userAgent });
    }
  }

  async function list<T>(endpoint: BrellaEndpoint, what: string, map: ResourceMapper<T>, options: CallOptions<T> = {}): Promise<BrellaList<T>> {
    const { ids } = endpointParts(endpoint);
    const size = options.pageSize === undefined ? pageSize : checkPageSize(options.pageSize);
    const first = describeRequest(baseUrl, endpoint, { userAgent, pageSize: size });
    return collectPages({
      firstUrl: first.url, baseUrl, pageSize: size, what, map, onPage: options.onPage, signal: options.signal, maxPages: options.maxPages, keepRaw: options.keepRaw,
      readAhead: settings.maxConcurrentRequests,
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

/** "32 MB", "64 KB", "900 bytes". */
function bytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} bytes`;
}

function tooLarge(error: HttpBodyTooLarge, path: string, key: string): BrellaResponseTooLargeError {
  const text = excerpt(error.head, key);
  const page = error.status >= 200 && error.status < 300;
  const announced = error.declaredBytes !== undefined ? ` (it announced ${bytes(error.declaredBytes)})` : '';
  const usual = page ? 'a page of 500 slices is about 170 KB' : 'Brella\'s error messages are well under 1 KB';
  return new BrellaResponseTooLargeError(
    `Brella's answer to GET ${path} (status ${error.status}) was larger than ${bytes(error.limitBytes)}${announced}, while ${usual}: ` +
      `a proxy or server problem. Stopped reading it; try again later, or check the proxy.${text ? ` It began: ${text}` : ''}`,
    // No status: the answer was not read, and a 403 flood must not read as "the key is wrong".
    { path },
    text,
    error.limitBytes,
  );
}

/** Runs fn, turning synchronous throws (bad ids, filters) into rejections. */
async function run<T>(fn: () => Promise<T>): Promise<T> {
  return fn();
}
