/** Text formatting of the slices view. Pure (no DOM). */
import { formatDuration } from '../table/format';
import type { Summary } from '../table/types';

/** 6000 → "6 000" (groups of three digits, separated by a space). */
export function count(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** An ISO instant as "10 May 2023 00:00 UTC". */
export function longUtc(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${hh}:${mm} UTC`;
}

/** "page 12 of 240 · 6 000 rows", or "page 12 · 6 000 rows" while the page count is unknown. */
export function progressText(page: number, pagesKnown: number | undefined, rows: number): string {
  const of = pagesKnown === undefined ? '' : ` of ${count(pagesKnown)}`;
  return `page ${count(page)}${of} · ${count(rows)} ${rows === 1 ? 'row' : 'rows'}`;
}

/** "120 of 6 000 slices · 3:25:10 total · time_spent 100 (3:20:00), sponsor 20 (0:05:10)". */
export function summaryText(summary: Summary, total: number): string {
  const noun = total === 1 ? 'slice' : 'slices';
  const head = summary.count === total ? `${count(total)} ${noun}` : `${count(summary.count)} of ${count(total)} ${noun}`;
  if (total === 0) return head;
  const types = summary.byType.map((t) => `${t.trackingType || '(none)'} ${count(t.count)} (${formatDuration(t.seconds)})`);
  return [head, `${formatDuration(summary.totalSeconds)} total`, ...(types.length > 0 ? [types.join(', ')] : [])].join(' · ');
}
