/**
 * Fault injection for the local Brella: latency, dropped connections, 5xx answers, malformed JSON bodies, and
 * Cloudflare blocking the client before Brella sees the request.
 */
import { errorDocument } from './jsonapi.ts';
import type { ApiResponse } from './router.ts';

export interface DemoFaults {
  /** Delay before every API answer. */
  latencyMs?: number;
  /** Up to this much more delay, at random. */
  jitterMs?: number;
  /** Share (0..1) of API requests answered 500, 502 (HTML body, as a proxy would) or 503 (no body, Retry-After). */
  serverErrorRate?: number;
  /** Share (0..1) of API requests whose connection is destroyed without an answer. */
  dropRate?: number;
  /** Share (0..1) of API answers whose body is cut in half (not JSON). */
  malformedRate?: number;
  /**
   * Answer every API request as Cloudflare (in front of the real Brella) answers a client it blocks, before any
   * key check: 403 with an HTML page, with the plain text "error code: 1010", or with Cloudflare's JSON naming
   * browser_signature_banned. Each carries `server: cloudflare` and a `cf-ray` header.
   */
  cloudflareBlock?: CloudflareBlock;
  /** Source of randomness; default Math.random. */
  random?: () => number;
}

export type CloudflareBlock = 'html' | 'error-1010' | 'browser-signature-banned';

export type FaultOutcome = { kind: 'drop' } | { kind: 'answer'; response: ApiResponse };

export function latencyOf(faults: DemoFaults): number {
  const random = faults.random ?? Math.random;
  return Math.max(0, (faults.latencyMs ?? 0) + (faults.jitterMs ? random() * faults.jitterMs : 0));
}

/** What Cloudflare sends when it blocks a client (shapes as seen in front of Brella and other sites). */
export function cloudflareBlockResponse(kind: CloudflareBlock): ApiResponse {
  const headers = { Server: 'cloudflare', 'CF-RAY': '8c1f2e3d4a5b6c7d-AMS' };
  switch (kind) {
    case 'html':
      return {
        status: 403,
        headers: { ...headers, 'Content-Type': 'text/html; charset=UTF-8' },
        body: '<!DOCTYPE html><html><head><title>Attention Required! | Cloudflare</title></head><body><h1>Sorry, you have been blocked</h1>'
          + '<p>You are unable to access api.brella.io</p><p>Cloudflare Ray ID: 8c1f2e3d4a5b6c7d</p></body></html>',
      };
    case 'error-1010':
      return { status: 403, headers: { ...headers, 'Content-Type': 'text/plain; charset=UTF-8' }, body: 'error code: 1010' };
    case 'browser-signature-banned':
      return {
        status: 403,
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ title: 'Error 1010: Access denied', status: 403, error_code: 1010, error_name: 'browser_signature_banned', ray_id: '8c1f2e3d4a5b6c7d' }),
      };
  }
}

/**
 * Applies the faults, in this order: Cloudflare block (before everything, even the key check), then, except for
 * gate answers (403/406/429, which are kept): drop, server error, malformed body.
 */
export function applyFaults(faults: DemoFaults, response: ApiResponse): FaultOutcome {
  if (faults.cloudflareBlock) return { kind: 'answer', response: cloudflareBlockResponse(faults.cloudflareBlock) };
  if (response.gate) return { kind: 'answer', response };
  const random = faults.random ?? Math.random;
  if (random() < (faults.dropRate ?? 0)) return { kind: 'drop' };
  if (random() < (faults.serverErrorRate ?? 0)) {
    const pick = random();
    if (pick < 1 / 3) {
      return { kind: 'answer', response: { status: 500, headers: { 'Content-Type': 'application/vnd.api+json' }, body: JSON.stringify(errorDocument(500, 'Something went wrong')) } };
    }
    if (pick < 2 / 3) {
      return { kind: 'answer', response: { status: 502, headers: { 'Content-Type': 'text/html' }, body: '<html><body><h1>502 Bad Gateway</h1></body></html>' } };
    }
    return { kind: 'answer', response: { status: 503, headers: { 'Retry-After': '1' } } };
  }
  if (random() < (faults.malformedRate ?? 0)) {
    const body = response.body ?? '{"data":[]}';
    const cut = body.slice(0, Math.max(1, Math.floor(body.length / 2)));
    return { kind: 'answer', response: { status: response.status === 204 ? 200 : response.status, headers: { ...response.headers, 'Content-Type': 'application/vnd.api+json' }, body: cut } };
  }
  return { kind: 'answer', response };
}
