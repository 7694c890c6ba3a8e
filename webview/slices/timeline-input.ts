/**
 * The timeline's pointer and keyboard input: which bar is under the pointer, where the arrow keys and
 * Home/End move, and the listeners that hand both to the view.
 */
import { barAt, laneBars, type Timeline } from './timeline-model';
import { LABEL_W, laneHeight, SUB_H, type TimelineLayout } from './timeline-svg';

/** What the listeners read from and do to the view. */
export interface TimelineInputHost {
  timeline(): Timeline | undefined;
  layout(): TimelineLayout;
  /** The keyboard cursor's bar, the selected bar (-1: none). */
  active(): number;
  selected(): number;
  /** Moves the keyboard cursor and tells its bar. */
  setActive(index: number): void;
  /** Selects a bar's row (index < 0: nothing). */
  choose(index: number): void;
  /** Tells a bar under the pointer. */
  hover(index: number): void;
  hideTip(): void;
}

/** The bar at a point of the SVG (px from its top left), or -1. */
export function hitBar(t: Timeline, layout: TimelineLayout, px: number, y: number): number {
  const { laneY, kindRow } = layout;
  const x = Math.floor(px - LABEL_W);
  const lane = laneY.findIndex((top, i) => y >= top && y < top + laneHeight(t) && i < t.lanes.length);
  if (lane < 0 || x < 0) return -1;
  const kind = kindRow.findIndex((r) => r >= 0 && y >= laneY[lane]! + r * SUB_H && y < laneY[lane]! + (r + 1) * SUB_H);
  return kind < 0 ? -1 : barAt(t, lane, kind, x);
}

function middle(t: Timeline, index: number): number {
  const b = t.bars[index]!;
  return (b.x0 + b.x1) / 2;
}

/** The bar of another lane nearest (by middle) to the current one; the current one past the first or last lane. */
function laneStep(t: Timeline, active: number, lane: number, mid: number): number {
  if (lane < 0 || lane >= t.lanes.length) return active;
  const other = laneBars(t, lane);
  return other.reduce((best, i) => (Math.abs(middle(t, i) - mid) < Math.abs(middle(t, best) - mid) ? i : best), other[0]!);
}

/** Where a key moves the cursor from `active` (Left/Right, Home/End in a day; Up/Down between days), or undefined. */
export function keyMove(t: Timeline, active: number, key: string): number | undefined {
  const cur = t.bars[active] ?? t.bars[0]!;
  const inLane = laneBars(t, cur.lane);
  const pos = Math.max(0, inLane.indexOf(active));
  switch (key) {
    case 'ArrowRight': return inLane[Math.min(inLane.length - 1, pos + 1)]!;
    case 'ArrowLeft': return inLane[Math.max(0, pos - 1)]!;
    case 'Home': return inLane[0]!;
    case 'End': return inLane[inLane.length - 1]!;
    case 'ArrowDown': return laneStep(t, active, cur.lane + 1, (cur.x0 + cur.x1) / 2);
    case 'ArrowUp': return laneStep(t, active, cur.lane - 1, (cur.x0 + cur.x1) / 2);
    default: return undefined;
  }
}

function onKey(host: TimelineInputHost, e: KeyboardEvent): void {
  const t = host.timeline();
  if (t === undefined || t.bars.length === 0) return;
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    host.choose(host.active() >= 0 ? host.active() : 0);
    return;
  }
  const next = keyMove(t, host.active(), e.key);
  if (next === undefined) return;
  e.preventDefault();
  host.setActive(next);
}

/** Wires hover, click, focus and keys of the timeline's SVG to `host`. */
export function bindTimelineInput(svg: SVGSVGElement, host: TimelineInputHost): void {
  const hit = (e: MouseEvent): number => {
    const t = host.timeline();
    if (t === undefined) return -1;
    const box = svg.getBoundingClientRect();
    return hitBar(t, host.layout(), e.clientX - box.left, e.clientY - box.top);
  };
  svg.addEventListener('mousemove', (e) => {
    const i = hit(e);
    svg.style.cursor = i >= 0 ? 'pointer' : '';
    if (i >= 0) host.hover(i);
    else if (host.active() < 0 || document.activeElement !== svg) host.hideTip();
  });
  svg.addEventListener('mouseleave', () => {
    if (document.activeElement !== svg) host.hideTip();
  });
  svg.addEventListener('click', (e) => host.choose(hit(e)));
  svg.addEventListener('focus', () => {
    const t = host.timeline();
    if (t === undefined || t.bars.length === 0) return;
    host.setActive(host.active() >= 0 ? host.active() : host.selected() >= 0 ? host.selected() : 0);
  });
  svg.addEventListener('blur', () => host.hideTip());
  svg.addEventListener('keydown', (e) => onKey(host, e));
}
