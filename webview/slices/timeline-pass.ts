/**
 * The timeline's loop over the slices: each slice's part on its first day, into the runs of timeline-runs.ts. The
 * first draw of 100 000 rows runs it before the engine has optimized anything (its optimizing compiler works on
 * another thread, late on a busy machine), so it does little per slice: a slice inside the span where the zone's offset
 * and the day hold (timeline-clock.ts) gets its day and pixels by a subtraction, and joins the run of its kind when its
 * pixels join up with it; no number it keeps is boxed (typed arrays). The loop's code is optimized from what its first iterations did, so every
 * iteration takes the same path (a choice between values, not a branch that does work): no later slice meets an
 * operation the optimized code has not seen and throws it away.
 */
import { DAY_MS } from '../table/zones';
import { Clock, DAY, HI, LO, NEXT, ZERO } from './timeline-clock';
import type { RowTimes, TimelineRow } from './timeline-model';
import type { Runs } from './timeline-runs';

/** What the loop leaves to the slower path: see firstParts. */
export interface Leftover {
  /** The loop stopped early: the rows are far from time order (see firstParts). */
  unordered: boolean;
  skipped: number;
  /** Row (its slice crosses midnight: its first part is in) or ~row (not in at all). */
  rows: Int32Array;
  /** The midnight a slice that crosses it goes on from, and its end. */
  at: Float64Array;
  end: Float64Array;
}

/**
 * Each slice's part on its first day, in pixels of that day's wall clock, into the run of its kind, or a new run when
 * it does not join up with it (the run ends in the log). Gives the rows skipped (no finite start) and those for the
 * slower path: the row of a slice that crosses midnight (its first part is in), or ~row of one not in at all (its end
 * is past a change of the zone's offset on its first day, or its day is centuries from the first). Every slice takes
 * the same path through the loop (see above): one not in goes to a fifth run that nothing reads. After
 * `probe` rows (-1: never), when more than one in eight started before the row before, it stops: `unordered`.
 */
export function firstParts(rows: readonly TimelineRow[], { start, end }: RowTimes, clock: Clock, log: Runs, base: number, w: number, probe = 4096): Leftover {
  const last = w - 1;
  const n = rows.length;
  const span = clock.span;
  const open = new OpenRuns();
  const { key: runKey, end: runEnd, count: runCount, ms: runMs, first: runFirst, row: runRow, latest: runLatest } = open;
  log.reserve(n + 8); // a run ends at most once a slice, and once a kind at the start and at the end
  const slow = new Int32Array(n + 1);
  const slowAt = new Float64Array(n + 1);
  const slowEnd = new Float64Array(n + 1);
  let ns = 0;
  let skipped = 0;
  // The span where the day and the offset hold: [lo, hi), the instant of 00:00 at its offset, the next midnight.
  let lo = 0;
  let hi = -1;
  let zero = 0;
  let next = 0;
  let dayKey = 0;
  let near = false;
  let previous = -Infinity;
  let disorder = 0; // starts before the one before
  let unordered = false;
  for (let r = 0; r < n; r++) {
    const s0 = start[r]!;
    const finite = s0 - s0 === 0;
    disorder += s0 < previous ? 1 : 0;
    previous = finite ? s0 : previous;
    if (r === probe && disorder * 8 > probe) {
      // Far from time order, each slice would be a run of its own: the caller sorts the rows and starts again.
      unordered = true;
      break;
    }
    if (!(s0 >= lo && s0 < hi)) {
      clock.place(finite ? s0 : 0);
      lo = span[LO]!;
      hi = span[HI]!;
      zero = span[ZERO]!;
      next = span[NEXT]!;
      dayKey = (span[DAY]! - base) * 4 * w;
      near = dayKey > -0x40000000 && dayKey < 0x40000000;
    }
    const s = finite ? s0 : lo;
    const row = rows[r]!;
    const secs = row.durationSeconds;
    const alt = s + (typeof secs === 'number' && secs - secs === 0 ? secs * 1000 : 0);
    const e0 = end[r]!;
    const e1 = e0 === e0 ? e0 : alt;
    const e = e1 < s ? s : e1;
    const t = row.trackingType;
    const stream = t === 'streamlink';
    const sponsor = t === 'sponsor';
    const kind = t === 'time_spent' ? 0 : stream ? 1 : sponsor ? 2 : 3;
    const past = e > next;
    const to = past ? next : e;
    const whole = to >= next; // to the day's end
    const x0 = Math.round(((s - zero) / DAY_MS) * w);
    const x1 = Math.round(((to - zero) / DAY_MS) * w);
    const p0 = x0 > last ? last : x0;
    const right = whole ? w : x1;
    const least = p0 + 1;
    const p1 = right > w ? w : right > p0 ? right : least;
    // In the span, or to the day's end: else the end is past a change of the offset.
    const ok = finite && near && (to < hi || whole);
    const slot = ok ? kind : 4;
    const k = ok ? dayKey + kind * w + p0 : 0;
    const kEnd = k + (p1 - p0);
    const joins = k >= runKey[slot]! && k < runEnd[slot]!;
    if (!joins) open.restart(log, slot, k, p0, kEnd);
    runCount[slot] = runCount[slot]! + 1;
    runMs[slot] = runMs[slot]! + (to - s);
    const re = runEnd[slot]!;
    runEnd[slot] = kEnd > re ? kEnd : re;
    const lt = runLatest[slot]!;
    runLatest[slot] = to > lt ? to : lt;
    const f = runFirst[slot]!;
    const fr = runRow[slot]!;
    const earlier = s < f; // rows come in order: an earlier row with the same start stays first
    runFirst[slot] = earlier ? s : f;
    runRow[slot] = earlier ? r : fr;
    slow[ns] = ok ? r : ~r;
    slowAt[ns] = next;
    slowEnd[ns] = e;
    ns += ok ? (past ? 1 : 0) : finite ? 1 : 0;
    skipped += finite ? 0 : 1;
  }
  open.close(log);
  return { unordered, skipped, rows: slow.subarray(0, ns), at: slowAt.subarray(0, ns), end: slowEnd.subarray(0, ns) };
}

/**
 * The open run of each kind, and a fifth that nothing reads (it takes every key): its key, the pixel of its key, one
 * past its furthest right pixel as a key, and what its parts add up to. Typed arrays, 32-bit keys: no number is boxed.
 */
class OpenRuns {
  readonly key = new Int32Array([-1, -1, -1, -1, -1]);
  readonly pixel = new Int32Array(5);
  readonly end = new Int32Array([-1, -1, -1, -1, 1]);
  readonly count = new Int32Array(5);
  readonly ms = new Float64Array(5);
  readonly first = new Float64Array(5);
  readonly row = new Int32Array(5);
  readonly latest = new Float64Array(5);

  /** Ends the run of `slot` into the log (the first of each kind has no parts) and opens one at the part from `k`. */
  restart(log: Runs, slot: number, k: number, pixel: number, end: number): void {
    const i = log.n++;
    log.key[i] = this.key[slot]!;
    log.x1[i] = this.end[slot]! - this.key[slot]! + this.pixel[slot]!;
    log.count[i] = this.count[slot]!;
    log.later[i] = 0;
    log.ms[i] = this.ms[slot]!;
    log.start[i] = this.first[slot]!;
    log.row[i] = this.row[slot]!;
    log.end[i] = this.latest[slot]!;
    this.key[slot] = k;
    this.pixel[slot] = pixel;
    this.end[slot] = end;
    this.count[slot] = 0;
    this.ms[slot] = 0;
    this.first[slot] = Infinity;
    this.latest[slot] = -Infinity;
  }

  /** Ends the runs of the four kinds into the log. */
  close(log: Runs): void {
    log.reserve(4);
    for (let kind = 0; kind < 4; kind++) this.restart(log, kind, -1, 0, -1);
  }
}
