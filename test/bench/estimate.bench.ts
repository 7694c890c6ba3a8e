/**
 * Benchmark of the early estimate (not a test): node --import tsx test/bench/estimate.bench.ts
 * A simulated 20 000-attendee presence report at 10 requests per second (600 answers a minute), attendees asked in
 * the report's seeded random order: the estimated check-in rate and its 95% interval after 1, 5 and 10 minutes,
 * against the final rate. Goal: after 1 minute the interval is at most ±4 points and covers the final rate.
 * Several seeded events (rates from 20% to 80%) in one run.
 */
import { estimateProportion, seededOrder } from '../../src/model/estimate';

export const HALF_WIDTH_GOAL = 4;

export function runEstimateBench(): string {
  const lines = ['Early estimate of the check-in rate: 20 000 attendees, 10 requests/s, seeded random order'];
  let worstHalf = 0;
  let covered = 0;
  let events = 0;
  for (const [i, rate] of [0.2, 0.35, 0.5, 0.65, 0.8].entries()) {
    let s = 1000 + i;
    const random = (): number => {
      s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
      return s / 4_294_967_296;
    };
    const attendees = Array.from({ length: 20_000 }, (_, k) => ({ id: String(100_000 + k), checkedIn: random() < rate }));
    const final = (attendees.filter((a) => a.checkedIn).length / attendees.length) * 100;
    const order = seededOrder(attendees, `event ${i}`, (a) => a.id);
    const parts = [`  event ${i + 1} (final ${final.toFixed(1)} %):`];
    for (const minutes of [1, 5, 10]) {
      const n = minutes * 600;
      const hits = order.slice(0, n).filter((a) => a.checkedIn).length;
      const e = estimateProportion(hits, n, attendees.length)!;
      const half = (e.high - e.low) / 2;
      const covers = e.low <= final && final <= e.high;
      if (minutes === 1) {
        worstHalf = Math.max(worstHalf, half);
        events++;
        if (covers) covered++;
      }
      parts.push(`${minutes} min ${e.percent.toFixed(1)} % ±${half.toFixed(1)} (error ${(e.percent - final).toFixed(1)}, ${covers ? 'covers' : 'misses'})`);
    }
    lines.push(`${parts[0]} ${parts.slice(1).join(' · ')}`);
  }
  lines.push(`  after 1 minute: widest interval ±${worstHalf.toFixed(1)} points · ${(worstHalf / HALF_WIDTH_GOAL).toFixed(2)} × the ±${HALF_WIDTH_GOAL} goal · covers the final rate in ${covered} of ${events} events`);
  return lines.join('\n');
}

if (/estimate\.bench\.ts$/.test(process.argv[1] ?? '')) console.log(runEstimateBench());
