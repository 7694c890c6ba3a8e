/**
 * A scripted Brella stand-in for the client's tests: a node:http server on 127.0.0.1 that records every request
 * and answers from a handler (or a list of replies, the last one repeating). Also JSON:API document builders.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBrellaClient, type BrellaClient, type BrellaClientOptions, type RequestLogEntry } from '../../../src/brella/index.ts';

export const SECRET = 'sk_live_SECRET123';

export interface FakeRequest {
  method: string;
  /** Path and query as received. */
  url: string;
  pathname: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Date.now() at arrival. */
  at: number;
}

export interface FakeReply {
  status?: number;
  headers?: Record<string, string>;
  /** JSON-encoded unless `raw` is given. */
  body?: unknown;
  raw?: string;
  delayMs?: number;
  /** Destroy the socket without answering. */
  destroy?: boolean;
  /** Never answer (until the server closes). */
  hang?: boolean;
  /** Send the status line, headers and this much of a body, then stall. */
  stallAfter?: string;
}

export type FakeHandler = (req: FakeRequest, index: number) => FakeReply | Promise<FakeReply>;

export interface FakeServer {
  origin: string;
  baseUrl: string;
  requests: FakeRequest[];
  maxInFlight: number;
  close(): Promise<void>;
}

export async function startFake(script: FakeHandler | FakeReply[]): Promise<FakeServer> {
  const handler: FakeHandler = Array.isArray(script) ? (_req, i) => script[Math.min(i, script.length - 1)] : script;
  const requests: FakeRequest[] = [];
  let inFlight = 0;
  const state = { maxInFlight: 0 };
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const record: FakeRequest = {
      method: req.method ?? 'GET', url: req.url ?? '/', pathname: url.pathname, query: url.searchParams, headers: req.headers, at: Date.now(),
    };
    const index = requests.push(record) - 1;
    inFlight++;
    state.maxInFlight = Math.max(state.maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    void (async () => {
      const reply = await handler(record, index);
      if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
      if (reply.hang) {
        hanging.add(res);
        return;
      }
      if (reply.stallAfter !== undefined) {
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/vnd.api+json', 'content-length': '100000' });
        res.write(reply.stallAfter);
        hanging.add(res);
        return;
      }
      if (reply.destroy) {
        req.socket.destroy();
        return;
      }
      const status = reply.status ?? 200;
      const body = reply.raw ?? (reply.body === undefined || status === 204 ? '' : JSON.stringify(reply.body));
      res.writeHead(status, { 'content-type': 'application/vnd.api+json', ...reply.headers });
      res.end(body);
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    baseUrl: `${origin}/api/integration`,
    requests,
    get maxInFlight() {
      return state.maxInFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let keyCounter = 0;
/** A distinctive key per client (each key has its own shared pacer), always containing SECRET. */
export function uniqueKey(): string {
  keyCounter++;
  return `${SECRET}_${process.pid}_${keyCounter}`;
}

/** A client on the fake server with fast backoff; its log lines are collected in `logs`. */
export function fakeClient(fake: { baseUrl: string }, options: Partial<BrellaClientOptions> = {}): { client: BrellaClient; logs: RequestLogEntry[]; key: string } {
  const logs: RequestLogEntry[] = [];
  const key = options.apiKey ?? uniqueKey();
  const client = createBrellaClient({
    baseUrl: fake.baseUrl, apiKey: key, backoffBaseMs: 5, requestsPerSecond: 1000, maxConcurrentRequests: 6, env: {},
    log: (e) => logs.push(e), ...options,
  });
  return { client, logs, key };
}

export interface Res {
  id: string;
  type: string;
  attributes: Record<string, unknown>;
  relationships?: Record<string, unknown>;
}

export function slice(id: number | string, attributes: Record<string, unknown> = {}, relationships?: Record<string, unknown>): Res {
  return {
    id: String(id),
    type: 'tracking-session-slice',
    attributes: {
      'tracking-type': 'time_spent', 'click-time': null, 'start-time': '2023-05-10T09:00:00.000Z',
      'end-time': '2023-05-10T09:05:00.000Z', 'duration-seconds': 300, ...attributes,
    },
    relationships: relationships ?? { 'tracking-session': { data: { type: 'tracking-session', id: '7' } } },
  };
}

export function event(id: number | string, attributes: Record<string, unknown> = {}): Res {
  return { id: String(id), type: 'event', attributes: { name: `Event ${id}`, 'start-time': '2023-05-10T08:00:00.000Z', 'end-time': '2023-05-15T18:00:00.000Z', ...attributes } };
}

export function attendee(id: number | string, attributes: Record<string, unknown> = {}): Res {
  return { id: String(id), type: 'attendee', attributes: { 'first-name': 'Ada', 'last-name': 'Lovelace', email: 'ada@example.com', 'company-name': 'ACME', ...attributes } };
}

export function listDoc(data: Res[], extra: { meta?: Record<string, unknown>; links?: Record<string, unknown> } = {}): Record<string, unknown> {
  return { data, ...extra };
}

/** Resources id from..to (inclusive) built by `make`. */
export function range<T>(from: number, to: number, make: (id: number) => T): T[] {
  const out: T[] = [];
  for (let i = from; i <= to; i++) out.push(make(i));
  return out;
}

/** Every string reachable from errors/log entries, for key-leak checks. */
export function everythingSaid(values: unknown[]): string {
  return values.map((v) => (v instanceof Error ? `${v.name} ${v.message} ${String(v.stack)} ${JSON.stringify(v)}` : JSON.stringify(v))).join('\n');
}

/** A manual clock for the pacer: time moves only in advance(), firing due timers in order. */
export class FakeClock {
  time = 0;
  private timers: Array<{ at: number; fn: () => void; id: number }> = [];
  private nextId = 1;

  now = (): number => this.time;

  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, fn, id });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };

  /** Moves time forward by ms, running every timer that falls due (and the promise callbacks they start). */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    await flush();
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at || a.id - b.id);
      const due = this.timers[0];
      if (!due || due.at > target) break;
      this.timers.shift();
      this.time = Math.max(this.time, due.at);
      due.fn();
      await flush();
    }
    this.time = target;
    await flush();
  }
}

export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}
