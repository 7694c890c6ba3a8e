/**
 * Reading every page of a JSON:API list, one page after the other.
 *
 * Next page: `links.next` when present (absolute, or relative to the base URL; one that leads off the base URL's
 * origin, or is not a URL, is never requested: the key goes nowhere else, and the next page is read by number
 * on the base URL instead); else meta totals (`total_pages`/`total-pages`/`totalPages`, or
 * `total_count`/`total-count`/`totalCount` rows); else a page with paging links (first/last/prev, or after
 * pages that had next) but no next is the last; else the page number goes up until a short page (fewer rows
 * than the page size). An empty page (204, empty body, `data: []`) always ends the list. A page repeating the
 * previous one, a `links.next` pointing back to a page already read, or more pages/rows than meta announced end
 * with BrellaResponseError instead of a loop.
 */
import { setMaxListeners } from 'node:events';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { BrellaResponseError, throwIfAborted } from './errors';
import { mergeIncluded, parseListDocument, type JsonApiResource, type ResourceMapper, type ResponseContext } from './schemas';

export interface PageInfo {
  /** 1-based number of the page just read. */
  page: number;
  /** Pages announced by meta (or derived from a total row count), when known. */
  pagesKnown: number | undefined;
  /** Rows on this page. */
  rows: number;
  /** Rows read so far, this page included. */
  rowsSoFar: number;
  /** Rows announced by meta, when known. */
  rowsKnown: number | undefined;
}

/** One response as it came: the URL (never the key), status, and the JSON body (null for 204/empty). */
export interface RawPage {
  page: number;
  url: string;
  status: number;
  body: unknown;
}

/** A list result: the mapped items, and every raw JSON:API page they came from, in order. */
export interface BrellaList<T> {
  items: T[];
  rawPages: RawPage[];
  /** false when maxPages stopped the reading before the last page. */
  complete: boolean;
}

/**
 * A RawPage that keeps the response text deflated and parses it when `body` is read: the raw pages are only
 * read for a "raw JSON" view, and 100 000 slices cost 37 MB as text (far more as parsed JSON), under 3 MB
 * deflated. The fastest level turns a page of 500 slices (170 KB) into about 13 KB in under a millisecond.
 */
export function rawPage(page: number, url: string, status: number, text: string | undefined): RawPage {
  const deflated = text === undefined || text.trim() === '' ? undefined : deflateRawSync(text, { level: 1 });
  return {
    page,
    url,
    status,
    get body(): unknown {
      return deflated === undefined ? null : JSON.parse(inflateRawSync(deflated).toString('utf8'));
    },
  };
}

export interface FetchedPage {
  url: string;
  status: number;
  /** Parsed JSON, or undefined for 204 / empty body. */
  body: unknown;
  /** The response text as read, the key already removed (kept for the raw pages instead of the parsed body). */
  text?: string;
  ctx: ResponseContext;
}

export interface CollectArgs<T> {
  firstUrl: string;
  baseUrl: string;
  pageSize: number;
  /** "events", "attendees", … for messages. */
  what: string;
  /**
   * Fetches one page. `signal` fires when the caller's signal does, and also when the list ends for any reason
   * (done, failed, or stopped early): pages requested ahead and not used are then cancelled, pacer slots and
   * retries included, instead of running on as orphans.
   */
  fetchPage: (url: string, signal: AbortSignal) => Promise<FetchedPage>;
  map: ResourceMapper<T>;
  /** After each page, with the rows of that page (so callers can show rows as they arrive). */
  onPage?: (info: PageInfo, pageItems: readonly T[]) => void;
  signal?: AbortSignal;
  /** Stop after this many pages (the result is then marked complete: false if more existed). */
  maxPages?: number;
  /**
   * Pages to request ahead once meta announces how many there are (the pacer still sets the pace);
   * rows are still delivered in page order. 0 reads one page after the other. Default 0.
   */
  readAhead?: number;
  /** Keep each page's raw document in the result (default true); false for callers that only need the rows. */
  keepRaw?: boolean;
}

const MAX_PAGES = 100_000;

function metaNumber(meta: Record<string, unknown> | null | undefined, names: readonly string[]): number | undefined {
  const places = [meta, meta?.pagination, meta?.page];
  for (const place of places) {
    if (!place || typeof place !== 'object') continue;
    for (const name of names) {
      const raw = (place as Record<string, unknown>)[name];
      const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
      if (typeof n === 'number' && Number.isSafeInteger(n) && n >= 0) return n;
    }
  }
  return undefined;
}

export function readTotals(meta: Record<string, unknown> | null | undefined): { pages?: number; count?: number } {
  return {
    pages: metaNumber(meta, ['total_pages', 'total-pages', 'totalPages']),
    count: metaNumber(meta, ['total_count', 'total-count', 'totalCount']),
  };
}

function nextLink(links: Record<string, unknown> | null | undefined): string | undefined {
  const next = links?.next;
  if (typeof next === 'string' && next.trim()) return next.trim();
  if (next && typeof next === 'object' && typeof (next as { href?: unknown }).href === 'string') {
    return (next as { href: string }).href;
  }
  return undefined;
}

/** The document uses paging links (first/last/prev/next): then a missing next means the last page. */
function pagingLinks(links: Record<string, unknown> | null | undefined): boolean {
  return ['next', 'prev', 'first', 'last'].some((k) => links?.[k] !== undefined);
}

/** Resolves links.next: absolute URL, "?query" (same path), "/path" (under the base path unless already), or "relative/path". */
export function resolveNext(next: string, baseUrl: string, currentUrl: string): URL {
  const base = new URL(baseUrl);
  const basePath = base.pathname.replace(/\/+$/, '');
  if (/^[a-z][a-z0-9+.-]*:/i.test(next) || next.startsWith('//')) return new URL(next);
  if (next.startsWith('?')) return new URL(next, currentUrl);
  if (next.startsWith('/')) {
    const underBase = next === basePath || next.startsWith(`${basePath}/`) || next.startsWith(`${basePath}?`);
    return new URL(underBase ? next : `${basePath}${next}`, base.origin);
  }
  return new URL(`${basePath}/${next}`, base.origin);
}

function withPageNumber(url: string, page: number): string {
  const u = new URL(url);
  u.searchParams.set('page[number]', String(page));
  return u.toString();
}

/** links.next as a URL to request, or undefined when it is not a URL or leads off the base URL's origin. */
function followable(next: string, baseUrl: string, current: string, origin: string): URL | undefined {
  try {
    const target = resolveNext(next, baseUrl, current);
    return target.origin === origin ? target : undefined;
  } catch {
    return undefined;
  }
}

/** Same path and the same query parameters, whatever their order and encoding. */
function samePage(a: string, b: string): boolean {
  const ua = new URL(a);
  const ub = new URL(b);
  const query = (u: URL): string => [...u.searchParams.entries()].map(([k, v]) => `${k}=${v}`).sort().join('&');
  return ua.origin === ub.origin && ua.pathname === ub.pathname && query(ua) === query(ub);
}

function loopError(ctx: ResponseContext, what: string, problem: string): BrellaResponseError {
  return new BrellaResponseError(
    `Brella's paging of ${what} went wrong at GET ${ctx.path}: ${problem}. Stopped reading to avoid a loop; try again later.`,
    { status: ctx.status, path: ctx.path },
  );
}

export async function collectPages<T>(args: CollectArgs<T>): Promise<BrellaList<T>> {
  const { signal } = args;
  throwIfAborted(signal);
  const ended = new AbortController();
  const pagesSignal = signal ? AbortSignal.any([signal, ended.signal]) : ended.signal;
  // Every page under way listens to it (its pacer place, its retry wait, its request): more than Node's 10.
  setMaxListeners(((args.readAhead ?? 0) + 1) * 4 + 10, pagesSignal);
  try {
    return await readPages(args, pagesSignal);
  } finally {
    // Whatever is still pending belongs to no one now: cancel it (a no-op when nothing is).
    ended.abort(new DOMException('The list ended; pages requested ahead were cancelled.', 'AbortError'));
  }
}

async function readPages<T>(args: CollectArgs<T>, pagesSignal: AbortSignal): Promise<BrellaList<T>> {
  const { baseUrl, pageSize, what, signal } = args;
  const origin = new URL(baseUrl).origin;
  const items: T[] = [];
  const rawPages: RawPage[] = [];
  const seen = new Set<string>();
  let url = args.firstUrl;
  let previousIds: string | undefined;
  let complete = true;
  let followedLinks = false;
  // Pages requested ahead, by page number; each is used only if paging really arrives at its URL.
  const ahead = new Map<number, { url: string; response: Promise<FetchedPage> }>();
  const readAhead = (from: number, last: number): void => {
    for (let p = from; p <= Math.min(last, from + (args.readAhead ?? 0) - 1, args.maxPages ?? Infinity); p++) {
      if (ahead.has(p)) continue;
      const pageUrl = withPageNumber(args.firstUrl, p);
      const response = args.fetchPage(pageUrl, pagesSignal);
      response.catch(() => undefined); // a failure surfaces when (and if) the page is awaited
      ahead.set(p, { url: pageUrl, response });
    }
  };
  const included = new Map<string, JsonApiResource>();
  for (let page = 1; ; page++) {
    throwIfAborted(signal);
    seen.add(url);
    const early = ahead.get(page);
    ahead.delete(page);
    const fetched = await (early && samePage(early.url, url) ? early.response : args.fetchPage(url, pagesSignal));
    const { ctx } = fetched;
    const doc = parseListDocument(fetched.body, what, ctx);
    const resources = doc.data ?? [];
    if (args.keepRaw !== false) rawPages.push(fetched.text !== undefined ? rawPage(page, fetched.url, fetched.status, fetched.text) : { page, url: fetched.url, status: fetched.status, body: fetched.body ?? null });
    const ids = resources.map((r) => `${r.type}:${r.id}`).join(',');
    if (page > 1 && resources.length > 0 && ids === previousIds) {
      throw loopError(ctx, what, `page ${page} repeats page ${page - 1} (same ids)`);
    }
    const totals = readTotals(doc.meta);
    if (totals.pages !== undefined && page > totals.pages && resources.length > 0) {
      throw loopError(ctx, what, `page ${page} has rows but meta announced ${totals.pages} page(s)`);
    }
    mergeIncluded(included, doc);
    resources.forEach((r, i) => items.push(args.map(r, ctx, i, included)));
    if (totals.count !== undefined && items.length > totals.count) {
      throw loopError(ctx, what, `${items.length} rows read but meta announced ${totals.count}`);
    }
    previousIds = ids;
    const pagesKnown = totals.pages ?? (totals.count !== undefined ? Math.max(1, Math.ceil(totals.count / pageSize)) : undefined);
    args.onPage?.({ page, pagesKnown, rows: resources.length, rowsSoFar: items.length, rowsKnown: totals.count }, items.slice(items.length - resources.length));

    if (resources.length === 0) break;
    const next = nextLink(doc.links);
    const target = next === undefined ? undefined : followable(next, baseUrl, url, origin);
    if (target !== undefined) {
      if (seen.has(target.toString())) throw loopError(ctx, what, 'links.next points back to a page already read');
      url = target.toString();
      followedLinks = true;
    } else {
      // Without a links.next to follow, meta totals decide (a server may send first/last links and no next at
      // all). A next that is not a URL, or leads off the base URL's origin, is never requested (the key goes
      // nowhere else): the next page is read by number on the base URL, until meta's end or a short page.
      if (totals.pages !== undefined) {
        if (page >= totals.pages) break;
      } else if (totals.count !== undefined) {
        if (items.length >= totals.count) break;
      } else if ((next === undefined && (pagingLinks(doc.links) || followedLinks)) || resources.length < pageSize) {
        break;
      }
      url = withPageNumber(args.firstUrl, page + 1);
    }
    if (args.maxPages !== undefined && page >= args.maxPages) {
      complete = false;
      break;
    }
    if (totals.pages !== undefined && samePage(url, withPageNumber(args.firstUrl, page + 1))) readAhead(page + 1, totals.pages);
    if (page >= MAX_PAGES) throw loopError(ctx, what, `more than ${MAX_PAGES} pages`);
  }
  return { items, rawPages, complete };
}
