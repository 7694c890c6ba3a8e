/** Text of the report view. Pure (no DOM). */
import type { ReportSummary } from '../../src/protocol/report';
import { t } from '../shared/l10n';

/** 6000 → "6 000". */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

/** Seconds as hours with one decimal ("12.5 h"), or minutes below an hour ("42 min"). */
export function hours(seconds: number): string {
  if (seconds < 3600) return t('{0} min', Math.round(seconds / 60));
  return t('{0} h', (seconds / 3600).toFixed(1));
}

/** The summary's lines as label/value pairs, in the order they are shown. */
export function summaryItems(s: ReportSummary, windowText: { utc: string; zone?: string }): Array<{ id: string; label: string; value: string }> {
  return [
    { id: 'attendees', label: t('Attendees'), value: count(s.attendees) },
    { id: 'checked-in', label: t('Checked in'), value: count(s.checkedIn) },
    { id: 'not-checked-in', label: t('Not checked in'), value: count(s.notCheckedIn) },
    s.estimate
      ? { id: 'percent', label: t('Checked in, % (estimate)'), value: t('≈ {0} % (95%: {1}–{2} %, from {3} of {4} answers)', s.estimate.percent.toFixed(1), s.estimate.low.toFixed(1), s.estimate.high.toFixed(1), count(s.estimate.sample), count(s.estimate.population)) }
      : { id: 'percent', label: t('Checked in, %'), value: `${s.percent.toFixed(1)} %` },
    { id: 'failures', label: t('Failures'), value: count(s.failures) },
    { id: 'missing', label: t('Not asked yet'), value: count(s.missing) },
    { id: 'reused', label: t('Reused / asked'), value: `${count(s.reused)} / ${count(s.asked)}` },
    ...(s.dropped > 0 ? [{ id: 'dropped', label: t('Stored lines dropped'), value: count(s.dropped) }] : []),
    ...(s.listedAt ? [{ id: 'listed', label: t('Attendees listed'), value: t('{0} UTC', s.listedAt.slice(0, 16).replace('T', ' ')) }] : []),
    { id: 'window', label: t('Window'), value: windowText.zone ? `${windowText.utc} (${windowText.zone})` : windowText.utc },
  ];
}
