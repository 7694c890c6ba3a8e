/**
 * Typed errors of the Brella client. Every message says what happened and what to do about it, and never
 * contains the API key: messages built from anything the network or the server returned go through redact().
 */
import { describeValue } from '../model/describe';
import { redactionMark } from './scrub';

/** Base of every error this layer throws (except cancellation, which is an AbortError). */
export class BrellaError extends Error {
  // Names are spelled out (not new.target.name) so they survive minification.
  override name = 'BrellaError';
  /** HTTP status when Brella answered, undefined otherwise. */
  readonly status: number | undefined;
  /** Path and query of the request (no key ever appears in it), undefined when no request was made. */
  readonly path: string | undefined;

  constructor(message: string, options: { status?: number; path?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = options.status;
    this.path = options.path;
  }
}

/** A slice filter value is not acceptable. `field` is the API's parameter name. */
export class BrellaFilterError extends BrellaError {
  override name = 'BrellaFilterError';
  constructor(
    readonly field: string,
    readonly value: unknown,
    message: string,
  ) {
    super(message);
  }
}

/** An organization, event or attendee id is not a positive whole number; thrown before any request. */
export class BrellaInvalidIdError extends BrellaError {
  override name = 'BrellaInvalidIdError';
  constructor(
    readonly field: string,
    readonly value: unknown,
  ) {
    super(`${field}: ${describeValue(value)} is not a Brella id; use a positive whole number, e.g. 1234`);
  }
}

/** Options or use of the client that cannot work (bad base URL, closed client, …). */
export class BrellaConfigError extends BrellaError {
  override name = 'BrellaConfigError';
}

/** A request Brella refused because of what it asked for; `details` are the API's own errors[].detail/title. */
abstract class BrellaRequestRejectedError extends BrellaError {
  constructor(
    message: string,
    path: string,
    readonly details: string[],
    status: number,
  ) {
    super(message, { status, path });
  }
}

/** 400: Brella rejected the request. */
export class BrellaBadRequestError extends BrellaRequestRejectedError {
  override name = 'BrellaBadRequestError';
  constructor(message: string, path: string, details: string[]) {
    super(message, path, details, 400);
  }
}

/** 401/403: the key is wrong, revoked, or its owner is not an org admin. */
export class BrellaAuthError extends BrellaError {
  override name = 'BrellaAuthError';
  constructor(
    readonly organizationId: string,
    status: number,
    path: string,
  ) {
    super(
      `Brella refused the API key for organization ${organizationId}: it is wrong, revoked, or its owner is not an org admin.`,
      { status, path },
    );
  }
}

/** 404: one of the ids is wrong (an event of another organization answers 404 too). */
export class BrellaNotFoundError extends BrellaError {
  override name = 'BrellaNotFoundError';
}

/** 406: Brella did not accept the API version asked for in Accept. */
export class BrellaNotAcceptableError extends BrellaError {
  override name = 'BrellaNotAcceptableError';
}

/** 422: Brella could not process the request's data (usually a filter value). */
export class BrellaUnprocessableError extends BrellaRequestRejectedError {
  override name = 'BrellaUnprocessableError';
  constructor(message: string, path: string, details: string[]) {
    super(message, path, details, 422);
  }
}

/** 429 that persisted through every retry, or a Retry-After longer than the client will wait. */
export class BrellaRateLimitError extends BrellaError {
  override name = 'BrellaRateLimitError';
  constructor(
    message: string,
    path: string,
    /** The wait Brella asked for in the last answer's Retry-After, undefined when it named none. */
    readonly retryAfterMs: number | undefined,
    /** The longest Retry-After the client that threw this waits for (its maxRetryAfterMs), when known. */
    readonly maxRetryAfterMs?: number,
  ) {
    super(message, { status: 429, path });
  }
}

/** 5xx that persisted through every retry, or a 503 whose Retry-After is longer than the client will wait. */
export class BrellaServerError extends BrellaError {
  override name = 'BrellaServerError';
  /** The wait Brella asked for in the last answer's Retry-After (503 only), undefined when it named none. */
  readonly retryAfterMs: number | undefined;
  /** The longest Retry-After the client that threw this waits for (its maxRetryAfterMs), when known. */
  readonly maxRetryAfterMs: number | undefined;

  constructor(
    message: string,
    options: { status?: number; path?: string; cause?: unknown; retryAfterMs?: number; maxRetryAfterMs?: number } = {},
  ) {
    super(message, options);
    this.retryAfterMs = options.retryAfterMs;
    this.maxRetryAfterMs = options.maxRetryAfterMs;
  }
}

/** Brella answered something this client cannot use: not JSON, wrong shape, paging that loops, odd status. */
export class BrellaResponseError extends BrellaError {
  override name = 'BrellaResponseError';
  constructor(
    message: string,
    options: { status?: number; path?: string },
    /** At most 200 characters of the body, key redacted. */
    readonly excerpt: string = '',
  ) {
    super(message, options);
  }
}

/**
 * The answer was larger than this client reads (a page or an error body over its limit): a proxy or server
 * problem. Reading stopped there and the connection was dropped. Not retried.
 */
export class BrellaResponseTooLargeError extends BrellaResponseError {
  override name = 'BrellaResponseTooLargeError';
  constructor(
    message: string,
    options: { status?: number; path?: string },
    excerpt: string,
    readonly limitBytes: number,
  ) {
    super(message, options, excerpt);
  }
}

/**
 * Something in front of Brella refused the request before Brella saw it: Cloudflare's 403 (an HTML page,
 * error 1010, browser_signature_banned). The key was never checked, so this is NOT a wrong key: `status` is
 * left undefined (Brella did not answer) and the status Cloudflare sent is in `httpStatus`.
 */
export class BrellaBlockedError extends BrellaError {
  override name = 'BrellaBlockedError';
  constructor(
    message: string,
    path: string,
    readonly httpStatus: number,
    /** What gave Cloudflare away ("error 1010", "browser_signature_banned", "an HTML page from Cloudflare", …). */
    readonly evidence: string,
    /** At most 200 characters of the body, key redacted. */
    readonly excerpt: string,
  ) {
    super(message, { path });
  }
}

/** The connection failed (DNS, refused, reset, proxy, TLS) and retries, if any were allowed, did not help. */
export class BrellaNetworkError extends BrellaError {
  override name = 'BrellaNetworkError';
  constructor(
    message: string,
    path: string,
    readonly code: string | undefined,
    cause?: unknown,
  ) {
    super(message, { path, cause });
  }
}

/** No answer within timeoutMs, on every attempt. */
export class BrellaTimeoutError extends BrellaError {
  override name = 'BrellaTimeoutError';
  constructor(
    message: string,
    path: string,
    readonly timeoutMs: number,
  ) {
    super(message, { path });
  }
}

/** The error cancellation rejects with: signal.reason when it is an AbortError, else a new DOMException. */
export function abortError(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('The Brella request was cancelled.', 'AbortError');
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/** Throws the cancellation error when the signal is already aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError(signal);
}

/**
 * Replaces every occurrence of the key (raw or URL-encoded) with "***" (redactionMark(key): another mark for a
 * key that holds a "*"). For paths and messages; response bodies are cleaned as they are read (scrub.ts).
 */
export function redact(text: string, key: string | undefined): string {
  if (!key) return text;
  const mark = redactionMark(key);
  const encoded = encodeURIComponent(key);
  // The longer form first: a key can be part of its own encoded form ("a%" in "a%25").
  const forms = encoded.length > key.length ? [encoded, key] : [key];
  return forms.reduce((out, form) => out.split(form).join(mark), text);
}

/**
 * A short, one-line, redacted excerpt of a body for error messages (≤ max characters). Only the head of the
 * body is redacted and flattened, so a large body costs no more than a small one; a key cut in two where the
 * head ends is dropped with it.
 */
export function excerpt(body: string, key: string | undefined, max = 200): string {
  const keyLength = key ? encodeURIComponent(key).length : 0;
  const room = max * 4 + 2 * keyLength;
  const cut = body.length > room;
  let head = redact(cut ? body.slice(0, room) : body, key);
  if (cut) head = head.slice(0, head.length - keyLength);
  const flat = head.replace(/\s+/g, ' ').trim();
  return flat.length <= max && !cut ? flat : `${flat.slice(0, max - 1)}…`;
}
