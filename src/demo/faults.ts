/** Fault injection for the local Brella: latency, dropped connections, 5xx answers, malformed JSON bodies. */
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
  /** Source of randomness; default Math.random. */
  random?: () => number;
}

export type FaultOutcome = { kind: 'drop' } | { kind: 'answer'; response: ApiResponse };

export function latencyOf(faults: DemoFaults): number {
  const random = faults.random ?? Math.random;
  return Math.max(0, (faults.latencyMs ?? 0) + (faults.jitterMs ? random() * faults.jitterMs : 0));
}

/** Applies the faults, in this order: drop, server error, malformed body. Gate answers (403/406/429) are kept. */
export function applyFaults(faults: DemoFaults, response: ApiResponse): FaultOutcome {
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
