/** The client's options checked once, with their defaults: a bad value is a BrellaConfigError before any request. */
import { keyProblem } from './key';
import { BrellaConfigError } from './errors';
import { DEFAULT_MAX_RETRY_AFTER_MS } from './classify';
import { MAX_ERROR_BYTES, MAX_PAGE_BYTES, type BodyLimits } from './http';
import { realClock, type Clock, type PacerSettings } from './pacer';
import { DEFAULT_BASE_URL, checkPageSize, normalizeBaseUrl } from './requests';
import { DEFAULT_USER_AGENT } from './version';
import type { BrellaClientOptions } from './client-types';

export interface ClientConfig {
  key: string;
  baseUrl: string;
  userAgent: string;
  pageSize: number;
  timeoutMs: number;
  retries: number;
  limits: BodyLimits;
  backoffBase: number;
  maxRetryAfterMs: number;
  clock: Clock;
  settings: PacerSettings;
}

function positive(name: string, value: number | undefined, fallback: number, integer: boolean): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v <= 0 || (integer && !Number.isSafeInteger(v))) {
    throw new BrellaConfigError(`${name} ${v} is not valid; use a positive ${integer ? 'whole ' : ''}number (default ${fallback})`);
  }
  return v;
}

export function resolveClientConfig(options: BrellaClientOptions): ClientConfig {
  const key = options.apiKey;
  const problem = keyProblem(key);
  if (problem !== undefined || typeof key !== 'string') throw new BrellaConfigError(`The Brella API key cannot be used. ${problem ?? ''}`.trim());
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const userAgent = options.userAgent?.trim() || DEFAULT_USER_AGENT;
  const pageSize = checkPageSize(options.pageSize ?? 500);
  const timeoutMs = positive('timeoutMs', options.timeoutMs, 30_000, false);
  const retries = options.retries ?? 4;
  if (!Number.isSafeInteger(retries) || retries < 0) throw new BrellaConfigError(`retries ${retries} is not valid; use a whole number ≥ 0 (default 4)`);
  const limits = {
    pageBytes: positive('maxPageBytes', options.maxPageBytes, MAX_PAGE_BYTES, true),
    errorBytes: positive('maxErrorBytes', options.maxErrorBytes, MAX_ERROR_BYTES, true),
  };
  const settings = {
    requestsPerSecond: positive('requestsPerSecond', options.requestsPerSecond, 10, false),
    maxConcurrentRequests: positive('maxConcurrentRequests', options.maxConcurrentRequests, 6, true),
  };
  return {
    key, baseUrl, userAgent, pageSize, timeoutMs, retries, limits, settings,
    backoffBase: options.backoffBaseMs ?? 500,
    maxRetryAfterMs: options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS,
    clock: options.clock ?? realClock,
  };
}
