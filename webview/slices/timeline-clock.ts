/**
 * A zone's wall clock for the timeline, cached for rows in time order: the offset over the span where it holds (a
 * UTC day without a change, else a quarter hour), the midnight of each day, and the span around an instant where both
 * the offset and the wall-clock day hold, so that a loop over the slices computes a slice's day and pixels with a
 * compare and a subtraction, and asks the zone only when a slice leaves that span. DOM-free.
 */
import type { TimeZone } from '../table/types';
import { DAY_MS, dayStart, offsetSpan } from '../table/zones';

export const LO = 0;
export const HI = 1;
export const DAY = 2;
export const ZERO = 3;
export const NEXT = 4;

export class Clock {
  private from = 0;
  private to = 0;
  private offset = 0;
  private readonly midnights = new Map<number, number>();
  /**
   * The span `place` found, as numbers a loop reads without boxing them: [LO, HI) its instants, DAY their wall-clock
   * day (days since 1970-01-01 in the zone), ZERO the instant at which its offset puts 00:00 of that day (an instant's
   * time of day is instant - zero), NEXT the instant of the next midnight.
   */
  readonly span = new Float64Array(5);

  constructor(private readonly zone: TimeZone) {}

  /** Milliseconds to add to `ms` for the zone's wall clock. */
  at(ms: number): number {
    if (!(ms >= this.from && ms < this.to)) {
      const o = offsetSpan(this.zone, ms);
      this.from = o.from;
      this.to = o.to;
      this.offset = o.offset;
    }
    return this.offset;
  }

  /** The instant of 00:00 of `day` in the zone. */
  midnight(day: number): number {
    let ms = this.midnights.get(day);
    if (ms === undefined) this.midnights.set(day, (ms = dayStart(this.zone, day)));
    return ms;
  }

  /**
   * Finds the span around `s` (a finite instant) where the offset and the wall-clock day hold: there, the day is
   * span[DAY] and an instant's time of day is instant - span[ZERO], as the offset would give. The offset's span (a UTC
   * day without a change) grows over the UTC days next to it without one and with the same offset, as far as the
   * wall-clock day goes.
   */
  place(s: number): void {
    const offset = this.at(s);
    const day = Math.floor((s + offset) / DAY_MS);
    const zero = day * DAY_MS - offset;
    let from = this.from;
    let to = this.to;
    const whole = (o: { from: number; to: number; offset: number }): boolean => o.to - o.from === DAY_MS && o.offset === offset;
    if (to - from === DAY_MS) {
      if (to < zero + DAY_MS && whole(offsetSpan(this.zone, to))) to += DAY_MS;
      if (from > zero && whole(offsetSpan(this.zone, from - 1))) from -= DAY_MS;
    }
    const span = this.span;
    span[LO] = Math.max(from, zero);
    span[HI] = Math.min(to, zero + DAY_MS);
    span[DAY] = day;
    span[ZERO] = zero;
    span[NEXT] = this.midnight(day + 1);
  }
}
