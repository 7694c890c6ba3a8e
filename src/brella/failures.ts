/**
 * Turning failed exchanges into typed errors with messages a person can act on, and the retry arithmetic.
 * Everything that came from the network or the server passes through redact() before it reaches a message.
 */
import {
  BrellaAuthError,
  BrellaBadRequestError,
  BrellaBlockedError,
  BrellaError,
  BrellaNetworkError,
  BrellaNotAcceptableError,
  BrellaNotFoundError,
  BrellaResponseError,
  BrellaTimeoutError,
  BrellaUnprocessableError,
  excerpt,
  redact,
} from './errors';
import { HttpTimeout } from './http';
import { BRELLA_ACCEPT, type EndpointIds } from './requests';

/** The API's own words from a JSON:API error body: errors[].detail (or title), or a top-level error/message. */
export function apiDetails(body: string, key: string): string[] {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return [];
  }
  const out: string[] = [];
  const push = (v: unknown) => {
    if (typeof v === 'string' && v.trim()) out.push(excerpt(v, key, 300));
  };
  if (json && typeof json === 'object') {
    const errors = (json as { errors?: unknown }).errors;
    if (Array.isArray(errors)) {
      for (const e of errors) {
        if (typeof e === 'string') push(e);
        else if (e && typeof e === 'object') {
          const { detail, title } = e as { detail?: unknown; title?: unknown };
          push(typeof detail === 'string' && detail.trim() ? detail : title);
        }
      }
    }
    if (out.length === 0) {
      push((json as { error?: unknown }).error);
      push((json as { message?: unknown }).message);
    }
  }
  return out;
}

function idsToCheck(ids: EndpointIds): string {
  const parts = [`organization ${ids.organizationId}`];
  if (ids.eventId) parts.push(`event ${ids.eventId}`);
  if (ids.attendeeId) parts.push(`attendee ${ids.attendeeId}`);
  return parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

type Headers = Record<string, string | string[] | undefined>;

function headerText(headers: Headers | undefined, name: string): string {
  const value = headers?.[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

function isJson(body: string): boolean {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

/**
 * What shows that a 403 came from Cloudflare (or another gateway) in front of Brella, not from Brella: the
 * evidence as words for the message, or undefined for Brella's own 403. Brella's answers pass through
 * Cloudflare too and carry cf-ray and `server: cloudflare`, so those headers only count with a body that is
 * not JSON; error 1010 and browser_signature_banned count in any body.
 */
export function blockedBeforeBrella(status: number, body: string, headers: Headers | undefined): string | undefined {
  if (status !== 403) return undefined;
  if (/browser_signature_banned/i.test(body)) return 'browser_signature_banned';
  if (/error[ _]code["']?\s*:\s*1010\b/i.test(body)) return 'Cloudflare error 1010';
  if (body.trim() === '' || isJson(body)) return undefined;
  const cloudflare = headerText(headers, 'cf-ray') !== '' || /cloudflare/i.test(headerText(headers, 'server')) || /cloudflare/i.test(body);
  const html = /^\s*<(?:!doctype|html|head|body)\b/i.test(body) || /text\/html/i.test(headerText(headers, 'content-type'));
  if (cloudflare) return html ? 'an HTML page from Cloudflare' : 'an answer from Cloudflare that is not JSON';
  return html ? 'an HTML page instead of Brella\'s JSON' : undefined;
}

function blockedError(evidence: string, status: number, body: string, path: string, key: string, headers: Headers | undefined, userAgent: string): BrellaBlockedError {
  const rayHeader = headerText(headers, 'cf-ray');
  const ray = /^[\w-]{1,40}$/.test(rayHeader) ? `, Ray ID ${rayHeader}` : '';
  const who = evidence.includes('Cloudflare') || evidence === 'browser_signature_banned' || rayHeader !== '' || /cloudflare/i.test(headerText(headers, 'server'))
    ? 'by Cloudflare'
    : 'by a gateway (Cloudflare, which sits in front of Brella, or a proxy on the way)';
  return new BrellaBlockedError(
    `The request was blocked ${who} before it reached Brella (${status} at GET ${path}: ${evidence}${ray}). ` +
      'Brella never saw the request, so the API key was not checked: keep it. ' +
      'Check the network, proxy or VPN this machine uses (Cloudflare blocks some networks), and that nothing on the way ' +
      `replaces the User-Agent header (this extension sends "${userAgent}").`,
    path,
    status,
    evidence,
    excerpt(body, key),
  );
}

/** The error for a final, non-retried, non-2xx status other than 429/5xx. */
export function statusError(
  status: number,
  body: string,
  path: string,
  ids: EndpointIds,
  key: string,
  answer: { headers?: Headers; userAgent?: string } = {},
): BrellaError {
  const blocked = blockedBeforeBrella(status, body, answer.headers);
  if (blocked) return blockedError(blocked, status, body, path, key, answer.headers, answer.userAgent ?? 'its own User-Agent');
  const details = apiDetails(body, key);
  const said = details.length > 0 ? `: ${details.join('; ')}` : '';
  switch (status) {
    case 400:
      return new BrellaBadRequestError(
        `Brella rejected GET ${path} as a bad request${said || ' (no details given)'}. Check the filter values.`,
        path,
        details,
      );
    case 401:
    case 403:
      return new BrellaAuthError(ids.organizationId, status, path);
    case 404:
      return new BrellaNotFoundError(
        `Brella found nothing at GET ${path}: check ${idsToCheck(ids)} (an event that belongs to another organization also answers 404).`,
        { status, path },
      );
    case 406:
      return new BrellaNotAcceptableError(
        `Brella refused the API version this client asks for (Accept: ${BRELLA_ACCEPT}) at GET ${path}${said}. The API may have changed; update the extension.`,
        { status, path },
      );
    case 422:
      return new BrellaUnprocessableError(
        `Brella could not process GET ${path}${said || ' (no details given)'}. Check the filter values.`,
        path,
        details,
      );
    default: {
      if (status >= 300 && status < 400) {
        const location = excerpt(headerText(answer.headers, 'location'), key, 120);
        return new BrellaResponseError(
          `Brella answered GET ${path} with a redirect (${status}${location ? ` to ${location}` : ''}). Redirects are not followed, ` +
            'so the API key goes nowhere else; check the base URL (https://, host and path).',
          { status, path },
          location,
        );
      }
      const text = excerpt(body, key);
      return new BrellaResponseError(
        `Brella answered GET ${path} with an unexpected status ${status}${text ? `: ${text}` : ''}.`,
        { status, path },
        text,
      );
    }
  }
}

const RETRYABLE_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH', 'ENETDOWN',
  'EHOSTUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED',
]);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

function codeOf(error: unknown): string | undefined {
  const e = error as { code?: unknown; cause?: { code?: unknown }; errors?: Array<{ code?: unknown }> } | undefined;
  const code = e?.code ?? e?.cause?.code ?? e?.errors?.[0]?.code;
  return typeof code === 'string' ? code : undefined;
}

export interface Failure {
  kind: 'timeout' | 'network';
  retryable: boolean;
  code: string | undefined;
  /** One line for the log, redacted. */
  summary: string;
  /** The error to throw once no retry is left (attempts = how many were made). */
  toError(attempts: number): BrellaError;
}

export function classifyFailure(
  error: unknown,
  ctx: {
    path: string; origin: string; key: string; timeoutMs: number; proxy: string | undefined;
    /** The setting that holds the timeout (e.g. brella.requestTimeoutSeconds), named in the message when given. */
    timeoutSetting?: string;
  },
): Failure {
  const code = codeOf(error);
  const raw = error instanceof Error ? error.message : String(error);
  const message = excerpt(raw, ctx.key, 200);
  const tries = (n: number) => (n === 1 ? 'once' : `${n} times`);
  if (error instanceof HttpTimeout || (code !== undefined && TIMEOUT_CODES.has(code))) {
    return {
      kind: 'timeout',
      retryable: true,
      code,
      summary: `timeout after ${ctx.timeoutMs} ms${code ? ` (${code})` : ''}`,
      toError: (n) =>
        new BrellaTimeoutError(
          `Brella did not answer GET ${ctx.path} within ${Math.round(ctx.timeoutMs / 100) / 10} s (tried ${tries(n)}). ` +
            (ctx.timeoutSetting
              ? `Try again later, or raise the setting ${ctx.timeoutSetting}.`
              : 'Brella or the network is slow right now; try again later.'),
          ctx.path,
          ctx.timeoutMs,
        ),
    };
  }
  const where = ctx.proxy ? `the network, the base URL and the proxy ${ctx.proxy}` : 'the network connection and the base URL';
  return {
    kind: 'network',
    retryable: code !== undefined && RETRYABLE_CODES.has(code),
    code,
    summary: redact(`${code ?? 'error'}: ${message}`, ctx.key),
    toError: (n) =>
      new BrellaNetworkError(
        `Could not get GET ${ctx.path} from Brella at ${ctx.origin} (${code ?? 'network error'}: ${message}; tried ${tries(n)}). Check ${where}.`,
        ctx.path,
        code,
        error,
      ),
  };
}

/** Retry-After as ms: delta seconds or an HTTP date (past dates → 0); undefined when absent or unreadable. */
export function parseRetryAfter(header: string | string[] | undefined, now: number): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+(?:\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with jitter: base·2^attempt scaled by [0.5, 1), capped at 30 s. */
export function backoffMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(30_000, baseMs * 2 ** attempt);
  return Math.round(ceiling * (0.5 + random() * 0.5));
}
