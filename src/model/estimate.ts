/**
 * Early answers while a long report runs: the attendees are asked in a seeded random order, so the answers so far
 * are a uniform sample of the event's attendees, drawn without replacement. From them, a proportion (the check-in
 * rate) with its 95% interval: Wilson's score interval, with the finite-population correction (the interval
 * closes on the exact figure as the sample reaches the whole list). Pure.
 */

export interface Estimate {
  /** Percent, one decimal. */
  percent: number;
  /** The 95% interval, percent, one decimal. */
  low: number;
  high: number;
  /** Answers so far, out of the attendees. */
  sample: number;
  population: number;
}

const Z = 1.959964;

/** `hits` of `sample` answers drawn without replacement from `population`; undefined for no sample. */
export function estimateProportion(hits: number, sample: number, population: number): Estimate | undefined {
  if (sample <= 0 || population <= 0 || hits < 0 || hits > sample) return undefined;
  const n = Math.min(sample, population);
  const p = hits / n;
  // The finite-population correction scales the variance: nothing is left to estimate once n reaches N.
  const fpc = population > 1 ? Math.max(0, (population - n) / (population - 1)) : 0;
  const z2 = Z * Z * fpc;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (Math.sqrt(z2) / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const round = (x: number): number => Math.round(Math.min(1, Math.max(0, x)) * 1000) / 10;
  return { percent: round(p), low: round(centre - half), high: round(centre + half), sample: n, population };
}

/** A 32-bit hash of a text: FNV-1a, then MurmurHash3's finalizer, so that ids differing in one digit land far apart. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A seeded random order of ids: each id's place comes from a hash of the seed and the id alone, so the order is the
 * same on every run of the same report (Resume goes on with it) and an attendee listed later slots in at random.
 */
export function seededOrder<T>(items: readonly T[], seed: string, idOf: (item: T) => string): T[] {
  const keyed = items.map((item) => ({ item, key: hash32(`${seed}\u0000${idOf(item)}`), id: idOf(item) }));
  keyed.sort((a, b) => a.key - b.key || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return keyed.map((k) => k.item);
}
