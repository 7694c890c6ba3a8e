/** `/_demo/…`: the control routes, not part of Brella and never logged; they need the demo key itself. */
import type { IncomingMessage } from 'node:http';
import { sameKey } from './hostGuard.ts';
import type { DemoRequestLog } from './requestLog.ts';
import { jsonResponse, type ApiResponse } from './router.ts';
import type { DemoData } from './types.ts';
import { readBody, worldRoute } from './world-routes.ts';
import type { DemoWorld } from './world.ts';

/** What the control routes read and change: the running server's (DemoServer has all of it). */
export interface ControlTarget {
  baseUrl: string;
  organizationId: number;
  otherOrganization: { id: number };
  data: DemoData;
  requests: DemoRequestLog;
  world: DemoWorld;
}

/** The answer to a `/_demo/…` request: 403 without the demo key, else the route's. */
export async function controlRequest(req: IncomingMessage, path: string, presentedKey: string | undefined, apiKey: string, server: ControlTarget): Promise<ApiResponse> {
  // The demo key itself, not the API's key list: revoking the key (server.world) leaves these routes open.
  if (!sameKey(presentedKey, apiKey)) {
    req.resume();
    return jsonResponse(403, { errors: [{ status: '403', title: 'Forbidden', detail: 'The /_demo routes need the demo key in the Brella-API-Access-Token header' }] });
  }
  return control(req.method ?? 'GET', path, await readBody(req), server);
}

/** `body`: undefined when too large. */
function control(method: string, path: string, body: string | undefined, server: ControlTarget): ApiResponse {
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
