/**
 * The timeline above the table: an SVG with one lane per day and one path per kind (so 100 000 slices are a
 * handful of elements), in theme colors. Hover or keyboard focus tells a bar's times and duration; a click or
 * Enter selects its row in the table, and the table's selected row is outlined here. One tab stop: arrows
 * move between bars (Left/Right in a day, Up/Down between days), Home/End go to a day's ends. A per-day table
 * of totals is the text alternative. The heading's button collapses the timeline (the panel remembers it). Geometry comes from timeline-model.ts, drawing from timeline-svg.ts,
 * input from timeline-input.ts and the totals from timeline-totals.ts.
 */
import { formatDuration, formatTimeMs } from '../table/format';
import type { Row, TimeZone } from '../table/types';
import { h, show } from '../shared/dom';
import { t as l10n } from '../shared/l10n';
import { barOfRow, buildTimeline, parseTimes, type Bar, type RowTimes, type Timeline } from './timeline-model';
import { ALWAYS_OPEN, bindTimelineFold, type TimelineFold } from './timeline-fold';
import { bindTimelineInput } from './timeline-input';
import { barTop, drawTimelineSvg, el, KIND_NAMES, KIND_SHORT, kindRows, LABEL_W, layoutTimeline, legendKeys, NO_LAYOUT, SUB_H, type TimelineLayout } from './timeline-svg';
import { renderTotals } from './timeline-totals';

export { dayLabel } from './timeline-svg';
export type { TimelineFold } from './timeline-fold';

export interface TimelineView {
  root: HTMLElement;
  /**
   * Redraws from these rows (the table's filtered rows) in this zone; `zoneName` names it in the tooltips. `times`:
   * the rows' instants as the table parsed them (else they are parsed here). Gives the first start and the last
   * end drawn (undefined without bars).
   */
  draw(rows: readonly Row[], zone: TimeZone, zoneName: string, times?: RowTimes): { startMs: number; endMs: number } | undefined;
  /** Outlines the bar holding the table's selected row (null: none). */
  highlight(row: Row | null): void;
}

interface TimelineDom {
  root: HTMLElement;
  svg: SVGSVGElement;
  tip: HTMLElement;
  totals: HTMLTableElement;
  legend: HTMLElement;
  scroller: HTMLElement;
  toggle: HTMLButtonElement;
  body: HTMLElement;
}

/**
 * The section, hidden until it has bars: a heading whose button collapses the drawing and the per-day totals
 * (which fold away on their own in a details element), and the legend.
 */
function createTimelineDom(): TimelineDom {
  const svg = el('svg', { id: 'timeline-svg', class: 'tl-svg', tabindex: 0, role: 'group' });
  svg.setAttribute('aria-roledescription', l10n('timeline'));
  const tip = h('div', { id: 'timeline-tip', className: 'tl-tip', attrs: { role: 'status', 'aria-live': 'polite' } });
  show(tip, false);
  const totals = h('table', { id: 'timeline-totals', className: 'tl-totals' });
  const details = h('details', { className: 'tl-details' }, h('summary', { text: l10n('Per-day totals') }), totals);
  const legend = h('span', { className: 'tl-legend', attrs: { 'aria-hidden': 'true' } });
  const toggle = h('button', { id: 'timeline-toggle', className: 'tl-toggle', text: l10n('Timeline'), title: l10n('Show or hide the timeline'), attrs: { type: 'button', 'aria-expanded': 'true', 'aria-controls': 'timeline-body' } });
  const head = h('div', { className: 'tl-head' }, h('h2', { className: 'tl-title' }, toggle), legend);
  const scroller = h('div', { className: 'tl-scroll' }, svg, tip);
  const body = h('div', { id: 'timeline-body', className: 'tl-body' }, scroller, details);
  const root = h('section', { id: 'timeline', className: 'timeline', attrs: { 'aria-label': l10n('Timeline') } }, head, body);
  show(root, false);
  return { root, svg, tip, totals, legend, scroller, toggle, body };
}

/** What a bar's tooltip and accessible name say: one slice's type and times, or a pixel's count and total. */
function barText(b: Bar, rows: readonly Row[], zone: TimeZone, zoneName: string): string {
  const from = formatTimeMs(b.startMs, zone);
  const to = formatTimeMs(b.endMs, zone).slice(11);
  if (b.count === 1) {
    const r = rows[b.row]!;
    return `${r.trackingType} (${KIND_SHORT[b.kind]!}) · ${from} → ${to} · ${formatDuration(r.durationSeconds)} · ${zoneName}`;
  }
  return l10n('{0} {1} slices in this pixel · {2} → {3} · {4} in total · {5}; selecting picks the earliest', b.count, KIND_NAMES[b.kind]!, from, to, formatDuration(b.seconds), zoneName);
}

/** The drawing's accessible name: what it shows, and how to move in it. */
function svgLabel(slices: number, days: number, zoneName: string): string {
  const what = slices === 1
    ? (days === 1 ? l10n('Timeline of {0} slice over {1} day in {2}.', slices, days, zoneName) : l10n('Timeline of {0} slice over {1} days in {2}.', slices, days, zoneName))
    : (days === 1 ? l10n('Timeline of {0} slices over {1} day in {2}.', slices, days, zoneName) : l10n('Timeline of {0} slices over {1} days in {2}.', slices, days, zoneName));
  return `${what} ${l10n('Arrow keys move between bars, Enter selects the row in the table. Per-day totals follow.')}`;
}

/** The first start and last end of the bars. */
function extent(bars: readonly Bar[]): { startMs: number; endMs: number } {
  let startMs = Infinity;
  let endMs = -Infinity;
  for (const b of bars) {
    if (b.startMs < startMs) startMs = b.startMs;
    if (b.endMs > endMs) endMs = b.endMs;
  }
  return { startMs, endMs };
}

/** The plot's width: the box's (the scroller, or the section while the drawing is collapsed), less the day labels, at least 240 px. */
function plotWidth(box: HTMLElement): number {
  return Math.max(240, Math.floor((box.clientWidth || 800) - LABEL_W - 12));
}

/** Outlines a bar with `rect` (index < 0 or no timeline: hides it). */
function place(rect: SVGRectElement, t: Timeline | undefined, layout: TimelineLayout, index: number): void {
  if (t === undefined || index < 0) return void rect.setAttribute('visibility', 'hidden');
  const b = t.bars[index]!;
  rect.setAttribute('x', String(LABEL_W + b.x0 - 1));
  rect.setAttribute('y', String(barTop(layout, b) - 1));
  rect.setAttribute('width', String(b.x1 - b.x0 + 2));
  rect.setAttribute('height', String(SUB_H + 1));
  rect.setAttribute('visibility', 'visible');
}

/** Records how long the last draw took and how many bars it made, for the benchmark. */
function recordDraw(started: number, bars: number): void {
  document.body.dataset.timelineMs = String(Math.round(performance.now() - started));
  document.body.dataset.timelineBars = String(bars);
}

/** Shows the tooltip of bar `b` with `text`, under its lane (`y`), kept inside the scroller. */
function showTipAt(tip: HTMLElement, scroller: HTMLElement, text: string, b: Bar, y: number): void {
  tip.textContent = text;
  show(tip, true);
  const left = Math.min(LABEL_W + b.x0, Math.max(0, scroller.clientWidth - 360));
  tip.style.setProperty('--tl-tip-x', `${left}px`);
  tip.style.setProperty('--tl-tip-y', `${y}px`);
}

/** Draws a timeline's bars, its text alternative, legend and totals. */
function drawParts(
  dom: { svg: SVGSVGElement; legend: HTMLElement; totals: HTMLTableElement }, tl: Timeline, layout: TimelineLayout, marks: SVGRectElement[], rowCount: number, zoneName: string,
): void {
  drawTimelineSvg(dom.svg, tl, layout, marks);
  dom.svg.setAttribute('aria-label', svgLabel(rowCount, tl.lanes.length, zoneName));
  dom.legend.replaceChildren(...legendKeys(tl));
  renderTotals(dom.totals, tl, zoneName);
}

export function buildTimelineView(onSelect: (row: Row) => void, fold: TimelineFold = ALWAYS_OPEN): TimelineView {
  const { root, svg, tip, totals, legend, scroller, toggle, body } = createTimelineDom();
  let rows: readonly Row[] = [];
  let times: RowTimes | undefined;
  let zone: TimeZone = 'utc';
  let zoneName = l10n('UTC');
  let t: Timeline | undefined;
  let layout = NO_LAYOUT;
  let active = -1;
  let selected = -1;
  /** The table's selected row, outlined again when a collapsed timeline opens. */
  let selectedRow: Row | null = null;
  const activeRect = el('rect', { class: 'tl-active', id: 'timeline-active' });
  const selectedRect = el('rect', { class: 'tl-selected' });

  const showTip = (text: string, b: Bar): void => showTipAt(tip, scroller, text, b, layout.laneY[b.lane]! + kindRows(t!) * SUB_H + 4);

  function setActive(index: number, announce: boolean): void {
    active = index;
    place(activeRect, t, layout, index);
    if (index < 0 || t === undefined) {
      svg.removeAttribute('aria-activedescendant');
      show(tip, false);
      return;
    }
    svg.setAttribute('aria-activedescendant', 'timeline-active');
    const text = barText(t.bars[index]!, rows, zone, zoneName);
    activeRect.setAttribute('aria-label', text);
    if (announce) showTip(text, t.bars[index]!);
  }

  function choose(index: number): void {
    if (t === undefined || index < 0) return;
    setActive(index, true);
    selected = index;
    place(selectedRect, t, layout, index);
    onSelect(rows[t.bars[index]!.row]!);
  }

  const render = (tl: Timeline): void => {
    layout = layoutTimeline(tl);
    drawParts({ svg, legend, totals }, tl, layout, [selectedRect, activeRect], rows.length, zoneName);
  };

  /** Draws the rows at the width there is (a collapsed timeline is drawn again when it opens). */
  function build(): Timeline {
    const next = buildTimeline(rows, zone, plotWidth(scroller.clientWidth > 0 ? scroller : root), (times ??= parseTimes(rows)));
    t = next;
    active = -1;
    selected = -1;
    if (next.bars.length > 0) render(next);
    return next;
  }

  function outline(row: Row | null): void {
    selectedRow = row;
    if (t === undefined) return;
    selected = row === null ? -1 : barOfRow(t, row);
    place(selectedRect, t, layout, selected);
    // The keyboard cursor follows the table's selection.
    if (selected >= 0) setActive(selected, document.activeElement === svg);
  }

  bindTimelineFold(toggle, body, fold, () => {
    if (t === undefined || t.width === plotWidth(scroller)) return;
    build();
    outline(selectedRow);
  });

  bindTimelineInput(svg, {
    timeline: () => t,
    layout: () => layout,
    active: () => active,
    selected: () => selected,
    setActive: (index) => setActive(index, true),
    choose,
    hover: (index) => showTip(barText(t!.bars[index]!, rows, zone, zoneName), t!.bars[index]!),
    hideTip: () => show(tip, false),
  });

  return {
    root,
    draw(next, nextZone, nextName, nextTimes) {
      rows = next;
      times = nextTimes;
      zone = nextZone;
      zoneName = nextName;
      const started = performance.now();
      // Measured while shown: a hidden timeline (before its first bars) has no width.
      show(root, true);
      const drawn = build();
      show(root, drawn.bars.length > 0);
      recordDraw(started, drawn.bars.length);
      return drawn.bars.length === 0 ? undefined : extent(drawn.bars);
    },
    highlight: outline,
  };
}
