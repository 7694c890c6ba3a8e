/**
 * The timeline's runs and the bars they merge into. A run is parts of slices (a slice's time on one day) of one day
 * and kind whose pixels join up: from its first part's pixel to the furthest right pixel of its parts, with what they
 * add up to (parts, how many of them are not their slice's first, milliseconds, earliest start and its row, latest
 * end). Its key, ((day - base) × 4 + kind) × width + first pixel, sorts runs as (day, kind, pixel). Slices in time
 * order make long runs (the whole of a busy day's kind can be one), which is why rows far from it are sorted first
 * (timeline-build.ts); in another order a run may be one part. The bars are the same either way: parts that share a
 * pixel end up in one bar, as one run or two.

 */
import type { Bar, Lane } from './timeline-model';

const FIELDS = ['key', 'x1', 'count', 'later', 'ms', 'start', 'row', 'end'] as const;

/** The log of runs, a column each. */
export class Runs {
  /** Runs logged, from 0. */
  n = 0;
  key!: Float64Array;
  /** One past the furthest right pixel. */
  x1!: Float64Array;
  count!: Float64Array;
  later!: Float64Array;
  ms!: Float64Array;
  start!: Float64Array;
  row!: Float64Array;
  end!: Float64Array;

  constructor(capacity: number) {
    for (const f of FIELDS) this[f] = new Float64Array(capacity);
  }

  /** Room for `more` runs more. */
  reserve(more: number): void {
    while (this.n + more > this.key.length) this.grow();
  }

  /** Logs one part as a run (instants [s, e), pixels to x1, row `r`; `later`: 1 after the slice's first day). */
  add(key: number, x1: number, s: number, e: number, r: number, later: number): void {
    if (this.n === this.key.length) this.grow();
    const i = this.n++;
    this.key[i] = key;
    this.x1[i] = x1;
    this.count[i] = 1;
    this.later[i] = later;
    this.ms[i] = e - s;
    this.start[i] = s;
    this.row[i] = r;
    this.end[i] = e;
  }

  private grow(): void {
    for (const f of FIELDS) {
      const a = new Float64Array(Math.max(16, this.key.length * 2));
      a.set(this[f]);
      this[f] = a;
    }
  }

  /** The runs in order of their keys (ties in any order: what they add up to is the same). */
  ordered(): Int32Array {
    const { n, key } = this;
    let least = Infinity;
    let most = -Infinity;
    for (let i = 0; i < n; i++) {
      least = key[i]! < least ? key[i]! : least;
      most = key[i]! > most ? key[i]! : most;
    }
    const order = Int32Array.from({ length: n }, (_, i) => i);
    if ((most - least + 1) * n >= 2 ** 53) return order.sort((a, b) => key[a]! - key[b]!);
    // Key and run in one number, sorted by the engine's numeric sort (no call per comparison).
    return Int32Array.from(Float64Array.from(order, (i) => (key[i]! - least) * n + i).sort(), (v) => v % n);
  }
}

/** The pixel of a key (keys of days before the base are < 0). */
function pixel(key: number, w: number): number {
  return ((key % w) + w) % w;
}

export interface Merged {
  lanes: Lane[];
  bars: Bar[];
  /** [first, end) of the bars of `lane * 4 + kind`. */
  groups: Map<number, [number, number]>;
  kinds: boolean[];
}

/**
 * The bars: in key order, the runs of one day and kind that share a pixel with the bar so far merged into it. Until
 * the lanes are known, a bar's lane is its group, (day - base) × 4 + kind, and its seconds are milliseconds.
 */
export function mergeRuns(runs: Runs, base: number, w: number): Merged {
  const { key, count, later, x1, ms, start, row, end } = runs;
  const bars: Bar[] = [];
  const firsts: number[] = []; // per bar, its slices that start in it
  let bar: Bar | undefined;
  for (const i of runs.ordered()) {
    if (count[i] === 0) continue; // a kind's first run ends before it has parts
    const p = pixel(key[i]!, w);
    const g = (key[i]! - p) / w;
    const f = count[i]! - later[i]!;
    if (bar === undefined || bar.lane !== g || p >= bar.x1) {
      bars.push((bar = { lane: g, kind: g & 3, x0: p, x1: x1[i]!, count: count[i]!, row: row[i]!, startMs: start[i]!, endMs: end[i]!, seconds: ms[i]! }));
      firsts.push(f);
      continue;
    }
    bar.x1 = Math.max(bar.x1, x1[i]!);
    bar.count += count[i]!;
    bar.seconds += ms[i]!;
    bar.endMs = Math.max(bar.endMs, end[i]!);
    firsts[firsts.length - 1]! += f;
    if (start[i]! < bar.startMs || (start[i] === bar.startMs && row[i]! < bar.row)) {
      bar.startMs = start[i]!;
      bar.row = row[i]!;
    }
  }
  return { bars, ...lanesOf(bars, firsts, base) };
}

/**
 * The lanes (the days that have a bar, from each bar's group in `lane`) with their seconds and slices per kind; each
 * bar's lane and seconds; where each lane and kind's bars are, and which kinds have any.
 */
function lanesOf(bars: Bar[], firsts: readonly number[], base: number): Omit<Merged, 'bars'> {
  const lanes: Lane[] = [];
  const groups = new Map<number, [number, number]>();
  const kinds = [false, false, false, false];
  let lane: Lane | undefined;
  bars.forEach((bar, i) => {
    const day = base + (bar.lane - bar.kind) / 4;
    if (lane === undefined || lane.day !== day) lanes.push((lane = { day, seconds: [0, 0, 0, 0], counts: [0, 0, 0, 0] }));
    lane.seconds[bar.kind]! += bar.seconds;
    lane.counts[bar.kind]! += firsts[i]!;
    bar.lane = lanes.length - 1;
    bar.seconds /= 1000;
    const g = groups.get(bar.lane * 4 + bar.kind);
    if (g === undefined) groups.set(bar.lane * 4 + bar.kind, [i, i + 1]);
    else g[1] = i + 1;
    kinds[bar.kind] = true;
  });
  for (const l of lanes) l.seconds = l.seconds.map((v) => v / 1000);
  return { lanes, groups, kinds };
}
