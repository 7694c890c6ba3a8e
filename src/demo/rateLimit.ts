/** A token bucket per API key: `requestsPerSecond` refill, at most `burst` tokens. */

export interface RateLimitOptions {
  requestsPerSecond: number;
  /** Default: requestsPerSecond (at least 1). */
  burst?: number;
  /** Milliseconds clock, for tests; default performance.now. */
  now?: () => number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly burst: number;
  private readonly now: () => number;

  constructor(private readonly options: RateLimitOptions) {
    this.burst = Math.max(1, options.burst ?? Math.ceil(options.requestsPerSecond));
    this.now = options.now ?? (() => performance.now());
  }

  /** 0 when the request may go on (a token is taken); else the seconds to wait, at least 1. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.options.requestsPerSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.options.requestsPerSecond));
  }
}
