/**
 * HTTP through undici, without side effects: a dispatcher owned by the client (keep-alive Agent, or a proxy
 * agent), passed explicitly on every request. No global dispatcher is read or installed, and undici's index
 * is never loaded (see transport.ts); global fetch is left as it was.
 */
import type Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
import { BrellaConfigError, abortError } from './errors';
import { isLoopbackUrl } from './loopback';

type Transport = typeof import('./transport');
let transport: Transport | undefined;

/**
 * undici's dispatcher classes (transport.ts), loaded when the first client is made rather than when the extension
 * activates. The build keeps `./transport` out of dist/extension.js: this require() reads dist/transport.js,
 * beside it (esbuild.js, LAZY_BUNDLES).
 */
function undici(): Transport {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  transport ??= require('./transport') as Transport;
  return transport;
}

export type Route = 'direct' | 'proxy' | 'env-proxy';

export interface DispatcherOptions {
  /** The base URL requests go to: a loopback one is always reached directly. */
  target: string;
  proxyUrl?: string;
  /** Check TLS certificates on proxied connections (VS Code's http.proxyStrictSSL). Default true. */
  proxyStrictSSL?: boolean;
  connections: number;
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
}

/** A proxy URL for messages: scheme, host and port only (never credentials). */
export function displayProxy(proxyUrl: string): string {
  try {
    const url = new URL(proxyUrl);
    return `${url.protocol}//${url.host}`;
  } catch {
    return 'the proxy URL';
  }
}

export function envProxyConfigured(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.https_proxy || env.HTTPS_PROXY || env.http_proxy || env.HTTP_PROXY);
}

/**
 * A loopback target (see loopback.ts) → a plain Agent, whatever the proxy settings say: the key must not
 * travel in clear text to a proxy, and a proxy cannot reach this machine's own servers anyway.
 * Else proxyUrl → undici ProxyAgent (tunnels with CONNECT); else HTTPS_PROXY/HTTP_PROXY (or lowercase) in the
 * environment → EnvHttpProxyAgent, which honors NO_PROXY (undici does not exempt loopback by itself; an
 * http:// base URL uses HTTP_PROXY only, an https:// one HTTPS_PROXY, else HTTP_PROXY);
 * else a plain keep-alive Agent.
 */
export function createDispatcher(options: DispatcherOptions): { dispatcher: Dispatcher; route: Route } {
  const { Agent, ProxyAgent, EnvHttpProxyAgent } = undici();
  const common = {
    connections: options.connections,
    keepAliveTimeout: 30_000,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connect: { timeout: options.timeoutMs },
  };
  if (isLoopbackUrl(options.target)) return { dispatcher: new Agent(common), route: 'direct' };
  if (options.proxyUrl) {
    let url: URL;
    try {
      url = new URL(options.proxyUrl);
    } catch {
      throw new BrellaConfigError('The proxy URL is not a URL; use e.g. http://proxy.example.com:3128');
    }
    if (!['http:', 'https:', 'socks5:', 'socks:'].includes(url.protocol)) {
      throw new BrellaConfigError(`The proxy ${displayProxy(options.proxyUrl)} must use http://, https:// or socks5://`);
    }
    const tls = { rejectUnauthorized: options.proxyStrictSSL ?? true };
    return { dispatcher: new ProxyAgent({ ...common, uri: options.proxyUrl, requestTls: tls, proxyTls: tls }), route: 'proxy' };
  }
  const env = options.env ?? process.env;
  if (envProxyConfigured(env)) {
    // Read from `env` only ('' = unset), so an injected environment is not mixed with process.env.
    const httpProxy = env.http_proxy || env.HTTP_PROXY || '';
    const httpsProxy = env.https_proxy || env.HTTPS_PROXY || '';
    const noProxy = env.no_proxy || env.NO_PROXY || '';
    return { dispatcher: new EnvHttpProxyAgent({ ...common, httpProxy, httpsProxy, noProxy }), route: 'env-proxy' };
  }
  return { dispatcher: new Agent(common), route: 'direct' };
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Thrown when the client's own timer (timeoutMs for the whole exchange) fires first. */
export class HttpTimeout extends Error {
  override name = 'HttpTimeout';
}

/**
 * Largest bodies read, in bytes. Whatever arrives is held in the extension host, which every extension shares,
 * so a broken proxy or server must not be able to stream hundreds of MB into it.
 * - A page: 500 slices (the largest page[size]) are about 170 KB of JSON in the documented shape (measured on
 *   the local Brella: 172 KB), 500 attendees about 145 KB; attendees with many custom fields or long texts may
 *   be ten times that. 32 MB is over 100 times a real page, and still quick to read and parse.
 * - An error body (any status outside 2xx): a JSON:API error document is well under 1 KB, and Cloudflare's
 *   block pages, the largest error answers seen in front of Brella, about 5-10 KB. 64 KB holds any of them.
 */
export const MAX_PAGE_BYTES = 32 * 1024 * 1024;
export const MAX_ERROR_BYTES = 64 * 1024;

export interface BodyLimits {
  /** For 2xx answers. */
  pageBytes: number;
  /** For every other status. */
  errorBytes: number;
}

/** The body went over its limit; reading stopped and the connection was dropped. */
export class HttpBodyTooLarge extends Error {
  override name = 'HttpBodyTooLarge';
  constructor(
    readonly status: number,
    readonly limitBytes: number,
    /** The first bytes of the body (at most 4 KB), decoded and scrubbed as the whole body would be; may end in part of the key. */
    readonly head: string,
    /** The Content-Length announced, when that alone was over the limit. */
    readonly declaredBytes: number | undefined,
  ) {
    super(`the answer (status ${status}) is larger than ${limitBytes} bytes`);
  }
}

const HEAD_BYTES = 4096;

/** Turns a string read from the network into the one the client keeps (keyScrubber() of scrub.ts removes the key). */
export type Scrub = (text: string) => string;

/**
 * The one place where a response's bytes become text, whole body or head: decoded as undici's body.text() does
 * (UTF-8, a leading byte order mark dropped), then scrubbed, before anything parses or keeps it.
 */
function decodeBody(bytes: Uint8Array, scrub: Scrub | undefined): string {
  const text = new TextDecoder('utf-8').decode(bytes);
  return scrub ? scrub(text) : text;
}

function headOf(chunks: readonly Uint8Array[], scrub: Scrub | undefined): string {
  const parts: Uint8Array[] = [];
  let size = 0;
  for (const chunk of chunks) {
    if (size >= HEAD_BYTES) break;
    parts.push(chunk.subarray(0, HEAD_BYTES - size));
    size += parts[parts.length - 1].length;
  }
  return decodeBody(Buffer.concat(parts), scrub);
}

/** Reads the body up to `limit` bytes; past it, stops reading (destroying the stream) and throws HttpBodyTooLarge. */
async function readCapped(
  body: AsyncIterable<Uint8Array> & { destroy(): unknown }, status: number, declared: number | undefined, limit: number, scrub: Scrub | undefined,
): Promise<string> {
  if (declared !== undefined && declared > limit) {
    body.destroy();
    throw new HttpBodyTooLarge(status, limit, '', declared);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    chunks.push(chunk);
    // Leaving the loop early destroys the stream, which drops the connection: nothing more is read.
    if (size > limit) throw new HttpBodyTooLarge(status, limit, headOf(chunks, scrub), undefined);
  }
  return decodeBody(Buffer.concat(chunks, size), scrub);
}

function contentLength(headers: Record<string, string | string[] | undefined>): number | undefined {
  const value = headers['content-length'];
  const text = Array.isArray(value) ? value[0] : value;
  return text !== undefined && /^\d+$/.test(text.trim()) ? Number(text) : undefined;
}

/**
 * GET url with exactly these headers. The body is read whole up to its limit (else HttpBodyTooLarge), and comes
 * back (as does HttpBodyTooLarge's head) through `scrub` when one is given. Redirects are never followed (no
 * redirect interceptor): a 3xx comes back as it is, and the key goes nowhere else.
 * Rejects with AbortError, HttpTimeout, HttpBodyTooLarge or undici's error.
 */
export async function httpGet(
  dispatcher: Dispatcher,
  url: string,
  headers: Record<string, string>,
  options: { signal?: AbortSignal; timeoutMs: number; limits?: BodyLimits; scrub?: Scrub },
): Promise<HttpResponse> {
  const { signal, timeoutMs } = options;
  const limits = options.limits ?? { pageBytes: MAX_PAGE_BYTES, errorBytes: MAX_ERROR_BYTES };
  if (signal?.aborted) throw abortError(signal);
  const controller = new AbortController();
  const timeout = new HttpTimeout(`no answer within ${timeoutMs} ms`);
  const timer = setTimeout(() => controller.abort(timeout), timeoutMs);
  const onAbort = () => controller.abort(abortError(signal));
  signal?.addEventListener('abort', onAbort, { once: true });
  const target = new URL(url);
  try {
    const res = await dispatcher.request({
      origin: target.origin,
      path: `${target.pathname}${target.search}`,
      method: 'GET',
      headers,
      signal: controller.signal,
    });
    const status = res.statusCode;
    const limit = status >= 200 && status < 300 ? limits.pageBytes : limits.errorBytes;
    const body = await readCapped(res.body, status, contentLength(res.headers), limit, options.scrub);
    return { status, headers: res.headers, body };
  } catch (error) {
    if (signal?.aborted) throw abortError(signal);
    if (controller.signal.aborted && controller.signal.reason === timeout) throw timeout;
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
