/**
 * The timeline's runs and the bars they merge into. A run is parts of slices (a slice's time on one day) of one day
 * and kind whose pixels join up: from its first part's pixel to the furthest right pixel of its parts, with what they
 * add up to (parts, how many of them are not their slice's first, milliseconds, earliest start and its row, latest
 * end). Its key, ((day - base) × 4 + kind) × width + first pixel, sorts runs as (day, kind, pixel). Slices in time
 * order make long runs (the whole of a busy day's kind can be one); in any other order a run may be one part. The
 * bars are the same either way: parts that share a pixel end up in one bar, as one run or two.
 *
 * The loops run on 100 000 slices before the engine has optimized them, and then in code optimized from what their
 * first iterations did: every iteration takes the same path (a choice between values, not a branch that does work),
 * so that no later item meets an operation the optimized code has not seen and throws it away.
 */
import type { Bar, Lane } from './timeline-model';

export class Runs {
  /** Runs logged, from 0. */
  n = 0;
  key: Float64Array;
  /** One past the furthest right pixel. */
  x1: Int32Array;
  count: Int32Array;
  later: Int32Array;
  ms: Float64Array;
  start: Float64Array;
  row: Int32Array;
  end: Float64Array;

  constructor(capacity: number) {
    this.key = new Float64Array(capacity);
    this.x1 = new Int32Array(capacity);
    this.count = new Int32Array(capacity);
    this.later = new Int32Array(capacity);
    this.ms = new Float64Array(capacity);
    this.start = new Float64Array(capacity);
    this.row = new Int32Array(capacity);
    this.end = new Float64Array(capacity);
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
    const size = Math.max(16, this.key.length * 2);
    const copy = <A extends Float64Array | Int32Array>(a: A): A => {
      const b = new (a.constructor as new (n: number) => A)(size);
      b.set(a);
      return b;
    };
    this.key = copy(this.key);
    this.x1 = copy(this.x1);
    this.count = copy(this.count);
    this.later = copy(this.later);
    this.ms = copy(this.ms);
    this.start = copy(this.start);
    this.row = copy(this.row);
    this.end = copy(this.end);
  }

  /** The runs that hold parts, in order of their keys (ties in any order: what they add up to is the same). */
  ordered(): Int32Array {
    const { n, key, count } = this;
    let most = 0;
    for (let i = 0; i < n; i++) most = key[i]! > most ? key[i]! : most;
    const out = new Int32Array(n);
    let o = 0;
    if (most * n < 2 ** 52) {
      // Key and run in one number, sorted by the engine's numeric sort (no call per comparison).
      const both = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        both[o] = key[i]! * n + i;
        o += count[i]! > 0 ? 1 : 0;
      }
      const sorted = both.subarray(0, o).sort();
      for (let j = 0; j < o; j++) out[j] = sorted[j]! % n;
    } else {
      for (let i = 0; i < n; i++) if (count[i]! > 0) out[o++] = i;
      out.subarray(0, o).sort((a, b) => key[a]! - key[b]!);
    }
    return out.subarray(0, o);
  }
}

export interface Merged {
  lanes: Lane[];
  bars: Bar[];
  /** [first, end) of the bars of `lane * 4 + kind`. */
  groups: Map<number, [number, number]>;
  kinds: boolean[];
}

/**
 * The bars: in key order, the runs of one day and kind that share a pixel with the bar so far merged into it. A bar's
 * object is made when it starts and filled in when the next starts (the first fills in a stand-in); until the lanes
 * are known its lane is its group, (day - base) × 4 + kind, and its seconds are milliseconds.
 */
export function mergeRuns(runs: Runs, base: number, w: number): Merged {
  const { key, count, later, x1: right, ms, start, row, end } = runs;
  const bars: Bar[] = [];
  const firstsOf: number[] = []; // per bar, its slices that start in it; the stand-in's first
  let bar: Bar = { lane: 0, kind: 0, x0: 0, x1: 0, count: 0, row: 0, startMs: 0, endMs: 0, seconds: 0 };
  let group = -1;
  let x1 = 0;
  let n = 0;
  let firsts = 0;
  let barRow = 0;
  let startMs = 0;
  let endMs = 0;
  let barMs = 0;
  const order = runs.ordered();
  for (let o = 0; o < order.length; o++) {
    const i = order[o]!;
    const k = key[i]!;
    const p = k % w;
    const g = (k - p) / w;
    const apart = p >= x1;
    const fresh = g !== group || apart;
    if (fresh) {
      fill(bar, x1, n, barRow, startMs, endMs, barMs);
      firstsOf.push(firsts);
      bar = { lane: g, kind: g & 3, x0: p, x1: 0, count: 0, row: 0, startMs: 0, endMs: 0, seconds: 0 };
      bars.push(bar);
      group = g;
    }
    const c = count[i]!;
    const f = c - later[i]!;
    const r = right[i]!;
    const m = ms[i]!;
    const s = start[i]!;
    const ri = row[i]!;
    const e = end[i]!;
    const before = s < startMs;
    const tie = s === startMs && ri < barRow;
    const earlier = fresh || before || tie;
    const more = n + c;
    const wider = r > x1 ? r : x1;
    const longer = barMs + m;
    const lasting = e > endMs ? e : endMs;
    const started = firsts + f;
    n = fresh ? c : more;
    x1 = fresh ? r : wider;
    barMs = fresh ? m : longer;
    endMs = fresh ? e : lasting;
    firsts = fresh ? f : started;
    startMs = earlier ? s : startMs;
    barRow = earlier ? ri : barRow;
  }
  fill(bar, x1, n, barRow, startMs, endMs, barMs);
  firstsOf.push(firsts);
  return { bars, ...lanesOf(bars, firstsOf, base) };
}

function fill(bar: Bar, x1: number, count: number, row: number, startMs: number, endMs: number, ms: number): void {
  bar.x1 = x1;
  bar.count = count;
  bar.row = row;
  bar.startMs = startMs;
  bar.endMs = endMs;
  bar.seconds = ms;
}

/**
 * The lanes (the days that have a bar, from each bar's group in `lane`) with their seconds and slices per kind; each
 * bar's lane and seconds; where each lane and kind's bars are, and which kinds have any.
 */
function lanesOf(bars: Bar[], firstsOf: readonly number[], base: number): Omit<Merged, 'bars'> {
  const lanes: Lane[] = [];
  const groups = new Map<number, [number, number]>();
  const kinds = [false, false, false, false];
  let lane: Lane | undefined;
  bars.forEach((bar, i) => {
    const day = base + (bar.lane - bar.kind) / 4;
    if (lane === undefined || lane.day !== day) lanes.push((lane = { day, seconds: [0, 0, 0, 0], counts: [0, 0, 0, 0] }));
    lane.seconds[bar.kind]! += bar.seconds;
    lane.counts[bar.kind]! += firstsOf[i + 1]!;
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
