/**
 * One Brella client per organization, built from the settings and the organization's key, shared by the tree,
 * the commands and the panels. A client is replaced when its key or its connection settings change; the one it
 * replaces keeps serving the work already running on it and is closed once that work is done. No `vscode` import.
 */
import { createBrellaClient, type BrellaClient, type RequestLogEntry } from '../brella';
import type { BrellaAttendee, BrellaEvent } from '../model/types';
import { connectionFingerprint, type ClientOptions } from '../config/client-options';
import type { ApiKeyStore } from '../config/keys';
import type { ConfiguredEvent, ConfiguredOrganization } from '../config/organizations';

export type { ClientOptions } from '../config/client-options';

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

interface ClientEntry {
  key: string;
  fingerprint: string;
  /** The client itself; `client` below is what callers get, which counts the calls still running. */
  inner: BrellaClient;
  client: BrellaClient;
  running: number;
  retired: boolean;
  /** Closes a replaced client once it has been idle for a while. */
  idleTimer?: ReturnType<typeof setTimeout>;
}

/**
 * How long a replaced client stays open after its last call settles. Work that makes one call after another on
 * the same client (an event report, one attendee at a time) has gaps between calls; they must not close it.
 */
export const RETIRED_IDLE_MS = 10_000;

/** Timings the tests make small. */
export interface ServiceTuning {
  /** Default RETIRED_IDLE_MS. */
  retiredIdleMs?: number;
  /** The clients' backoff base (default theirs). */
  backoffBaseMs?: number;
}

export class BrellaService {
  private readonly clients = new Map<number, ClientEntry>();
  /** Replaced clients that still have work running; closed when it ends (or on dispose). */
  private readonly retired = new Set<ClientEntry>();
  private readonly attendeeCache = new Map<string, Promise<BrellaAttendee[]>>();
  private readonly attendeesLoaded = new Map<string, BrellaAttendee[]>();
  /** Base URLs that replace the setting for one organization (the demo organization's local server). */
  private readonly baseUrlOverrides = new Map<number, string>();

  constructor(
    private readonly keys: ApiKeyStore,
    private readonly options: () => ClientOptions,
    private readonly log: Log,
    private readonly tuning: ServiceTuning = {},
  ) {}

  setBaseUrlOverride(orgId: number, baseUrl: string | undefined): void {
    const before = this.baseUrlOverrides.get(orgId);
    if (baseUrl === undefined) this.baseUrlOverrides.delete(orgId);
    else this.baseUrlOverrides.set(orgId, baseUrl);
    if (before !== baseUrl) this.retire(orgId);
  }

  /** A client for the organization; throws MissingKeyError without a key, or the base-URL setting's error. */
  async client(orgId: number): Promise<BrellaClient> {
    const key = await this.keys.get(orgId);
    if (key === undefined) throw new MissingKeyError(orgId);
    const fingerprint = this.fingerprint(orgId);
    const existing = this.clients.get(orgId);
    if (existing && existing.key === key && existing.fingerprint === fingerprint) return existing.client;
    this.retire(orgId);
    const inner = this.build(orgId, key);
    const entry: ClientEntry = { key, fingerprint, inner, client: inner, running: 0, retired: false };
    entry.client = this.counted(entry);
    this.clients.set(orgId, entry);
    return entry.client;
  }

  /**
   * After a settings change: replaces the clients whose connection settings changed (the old ones finish what
   * they are running) and forgets their cached lists. A change that does not touch the connection, such as
   * `brella.timeZone`, leaves every client as it is. Returns whether any client was replaced.
   */
  settingsChanged(): boolean {
    let replaced = false;
    for (const [orgId, entry] of [...this.clients]) {
      if (entry.fingerprint === this.fingerprint(orgId)) continue;
      this.retire(orgId);
      replaced = true;
    }
    if (replaced) this.forgetLists();
    return replaced;
  }

  private fingerprint(orgId: number): string {
    return connectionFingerprint(this.options(), this.baseUrlOverrides.get(orgId));
  }

  /** Wraps the client so that every call returning a promise counts as running work until it settles. */
  private counted(entry: ClientEntry): BrellaClient {
    return new Proxy(entry.inner, {
      get: (target, property) => {
        const value: unknown = Reflect.get(target, property, target);
        if (typeof value !== 'function' || property === 'close') return typeof value === 'function' ? value.bind(target) : value;
        return (...args: unknown[]) => {
          const result: unknown = value.apply(target, args);
          if (!(result instanceof Promise)) return result;
          entry.running++;
          clearTimeout(entry.idleTimer);
          return result.finally(() => {
            entry.running--;
            if (entry.retired) this.closeWhenIdle(entry);
          });
        };
      },
    });
  }

  /** Stops handing out the organization's client; it is closed once nothing has run on it for a while. */
  private retire(orgId: number): void {
    const entry = this.clients.get(orgId);
    if (!entry) return;
    this.clients.delete(orgId);
    entry.retired = true;
    this.retired.add(entry);
    this.closeWhenIdle(entry);
  }

  private closeWhenIdle(entry: ClientEntry): void {
    clearTimeout(entry.idleTimer);
    if (entry.running > 0) return;
    entry.idleTimer = setTimeout(() => {
      if (entry.running === 0) this.close(entry);
    }, this.tuning.retiredIdleMs ?? RETIRED_IDLE_MS);
    entry.idleTimer.unref?.();
  }

  private close(entry: ClientEntry): void {
    clearTimeout(entry.idleTimer);
    this.retired.delete(entry);
    void entry.inner.close().catch(() => undefined);
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
      timeoutMs: settings.timeoutMs,
      timeoutSetting: 'brella.requestTimeoutSeconds',
      ...(this.tuning.backoffBaseMs !== undefined ? { backoffBaseMs: this.tuning.backoffBaseMs } : {}),
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

  /**
   * Forgets cached lists; with `reconnect`, also replaces every client so the next call uses new connections
   * (work running on the old clients finishes on them).
   */
  refresh(reconnect = false): void {
    this.forgetLists();
    if (reconnect) for (const orgId of [...this.clients.keys()]) this.retire(orgId);
  }

  private forgetLists(): void {
    this.attendeeCache.clear();
    this.attendeesLoaded.clear();
  }

  async dispose(): Promise<void> {
    const entries = [...this.clients.values(), ...this.retired];
    this.clients.clear();
    this.retired.clear();
    for (const entry of entries) clearTimeout(entry.idleTimer);
    await Promise.all(entries.map((e) => e.inner.close().catch(() => undefined)));
  }
}
