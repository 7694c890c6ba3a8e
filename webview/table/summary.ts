/** Count, total duration and per-tracking-type breakdown of a set of rows. */
import type { Row, Summary, TypeTotal } from './types';

export function summarize(rows: readonly Row[], indexes: ArrayLike<number>): Summary {
  const byType = new Map<string, TypeTotal>();
  let totalSeconds = 0;
  for (let i = 0; i < indexes.length; i++) {
    const row = rows[indexes[i]!]!;
    const secs = Number.isFinite(row.durationSeconds) ? row.durationSeconds : 0;
    totalSeconds += secs;
    const type = row.trackingType ?? '';
    const t = byType.get(type);
    if (t === undefined) byType.set(type, { trackingType: type, count: 1, seconds: secs });
    else {
      t.count++;
      t.seconds += secs;
    }
  }
  const list = [...byType.values()].sort(
    (a, b) => b.seconds - a.seconds || (a.trackingType < b.trackingType ? -1 : a.trackingType > b.trackingType ? 1 : 0),
  );
  return { count: indexes.length, totalSeconds, byType: list };
}
