/** Small HTTP helpers for the demo server tests (global fetch). */
import { startDemoServer, type DemoServer, type DemoServerOptions } from '../../../src/demo/index.ts';

export const V4 = 'application/vnd.brella.v4+json';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface CallOptions {
  /** null: no key header; default: the server's key. */
  key?: string | null;
  /** null: no Accept header; default: the v4 type. */
  accept?: string | null;
  method?: string;
  query?: Record<string, string | number> | string;
}

function withQuery(url: string, query: CallOptions['query']): string {
  if (query === undefined) return url;
  const text = typeof query === 'string' ? query : new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
  return text === '' ? url : `${url}${url.includes('?') ? '&' : '?'}${text}`;
}

/** `path` is relative to the base URL (starting with '/'), or an absolute URL (e.g. a `links.next`). */
export async function call(server: DemoServer, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'User-Agent': 'demo-tests/1.0' };
  const key = options.key === undefined ? server.apiKey : options.key;
  if (key !== null) headers['Brella-API-Access-Token'] = key;
  const accept = options.accept === undefined ? V4 : options.accept;
  if (accept !== null) headers.Accept = accept;
  const url = withQuery(path.startsWith('http') ? path : `${server.baseUrl}${path}`, options.query);
  const res = await fetch(url, { method: options.method ?? 'GET', headers });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: parseOrUndefined(text) };
}

function parseOrUndefined(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** GET or POST a `/_demo/…` control route with the demo key (`key: null` sends none), no Accept. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function control(server: DemoServer, path: string, method = 'GET', key: string | null = server.apiKey): Promise<{ status: number; json: any }> {
  const res = await fetch(`${server.origin}${path}`, { method, headers: key === null ? {} : { 'Brella-API-Access-Token': key } });
  return { status: res.status, json: parseOrUndefined(await res.text()) };
}

export const slicesPath = (eventId: number, attendeeId: number, org = 1001): string =>
  `/organizations/${org}/events/${eventId}/attendees/${attendeeId}/tracking_session_slices`;

/** Every slice id the server answers for a query, following links.next; 204 counts as none. */
export async function allSliceIds(server: DemoServer, eventId: number, attendeeId: number, query: Record<string, string | number> = {}): Promise<string[]> {
  const ids: string[] = [];
  let next: string | undefined = `${server.baseUrl}${slicesPath(eventId, attendeeId)}`;
  let first = true;
  while (next) {
    const answer = await call(server, next, first ? { query: { ...query, 'page[size]': 500 } } : {});
    first = false;
    if (answer.status === 204) return ids;
    if (answer.status !== 200) throw new Error(`status ${answer.status}: ${answer.text}`);
    for (const r of answer.json.data) ids.push(r.id);
    next = answer.json.links.next;
  }
  return ids;
}

/** A server without rate limit for tests that make many requests. */
export function quietServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  return startDemoServer({ rateLimit: false, ...options });
}
