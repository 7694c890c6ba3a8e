/**
 * HTTP through undici, without side effects: a dispatcher owned by the client (keep-alive Agent, or a proxy
 * agent), passed explicitly on every request. No global dispatcher is read or installed, and undici's index
 * is never loaded (see undici-deep.d.ts); global fetch is left as it was.
 */
import connect from 'undici/lib/api/api-connect.js';
import request from 'undici/lib/api/api-request.js';
import Agent from 'undici/lib/dispatcher/agent.js';
import Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
import EnvHttpProxyAgent from 'undici/lib/dispatcher/env-http-proxy-agent.js';
import ProxyAgent from 'undici/lib/dispatcher/proxy-agent.js';
import { BrellaConfigError, abortError } from './errors';

// What undici's index.js does as it loads, minus the global dispatcher and the APIs the client does not use
// (stream, pipeline, upgrade): gives every dispatcher request() and connect() (ProxyAgent tunnels with
// connect()). Idempotent; the same functions index.js would install.
if (typeof (Dispatcher.prototype as { request?: unknown }).request !== 'function') Object.assign(Dispatcher.prototype, { request, connect });

export type Route = 'direct' | 'proxy' | 'env-proxy';

export interface DispatcherOptions {
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
 * proxyUrl → undici ProxyAgent (tunnels with CONNECT); else HTTPS_PROXY/HTTP_PROXY (or lowercase) in the
 * environment → EnvHttpProxyAgent, which honors NO_PROXY (undici does not exempt loopback by itself; an
 * http:// base URL uses HTTP_PROXY only, an https:// one HTTPS_PROXY, else HTTP_PROXY);
 * else a plain keep-alive Agent.
 */
export function createDispatcher(options: DispatcherOptions): { dispatcher: Dispatcher; route: Route } {
  const common = {
    connections: options.connections,
    keepAliveTimeout: 30_000,
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connect: { timeout: options.timeoutMs },
  };
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

/** GET url with exactly these headers; the body is read whole. Rejects with AbortError, HttpTimeout or undici's error. */
export async function httpGet(
  dispatcher: Dispatcher,
  url: string,
  headers: Record<string, string>,
  options: { signal?: AbortSignal; timeoutMs: number },
): Promise<HttpResponse> {
  const { signal, timeoutMs } = options;
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
    const body = await res.body.text();
    return { status: res.statusCode, headers: res.headers, body };
  } catch (error) {
    if (signal?.aborted) throw abortError(signal);
    if (controller.signal.aborted && controller.signal.reason === timeout) throw timeout;
    throw error;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}
