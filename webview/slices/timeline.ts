/**
 * The timeline above the table: an SVG with one lane per day and one path per kind (so 100 000 slices are a
 * handful of elements), in theme colors. Hover or keyboard focus tells a bar's times and duration; a click or
 * Enter selects its row in the table, and the table's selected row is outlined here. One tab stop: arrows
 * move between bars (Left/Right in a day, Up/Down between days), Home/End go to a day's ends. A per-day table
 * of totals is the text alternative. Geometry comes from timeline-model.ts.
 */
import { formatDuration, formatTimeMs } from '../table/format';
import type { Row, TimeZone } from '../table/types';
import { DAY_MS } from '../table/zones';
import { h, show } from '../shared/dom';
import { barAt, barOfRow, buildTimeline, KINDS, laneBars, type Bar, type Timeline } from './timeline-model';

const SVG = 'http://www.w3.org/2000/svg';
const LABEL_W = 96;
const AXIS_H = 16;
const SUB_H = 9;
const LANE_PAD = 6;
const KIND_NAMES = ['app (time_spent)', 'stream (streamlink)', 'sponsor', 'other'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface TimelineView {
  root: HTMLElement;
  /**
   * Redraws from these rows (the table's filtered rows) in this zone; `zoneName` names it in the tooltips.
   * Gives the first start and the last end drawn (undefined without bars).
   */
  draw(rows: readonly Row[], zone: TimeZone, zoneName: string): { startMs: number; endMs: number } | undefined;
  /** Outlines the bar holding the table's selected row (null: none). */
  highlight(row: Row | null): void;
}

function el<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

/** "Wed 10 May" for a day number. */
export function dayLabel(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
}

export function buildTimelineView(onSelect: (row: Row) => void): TimelineView {
  const svg = el('svg', { id: 'timeline-svg', class: 'tl-svg', tabindex: 0, role: 'group', 'aria-roledescription': 'timeline' });
  const tip = h('div', { id: 'timeline-tip', className: 'tl-tip', attrs: { role: 'status', 'aria-live': 'polite' } });
  show(tip, false);
  const totals = h('table', { id: 'timeline-totals', className: 'tl-totals' });
  const details = h('details', { className: 'tl-details' }, h('summary', { text: 'Per-day totals' }), totals);
  const legend = h('span', { className: 'tl-legend', attrs: { 'aria-hidden': 'true' } });
  const head = h('div', { className: 'tl-head' }, h('h2', { className: 'tl-title', text: 'Timeline' }), legend);
  const scroller = h('div', { className: 'tl-scroll' }, svg, tip);
  const root = h('section', { id: 'timeline', className: 'timeline', attrs: { 'aria-label': 'Timeline' } }, head, scroller, details);
  show(root, false);

  let rows: readonly Row[] = [];
  let zone: TimeZone = 'utc';
  let zoneName = 'UTC';
  let t: Timeline | undefined;
  let laneY: number[] = [];
  let kindRow: number[] = [];
  let active = -1;
  let selected = -1;
  const activeRect = el('rect', { class: 'tl-active', id: 'timeline-active' });
  const selectedRect = el('rect', { class: 'tl-selected' });

  function plotWidth(): number {
    return Math.max(240, Math.floor((scroller.clientWidth || 800) - LABEL_W - 12));
  }

  function barText(b: Bar): string {
    const kind = KIND_NAMES[b.kind]!;
    const from = formatTimeMs(b.startMs, zone);
    const to = formatTimeMs(b.endMs, zone).slice(11);
    if (b.count === 1) {
      const r = rows[b.row]!;
      return `${r.trackingType} (${kind.split(' ')[0]}) · ${from} → ${to} · ${formatDuration(r.durationSeconds)} · ${zoneName}`;
    }
    return `${b.count} ${kind} slices in this pixel · ${from} → ${to} · ${formatDuration(b.seconds)} in total · ${zoneName}; selecting picks the earliest`;
  }

  function place(rect: SVGRectElement, index: number): void {
    if (t === undefined || index < 0) return void rect.setAttribute('visibility', 'hidden');
    const b = t.bars[index]!;
    rect.setAttribute('x', String(LABEL_W + b.x0 - 1));
    rect.setAttribute('y', String(laneY[b.lane]! + kindRow[b.kind]! * SUB_H - 1));
    rect.setAttribute('width', String(b.x1 - b.x0 + 2));
    rect.setAttribute('height', String(SUB_H + 1));
    rect.setAttribute('visibility', 'visible');
  }

  function setActive(index: number, announce: boolean): void {
    active = index;
    place(activeRect, index);
    if (index < 0 || t === undefined) {
      svg.removeAttribute('aria-activedescendant');
      show(tip, false);
      return;
    }
    svg.setAttribute('aria-activedescendant', 'timeline-active');
    const text = barText(t.bars[index]!);
    activeRect.setAttribute('aria-label', text);
    if (announce) showTip(text, t.bars[index]!);
  }

  function showTip(text: string, b: Bar): void {
    tip.textContent = text;
    show(tip, true);
    const left = Math.min(LABEL_W + b.x0, Math.max(0, scroller.clientWidth - 360));
    tip.style.setProperty('--tl-tip-x', `${left}px`);
    tip.style.setProperty('--tl-tip-y', `${laneY[b.lane]! + (t!.kinds.filter(Boolean).length) * SUB_H + 4}px`);
  }

  function choose(index: number): void {
    if (t === undefined || index < 0) return;
    setActive(index, true);
    selected = index;
    place(selectedRect, index);
    onSelect(rows[t.bars[index]!.row]!);
  }

  function hit(e: MouseEvent): number {
    if (t === undefined) return -1;
    const box = svg.getBoundingClientRect();
    const x = Math.floor(e.clientX - box.left - LABEL_W);
    const y = e.clientY - box.top;
    const lane = laneY.findIndex((top, i) => y >= top && y < top + laneHeight(t!) && i < t!.lanes.length);
    if (lane < 0 || x < 0) return -1;
    const kind = kindRow.findIndex((r) => r >= 0 && y >= laneY[lane]! + r * SUB_H && y < laneY[lane]! + (r + 1) * SUB_H);
    return kind < 0 ? -1 : barAt(t, lane, kind, x);
  }

  svg.addEventListener('mousemove', (e) => {
    const i = hit(e);
    svg.style.cursor = i >= 0 ? 'pointer' : '';
    if (i >= 0) showTip(barText(t!.bars[i]!), t!.bars[i]!);
    else if (active < 0 || document.activeElement !== svg) show(tip, false);
  });
  svg.addEventListener('mouseleave', () => {
    if (document.activeElement !== svg) show(tip, false);
  });
  svg.addEventListener('click', (e) => choose(hit(e)));
  svg.addEventListener('focus', () => {
    if (t === undefined || t.bars.length === 0) return;
    setActive(active >= 0 ? active : selected >= 0 ? selected : 0, true);
  });
  svg.addEventListener('blur', () => show(tip, false));
  svg.addEventListener('keydown', (e) => {
    if (t === undefined || t.bars.length === 0) return;
    const cur = t.bars[active] ?? t.bars[0]!;
    const inLane = laneBars(t, cur.lane);
    const pos = Math.max(0, inLane.indexOf(active));
    let next: number;
    if (e.key === 'ArrowRight') next = inLane[Math.min(inLane.length - 1, pos + 1)]!;
    else if (e.key === 'ArrowLeft') next = inLane[Math.max(0, pos - 1)]!;
    else if (e.key === 'Home') next = inLane[0]!;
    else if (e.key === 'End') next = inLane[inLane.length - 1]!;
    else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const lane = cur.lane + (e.key === 'ArrowDown' ? 1 : -1);
      if (lane < 0 || lane >= t.lanes.length) next = active;
      else {
        const mid = (cur.x0 + cur.x1) / 2;
        const other = laneBars(t, lane);
        next = other.reduce((best, i) => (Math.abs((t!.bars[i]!.x0 + t!.bars[i]!.x1) / 2 - mid) < Math.abs((t!.bars[best]!.x0 + t!.bars[best]!.x1) / 2 - mid) ? i : best), other[0]!);
      }
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      choose(active >= 0 ? active : 0);
      return;
    } else return;
    e.preventDefault();
    setActive(next, true);
  });

  function laneHeight(tl: Timeline): number {
    return Math.max(1, tl.kinds.filter(Boolean).length) * SUB_H + LANE_PAD;
  }

  function render(): void {
    const tl = t!;
    const width = tl.width;
    kindRow = [];
    let r = 0;
    for (let k = 0; k < 4; k++) kindRow.push(tl.kinds[k] ? r++ : -1);
    const laneH = laneHeight(tl);
    laneY = tl.lanes.map((_, i) => AXIS_H + i * laneH);
    const height = AXIS_H + tl.lanes.length * laneH;
    svg.setAttribute('width', String(LABEL_W + width + 8));
    svg.setAttribute('height', String(height));
    svg.setAttribute('viewBox', `0 0 ${LABEL_W + width + 8} ${height}`);
    const nodes: SVGElement[] = [];
    let grid = '';
    for (let hour = 0; hour <= 24; hour += 3) {
      const x = LABEL_W + Math.round((hour / 24) * width);
      grid += `M${x} ${AXIS_H - 3}V${height}`;
      const label = el('text', { x, y: AXIS_H - 5, class: 'tl-hour', 'text-anchor': hour === 0 ? 'start' : hour === 24 ? 'end' : 'middle' });
      label.textContent = `${String(hour).padStart(2, '0')}:00`;
      nodes.push(label);
    }
    tl.lanes.forEach((lane, i) => {
      grid += `M${LABEL_W} ${laneY[i]! + laneH - LANE_PAD / 2}H${LABEL_W + width}`;
      const label = el('text', { x: 0, y: laneY[i]! + SUB_H, class: 'tl-day' });
      label.textContent = dayLabel(lane.day);
      nodes.push(label);
    });
    const paths = ['', '', '', ''];
    for (const b of tl.bars) paths[b.kind] += `M${LABEL_W + b.x0} ${laneY[b.lane]! + kindRow[b.kind]! * SUB_H}h${b.x1 - b.x0}v${SUB_H - 1}h${b.x0 - b.x1}z`;
    const drawn = paths.map((d, k) => el('path', { d, class: `tl-bar tl-${KINDS[k]}` }));
    svg.replaceChildren(el('path', { d: grid, class: 'tl-grid' }), ...nodes, ...drawn, selectedRect, activeRect);
    const days = tl.lanes.length;
    svg.setAttribute('aria-label', `Timeline of ${rows.length} slices over ${days} ${days === 1 ? 'day' : 'days'} in ${zoneName}. Arrow keys move between bars, Enter selects the row in the table. Per-day totals follow.`);
    legend.replaceChildren(...KINDS.flatMap((k, i) => (tl.kinds[i] ? [h('span', { className: `tl-key tl-key-${k}`, text: KIND_NAMES[i]! })] : [])));
    renderTotals(tl);
  }

  function renderTotals(tl: Timeline): void {
    const header = h('tr', {}, h('th', { text: 'Day', attrs: { scope: 'col' } }), ...KIND_NAMES.map((k) => h('th', { text: k, attrs: { scope: 'col' } })));
    const body = tl.lanes.map((lane) =>
      h('tr', {}, h('th', { text: `${dayLabel(lane.day)} ${new Date(lane.day * DAY_MS).getUTCFullYear()}`, attrs: { scope: 'row' } }),
        ...lane.seconds.map((s, k) => h('td', { text: lane.counts[k]! === 0 && s === 0 ? '—' : `${formatDuration(s)} (${lane.counts[k]} ${lane.counts[k] === 1 ? 'slice' : 'slices'})` }))),
    );
    totals.replaceChildren(h('caption', { text: `Time per day and kind, ${zoneName}` }), h('thead', {}, header), h('tbody', {}, ...body));
  }

  return {
    root,
    draw(next, nextZone, nextName) {
      rows = next;
      zone = nextZone;
      zoneName = nextName;
      const started = performance.now();
      // Measured while shown: a hidden timeline (before its first bars) has no width.
      show(root, true);
      t = buildTimeline(next, zone, plotWidth());
      active = -1;
      selected = -1;
      show(root, t.bars.length > 0);
      if (t.bars.length > 0) render();
      document.body.dataset.timelineMs = String(Math.round(performance.now() - started));
      document.body.dataset.timelineBars = String(t.bars.length);
      if (t.bars.length === 0) return undefined;
      let startMs = Infinity;
      let endMs = -Infinity;
      for (const b of t.bars) {
        if (b.startMs < startMs) startMs = b.startMs;
        if (b.endMs > endMs) endMs = b.endMs;
      }
      return { startMs, endMs };
    },
    highlight(row) {
      if (t === undefined) return;
      selected = row === null ? -1 : barOfRow(t, row);
      place(selectedRect, selected);
      // The keyboard cursor follows the table's selection.
      if (selected >= 0) setActive(selected, document.activeElement === svg);
    },
  };
}
