/** One request to the local Brella: the Host check, then a control route or the API (with faults and latency), logged. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { API_BASE_PATH } from './constants.ts';
import { controlRequest, type ControlTarget } from './control.ts';
import { echoKeyIn, withoutEcho } from './echo.ts';
import { applyFaults, latencyOf, type DemoFaults } from './faults.ts';
import { isOwnRequest, ownHosts } from './hostGuard.ts';
import { queryRecord, type DemoRequestLog } from './requestLog.ts';
import { jsonResponse, type ApiResponse, type BrellaApi } from './router.ts';
import type { LiveWorld } from './world.ts';

export interface DemoHandlerParts {
  api: BrellaApi;
  world: LiveWorld;
  requests: DemoRequestLog;
  apiKey: string;
  faults: DemoFaults;
  /** Waits ms on a timer the server clears when it closes. */
  delay: (ms: number) => Promise<void>;
  /** The port listened on. */
  port: () => number;
  /** The running server, once started (the control routes answer only then). */
  self: () => ControlTarget | undefined;
}

export function send(res: ServerResponse, r: ApiResponse): void {
  const headers = { ...r.headers };
  if (r.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(r.body));
  res.writeHead(r.status, headers);
  res.end(r.body);
}

/** 421 Misdirected Request: this server is not the one the Host header names. */
function misdirected(port: number): ApiResponse {
  const detail = `This local Brella answers only requests for ${[...ownHosts(port)].join(', ')}`;
  return jsonResponse(421, { errors: [{ status: '421', title: 'Misdirected Request', detail }] });
}

/** The server's request listener: a handler that fails answers 500 (or drops the connection once headers went out). */
export function demoRequestListener(parts: DemoHandlerParts): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    handle(req, res, parts).catch(() => {
      if (!res.headersSent) send(res, jsonResponse(500, { errors: [{ status: '500', title: 'Internal Server Error' }] }));
      else res.destroy();
    });
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, parts: DemoHandlerParts): Promise<void> {
  const started = performance.now();
  const time = new Date().toISOString();
  const port = parts.port();
  // DNS rebinding: a request for any other host (evil.example pointed at 127.0.0.1) gets no data, not even a 404.
  if (!isOwnRequest(req.headers.host, req.url ?? '/', port)) {
    req.resume();
    return send(res, misdirected(port));
  }
  const header = req.headers['brella-api-access-token'];
  const presentedKey = Array.isArray(header) ? header[0] : header;
  const url = new URL(req.url ?? '/', `http://${req.headers.host as string}`);
  const self = parts.self();
  if (url.pathname.startsWith('/_demo/') && self) {
    return send(res, await controlRequest(req, url.pathname, presentedKey, parts.apiKey, self));
  }
  req.resume();
  return serveApi(req, res, url, presentedKey, { started, time }, parts);
}

/** The Integration API: anything outside it is 404; faults may delay, change or drop the answer. Every request is logged. */
async function serveApi(
  req: IncomingMessage, res: ServerResponse, url: URL, presentedKey: string | undefined, when: { started: number; time: string }, parts: DemoHandlerParts,
): Promise<void> {
  const method = req.method ?? 'GET';
  const { api, world, faults } = parts;
  // Links the server echoed the key into carry an `echo` parameter: accepted, ignored, and not logged.
  const apiUrl = withoutEcho(url);
  const record = (status: number): void => parts.requests.add({
    method, path: url.pathname, query: queryRecord(apiUrl.searchParams), status, time: when.time, durationMs: Math.round(performance.now() - when.started),
  });

  if (url.pathname !== API_BASE_PATH && !url.pathname.startsWith(`${API_BASE_PATH}/`)) {
    record(404);
    return send(res, jsonResponse(404, { errors: [{ status: '404', title: 'Not Found' }] }));
  }
  const wait = latencyOf(faults);
  if (wait > 0) await parts.delay(wait);
  await world.gate();
  const outcome = applyFaults(faults, world.during(api.handle(method, apiUrl, req.headers)));
  if (outcome.kind === 'drop') {
    record(0);
    req.socket.destroy();
    return;
  }
  record(outcome.response.status);
  send(res, world.state().echoKey ? echoKeyIn(outcome.response, presentedKey ?? '') : outcome.response);
}
