/**
 * Drawing the timeline's SVG from its model: the layout (a row per kind present, a lane per day), the hour
 * axis and grid, the day labels, one path of bars per kind, and the legend. Nothing here keeps state.
 */
import { DAY_MS } from '../table/zones';
import { h } from '../shared/dom';
import { t } from '../shared/l10n';
import { KINDS, type Bar, type Timeline } from './timeline-model';

const SVG = 'http://www.w3.org/2000/svg';
export const LABEL_W = 96;
const AXIS_H = 16;
export const SUB_H = 9;
const LANE_PAD = 6;
/** The kinds' names (KINDS order): the legend, the totals' headers, a tooltip of many slices. */
export const KIND_NAMES = [t('app (time_spent)'), t('stream (streamlink)'), t('sponsor'), t('other')];
/** The kinds' short names (KINDS order): a tooltip of one slice, after its tracking type. */
export const KIND_SHORT = [t('app'), t('stream'), t('sponsor'), t('other')];
const WEEKDAYS = [t('Sun'), t('Mon'), t('Tue'), t('Wed'), t('Thu'), t('Fri'), t('Sat')];
const MONTHS = [t('Jan'), t('Feb'), t('Mar'), t('Apr'), t('May'), t('Jun'), t('Jul'), t('Aug'), t('Sep'), t('Oct'), t('Nov'), t('Dec')];

/** Where the lanes and kind rows sit: a lane's top, and each kind's row in a lane (-1: kind absent). */
export interface TimelineLayout {
  laneY: number[];
  kindRow: number[];
}

export const NO_LAYOUT: TimelineLayout = { laneY: [], kindRow: [] };

export function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

/** "Wed 10 May" for a day number. */
export function dayLabel(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

/** How many kinds have bars, at least one row's worth. */
export function kindRows(tl: Timeline): number {
  return tl.kinds.filter(Boolean).length;
}

export function laneHeight(tl: Timeline): number {
  return Math.max(1, kindRows(tl)) * SUB_H + LANE_PAD;
}

export function layoutTimeline(tl: Timeline): TimelineLayout {
  const kindRow: number[] = [];
  let r = 0;
  for (let k = 0; k < 4; k++) kindRow.push(tl.kinds[k] ? r++ : -1);
  const laneH = laneHeight(tl);
  return { laneY: tl.lanes.map((_, i) => AXIS_H + i * laneH), kindRow };
}

/** The top of a bar's row. */
export function barTop(layout: TimelineLayout, b: Bar): number {
  return layout.laneY[b.lane]! + layout.kindRow[b.kind]! * SUB_H;
}

/** Hour labels every three hours; gives their grid lines. */
function hourAxis(width: number, height: number, nodes: SVGElement[]): string {
  let grid = '';
  for (let hour = 0; hour <= 24; hour += 3) {
    const x = LABEL_W + Math.round((hour / 24) * width);
    grid += `M${x} ${AXIS_H - 3}V${height}`;
    const label = el('text', { x, y: AXIS_H - 5, class: 'tl-hour', 'text-anchor': hour === 0 ? 'start' : hour === 24 ? 'end' : 'middle' });
    label.textContent = `${String(hour).padStart(2, '0')}:00`;
    nodes.push(label);
  }
  return grid;
}

/** A label per day; gives the lines between lanes. */
function dayAxis(tl: Timeline, layout: TimelineLayout, nodes: SVGElement[]): string {
  const laneH = laneHeight(tl);
  let grid = '';
  tl.lanes.forEach((lane, i) => {
    grid += `M${LABEL_W} ${layout.laneY[i]! + laneH - LANE_PAD / 2}H${LABEL_W + tl.width}`;
    const label = el('text', { x: 0, y: layout.laneY[i]! + SUB_H, class: 'tl-day' });
    label.textContent = dayLabel(lane.day);
    nodes.push(label);
  });
  return grid;
}

/** One path per kind, colored by its class. */
function barPaths(tl: Timeline, layout: TimelineLayout): SVGPathElement[] {
  const paths = ['', '', '', ''];
  for (const b of tl.bars) paths[b.kind] += `M${LABEL_W + b.x0} ${barTop(layout, b)}h${b.x1 - b.x0}v${SUB_H - 1}h${b.x0 - b.x1}z`;
  return paths.map((d, k) => el('path', { d, class: `tl-bar tl-${KINDS[k]}` }));
}

/** Sizes the SVG and replaces its content; `overlays` (the outlines) go on top. */
export function drawTimelineSvg(svg: SVGSVGElement, tl: Timeline, layout: TimelineLayout, overlays: SVGElement[]): void {
  const height = AXIS_H + tl.lanes.length * laneHeight(tl);
  svg.setAttribute('width', String(LABEL_W + tl.width + 8));
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${LABEL_W + tl.width + 8} ${height}`);
  const nodes: SVGElement[] = [];
  const grid = hourAxis(tl.width, height, nodes) + dayAxis(tl, layout, nodes);
  svg.replaceChildren(el('path', { d: grid, class: 'tl-grid' }), ...nodes, ...barPaths(tl, layout), ...overlays);
}

/** The legend's keys, for the kinds present. */
export function legendKeys(tl: Timeline): HTMLElement[] {
  return KINDS.flatMap((k, i) => (tl.kinds[i] ? [h('span', { className: `tl-key tl-key-${k}`, text: KIND_NAMES[i]! })] : []));
}
