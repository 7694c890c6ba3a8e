/**
 * Recent slice queries per attendee (filters, row count, when), kept in the extension's state so a past run can
 * be opened again with its filters; recentRuns() lists them across every attendee (Open Recent Query…). No
 * `vscode` import: it works over any memento-like store.
 *
 * Only slice filter names with text (or lists of text, or numbers) are kept, each value short: nothing else a
 * caller passes (a key, headers, rows) reaches the store. Entries read back are checked, and bad ones dropped.
 */
import * as z from 'zod/mini';
import { SLICE_FILTER_FIELDS } from '../../model/filter-fields';

/** The part of vscode.Memento this needs. */
export interface MementoLike {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface RunTarget {
  organizationId: number | string;
  eventId: number | string;
  attendeeId: number | string;
}

export interface RunEntry {
  /** The form's values, slice filter names only. */
  filters: Record<string, string | string[] | number>;
  /** Rows the run returned. */
  rows: number;
  /** ISO 8601 instant the run finished. */
  at: string;
}

export const STATE_KEY = 'brella.runHistory';
/** Runs kept per attendee. */
export const RUNS_PER_ATTENDEE = 20;
/** Attendees kept (the least recently run are forgotten first). */
export const ATTENDEES_KEPT = 200;
const VALUE_MAX = 200;

const FILTER_NAMES = new Set<string>(SLICE_FILTER_FIELDS.map((f) => f.name));
const shortText = z.string().check(z.maxLength(VALUE_MAX));
const filterValue = z.union([shortText, z.array(shortText).check(z.maxLength(20)), z.number()]);
const entrySchema = z.object({
  filters: z.record(z.string(), filterValue),
  rows: z.int().check(z.nonnegative()),
  at: z.string().check(z.refine((s) => !Number.isNaN(Date.parse(s)))),
});
const stored = z.record(z.string(), z.array(z.unknown()));

type Stored = Record<string, RunEntry[]>;

function targetKey(target: RunTarget): string {
  return `${target.organizationId}/${target.eventId}/${target.attendeeId}`;
}

/** Slice filter names with usable values; everything else is dropped. */
function cleanFilters(filters: Record<string, unknown>): RunEntry['filters'] {
  const out: RunEntry['filters'] = {};
  for (const [name, value] of Object.entries(filters ?? {})) {
    if (!FILTER_NAMES.has(name)) continue;
    const parsed = filterValue.safeParse(typeof value === 'string' ? value.trim() : value);
    if (!parsed.success) continue;
    const v = parsed.data;
    if (v === '' || (Array.isArray(v) && v.length === 0)) continue;
    out[name] = v;
  }
  return out;
}

function sameFilters(a: RunEntry['filters'], b: RunEntry['filters']): boolean {
  const text = (f: RunEntry['filters']) => JSON.stringify(Object.keys(f).sort().map((k) => [k, f[k]]));
  return text(a) === text(b);
}

function readEntries(raw: unknown[]): RunEntry[] {
  const out: RunEntry[] = [];
  for (const item of raw) {
    const parsed = entrySchema.safeParse(item);
    if (parsed.success) out.push({ ...parsed.data, filters: cleanFilters(parsed.data.filters) });
  }
  return out;
}

/** What the store holds, bad entries dropped; in insertion order (the most recently run attendee last). */
function readStore(memento: MementoLike): Stored {
  const parsed = stored.safeParse(memento.get<unknown>(STATE_KEY));
  if (!parsed.success) return {};
  const out: Stored = {};
  for (const [key, entries] of Object.entries(parsed.data)) out[key] = readEntries(entries);
  return out;
}

/** The target a store key names, or undefined for a key this file did not write. */
function targetOf(key: string): RunTarget | undefined {
  const parts = key.split('/');
  if (parts.length !== 3 || parts.some((p) => p === '')) return undefined;
  // Ids written as numbers read back as numbers (what the slices panel's targets hold); anything else stays text.
  const id = (p: string): number | string => (String(Number(p)) === p && Number.isSafeInteger(Number(p)) ? Number(p) : p);
  const [organizationId, eventId, attendeeId] = parts.map(id) as [number | string, number | string, number | string];
  return { organizationId, eventId, attendeeId };
}

/** One run and whose it was. */
export interface TargetRun {
  target: RunTarget;
  entry: RunEntry;
}

/**
 * Recent runs of every organization, event and attendee, most recent first, at most `limit`. Runs finished at the
 * same instant keep the store's order: the attendee run most recently first.
 */
export function recentRuns(memento: MementoLike, limit = 100): TargetRun[] {
  const all: TargetRun[] = [];
  for (const [key, entries] of Object.entries(readStore(memento)).reverse()) {
    const target = targetOf(key);
    if (target) for (const entry of entries.slice(0, RUNS_PER_ATTENDEE)) all.push({ target, entry });
  }
  return all.sort((a, b) => Date.parse(b.entry.at) - Date.parse(a.entry.at)).slice(0, Math.max(0, limit));
}

export class RunHistory {
  constructor(private readonly memento: MementoLike) {}

  private read(): Stored {
    return readStore(this.memento);
  }

  /** Newest first, at most RUNS_PER_ATTENDEE. */
  list(target: RunTarget): RunEntry[] {
    return (this.read()[targetKey(target)] ?? []).slice(0, RUNS_PER_ATTENDEE);
  }

  /** Adds a finished run at the top; a run with the same filters as an older one replaces it. */
  async record(target: RunTarget, entry: { filters: Record<string, unknown>; rows: number; at: string }): Promise<RunEntry> {
    const at = Number.isNaN(Date.parse(entry.at)) ? new Date().toISOString() : new Date(entry.at).toISOString();
    const rows = Number.isSafeInteger(entry.rows) && entry.rows >= 0 ? entry.rows : 0;
    const clean: RunEntry = { filters: cleanFilters(entry.filters), rows, at };
    const all = this.read();
    const key = targetKey(target);
    const previous = (all[key] ?? []).filter((e) => !sameFilters(e.filters, clean.filters));
    const entries = [clean, ...previous].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, RUNS_PER_ATTENDEE);
    delete all[key];
    // Most recently run attendee last in insertion order; the oldest are dropped beyond ATTENDEES_KEPT.
    const keys = [...Object.keys(all), key];
    const next: Stored = {};
    for (const k of keys.slice(Math.max(0, keys.length - ATTENDEES_KEPT))) next[k] = k === key ? entries : all[k];
    await this.memento.update(STATE_KEY, next);
    return clean;
  }

  /** Forgets one attendee's runs, or every run. */
  async clear(target?: RunTarget): Promise<void> {
    if (!target) return void (await this.memento.update(STATE_KEY, undefined));
    const all = this.read();
    delete all[targetKey(target)];
    await this.memento.update(STATE_KEY, all);
  }
}

/** How Open Recent Query… describes a run: its filters (cut to `max` characters), its row count, how long ago. */
export function describeRun(entry: RunEntry, now: Date, max = 80): { what: string; rows: string; ago: string } {
  const parts = Object.entries(entry.filters).map(([name, value]) => `${name} ${Array.isArray(value) ? value.join(',') : value}`);
  const text = parts.length > 0 ? parts.join(' · ') : 'no filters';
  const what = text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
  const rows = `${entry.rows.toLocaleString('en-US')} ${entry.rows === 1 ? 'row' : 'rows'}`;
  return { what, rows, ago: agoText(Date.parse(entry.at), now.getTime()) };
}

function agoText(at: number, now: number): string {
  const minutes = Math.floor((now - at) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return `${days} ${days === 1 ? 'day' : 'days'} ago`;
}
