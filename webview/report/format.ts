/** Text of the report view. Pure (no DOM). */
import type { ReportSummary } from '../../src/protocol/report';

/** 6000 → "6 000". */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** Seconds as hours with one decimal ("12.5 h"), or minutes below an hour ("42 min"). */
export function hours(seconds: number): string {
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

/** The summary's lines as label/value pairs, in the order they are shown. */
export function summaryItems(s: ReportSummary, windowText: { utc: string; zone?: string }): Array<{ id: string; label: string; value: string }> {
  return [
    { id: 'attendees', label: 'Attendees', value: count(s.attendees) },
    { id: 'checked-in', label: 'Checked in', value: count(s.checkedIn) },
    { id: 'not-checked-in', label: 'Not checked in', value: count(s.notCheckedIn) },
    s.estimate
      ? { id: 'percent', label: 'Checked in, % (estimate)', value: `≈ ${s.estimate.percent.toFixed(1)} % (95%: ${s.estimate.low.toFixed(1)}–${s.estimate.high.toFixed(1)} %, from ${count(s.estimate.sample)} of ${count(s.estimate.population)} answers)` }
      : { id: 'percent', label: 'Checked in, %', value: `${s.percent.toFixed(1)} %` },
    { id: 'failures', label: 'Failures', value: count(s.failures) },
    { id: 'missing', label: 'Not asked yet', value: count(s.missing) },
    { id: 'reused', label: 'Reused / asked', value: `${count(s.reused)} / ${count(s.asked)}` },
    ...(s.dropped > 0 ? [{ id: 'dropped', label: 'Stored lines dropped', value: count(s.dropped) }] : []),
    ...(s.listedAt ? [{ id: 'listed', label: 'Attendees listed', value: `${s.listedAt.slice(0, 16).replace('T', ' ')} UTC` }] : []),
    { id: 'window', label: 'Window', value: windowText.zone ? `${windowText.utc} (${windowText.zone})` : windowText.utc },
  ];
}
