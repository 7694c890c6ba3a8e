/**
 * Early figures for the Sponsors, Streams and Days tabs while a long report runs: the rows so far are a uniform
 * sample of the attendees (they are asked in a seeded random order), so each booth's, stream's or day's share of
 * them, scaled to every attendee, estimates its final count, with the 95% interval of src/model/estimate.ts. The
 * list says "estimate" and goes away once every attendee has an answer: the tables are then exact.
 */
import { estimateProportion, type Estimate } from '../../src/model/estimate';
import { h, show } from '../shared/dom';
import { count } from './format';
import { t } from '../shared/l10n';

export interface Counted {
  label: string;
  /** Attendees with a row who count (visitors, viewers, attendees in the app that day). */
  hits: number;
}

/** "≈ 1 234 (95%: 1 100–1 350)" of `population`, from `hits` of the `sample` answers. */
export function estimateText(hits: number, sample: number, population: number): string | undefined {
  const e = estimateProportion(hits, sample, population);
  if (!e) return undefined;
  const of = (percent: number): string => count(Math.round((percent / 100) * population));
  return `≈ ${of(e.percent)} (95%: ${of(e.low)}–${of(e.high)})`;
}

/** A labelled list of estimates, hidden when the run's figures are exact (no `estimate` in the summary). */
export function buildEstimates(id: string, what: string): { root: HTMLElement; update(items: readonly Counted[], estimate: Estimate | undefined): void } {
  const list = h('ul', { id, className: 'estimates' });
  const title = h('p', { className: 'estimates-title' });
  const root = h('section', { className: 'estimates-box', attrs: { 'aria-label': t('{0} (estimate)', what) } }, title, list);
  show(root, false);
  return {
    root,
    update(items, estimate) {
      if (!estimate || items.length === 0) {
        show(root, false);
        return;
      }
      title.textContent = t('Estimate while answers are missing: {0} across all {1} attendees, from {2} answers so far', what, count(estimate.population), count(estimate.sample));
      list.replaceChildren(...items.map((item) => h('li', {}, h('span', { className: 'estimate-label', text: `${item.label}: ` }), h('span', { className: 'estimate-value', text: estimateText(item.hits, estimate.sample, estimate.population) ?? '' }))));
      show(root, true);
    },
  };
}
