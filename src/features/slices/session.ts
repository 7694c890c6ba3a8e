/**
 * One slices panel's work, apart from VS Code: runs slice queries for one attendee, streams rows to the webview
 * as pages arrive, keeps the last result (rows and raw pages) so a reloaded webview gets it again, cancels,
 * and builds the cURL text. Speaks only the protocol of src/protocol/slices.ts. No `vscode` import.
 */
import {
  isAbortError, ResourceFinder, toCurl, validateSliceFilters, type BrellaClient, type PageInfo, type RawPage, type SliceFilters,
} from '../../brella';
import type { TrackingSessionSlice } from '../../model/types';
import { packSlices } from '../../protocol/packed-slices';
import { invalidReply, type ErrorAction, type PanelTarget, type ToWebview } from '../../protocol/slices';
import { failedRun } from '../kit/failure';

export interface SessionDeps {
  client(): Promise<BrellaClient>;
  post(message: ToWebview): void;
}

/** Rows per message when a result is sent again: small enough to paint at once, large enough to be few. */
const REPLAY_CHUNK = 5_000;
/** The first message holds about a screenful more than fits, so the table paints before the rest arrives. */
const FIRST_CHUNK = 500;

/** A resource shown in the inspector is cut at this many characters. */
const RESOURCE_MAX = 200_000;
const clip = (text: string): string => (text.length > RESOURCE_MAX ? `${text.slice(0, RESOURCE_MAX)}\n… (cut at ${RESOURCE_MAX} characters)` : text);

type Outcome = { kind: 'done'; cancelled: boolean } | { kind: 'failed'; message: string; status?: number; actions: ErrorAction[] };

export class SlicesSession {
  private runId = 0;
  private rows: TrackingSessionSlice[] = [];
  private rawPages: RawPage[] = [];
  private finder: { pages: RawPage[]; finder: ResourceFinder } | undefined;
  private lastInfo: PageInfo | undefined;
  private controller: AbortController | undefined;
  private outcome: Outcome | undefined;
  /** The form values of the last run (as the webview sent them). */
  lastFilters: Record<string, unknown> | undefined;

  constructor(readonly target: PanelTarget, private readonly deps: SessionDeps) {}

  get running(): boolean {
    return this.controller !== undefined;
  }

  get rawJson(): RawPage[] {
    return this.rawPages;
  }

  /** Validates the form values; posts `invalid` (naming the request) and sends nothing when a value is wrong. */
  private validate(values: Record<string, unknown>, requestId: number | undefined): SliceFilters | undefined {
    const result = validateSliceFilters(values);
    if (result.ok) return result.filters;
    this.deps.post(invalidReply(result.errors, requestId));
    return undefined;
  }

  /** Runs these filters; `requestId` names the webview's request (absent when the host starts the run). */
  async run(values: Record<string, unknown>, requestId?: number): Promise<void> {
    const filters = this.validate(values, requestId);
    if (!filters) return;
    this.cancel();
    const runId = ++this.runId;
    const controller = new AbortController();
    this.controller = controller;
    this.rows = [];
    this.rawPages = [];
    this.lastInfo = undefined;
    this.outcome = undefined;
    this.lastFilters = values;
    this.deps.post({ type: 'started', runId, filters: values, ...(requestId !== undefined ? { requestId } : {}) });
    const { organizationId, eventId, attendeeId } = this.target;
    try {
      const client = await this.deps.client();
      const result = await client.listSlices(organizationId, eventId, attendeeId, filters, {
        signal: controller.signal,
        onPage: (info, items) => {
          if (runId !== this.runId) return;
          this.lastInfo = info;
          const rows = items;
          this.rows.push(...rows);
          this.deps.post({ type: 'page', runId, rows: packSlices(rows), page: info.page, ...(info.pagesKnown !== undefined ? { pagesKnown: info.pagesKnown } : {}), rowsSoFar: this.rows.length, sentAt: Date.now() });
        },
      });
      if (runId !== this.runId) return;
      this.rawPages = result.rawPages;
      this.finish(runId, { kind: 'done', cancelled: false });
    } catch (error) {
      if (runId !== this.runId) return;
      if (isAbortError(error)) this.finish(runId, { kind: 'done', cancelled: true });
      else this.finish(runId, failedRun(error, 'retry'));
    } finally {
      // However the run ended, nothing it started may go on (requests, retries, pacer places).
      controller.abort();
    }
  }

  private finish(runId: number, outcome: Outcome): void {
    this.controller = undefined;
    this.outcome = outcome;
    if (outcome.kind === 'done') this.deps.post({ type: 'done', runId, rows: this.rows.length, cancelled: outcome.cancelled });
    else this.deps.post({ type: 'failed', runId, message: outcome.message, ...(outcome.status !== undefined ? { status: outcome.status } : {}), actions: outcome.actions });
  }

  /** Stops the run in progress; the rows that came stay. */
  cancel(): void {
    this.controller?.abort();
  }

  /**
   * Sends the last result again (after the webview was reloaded), in chunks so the first rows paint at once
   * while the rest follow.
   */
  async replay(): Promise<void> {
    if (!this.lastFilters || this.runId === 0) return;
    const runId = this.runId;
    const since = Date.now();
    this.deps.post({ type: 'started', runId, filters: this.lastFilters });
    const rows = this.rows;
    const pagesKnown = this.lastInfo?.pagesKnown !== undefined ? { pagesKnown: this.lastInfo.pagesKnown } : {};
    const lastPage = this.lastInfo?.page ?? 1;
    const anyPage = rows.length > 0 || this.lastInfo !== undefined;
    for (let start = 0, size = FIRST_CHUNK; anyPage && (start === 0 || start < rows.length); start += size, size = REPLAY_CHUNK) {
      if (runId !== this.runId) return;
      const chunk = rows.slice(start, start + size);
      const rowsSoFar = start + chunk.length;
      const page = Math.max(1, Math.round((rowsSoFar / Math.max(1, rows.length)) * lastPage));
      this.deps.post({ type: 'page', runId, rows: packSlices(chunk), page, ...pagesKnown, rowsSoFar, sentAt: since });
      // Let each message leave before packing the next, so the first rows paint while the rest follow.
      if (rowsSoFar < rows.length) await new Promise((resolve) => setImmediate(resolve));
    }
    if (this.outcome && runId === this.runId) this.finish(runId, this.outcome);
  }

  /** The slice as Brella sent it, for the row inspector (see the `resource` message). */
  resource(id: string): Extract<ToWebview, { type: 'resource' }> {
    const none = (note: string): Extract<ToWebview, { type: 'resource' }> => ({ type: 'resource', id, resource: null, related: null, names: {}, note });
    if (this.running) return none('The raw resource can be shown when the run is done.');
    if (this.rawPages.length === 0) return none('Run the query to see the raw resource: the pages of the last run are not kept.');
    if (this.finder?.pages !== this.rawPages) this.finder = { pages: this.rawPages, finder: new ResourceFinder(this.rawPages) };
    const found = this.finder.finder.find(id);
    if (found === undefined) return none('This slice is not in the pages of the last run.');
    const pretty = (value: unknown): string => clip(JSON.stringify(value, null, 2));
    return { type: 'resource', id, resource: pretty(found.resource), related: found.related.length > 0 ? pretty(found.related) : null, names: found.names };
  }

  /** The request as cURL, the key written as $BRELLA_API_KEY; undefined (and `invalid` posted) for bad filters. */
  async curl(values: Record<string, unknown>, requestId?: number): Promise<string | undefined> {
    const filters = this.validate(values, requestId);
    if (!filters) return undefined;
    const { organizationId, eventId, attendeeId } = this.target;
    const request = (await this.deps.client()).describeSliceRequest(organizationId, eventId, attendeeId, filters);
    return toCurl(request.url, request.headers);
  }
}
