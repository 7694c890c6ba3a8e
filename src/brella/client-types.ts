/** The client's types: its options, what a call takes, and what it answers. */
import type { SliceFilterInput, SliceFilters } from '../model/filters';
import type { BrellaAttendee, BrellaEvent, TrackingSession, TrackingSessionSlice } from '../model/types';
import type { Route } from './http';
import type { Clock, PacerState } from './pacer';
import type { BrellaList, PageInfo, RawPage } from './paging';
import type { BrellaId, RequestDescription } from './requests';

/** One line per HTTP exchange (each retry is its own line). Never holds the key. */
export interface RequestLogEntry {
  method: 'GET';
  /** Path and query, e.g. /api/integration/organizations/1/events?page%5Bsize%5D=500&page%5Bnumber%5D=1 */
  path: string;
  /** HTTP status when Brella answered. */
  status?: number;
  /** What went wrong when it did not ("timeout after 30000 ms", "ECONNRESET: …", "cancelled"). */
  error?: string;
  /** Duration of the exchange in ms (pacer waits excluded). */
  ms: number;
  /** Retries made before this exchange (0 = first try). */
  retries: number;
  /** Whether the client will try again. */
  willRetry: boolean;
  /** Wait before the retry, in ms, when willRetry. */
  waitMs?: number;
}

export interface BrellaClientOptions {
  apiKey: string;
  /** Default https://api.brella.io/api/integration */
  baseUrl?: string;
  /** Default brella-explorer/<version>. */
  userAgent?: string;
  /** Per key, shared by all clients of the key. Default 10. */
  requestsPerSecond?: number;
  /** Per key. Default 6. */
  maxConcurrentRequests?: number;
  /** page[size], 1..500. Default 500. */
  pageSize?: number;
  /** Per exchange (connect, headers and the whole body), in ms. Default 30000. */
  timeoutMs?: number;
  /**
   * The setting that holds timeoutMs, for the timeout message ("… or raise the setting <name>"); without it
   * the message only says to try again later.
   */
  timeoutSetting?: string;
  /** Largest body of a 2xx answer read, in bytes. Default MAX_PAGE_BYTES (32 MB; see http.ts). */
  maxPageBytes?: number;
  /** Largest body of any other answer read, in bytes. Default MAX_ERROR_BYTES (64 KB; see http.ts). */
  maxErrorBytes?: number;
  /** Retries of 429, 5xx, dropped connections and timeouts. Default 4. */
  retries?: number;
  /**
   * http(s):// or socks5:// proxy. Without it, HTTPS_PROXY/HTTP_PROXY (and NO_PROXY) from the environment apply.
   * Neither applies to a loopback base URL (localhost, 127.x.x.x, [::1]): that is always reached directly.
   */
  proxyUrl?: string;
  /** With proxyUrl: check TLS certificates of the proxy and, through it, of Brella (VS Code's http.proxyStrictSSL). Default true. */
  proxyStrictSSL?: boolean;
  log?: (entry: RequestLogEntry) => void;
  /** Base of exponential backoff (tests make it small). Default 500. */
  backoffBaseMs?: number;
  /** Longest Retry-After the client waits for; longer ones fail at once. Default 60000. */
  maxRetryAfterMs?: number;
  /** Injected time (tests). */
  clock?: Clock;
  /** Environment read for proxy variables. Default process.env. */
  env?: NodeJS.ProcessEnv;
}

export interface CallOptions<T = unknown> {
  signal?: AbortSignal;
  /** Called after each page of a list (once for single reads), with that page's rows. */
  onPage?: (info: PageInfo, pageItems: readonly T[]) => void;
  /** Lists only: read at most this many pages (result.complete tells whether more existed). */
  maxPages?: number;
  /** Lists only: rows per page for this call instead of the client's (1 to 500). */
  pageSize?: number;
  /** Lists only: false leaves `rawPages` empty, for callers that need only the rows (no copy of each page kept). */
  keepRaw?: boolean;
}

/** A single read: the mapped object and the raw JSON:API document it came from. */
export interface BrellaItem<T> {
  item: T;
  raw: RawPage;
}

export interface BrellaClient {
  readonly baseUrl: string;
  readonly userAgent: string;
  readonly pageSize: number;
  /** How requests leave: directly, through proxyUrl, or through the environment's proxy. */
  readonly route: Route;
  listEvents(organizationId: BrellaId, options?: CallOptions<BrellaEvent>): Promise<BrellaList<BrellaEvent>>;
  getEvent(organizationId: BrellaId, eventId: BrellaId, options?: CallOptions<BrellaEvent>): Promise<BrellaItem<BrellaEvent>>;
  listAttendees(organizationId: BrellaId, eventId: BrellaId, options?: CallOptions<BrellaAttendee>): Promise<BrellaList<BrellaAttendee>>;
  listSlices(
    organizationId: BrellaId, eventId: BrellaId, attendeeId: BrellaId,
    filters?: SliceFilterInput | SliceFilters, options?: CallOptions<TrackingSessionSlice>,
  ): Promise<BrellaList<TrackingSessionSlice>>;
  /**
   * The attendee's tracking sessions (one per thing interacted with; not limited to the event's dates),
   * paged like listSlices; `trackableType` filters by trackable_type (e.g. StreamLink).
   */
  listTrackingSessions(
    organizationId: BrellaId, eventId: BrellaId, attendeeId: BrellaId,
    options?: CallOptions<TrackingSession> & { trackableType?: string },
  ): Promise<BrellaList<TrackingSession>>;
  /** The first tracking sessions request exactly as this client sends it, key as $BRELLA_API_KEY. */
  describeTrackingSessionsRequest(organizationId: BrellaId, eventId: BrellaId, attendeeId: BrellaId, trackableType?: string): RequestDescription;
  /** The first slices request exactly as this client sends it, key as $BRELLA_API_KEY (feed it to toCurl). */
  describeSliceRequest(organizationId: BrellaId, eventId: BrellaId, attendeeId: BrellaId, filters?: SliceFilterInput | SliceFilters): RequestDescription;
  /** The shared pacer's state for this key (current rate, in flight, queued, pause). */
  rateState(): PacerState;
  /** Closes connections and leaves the key's pacer (which outlives it); later calls reject with BrellaConfigError. */
  close(): Promise<void>;
}
