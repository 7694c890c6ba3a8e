/**
 * The report's pictures: SVG bar charts in theme colours (report.css), one bar per day of the window with its value
 * and day as labels. Each chart is role="img" with an aria-label that says what it shows, and a visually hidden
 * table with the same numbers as its text alternative. Says which time zone the days are cut in.
 */
import type { DayCount } from '../../src/protocol/report';
import { h, show } from '../shared/dom';
import { count, hours } from './format';
import { t } from '../shared/l10n';

const SVG = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, String(value));
  if (text !== undefined) el.textContent = text;
  return el;
}

interface Series {
  name: string;
  className: string;
  value(d: DayCount): number;
  label(v: number): string;
}

const PLOT_H = 120;
const TOP = 18;
const BOTTOM = 34;
const LEFT = 8;

/** An SVG of grouped bars, one group per day. */
function barChart(days: readonly DayCount[], series: readonly Series[], label: string, describedBy: string): SVGSVGElement {
  const groupW = Math.max(44, series.length * 26 + 14);
  const width = LEFT * 2 + days.length * groupW;
  const height = TOP + PLOT_H + BOTTOM;
  const max = Math.max(1, ...days.flatMap((d) => series.map((s) => s.value(d))));
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': label, 'aria-describedby': describedBy, class: 'chart-svg' });
  root.append(svg('line', { x1: LEFT, x2: width - LEFT, y1: TOP + PLOT_H + 0.5, y2: TOP + PLOT_H + 0.5, class: 'chart-axis' }));
  days.forEach((d, i) => {
    const x0 = LEFT + i * groupW + 7;
    series.forEach((s, j) => {
      const v = s.value(d);
      const barH = Math.round((v / max) * PLOT_H);
      const x = x0 + j * 26;
      const partial = partialText(d);
      const bar = svg('rect', {
        x, y: TOP + PLOT_H - barH, width: 22, height: Math.max(barH, v > 0 ? 1 : 0), class: `chart-bar ${s.className}${partial ? ' chart-bar-partial' : ''}`,
        'data-day': d.day, 'data-value': v, ...(partial ? { 'data-partial': d.askedBefore ?? 0 } : {}),
      });
      bar.append(svg('title', {}, `${d.day}: ${s.name} ${s.label(v)}${partial ? ` (${partial})` : ''}`));
      root.append(bar, svg('text', { x: x + 11, y: TOP + PLOT_H - barH - 4, class: 'chart-value', 'text-anchor': 'middle' }, s.label(v)));
    });
    root.append(svg('text', { x: x0 + (series.length * 26 - 4) / 2, y: TOP + PLOT_H + 14, class: 'chart-day', 'text-anchor': 'middle' }, `${d.day.slice(5)}${partialText(d) ? '*' : ''}`));
  });
  return root;
}

/** "1 334 attendees last asked before this day ended". */
function askedBeforeText(d: DayCount): string {
  const n = d.askedBefore ?? 0;
  return n === 1 ? t('{0} attendee last asked before this day ended', count(n)) : t('{0} attendees last asked before this day ended', count(n));
}

/** "partial: 1 334 attendees last asked before this day ended", or '' for a complete day. */
export function partialText(d: DayCount): string {
  return (d.askedBefore ?? 0) > 0 ? t('partial: {0}', askedBeforeText(d)) : '';
}

/** The same numbers as a table for screen readers (class sr-only). */
function textTable(id: string, caption: string, days: readonly DayCount[], series: readonly Series[]): HTMLTableElement {
  const head = h('tr', {}, h('th', { text: t('Day'), attrs: { scope: 'col' } }), ...series.map((s) => h('th', { text: s.name, attrs: { scope: 'col' } })), h('th', { text: t('Complete'), attrs: { scope: 'col' } }));
  const rows = days.map((d) => h('tr', {}, h('th', { text: d.day, attrs: { scope: 'row' } }), ...series.map((s) => h('td', { text: s.label(s.value(d)) })), h('td', { text: partialText(d) || t('yes') })));
  return h('table', { id, className: 'sr-only chart-table' }, h('caption', { text: caption }), h('thead', {}, head), h('tbody', {}, ...rows));
}

export interface ChartsView {
  root: HTMLElement;
  update(days: readonly DayCount[], kind: 'presence' | 'engagement', dayZone: string): void;
  clear(): void;
}

const PRESENCE: readonly Series[] = [{ name: t('Attendees in the app'), className: 'bar-app', value: (d) => d.attendees, label: (v) => count(v) }];
const ENGAGEMENT: readonly Series[] = [
  { name: t('Stream time'), className: 'bar-stream', value: (d) => d.streamSeconds, label: hours },
  { name: t('Sponsor-booth time'), className: 'bar-sponsor', value: (d) => d.sponsorSeconds, label: hours },
];

export function buildCharts(): ChartsView {
  const root = h('section', { id: 'charts', className: 'charts', attrs: { 'aria-label': t('Charts') } });
  show(root, false);

  function figure(id: string, heading: string, zoneNote: string, days: readonly DayCount[], series: readonly Series[], what: string): HTMLElement {
    const tableId = `${id}-table`;
    const summary = days.map((d) => `${d.day}: ${series.map((s) => `${s.label(s.value(d))}${series.length > 1 ? ` ${s.name.toLowerCase()}` : ''}`).join(', ')}${partialText(d) ? ` (${partialText(d)})` : ''}`).join('; ');
    const label = t('{0}, per day ({1}). {2}', what, zoneNote, summary);
    const legend = series.length > 1
      ? h('div', { className: 'chart-legend' }, ...series.map((s) => h('span', { className: `legend-item ${s.className}`, text: s.name })))
      : h('span', { className: 'chart-legend-empty' });
    return h(
      'figure',
      { id, className: 'chart' },
      h('figcaption', {}, h('span', { className: 'chart-title', text: heading }), h('span', { className: 'chart-zone', text: ` · ${zoneNote}` })),
      legend,
      h('div', { className: 'chart-scroll' }, barChart(days, series, label, tableId)),
      textTable(tableId, `${heading} (${zoneNote})`, days, series),
    );
  }

  return {
    root,
    update(days, kind, dayZone) {
      if (days.length === 0) {
        root.replaceChildren();
        show(root, false);
        return;
      }
      const zoneNote = t('days cut in {0}', dayZone);
      const partial = days.filter((d) => (d.askedBefore ?? 0) > 0);
      const note = partial.length === 0 ? [] : [h('p', { id: 'chart-partial', className: 'chart-partial', text: t('* Partial: {0}. "Refresh All" makes them exact.', partial.map((d) => `${d.day}, ${askedBeforeText(d)}`).join('; ')) })];
      const figures: HTMLElement[] = [figure('chart-attendees', t('Attendees in the app per day'), zoneNote, days, PRESENCE, t('Distinct attendees in the event app'))];
      if (kind === 'engagement') figures.push(figure('chart-engagement', t('Stream and sponsor-booth time per day'), zoneNote, days, ENGAGEMENT, t('Total stream and sponsor-booth time')));
      root.replaceChildren(...figures, ...note);
      show(root, true);
    },
    clear() {
      root.replaceChildren();
      show(root, false);
    },
  };
}
