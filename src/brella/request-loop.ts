/**
 * One GET with pacing and retries: wait for the key's pacer, make the exchange, log it, and do what the retry
 * policy (retry-policy.ts) says it means. The key goes into the headers only here, at the last moment.
 */
import type Dispatcher from 'undici/lib/dispatcher/dispatcher.js';
import { BrellaConfigError, redact, throwIfAborted } from './errors';
import { httpGet, type BodyLimits, type HttpResponse, type Scrub } from './http';
import { sleep, type Pacer } from './pacer';
import type { FetchedPage } from './paging';
import { API_KEY_HEADER, type EndpointIds } from './requests';
import { afterAnswer, afterFailure, type Exchange, type RetryPolicy, type Verdict } from './retry-policy';
import type { RequestLogEntry } from './client-types';

export interface RequestLoop {
  dispatcher: Dispatcher;
  pacer: Pacer;
  policy: RetryPolicy;
  limits: BodyLimits;
  /** Removes the key from every body read. */
  scrub: Scrub;
  log: (entry: RequestLogEntry) => void;
  isClosed: () => boolean;
}

export type Get = (url: string, headers: Record<string, string>, ids: EndpointIds, signal: AbortSignal | undefined) => Promise<FetchedPage>;

/** The client's get(): returns the decoded body (undefined for 204 / empty). */
export function requestLoop(loop: RequestLoop): Get {
  const { dispatcher, pacer, policy, limits, scrub, log, isClosed } = loop;
  const { key, timeoutMs, clock } = policy;

  /** One exchange, the pacer's slot held only while it lasts. */
  async function exchange(url: string, headers: Record<string, string>, x: Omit<Exchange, 'ms' | 'closed'>, signal: AbortSignal | undefined): Promise<Verdict> {
    const releaseSlot = await pacer.acquire(signal);
    const started = performance.now();
    let res: HttpResponse;
    try {
      res = await httpGet(dispatcher, url, { ...headers, [API_KEY_HEADER]: key }, { signal, timeoutMs, limits, scrub });
    } catch (error) {
      releaseSlot();
      return afterFailure(error, { ...x, ms: Math.round(performance.now() - started), closed: isClosed() }, policy);
    }
    releaseSlot();
    return afterAnswer(res, { ...x, ms: Math.round(performance.now() - started), closed: isClosed() }, policy);
  }

  return async (url, headers, ids, signal) => {
    const target = new URL(url);
    const path = redact(`${target.pathname}${target.search}`, key);
    for (let attempt = 0; ; attempt++) {
      if (isClosed()) throw new BrellaConfigError('This Brella client is closed; create a new one.');
      throwIfAborted(signal);
      const verdict = await exchange(url, headers, { url, path, ids, attempt }, signal);
      if (verdict.pacer && 'rateLimited' in verdict.pacer) pacer.rateLimited(verdict.pacer.rateLimited);
      else if (verdict.pacer) pacer.pause(verdict.pacer.pause);
      log(verdict.entry);
      const { next } = verdict;
      if (next.kind === 'done') return next.page;
      if (next.kind === 'fail') throw next.error;
      if (next.waitMs !== undefined) await sleep(next.waitMs, signal, clock);
    }
  };
}
