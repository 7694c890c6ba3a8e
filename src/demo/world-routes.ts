/**
 * The `/_demo/world…` control routes: server.world over HTTP, for tests that only know the server's origin and the
 * demo key. JSON bodies; the server has checked the demo key (a revoked key still opens these routes).
 * - GET  /_demo/world            → 200 the state (`keyRevoked`, `outage`, `echoKey`)
 * - POST /_demo/world/attendees  `{ eventId, name?, email?, company? }` → 201 `{ id }`
 * - POST /_demo/world/slices     `{ eventId, attendeeId, slices: [{ trackingType, startTime, durationSeconds,
 *                                  trackableType?, trackableId? }] }` → 201 `{ ids }`
 * - POST /_demo/world/key        `{ revoked: boolean }` → 200 the state
 * - POST /_demo/world/outage     `{ on: boolean, status?, retryAfterSeconds }` → 200 the state
 * - POST /_demo/world/echo       `{ on: boolean }` → 200 the state
 * Bad input answers 400 `{ error }`, an unknown event or attendee 404 `{ error }`.
 */
import type { IncomingMessage } from 'node:http';
import { jsonResponse, type ApiResponse } from './router.ts';
import { WorldError, type DemoWorld, type NewSlice } from './world.ts';

const MAX_BODY_BYTES = 1 << 20;

/** The request body as text; undefined when it is larger than 1 MB (the rest is drained). */
export function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.once('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}

type Body = Record<string, unknown>;

function parseBody(text: string): Body {
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new WorldError(400, 'The body is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new WorldError(400, 'The body must be a JSON object');
  return body as Body;
}

function flag(body: Body, name: string): boolean {
  const value = body[name];
  if (typeof value !== 'boolean') throw new WorldError(400, `${name} must be true or false, got ${JSON.stringify(value)}`);
  return value;
}

function eventIdOf(body: Body): number {
  const value = body.eventId;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new WorldError(400, `eventId must be a whole number, got ${JSON.stringify(value)}`);
  return n;
}

const ROUTES: Record<string, { method: 'GET' | 'POST'; run: (world: DemoWorld, body: Body) => ApiResponse }> = {
  '/_demo/world': { method: 'GET', run: (world) => jsonResponse(200, world.state()) },
  '/_demo/world/attendees': {
    method: 'POST',
    run: (world, body) => {
      const { name, email, company } = body as { name?: string | null; email?: string | null; company?: string | null };
      return jsonResponse(201, { id: world.addAttendee(eventIdOf(body), { name, email, company }) });
    },
  },
  '/_demo/world/slices': {
    method: 'POST',
    run: (world, body) => {
      const attendeeId = body.attendeeId as number | string;
      return jsonResponse(201, { ids: world.appendSlices(eventIdOf(body), attendeeId, body.slices as NewSlice[]) });
    },
  },
  '/_demo/world/key': {
    method: 'POST',
    run: (world, body) => {
      if (flag(body, 'revoked')) {
        if (body.after === undefined) world.revokeKey();
        else world.revokeKeyAfter(body.after as number);
      } else world.restoreKey();
      return jsonResponse(200, world.state());
    },
  },
  '/_demo/world/hold': {
    method: 'POST',
    run: (world, body) => {
      if (body.release !== undefined && flag(body, 'release')) world.release();
      else world.holdAfter(body.after as number);
      return jsonResponse(200, world.state());
    },
  },
  '/_demo/world/outage': {
    method: 'POST',
    run: (world, body) => {
      if (flag(body, 'on')) world.outage({ status: body.status as number | undefined, retryAfterSeconds: body.retryAfterSeconds as number });
      else world.endOutage();
      return jsonResponse(200, world.state());
    },
  },
  '/_demo/world/echo': {
    method: 'POST',
    run: (world, body) => {
      world.echoKey(flag(body, 'on'));
      return jsonResponse(200, world.state());
    },
  },
};

/** The answer of a world route, or undefined when `path` is not one. `body` undefined: it was too large. */
export function worldRoute(method: string, path: string, body: string | undefined, world: DemoWorld): ApiResponse | undefined {
  const route = Object.hasOwn(ROUTES, path) ? ROUTES[path] : undefined;
  if (!route) return undefined;
  if (method !== route.method) return jsonResponse(405, { error: `${path} takes ${route.method}` }, { Allow: route.method });
  if (body === undefined) return jsonResponse(413, { error: `The body is larger than ${MAX_BODY_BYTES} bytes` });
  try {
    return route.run(world, parseBody(body));
  } catch (error) {
    if (error instanceof WorldError) return jsonResponse(error.status, { error: error.message });
    throw error;
  }
}
