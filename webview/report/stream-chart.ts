/**
 * A stream's viewers per 15-minute bucket (the buckets of Brella's stream exports): an SVG bar per bucket, in
 * theme colours, hours and days read in the event's zone, the peak marked and named. Its text alternative is the
 * aria-label (peak and span) and a visually hidden table of every bucket with viewers.
 */
import type { QuarterCount } from '../../src/model/trackables';
import { h } from '../shared/dom';
import { svg } from './chart';
import { count } from './format';
import { t } from '../shared/l10n';

const BAR_W = 6;
const PLOT_H = 110;
const TOP = 20;
const BOTTOM = 30;
const LEFT = 28;

const formats = new Map<string, Intl.DateTimeFormat>();

/** "05-11 14:15" in `zone` (an IANA zone, or UTC). */
function quarterText(iso: string, zone: string): string {
  let format = formats.get(zone);
  if (!format) formats.set(zone, (format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
  const parts = format.formatToParts(new Date(iso));
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}

/** The earliest bucket with the most viewers, or undefined when nobody watched. */
export function peakBucket(counts: readonly QuarterCount[]): QuarterCount | undefined {
  let best: QuarterCount | undefined;
  for (const c of counts) if (c.viewers > 0 && (best === undefined || c.viewers > best.viewers)) best = c;
  return best;
}

export function streamChart(counts: readonly QuarterCount[], title: string, zone: string): HTMLElement {
  const peak = peakBucket(counts);
  const width = LEFT + counts.length * BAR_W + 8;
  const height = TOP + PLOT_H + BOTTOM;
  const max = Math.max(1, peak?.viewers ?? 0);
  const tableId = 'stream-chart-table';
  const span = counts.length === 0 ? '' : t('{0} to {1}', quarterText(counts[0]!.at, zone), quarterText(counts[counts.length - 1]!.at, zone));
  const label = peak
    ? (peak.viewers === 1
      ? t('Viewers of {0} per 15 minutes ({1}), {2}. Peak: {3} viewer at {4}.', title, zone, span, count(peak.viewers), quarterText(peak.at, zone))
      : t('Viewers of {0} per 15 minutes ({1}), {2}. Peak: {3} viewers at {4}.', title, zone, span, count(peak.viewers), quarterText(peak.at, zone)))
    : t('Viewers of {0} per 15 minutes: nobody watched in the window.', title);
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': label, 'aria-describedby': tableId, class: 'chart-svg stream-chart-svg' });
  root.append(svg('line', { x1: LEFT, x2: width - 8, y1: TOP + PLOT_H + 0.5, y2: TOP + PLOT_H + 0.5, class: 'chart-axis' }));
  root.append(svg('text', { x: LEFT - 4, y: TOP + 4, class: 'chart-day', 'text-anchor': 'end' }, count(max)));
  counts.forEach((c, i) => {
    const x = LEFT + i * BAR_W;
    const barH = Math.round((c.viewers / max) * PLOT_H);
    const isPeak = c === peak;
    const bar = svg('rect', {
      x, y: TOP + PLOT_H - barH, width: BAR_W - 1, height: barH, class: `chart-bar bar-stream${isPeak ? ' chart-peak' : ''}`,
      'data-at': c.at, 'data-value': c.viewers,
    });
    bar.append(svg('title', {}, c.viewers === 1 ? t('{0}: {1} viewer', quarterText(c.at, zone), count(c.viewers)) : t('{0}: {1} viewers', quarterText(c.at, zone), count(c.viewers))));
    root.append(bar);
    const text = quarterText(c.at, zone);
    // An hour label every 3 hours (and the day at midnight), so the axis stays readable.
    if (text.endsWith(':00') && Number(text.slice(6, 8)) % 3 === 0) {
      root.append(svg('text', { x, y: TOP + PLOT_H + 13, class: 'chart-day' }, text.slice(6)));
      if (text.endsWith(' 00:00') || i === 0) root.append(svg('text', { x, y: TOP + PLOT_H + 25, class: 'chart-day' }, text.slice(0, 5)));
    }
  });
  if (peak) {
    const i = counts.indexOf(peak);
    root.append(svg('text', { x: LEFT + i * BAR_W + BAR_W / 2, y: TOP - 6, class: 'chart-value', 'text-anchor': 'middle' }, t('peak {0}', count(peak.viewers))));
  }
  const rows = counts.filter((c) => c.viewers > 0).map((c) => h('tr', {}, h('th', { text: quarterText(c.at, zone), attrs: { scope: 'row' } }), h('td', { text: count(c.viewers) })));
  const table = h('table', { id: tableId, className: 'sr-only chart-table' },
    h('caption', { text: t('Viewers of {0} per 15 minutes ({1})', title, zone) }),
    h('thead', {}, h('tr', {}, h('th', { text: t('From'), attrs: { scope: 'col' } }), h('th', { text: t('Viewers'), attrs: { scope: 'col' } }))),
    h('tbody', {}, ...rows));
  return h('figure', { id: 'stream-chart', className: 'chart stream-chart' },
    h('figcaption', {}, h('span', { className: 'chart-title', text: t('Viewers per 15 minutes · {0}', title) }), h('span', { className: 'chart-zone', text: ` · ${zone}` })),
    h('p', { id: 'stream-peak', className: 'hint', text: peak
      ? (peak.viewers === 1 ? t('Peak: {0} concurrent viewer at {1}', count(peak.viewers), quarterText(peak.at, zone)) : t('Peak: {0} concurrent viewers at {1}', count(peak.viewers), quarterText(peak.at, zone)))
      : t('Nobody watched in the window.') }),
    h('div', { className: 'chart-scroll' }, root), table);
}
