/**
 * Reading every page of a JSON:API list.
 *
 * Next page: `links.next` when present (absolute, or relative to the base URL; one that leads off the base URL's
 * origin, or is not a URL, is never requested: the key goes nowhere else, and the next page is read by number
 * on the base URL instead); else meta totals (`total_pages`/`total-pages`/`totalPages`, or
 * `total_count`/`total-count`/`totalCount` rows); else a page with paging links (first/last/prev, or after
 * pages that had next) but no next is the last; else the page number goes up until a short page (fewer rows
 * than the page size). An empty page (204, empty body, `data: []`) always ends the list. A page repeating the
 * previous one, a `links.next` pointing back to a page already read, or more pages/rows than meta announced end
 * with BrellaResponseError instead of a loop.
 *
 * Overlap: once a page gives the page count (meta `total_pages`, or `total_count` rows when page 1 came back
 * full) and the next page is the next page number (no links.next, or one to that page), the pages after it are
 * requested at once, at most `readAhead` past the page being read and none past maxPages; the key's pacer and
 * concurrency cap set their pace. Else pages are read one after the other. The list is assembled in page order
 * whatever order answers come in: items, raw pages, `included` and onPage calls go page 1, 2, 3, …, each as soon
 * as it and every page before it are in. Under a live event, a later page announcing more pages or rows extends
 * the reading, one announcing fewer ends it there, and a row already read on an earlier page is left out (a row
 * added in front pushes a page's last row onto the next page). The first page to fail fails the list at once.
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
  /** Rows this page added (a row already read on an earlier page is left out). */
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
  const body = (): unknown => (deflated === undefined ? null : JSON.parse(inflateRawSync(deflated).toString('utf8')));
  return { page, url, status, get body() { return body(); } };
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
  /** After each page, in page order, with the rows that page added (so callers can show rows as they arrive). */
  onPage?: (info: PageInfo, pageItems: readonly T[]) => void;
  signal?: AbortSignal;
  /** Stop after this many pages (the result is then marked complete: false if more existed). */
  maxPages?: number;
  /** Most pages requested past the one being read once their count is known (see above); 0 (default): none. */
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
  const href = next && typeof next === 'object' ? (next as { href?: unknown }).href : undefined;
  return typeof href === 'string' ? href : undefined;
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

/**
 * Pages requested before their turn, by page number. Each is used only if paging arrives at its URL; when it
 * does not (a links.next off the page-number order), every page ahead is cancelled and none is requested again.
 * The first of them to fail fails the page being awaited at once, so the list fails without waiting its turn.
 */
class PagesAhead {
  private readonly pending = new Map<number, { url: string; response: Promise<FetchedPage> }>();
  private readonly dropped = new AbortController();
  private readonly signal: AbortSignal;
  private failure: { error: unknown } | undefined;
  private awaiting: ((error: unknown) => void) | undefined;

  constructor(private readonly args: CollectArgs<unknown>, private readonly listSignal: AbortSignal) {
    this.signal = AbortSignal.any([listSignal, this.dropped.signal]);
    setMaxListeners(((args.readAhead ?? 0) + 1) * 4 + 10, this.signal);
  }

  /** Requests the pages after `page` up to `last` (and maxPages), at most readAhead of them past `page`; true if any. */
  after(page: number, last: number): boolean {
    const before = this.pending.size;
    if (this.dropped.signal.aborted) return false;
    for (let p = page + 1; p <= Math.min(last, page + (this.args.readAhead ?? 0), this.args.maxPages ?? Infinity); p++) {
      if (this.pending.has(p)) continue;
      const url = withPageNumber(this.args.firstUrl, p);
      const response = this.args.fetchPage(url, this.signal);
      response.catch((error: unknown) => {
        if (this.dropped.signal.aborted || this.failure) return;
        this.failure = { error };
        this.awaiting?.(error);
      });
      this.pending.set(p, { url, response });
    }
    return this.pending.size > before;
  }

  /** Page `page`, to be read at `url`: the response requested ahead when it is for that URL, else a new request. */
  take(page: number, url: string): Promise<FetchedPage> {
    if (this.failure) return Promise.reject(this.failure.error);
    const early = this.pending.get(page);
    this.pending.delete(page);
    const usable = early !== undefined && samePage(early.url, url);
    if (!usable && (early !== undefined || this.pending.size > 0)) {
      this.pending.clear();
      this.dropped.abort(new DOMException('Paging left the page-number order; pages requested ahead were cancelled.', 'AbortError'));
    }
    const response = usable ? early.response : this.args.fetchPage(url, this.listSignal);
    // Not Promise.race with a shared promise: that would keep every page's answer alive until the list ends.
    return new Promise((resolve, reject) => {
      this.awaiting = reject;
      response.then(resolve, reject);
    });
  }
}

async function readPages<T>(args: CollectArgs<T>, pagesSignal: AbortSignal): Promise<BrellaList<T>> {
  const { baseUrl, pageSize, what, signal } = args;
  const origin = new URL(baseUrl).origin;
  const items: T[] = [];
  const rawPages: RawPage[] = [];
  const included = new Map<string, JsonApiResource>();
  // The ids of every row kept, by type, to leave out a row that comes again on a later page (the id strings of
  // the documents themselves: no new string per row, for lists of 100 000 rows).
  const kept = new Map<string, Set<string>>();
  const ahead = new PagesAhead(args as CollectArgs<unknown>, pagesSignal);
  const seen = new Set<string>();
  let url = args.firstUrl;
  let previousIds: string | undefined;
  let followedLinks = false;
  let firstFull = false;
  for (let page = 1; ; page++) {
    throwIfAborted(signal);
    seen.add(url);
    const fetched = await ahead.take(page, url);
    const { ctx } = fetched;
    const doc = parseListDocument(fetched.body, what, ctx);
    const resources = doc.data ?? [];
    if (args.keepRaw !== false) rawPages.push(fetched.text !== undefined ? rawPage(page, fetched.url, fetched.status, fetched.text) : { page, url: fetched.url, status: fetched.status, body: fetched.body ?? null });
    const ids = resources.map((r) => `${r.type}:${r.id}`).join(',');
    if (page > 1 && resources.length > 0 && ids === previousIds) throw loopError(ctx, what, `page ${page} repeats page ${page - 1} (same ids)`);
    const totals = readTotals(doc.meta);
    if (totals.pages !== undefined && page > totals.pages && resources.length > 0) {
      throw loopError(ctx, what, `page ${page} has rows but meta announced ${totals.pages} page(s)`);
    }
    firstFull ||= page === 1 && resources.length === pageSize;
    const pagesKnown = totals.pages ?? (totals.count !== undefined ? Math.max(1, Math.ceil(totals.count / pageSize)) : undefined);
    const next = resources.length === 0 ? undefined : nextLink(doc.links);
    const target = next === undefined ? undefined : followable(next, baseUrl, url, origin);
    if (target !== undefined && seen.has(target.toString())) throw loopError(ctx, what, 'links.next points back to a page already read');
    const byNumber = withPageNumber(args.firstUrl, page + 1);
    // The pages after this one go out before this one is mapped and handed over (which takes a while for 500 rows,
    // so they are given a turn of the event loop to leave): a count from total_pages, or from total_count when
    // page 1 came back full (so the server pages by the size asked for).
    const last = totals.pages ?? (firstFull ? pagesKnown : undefined);
    if (resources.length > 0 && last !== undefined && samePage(target?.toString() ?? byNumber, byNumber) && ahead.after(page, last)) {
      await new Promise((resolve) => setImmediate(resolve));
      throwIfAborted(signal);
    }
    mergeIncluded(included, doc);
    const added: T[] = [];
    resources.forEach((r, i) => {
      const ofType = kept.get(r.type) ?? kept.set(r.type, new Set()).get(r.type)!;
      if (!ofType.has(r.id)) added.push(args.map(r, ctx, i, included));
      ofType.add(r.id);
    });
    for (const item of added) items.push(item);
    if (totals.count !== undefined && items.length > totals.count) throw loopError(ctx, what, `${items.length} rows read but meta announced ${totals.count}`);
    previousIds = ids;
    let end = resources.length === 0;
    if (!end && target === undefined) {
      // Without a links.next to follow, meta totals decide (a server may send first/last links and no next at
      // all). A next that is not a URL, or leads off the base URL's origin, is never requested (the key goes
      // nowhere else): the next page is read by number on the base URL, until meta's end or a short page.
      if (totals.pages !== undefined) end = page >= totals.pages;
      else if (totals.count !== undefined) end = items.length >= totals.count;
      else end = (next === undefined && (pagingLinks(doc.links) || followedLinks)) || resources.length < pageSize;
    }
    followedLinks ||= target !== undefined;
    url = target?.toString() ?? byNumber;
    args.onPage?.({ page, pagesKnown, rows: added.length, rowsSoFar: items.length, rowsKnown: totals.count }, added);
    if (end) break;
    if (args.maxPages !== undefined && page >= args.maxPages) return { items, rawPages, complete: false };
    if (page >= MAX_PAGES) throw loopError(ctx, what, `more than ${MAX_PAGES} pages`);
  }
  return { items, rawPages, complete: true };
}
