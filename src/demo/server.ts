/** The local Brella: an HTTP server (node:http only) that serves the demo data the way Brella's Integration API does. */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { API_BASE_PATH, DEMO_ORGANIZATION_ID, OTHER_ORGANIZATION_ID } from './constants.ts';
import { createDemoData, type DemoDataOptions } from './data.ts';
import type { DemoFaults } from './faults.ts';
import { demoRequestListener } from './handler.ts';
import { RateLimiter, type RateLimitOptions } from './rateLimit.ts';
import { DemoRequestLog } from './requestLog.ts';
import { BrellaApi, type EmptyAs204 } from './router.ts';
import type { DemoData } from './types.ts';
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

/** The API over the data, and the live world that changes it, both knowing the two keys. */
function createBackend(options: DemoServerOptions, data: DemoData, apiKey: string, otherApiKey: string): { api: BrellaApi; world: LiveWorld } {
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
  return { api, world };
}

/** Timers of the latency fault, cleared all at once when the server closes. */
function timerSet(): { delay: (ms: number) => Promise<void>; clear: () => void } {
  const timers = new Set<NodeJS.Timeout>();
  return {
    delay: (ms) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          resolve();
        }, ms);
        timers.add(timer);
      }),
    clear: () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  if (options.host !== undefined && !['127.0.0.1', '::1', 'localhost'].includes(options.host)) {
    throw new Error(`The local Brella listens on loopback only (127.0.0.1, ::1 or localhost), not on ${options.host}`);
  }
  const data = options.data ?? createDemoData(options);
  const apiKey = options.apiKey ?? randomKey();
  const otherApiKey = options.otherApiKey ?? randomKey();
  const { api, world } = createBackend(options, data, apiKey, otherApiKey);
  const requests = new DemoRequestLog();
  const timers = timerSet();
  const host = options.host ?? '127.0.0.1';
  const holder: { self?: DemoServer } = {};
  const server: Server = createServer(demoRequestListener({
    api, world, requests, apiKey, faults: options.faults ?? {}, delay: timers.delay,
    port: (): number => (server.address() as AddressInfo).port,
    self: () => holder.self,
  }));

  await listen(server, options.port ?? 0, host);
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  holder.self = {
    baseUrl: `${origin}${API_BASE_PATH}`, origin, port, apiKey, organizationId: DEMO_ORGANIZATION_ID,
    otherOrganization: { id: OTHER_ORGANIZATION_ID, apiKey: otherApiKey }, data, requests, world,
    address: () => server.address() as AddressInfo,
    close: () =>
      new Promise<void>((resolve) => {
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return holder.self;
}
