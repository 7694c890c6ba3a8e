/** A small seeded PRNG (mulberry32) and helpers: the demo data must be the same for a seed. */

export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes a seed with a number (e.g. an attendee id) so that each attendee has its own stream. */
export function subSeed(seed: number, n: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ n, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** Integer in [min, max]. */
export function int(rng: Rng, min: number, max: number): number {
  return min + Math.floor(rng() * (max - min + 1));
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)] as T;
}

/**
 * One of `items`, the first ones far more often (weights 1, 1/2^1.2, 1/3^1.2, …): a few popular booths and streams
 * and many quiet ones, as at a real event. One draw of `rng`, like `pick`.
 */
export function popular<T>(rng: Rng, items: readonly T[]): T {
  const weights = items.map((_, i) => 1 / (i + 1) ** 1.2);
  let left = rng() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i++) {
    left -= weights[i]!;
    if (left < 0) return items[i] as T;
  }
  return items[items.length - 1] as T;
}

export function chance(rng: Rng, p: number): boolean {
  return rng() < p;
}

/** Seconds in [min, max], skewed towards short durations. */
export function skewedSeconds(rng: Rng, min: number, max: number): number {
  const r = rng();
  return min + Math.floor(r * r * (max - min + 1));
}
