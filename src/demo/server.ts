/** The local Brella: an HTTP server (node:http only) that serves the demo data the way Brella's Integration API does. */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_BASE_PATH, DEMO_ORGANIZATION_ID, OTHER_ORGANIZATION_ID } from './constants.ts';
import { createDemoData, type DemoDataOptions } from './data.ts';
import { echoKeyIn, withoutEcho } from './echo.ts';
import { applyFaults, latencyOf, type DemoFaults } from './faults.ts';
import { isOwnRequest, ownHosts, sameKey } from './hostGuard.ts';
import { RateLimiter, type RateLimitOptions } from './rateLimit.ts';
import { DemoRequestLog, queryRecord } from './requestLog.ts';
import { BrellaApi, jsonResponse, type ApiResponse, type EmptyAs204 } from './router.ts';
import type { DemoData } from './types.ts';
import { readBody, worldRoute } from './world-routes.ts';
import { LiveWorld, type DemoWorld } from './world.ts';

export interface DemoServerOptions extends DemoDataOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1; `::1` or `localhost` also work. Any other address is refused: the server is loopback only. */
  host?: string;
  /** The key of {@link DEMO_ORGANIZATION_ID}; default `demo_` + 32 random hex digits. */
  apiKey?: string;
  /** The key of {@link OTHER_ORGANIZATION_ID}; default random too. */
  otherApiKey?: string;
  /** Per key; default 10 requests per second, burst 10. false: no limit. */
  rateLimit?: RateLimitOptions | false;
  /** Default 50. */
  defaultPageSize?: number;
  /** Default 500; larger `page[size]` values are clamped to it. */
  maxPageSize?: number;
  faults?: DemoFaults;
  /** See {@link EmptyAs204}; default `slices`. */
  emptyAs204?: EmptyAs204;
  /** Serve this data instead of generating it (seed, attendeeCount and largeAttendee are then ignored). */
  data?: DemoData;
  /** Start in the mode that echoes the received API key back to the client (see echo.ts); default false. */
  echoKey?: boolean;
}

export interface DemoServer {
  /** e.g. http://127.0.0.1:PORT/api/integration */
  baseUrl: string;
  /** e.g. http://127.0.0.1:PORT (the `/_demo/…` control routes hang off it). */
  origin: string;
  port: number;
  apiKey: string;
  organizationId: number;
  otherOrganization: { id: number; apiKey: string };
  data: DemoData;
  requests: DemoRequestLog;
  /** Live changes while the server runs: attendees, slices, key revocation, outage, key echo (world.ts). */
  world: DemoWorld;
  /** The socket address the server listens on (from the listening socket, not from the options). */
  address(): AddressInfo;
  close(): Promise<void>;
}

const randomKey = (): string => `demo_${randomBytes(16).toString('hex')}`;

function send(res: ServerResponse, r: ApiResponse): void {
  const headers = { ...r.headers };
  if (r.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(r.body));
  res.writeHead(r.status, headers);
  res.end(r.body);
}

/** `/_demo/…`: not part of Brella, never logged; the caller has checked the demo key. `body`: undefined when too large. */
function control(method: string, path: string, body: string | undefined, server: DemoServer): ApiResponse {
  const world = worldRoute(method, path, body, server.world);
  if (world) return world;
  if (path === '/_demo/requests' && method === 'GET') {
    const requests = server.requests.list().map(({ method: m, path: p, query, status, time }) => ({ method: m, path: p, query, status, time }));
    return jsonResponse(200, { count: requests.length, requests });
  }
  if (path === '/_demo/requests/clear' && method === 'POST') {
    server.requests.clear();
    return jsonResponse(200, { count: 0 });
  }
  if (path === '/_demo/info' && method === 'GET') {
    const { data } = server;
    return jsonResponse(200, {
      baseUrl: server.baseUrl, organizationId: server.organizationId, otherOrganizationId: server.otherOrganization.id,
      seed: data.seed, events: data.events.map((e) => ({ id: e.id, organizationId: e.organizationId, name: e.name })),
      featured: data.featured, largeAttendeeId: data.largeAttendeeId,
    });
  }
  return jsonResponse(404, { error: 'unknown demo route' });
}

/** 421 Misdirected Request: this server is not the one the Host header names. */
function misdirected(port: number): ApiResponse {
  const detail = `This local Brella answers only requests for ${[...ownHosts(port)].join(', ')}`;
  return jsonResponse(421, { errors: [{ status: '421', title: 'Misdirected Request', detail }] });
}

export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  if (options.host !== undefined && !['127.0.0.1', '::1', 'localhost'].includes(options.host)) {
    throw new Error(`The local Brella listens on loopback only (127.0.0.1, ::1 or localhost), not on ${options.host}`);
  }
  const data = options.data ?? createDemoData(options);
  const apiKey = options.apiKey ?? randomKey();
  const otherApiKey = options.otherApiKey ?? randomKey();
  const faults = options.faults ?? {};
  const rateLimit = options.rateLimit === undefined ? { requestsPerSecond: 10, burst: 10 } : options.rateLimit;
  const keys = new Map([[apiKey, DEMO_ORGANIZATION_ID], [otherApiKey, OTHER_ORGANIZATION_ID]]);
  const api = new BrellaApi({
    data,
    keys,
    limiter: rateLimit === false ? null : new RateLimiter(rateLimit),
    defaultPageSize: options.defaultPageSize ?? 50,
    maxPageSize: options.maxPageSize ?? 500,
    emptyAs204: options.emptyAs204 ?? 'slices',
  });
  const world = new LiveWorld({
    data, keys, apiKey, organizationId: DEMO_ORGANIZATION_ID, echoKey: options.echoKey ?? false,
    registerAttendee: (attendee) => api.registerAttendee(attendee),
  });
  const requests = new DemoRequestLog();
  const timers = new Set<NodeJS.Timeout>();
  const host = options.host ?? '127.0.0.1';
  const holder: { self?: DemoServer } = {};

  const delay = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const time = new Date().toISOString();
    const method = req.method ?? 'GET';
    const port = (server.address() as AddressInfo).port;
    // DNS rebinding: a request for any other host (evil.example pointed at 127.0.0.1) gets no data, not even a 404.
    if (!isOwnRequest(req.headers.host, req.url ?? '/', port)) {
      req.resume();
      return send(res, misdirected(port));
    }
    const header = req.headers['brella-api-access-token'];
    const presentedKey = Array.isArray(header) ? header[0] : header;
    const url = new URL(req.url ?? '/', `http://${req.headers.host as string}`);
    if (url.pathname.startsWith('/_demo/') && holder.self) {
      // The demo key itself, not the API's key list: revoking the key (server.world) leaves these routes open.
      if (!sameKey(presentedKey, apiKey)) {
        req.resume();
        return send(res, jsonResponse(403, { errors: [{ status: '403', title: 'Forbidden', detail: 'The /_demo routes need the demo key in the Brella-API-Access-Token header' }] }));
      }
      return send(res, control(method, url.pathname, await readBody(req), holder.self));
    }
    req.resume();
    // Links the server echoed the key into carry an `echo` parameter: accepted, ignored, and not logged.
    const apiUrl = withoutEcho(url);
    const record = (status: number): void =>
      requests.add({ method, path: url.pathname, query: queryRecord(apiUrl.searchParams), status, time, durationMs: Math.round(performance.now() - started) });

    if (url.pathname !== API_BASE_PATH && !url.pathname.startsWith(`${API_BASE_PATH}/`)) {
      record(404);
      return send(res, jsonResponse(404, { errors: [{ status: '404', title: 'Not Found' }] }));
    }
    const wait = latencyOf(faults);
    if (wait > 0) await delay(wait);
    const outcome = applyFaults(faults, world.during(api.handle(method, apiUrl, req.headers)));
    if (outcome.kind === 'drop') {
      record(0);
      req.socket.destroy();
      return;
    }
    record(outcome.response.status);
    send(res, world.state().echoKey ? echoKeyIn(outcome.response, presentedKey ?? '') : outcome.response);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, jsonResponse(500, { errors: [{ status: '500', title: 'Internal Server Error' }] }));
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const self: DemoServer = {
    baseUrl: `${origin}${API_BASE_PATH}`, origin, port, apiKey, organizationId: DEMO_ORGANIZATION_ID,
    otherOrganization: { id: OTHER_ORGANIZATION_ID, apiKey: otherApiKey }, data, requests, world,
    address: () => server.address() as AddressInfo,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  holder.self = self;
  return self;
}
