/**
 * One Brella client per organization, built from the settings and the organization's key, shared by the tree,
 * the commands and the panels. Clients are rebuilt when settings or keys change. No `vscode` import.
 */
import { createBrellaClient, type BrellaClient, type RequestLogEntry } from '../brella';
import type { BrellaAttendee, BrellaEvent } from '../brella/types';
import type { ApiKeyStore } from '../config/keys';
import type { ConfiguredEvent, ConfiguredOrganization } from '../config/organizations';

export interface ClientOptions {
  /** The checked base URL, or the error that explains why the setting is refused. */
  baseUrl: string | Error;
  requestsPerSecond: number;
  maxConcurrentRequests: number;
  pageSize: number;
  proxyUrl: string | undefined;
  proxyStrictSSL: boolean;
}

export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Asked for an organization that has no API key: the UI offers "Set API Key" instead of failing. */
export class MissingKeyError extends Error {
  override readonly name = 'MissingKeyError';
  constructor(readonly orgId: number) {
    super(`Organization ${orgId} has no API key yet. Set one with "Brella: Set API Key…".`);
  }
}

export function formatRequestLog(entry: RequestLogEntry): string {
  const outcome = entry.status !== undefined ? String(entry.status) : `failed (${entry.error ?? 'no answer'})`;
  const retries = entry.retries ? ` · retry ${entry.retries}` : '';
  const next = entry.willRetry ? ` · retrying in ${Math.round(entry.waitMs ?? 0)} ms` : '';
  return `${entry.method} ${entry.path} → ${outcome} in ${Math.round(entry.ms)} ms${retries}${next}`;
}

export class BrellaService {
  private readonly clients = new Map<number, { key: string; client: BrellaClient }>();
  private readonly attendeeCache = new Map<string, Promise<BrellaAttendee[]>>();
  private readonly attendeesLoaded = new Map<string, BrellaAttendee[]>();
  /** Base URLs that replace the setting for one organization (the demo organization's local server). */
  private readonly baseUrlOverrides = new Map<number, string>();

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly options: () => ClientOptions,
    private readonly log: Log,
  ) {}

  setBaseUrlOverride(orgId: number, baseUrl: string | undefined): void {
    if (baseUrl === undefined) this.baseUrlOverrides.delete(orgId);
    else this.baseUrlOverrides.set(orgId, baseUrl);
    this.dropClient(orgId);
  }

  /** A client for the organization; throws MissingKeyError without a key, or the base-URL setting's error. */
  async client(orgId: number): Promise<BrellaClient> {
    const key = await this.keys.get(orgId);
    if (key === undefined) throw new MissingKeyError(orgId);
    const existing = this.clients.get(orgId);
    if (existing && existing.key === key) return existing.client;
    this.dropClient(orgId);
    const client = this.build(orgId, key);
    this.clients.set(orgId, { key, client });
    return client;
  }

  /** A throwaway client for checking a key before (or right after) it is saved. */
  clientWithKey(orgId: number, key: string, pageSize?: number): BrellaClient {
    return this.build(orgId, key, pageSize);
  }

  private build(orgId: number, apiKey: string, pageSize?: number): BrellaClient {
    const settings = this.options();
    const baseUrl = this.baseUrlOverrides.get(orgId) ?? settings.baseUrl;
    if (baseUrl instanceof Error) throw baseUrl;
    return createBrellaClient({
      baseUrl,
      apiKey,
      requestsPerSecond: settings.requestsPerSecond,
      maxConcurrentRequests: settings.maxConcurrentRequests,
      pageSize: pageSize ?? settings.pageSize,
      ...(settings.proxyUrl && !this.baseUrlOverrides.has(orgId) ? { proxyUrl: settings.proxyUrl, proxyStrictSSL: settings.proxyStrictSSL } : {}),
      log: (entry) => (entry.status !== undefined && entry.status < 400 ? this.log.info : this.log.warn)(formatRequestLog(entry)),
    });
  }

  /** Does the key work? Resolves with undefined when it does, or the error Brella's answer became. */
  async checkKey(orgId: number, key: string): Promise<Error | undefined> {
    const client = this.clientWithKey(orgId, key, 1);
    try {
      await client.listEvents(orgId, { maxPages: 1 });
      return undefined;
    } catch (error) {
      return error as Error;
    } finally {
      await client.close();
    }
  }

  async events(orgId: number, signal?: AbortSignal): Promise<BrellaEvent[]> {
    return (await (await this.client(orgId)).listEvents(orgId, { signal })).items;
  }

  /** Every attendee of the event, loaded once and cached until refresh(). */
  attendees(org: ConfiguredOrganization, event: ConfiguredEvent): Promise<BrellaAttendee[]> {
    const cacheKey = `${org.id}/${event.id}`;
    let pending = this.attendeeCache.get(cacheKey);
    if (!pending) {
      pending = this.client(org.id).then((c) => c.listAttendees(org.id, event.id)).then((list) => {
        this.attendeesLoaded.set(cacheKey, list.items);
        return list.items;
      });
      pending.catch(() => this.attendeeCache.delete(cacheKey));
      this.attendeeCache.set(cacheKey, pending);
    }
    return pending;
  }

  cachedAttendees(orgId: number, eventId: number): BrellaAttendee[] | undefined {
    return this.attendeesLoaded.get(`${orgId}/${eventId}`);
  }

  /** Forgets cached lists; with `reconnect`, also closes every client so the next call uses new settings. */
  refresh(reconnect = false): void {
    this.attendeeCache.clear();
    this.attendeesLoaded.clear();
    if (reconnect) for (const orgId of [...this.clients.keys()]) this.dropClient(orgId);
  }

  private dropClient(orgId: number): void {
    const entry = this.clients.get(orgId);
    this.clients.delete(orgId);
    void entry?.client.close().catch(() => undefined);
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.clients.values()].map((e) => e.client.close().catch(() => undefined)));
    this.clients.clear();
  }
}
