/**
 * What one exchange means for the request loop: the line it logs, then done (the page), go again (after a wait,
 * or at once when the pacer holds the key back) or give up with which error. No I/O here: the loop acts on it.
 */
import { BrellaRateLimitError, BrellaResponseTooLargeError, BrellaServerError, excerpt, isAbortError } from './errors';
import { backoffMs, classifyFailure, parseRetryAfter, statusError } from './failures';
import { HttpBodyTooLarge, type HttpResponse } from './http';
import type { Clock } from './pacer';
import type { FetchedPage } from './paging';
import type { EndpointIds } from './requests';
import { decodeJson } from './schemas';
import type { RequestLogEntry } from './client-types';

export interface RetryPolicy {
  key: string;
  origin: string;
  /** The proxy as shown in messages, when requests go through one. */
  proxy: string | undefined;
  timeoutMs: number;
  timeoutSetting: string | undefined;
  userAgent: string;
  retries: number;
  backoffBase: number;
  maxRetryAfterMs: number;
  clock: Clock;
}

/** One exchange as the loop saw it. */
export interface Exchange {
  url: string;
  /** Path and query, the key redacted. */
  path: string;
  ids: EndpointIds;
  /** Retries made before this exchange (0 = first try). */
  attempt: number;
  ms: number;
  /** Whether the client was closed meanwhile (then nothing is retried). */
  closed: boolean;
}

export type Next =
  | { kind: 'done'; page: FetchedPage }
  /** waitMs undefined: at once (the pacer already holds every request of the key back). */
  | { kind: 'retry'; waitMs: number | undefined }
  | { kind: 'fail'; error: unknown };

export interface Verdict {
  entry: RequestLogEntry;
  /** What the key's pacer is told before the next request: 429 slows it down, a 503's Retry-After pauses it. */
  pacer?: { rateLimited: number } | { pause: number };
  next: Next;
}

const retryOrFail = (willRetry: boolean, waitMs: number | undefined, error: () => unknown): Next =>
  willRetry ? { kind: 'retry', waitMs } : { kind: 'fail', error: error() };

const retriesText = (attempt: number): string => `${attempt} ${attempt === 1 ? 'retry' : 'retries'}`;

/** The exchange threw: cancelled, an answer too large, a timeout or a network failure. */
export function afterFailure(error: unknown, x: Exchange, p: RetryPolicy): Verdict {
  const { path, ms, attempt } = x;
  if (isAbortError(error)) {
    return { entry: { method: 'GET', path, error: 'cancelled', ms, retries: attempt, willRetry: false }, next: { kind: 'fail', error } };
  }
  if (error instanceof HttpBodyTooLarge) {
    // Not retried: the same proxy or server would send the same flood again.
    const problem = `answer larger than ${bytes(error.limitBytes)}; stopped reading`;
    return {
      entry: { method: 'GET', path, status: error.status, error: problem, ms, retries: attempt, willRetry: false },
      next: { kind: 'fail', error: tooLarge(error, path, p.key) },
    };
  }
  const failure = classifyFailure(error, { path, origin: p.origin, key: p.key, timeoutMs: p.timeoutMs, proxy: p.proxy, timeoutSetting: p.timeoutSetting });
  const willRetry = failure.retryable && attempt < p.retries && !x.closed;
  const waitMs = willRetry ? backoffMs(attempt, p.backoffBase) : undefined;
  return {
    entry: { method: 'GET', path, error: failure.summary, ms, retries: attempt, willRetry, waitMs },
    next: retryOrFail(willRetry, waitMs, () => failure.toError(attempt + 1)),
  };
}

/** Brella (or something in front of it) answered with a status. */
export function afterAnswer(res: HttpResponse, x: Exchange, p: RetryPolicy): Verdict {
  const { status } = res;
  if (status >= 200 && status < 300) return success(res, x, p);
  if (status === 429) return rateLimited(res, x, p);
  if (status >= 500) return serverError(res, x, p);
  return {
    entry: { method: 'GET', path: x.path, status, ms: x.ms, retries: x.attempt, willRetry: false },
    next: { kind: 'fail', error: statusError(status, res.body, x.path, x.ids, p.key, { headers: res.headers, userAgent: p.userAgent }) },
  };
}

function success(res: HttpResponse, x: Exchange, p: RetryPolicy): Verdict {
  const { status } = res;
  const { path, ms, attempt } = x;
  const ctx = { status, path, excerpt: excerpt(res.body, p.key) };
  let body: unknown;
  try {
    body = status === 204 ? undefined : decodeJson(res.body, ctx);
  } catch (error) {
    // A body cut short or garbled on the way is as transient as a dropped connection: GETs are retried.
    const willRetry = attempt < p.retries && !x.closed;
    const waitMs = willRetry ? backoffMs(attempt, p.backoffBase) : undefined;
    return {
      entry: { method: 'GET', path, status, error: 'the body is not JSON', ms, retries: attempt, willRetry, waitMs },
      next: retryOrFail(willRetry, waitMs, () => error),
    };
  }
  return {
    entry: { method: 'GET', path, status, ms, retries: attempt, willRetry: false },
    next: { kind: 'done', page: { url: x.url, status, body, ctx, text: status === 204 ? undefined : res.body } },
  };
}

function rateLimited(res: HttpResponse, x: Exchange, p: RetryPolicy): Verdict {
  const { status } = res;
  const { path, attempt } = x;
  const retryAfter = parseRetryAfter(res.headers['retry-after'], p.clock.now());
  const waitMs = retryAfter ?? backoffMs(attempt, p.backoffBase);
  const willRetry = attempt < p.retries && waitMs <= p.maxRetryAfterMs && !x.closed;
  const error = () => {
    const why = waitMs > p.maxRetryAfterMs
      ? `it asks to wait ${Math.ceil(waitMs / 1000)} s (Retry-After), longer than this client waits`
      : `still after ${retriesText(attempt)}`;
    return new BrellaRateLimitError(
      `Brella is rate limiting this API key (429) at GET ${path}: ${why}. Wait a minute and try again, or lower the request rate.`,
      path,
      retryAfter,
      p.maxRetryAfterMs,
    );
  };
  return {
    entry: { method: 'GET', path, status, ms: x.ms, retries: attempt, willRetry, ...(willRetry ? { waitMs } : {}) },
    pacer: { rateLimited: Math.min(waitMs, p.maxRetryAfterMs) },
    // The pacer now holds every request of the key back for waitMs: no wait of its own.
    next: retryOrFail(willRetry, undefined, error),
  };
}

function serverError(res: HttpResponse, x: Exchange, p: RetryPolicy): Verdict {
  const { status } = res;
  const { path, attempt } = x;
  // 503 may say when to come back (seconds or an HTTP date), as 429 does: then every request of the key waits.
  const retryAfter = status === 503 ? parseRetryAfter(res.headers['retry-after'], p.clock.now()) : undefined;
  const tooLong = retryAfter !== undefined && retryAfter > p.maxRetryAfterMs;
  const willRetry = attempt < p.retries && !x.closed && !tooLong;
  const waitMs = willRetry ? (retryAfter ?? backoffMs(attempt, p.backoffBase)) : undefined;
  const error = () => new BrellaServerError(
    tooLong
      ? `Brella is unavailable (${status}) at GET ${path} and asks to wait ${Math.ceil(retryAfter / 1000)} s (Retry-After), longer than this client waits. Try again later.`
      : `Brella had a server error (${status}) at GET ${path}, still after ${retriesText(attempt)}. Try again later.`,
    { status, path, retryAfterMs: retryAfter, maxRetryAfterMs: p.maxRetryAfterMs },
  );
  return {
    entry: { method: 'GET', path, status, ms: x.ms, retries: attempt, willRetry, waitMs },
    ...(retryAfter !== undefined ? { pacer: { pause: Math.min(retryAfter, p.maxRetryAfterMs) } } : {}),
    next: retryOrFail(willRetry, waitMs, error),
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
