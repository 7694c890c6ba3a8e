/** Text formatting of the slices view. Pure (no DOM). */
import { formatDuration } from '../table/format';
import type { Summary } from '../table/types';
import { t } from '../shared/l10n';

/** 6000 → "6 000" (groups of three digits, separated by a space). */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

const months = (): string[] => [t('January'), t('February'), t('March'), t('April'), t('May'), t('June'), t('July'), t('August'), t('September'), t('October'), t('November'), t('December')];

/** An ISO instant as "10 May 2023 00:00 UTC". */
export function longUtc(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return t('{0} {1} {2} {3}:{4} UTC', d.getUTCDate(), months()[d.getUTCMonth()]!, d.getUTCFullYear(), hh, mm);
}

/** "1 row", "6 000 rows". */
export function rowsText(rows: number): string {
  return rows === 1 ? t('{0} row', count(rows)) : t('{0} rows', count(rows));
}

/** "page 12 of 240 · 6 000 rows", or "page 12 · 6 000 rows" while the page count is unknown. */
export function progressText(page: number, pagesKnown: number | undefined, rows: number): string {
  return pagesKnown === undefined ? t('page {0} · {1}', count(page), rowsText(rows)) : t('page {0} of {1} · {2}', count(page), count(pagesKnown), rowsText(rows));
}

/** "120 of 6 000 slices · 3:25:10 total · time_spent 100 (3:20:00), sponsor 20 (0:05:10)". */
export function summaryText(summary: Summary, total: number): string {
  const head = summary.count === total
    ? (total === 1 ? t('{0} slice', count(total)) : t('{0} slices', count(total)))
    : (total === 1 ? t('{0} of {1} slice', count(summary.count), count(total)) : t('{0} of {1} slices', count(summary.count), count(total)));
  if (total === 0) return head;
  const types = summary.byType.map((s) => `${s.trackingType || t('(none)')} ${count(s.count)} (${formatDuration(s.seconds)})`);
  return [head, t('{0} total', formatDuration(summary.totalSeconds)), ...(types.length > 0 ? [types.join(', ')] : [])].join(' · ');
}
