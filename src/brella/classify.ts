/**
 * What kind of failure an error of this layer is, for callers that decide what to offer the user: replace the
 * key, check the network, come back later, or just try again. The one place that reads these from the errors'
 * classes (and statuses), so no caller has to know which status numbers mean what.
 */
import {
  BrellaAuthError,
  BrellaBlockedError,
  BrellaNetworkError,
  BrellaRateLimitError,
  BrellaResponseError,
  BrellaServerError,
  BrellaTimeoutError,
} from './errors';

/** The longest Retry-After a client waits for unless told otherwise (BrellaClientOptions.maxRetryAfterMs). */
export const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Brella itself refused the API key (401/403): it is wrong, revoked, or its owner is not an org admin, so the
 * thing to offer is replacing it. A 403 from Cloudflare in front of Brella (BrellaBlockedError) is not: Brella
 * never saw the key. Besides BrellaAuthError, any other error carrying Brella's status 401 or 403 counts.
 */
export function isKeyError(error: unknown): boolean {
  if (error instanceof BrellaAuthError) return true;
  if (error instanceof BrellaBlockedError) return false;
  const status = statusOf(error);
  return status === 401 || status === 403;
}

/**
 * Something in front of Brella (Cloudflare, a gateway or proxy) blocked the request before Brella saw it: the
 * key is fine; the network, proxy or VPN in use is what to check.
 */
export function isBlocked(error: unknown): boolean {
  return error instanceof BrellaBlockedError;
}

/**
 * When Brella asked to wait longer than the client waits (a 429 or 503 whose Retry-After is over the client's
 * maxRetryAfterMs, which the client then did not wait for): the instant until which Brella asked to wait,
 * counted from `now`. Undefined for every other error, including a 429 or 503 whose short Retry-After the client
 * honoured on every retry before giving up.
 */
export function waitAskedUntil(error: unknown, now: number = Date.now()): Date | undefined {
  if (!(error instanceof BrellaRateLimitError) && !(error instanceof BrellaServerError)) return undefined;
  const { retryAfterMs } = error;
  if (retryAfterMs === undefined || !Number.isFinite(retryAfterMs)) return undefined;
  if (retryAfterMs <= (error.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS)) return undefined;
  return new Date(now + retryAfterMs);
}

/**
 * Brella or the network failed, not the request or the key: a 5xx that persisted (including a 503 asking for a
 * long wait), a connection that failed, no answer in time, or an answer that was garbled, cut short, too large
 * or paged in a loop. Trying again later is the remedy. A redirect or an unexpected status (a base URL that
 * points elsewhere) is not one; neither is a rate limit, a block, a refused key or a rejected request.
 */
export function isServerFailure(error: unknown): boolean {
  if (error instanceof BrellaServerError || error instanceof BrellaNetworkError || error instanceof BrellaTimeoutError) return true;
  if (error instanceof BrellaResponseError) {
    const status = error.status;
    return status === undefined || (status >= 200 && status < 300) || status >= 500;
  }
  return false;
}
