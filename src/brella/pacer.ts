/**
 * Request pacing per API key, shared by every client using that key (Brella's rule of thumb: ~10 req/s per key).
 *
 * - Rate: a token bucket of max(1, floor(rate)) tokens where a token comes back one window (tokens / rate
 *   seconds) after it was spent. Steady state is `rate` requests per second, a burst is at most floor(rate),
 *   and no window of one second ever holds more than floor(rate) requests (a continuously refilled bucket
 *   would allow twice that across a window boundary, which a sliding-window server counts as too many).
 * - Concurrency: at most maxConcurrentRequests in flight.
 * - 503 with Retry-After: pause(waitMs) pauses every request of the key for waitMs, the rate unchanged.
 * - 429: rateLimited(waitMs) pauses every request of the key for waitMs and halves the rate (at most once per
 *   second, never below min(1, configured rate)); the rate then recovers by 10% every 5 s without a 429.
 * - Margin: each window lasts WINDOW_MARGIN_MS longer than the rate asks. Requests reach the server later than
 *   they leave, by a delay that varies from one to the next; a request that left 1 s after the first of the
 *   last window could otherwise arrive less than 1 s after it, and a strict server would count one too many.
 * Waiters are served first come, first served.
 */
import { createHash } from 'node:crypto';
import { abortError } from './errors';

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Resolves after ms, or rejects with the AbortError when the signal fires first. */
export function sleep(ms: number, signal: AbortSignal | undefined, clock: Clock = realClock): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clock.clearTimeout(handle);
      reject(abortError(signal));
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface PacerSettings {
  requestsPerSecond: number;
  maxConcurrentRequests: number;
}

export interface PacerState {
  /** Current rate (lower than configured after 429s). */
  requestsPerSecond: number;
  configuredRequestsPerSecond: number;
  inFlight: number;
  queued: number;
  /** Epoch ms until which every request waits (Retry-After), or undefined. */
  pausedUntil: number | undefined;
}

export const RECOVER_EVERY_MS = 5000;
/** Added to every window: room for the arrival jitter of requests (2.5% of a second at 10 req/s). */
export const WINDOW_MARGIN_MS = 25;
const RECOVER_FACTOR = 1.1;

interface Waiter {
  resolve: (release: () => void) => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export class Pacer {
  private baseRate: number;
  private rate: number;
  private maxConcurrent: number;
  private inFlight = 0;
  private sent: number[] = [];
  private queue: Waiter[] = [];
  private timer: unknown;
  private pausedUntil = 0;
  private lastPenaltyAt = -Infinity;
  private lastRecoveryAt = -Infinity;

  constructor(settings: PacerSettings, private readonly clock: Clock = realClock) {
    this.baseRate = this.rate = settings.requestsPerSecond;
    this.maxConcurrent = settings.maxConcurrentRequests;
  }

  configure(settings: PacerSettings): void {
    this.baseRate = settings.requestsPerSecond;
    this.rate = Math.min(this.rate, this.baseRate);
    this.maxConcurrent = settings.maxConcurrentRequests;
    this.pump();
  }

  state(): PacerState {
    this.recover(this.clock.now());
    return {
      requestsPerSecond: this.rate,
      configuredRequestsPerSecond: this.baseRate,
      inFlight: this.inFlight,
      queued: this.queue.length,
      pausedUntil: this.pausedUntil > this.clock.now() ? this.pausedUntil : undefined,
    };
  }

  /** Waits for a slot; call the returned function once the response is fully read (or failed). */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const i = this.queue.indexOf(waiter);
          if (i >= 0) this.queue.splice(i, 1);
          reject(abortError(signal));
          this.pump();
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.queue.push(waiter);
      this.pump();
    });
  }

  /** Brella asked to come back later (503 with Retry-After): pause everyone for waitMs, rate unchanged. */
  pause(waitMs: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + waitMs);
    this.pump();
  }

  /** A 429 arrived: pause everyone for waitMs and lower the rate. */
  rateLimited(waitMs: number): void {
    const now = this.clock.now();
    this.pausedUntil = Math.max(this.pausedUntil, now + waitMs);
    if (now - this.lastPenaltyAt >= 1000) {
      this.rate = Math.max(Math.min(1, this.baseRate), this.rate / 2);
      this.lastPenaltyAt = now;
    }
    this.pump();
  }

  private recover(now: number): void {
    if (this.rate >= this.baseRate) return;
    const since = Math.max(this.lastPenaltyAt, this.lastRecoveryAt);
    if (!Number.isFinite(since)) {
      this.rate = this.baseRate;
      return;
    }
    const steps = Math.floor((now - since) / RECOVER_EVERY_MS);
    if (steps <= 0) return;
    this.rate = Math.min(this.baseRate, this.rate * RECOVER_FACTOR ** steps);
    this.lastRecoveryAt = since + steps * RECOVER_EVERY_MS;
  }

  /** ms to wait before the next request may start (0 = now). */
  private waitMs(now: number): number {
    this.recover(now);
    const tokens = Math.max(1, Math.floor(this.rate));
    const windowMs = (tokens / this.rate) * 1000 + WINDOW_MARGIN_MS;
    this.sent = this.sent.filter((t) => t > now - windowMs).slice(-tokens);
    const windowWait = this.sent.length < tokens ? 0 : this.sent[0] + windowMs - now;
    return Math.max(windowWait, this.pausedUntil - now, 0);
  }

  private pump(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.queue.length > 0 && this.inFlight < this.maxConcurrent) {
      const now = this.clock.now();
      const wait = this.waitMs(now);
      if (wait > 0) {
        this.timer = this.clock.setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, Math.ceil(wait));
        return;
      }
      const waiter = this.queue.shift()!;
      waiter.signal?.removeEventListener('abort', waiter.onAbort);
      this.sent.push(now);
      this.inFlight++;
      let released = false;
      waiter.resolve(() => {
        if (released) return;
        released = true;
        this.inFlight--;
        this.pump();
      });
    }
  }
}

/** A short, one-way fingerprint of a key: the registry never holds the key itself. */
export function keyFingerprint(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

interface Entry {
  pacer: Pacer;
  users: Map<symbol, PacerSettings>;
}
const pacers = new Map<string, Entry>();

function effective(users: Map<symbol, PacerSettings>): PacerSettings {
  const all = [...users.values()];
  return {
    requestsPerSecond: Math.min(...all.map((s) => s.requestsPerSecond)),
    maxConcurrentRequests: Math.min(...all.map((s) => s.maxConcurrentRequests)),
  };
}

/**
 * The pacer shared by every client of this key. With several clients, the strictest settings apply.
 * Call release() when the client closes. The pacer itself stays (one small object per key fingerprint), so a
 * client rebuilt right after keeps the lowered rate and the recent request times instead of bursting again.
 */
export function sharedPacer(key: string, settings: PacerSettings, clock?: Clock): { pacer: Pacer; release: () => void } {
  const fingerprint = keyFingerprint(key);
  let entry = pacers.get(fingerprint);
  if (!entry) {
    entry = { pacer: new Pacer(settings, clock), users: new Map() };
    pacers.set(fingerprint, entry);
  }
  const me = Symbol('client');
  entry.users.set(me, settings);
  entry.pacer.configure(effective(entry.users));
  const owned = entry;
  return {
    pacer: owned.pacer,
    release: () => {
      if (owned.users.delete(me) && owned.users.size > 0) owned.pacer.configure(effective(owned.users));
    },
  };
}
