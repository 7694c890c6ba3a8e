/**
 * The Brella API layer's one public entry. Nothing here imports vscode.
 *
 * - createBrellaClient(options) → BrellaClient: listEvents, getEvent, listAttendees, listSlices,
 *   listTrackingSessions, close.
 *   Lists resolve to { items, rawPages }; getEvent to { item, raw }.
 * - Slice filters: SLICE_FILTER_FIELDS (form metadata), validateSliceFilters, normalizeSliceFilters,
 *   sliceFiltersToQuery, buildSliceRequestUrl, describeSliceRequest + toCurl.
 * - Errors: BrellaError and its subclasses; cancellation rejects with an error named 'AbortError'. A 403 from
 *   Cloudflare in front of Brella is BrellaBlockedError (no `status`: Brella never answered), never a key error.
 * - What kind of failure an error is: isKeyError, isBlocked, waitAskedUntil, isServerFailure (use these rather
 *   than reading status numbers).
 */
export { createBrellaClient } from './client';
export type { BrellaClient, BrellaClientOptions, BrellaItem, CallOptions, RequestLogEntry } from './client';
export type { BrellaList, PageInfo, RawPage } from './paging';
export { ResourceFinder } from './resource';
export type { FoundResource } from './resource';
export { Pacer, WINDOW_MARGIN_MS } from './pacer';
export type { Clock, PacerSettings, PacerState } from './pacer';
export type { Route } from './http';

// The filters' definition lives in src/model (shared with the webview); the client adds its errors and the query.
export { KNOWN_TRACKING_TYPES } from '../model/filters';
export { SLICE_FILTER_FIELDS } from '../model/filter-fields';
export type { SliceFilterInput, SliceFilterName, SliceFilters } from '../model/filters';
export type { SliceFilterField, SliceFilterKind, SliceFilterMeta } from '../model/filter-fields';
export { normalizeSliceFilters, sliceFiltersToQuery, validateSliceFilters } from './filter-query';
export type { SliceFilterValidation } from './filter-query';

export {
  API_KEY_HEADER,
  API_KEY_PLACEHOLDER,
  BRELLA_ACCEPT,
  DEFAULT_BASE_URL,
  MAX_PAGE_SIZE,
  buildSliceRequestUrl,
  describeRequest,
  describeSliceRequest,
} from './requests';
export type { BrellaEndpoint, BrellaId, DescribeOptions, PageParams, RequestDescription } from './requests';
export { COPY_FORMATS, COPY_FORMAT_LABELS, copyAsText, powerShellQuote, shellQuote, toCurl, toFetch, toPowerShell } from './curl';
export type { CopyFormat } from './curl';
export { MAX_ERROR_BYTES, MAX_PAGE_BYTES } from './http';
export { isLoopbackHost } from './loopback';
export { DEFAULT_USER_AGENT, VERSION } from './version';

export {
  BrellaAuthError,
  BrellaBadRequestError,
  BrellaBlockedError,
  BrellaConfigError,
  BrellaError,
  BrellaFilterError,
  BrellaInvalidIdError,
  BrellaNetworkError,
  BrellaNotAcceptableError,
  BrellaNotFoundError,
  BrellaRateLimitError,
  BrellaResponseError,
  BrellaResponseTooLargeError,
  BrellaServerError,
  BrellaTimeoutError,
  BrellaUnprocessableError,
  isAbortError,
  redact,
} from './errors';

export { keyProblem } from './key';
export { DEFAULT_MAX_RETRY_AFTER_MS, isBlocked, isKeyError, isServerFailure, waitAskedUntil } from './classify';

export type { BrellaAttendee, BrellaEvent, TrackingSession, TrackingSessionSlice } from '../model/types';
