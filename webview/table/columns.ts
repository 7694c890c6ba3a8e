/** Column definitions: the fixed slice fields, then one column per key found in rows' `extra`. */
import { arrange, sameItems } from './column-layout';
import type { CellValue, Column, ColumnKind, Row } from './types';
import { t } from '../shared/l10n';

function text(v: string | null | undefined): CellValue {
  return v === undefined ? null : v;
}

export const BASE_COLUMNS: readonly Column[] = [
  { key: 'id', label: t('Id'), kind: 'text', get: (r) => text(r.id) },
  { key: 'trackingType', label: t('Tracking type'), kind: 'text', get: (r) => text(r.trackingType) },
  { key: 'trackableType', label: t('Trackable type'), kind: 'text', get: (r) => text(r.trackableType) },
  { key: 'trackableId', label: t('Trackable id'), kind: 'text', get: (r) => text(r.trackableId) },
  { key: 'startTime', label: t('Start'), kind: 'time', get: (r) => text(r.startTime) },
  { key: 'endTime', label: t('End'), kind: 'time', get: (r) => text(r.endTime) },
  { key: 'durationSeconds', label: t('Duration'), kind: 'duration', get: (r) => (typeof r.durationSeconds === 'number' ? r.durationSeconds : null) },
  { key: 'clickTime', label: t('Click time'), kind: 'time', get: (r) => text(r.clickTime) },
  { key: 'trackingSessionId', label: t('Session id'), kind: 'text', get: (r) => text(r.trackingSessionId) },
];

export const EXTRA_PREFIX = 'extra.';
const ISO_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/i;

/** An `extra` value as cell data: numbers and strings as they are, booleans/objects as text. */
export function normalizeExtra(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isNaN(v) ? null : v;
  if (typeof v === 'string') return v;
  if (typeof v === 'object') {
    try {
      return JSON.stringify(v);
    } catch {
      return String(v);
    }
  }
  return String(v);
}

/** "boothName" / "booth_name" → "Booth name". */
export function humanize(name: string): string {
  const words = name.replace(/[_-]+/g, ' ').replace(/([a-z\d])([A-Z])/g, '$1 $2').trim().toLowerCase();
  return words === '' ? name : words[0]!.toUpperCase() + words.slice(1);
}

interface KeyStats {
  numbers: number;
  times: number;
  others: number;
}

function kindOf(s: KeyStats): ColumnKind {
  if (s.others === 0 && s.times === 0 && s.numbers > 0) return 'number';
  if (s.others === 0 && s.numbers === 0 && s.times > 0) return 'time';
  return 'text';
}

/** Discovers `extra` keys (in first-seen order) and a kind for each from the values seen. */
export class ExtraColumns {
  private readonly stats = new Map<string, KeyStats>();
  private cache: Column[] | null = [];

  /** Scans rows; returns true when a column appeared or changed kind. */
  scan(rows: readonly Row[], from = 0): boolean {
    const before = this.signature();
    for (let i = from; i < rows.length; i++) {
      const extra = rows[i]!.extra;
      if (extra === null || typeof extra !== 'object') continue;
      for (const name in extra) {
        const v = extra[name];
        let s = this.stats.get(name);
        if (s === undefined) {
          s = { numbers: 0, times: 0, others: 0 };
          this.stats.set(name, s);
        }
        if (v === null || v === undefined) continue;
        if (typeof v === 'number') s.numbers++;
        else if (typeof v === 'string' && s.others === 0 && s.numbers === 0 && ISO_INSTANT.test(v)) s.times++;
        else s.others++;
      }
    }
    const changed = this.signature() !== before;
    if (changed) this.cache = null;
    return changed;
  }

  reset(): void {
    this.stats.clear();
    this.cache = [];
  }

  columns(): Column[] {
    if (this.cache !== null) return this.cache;
    this.cache = [...this.stats].map(([name, s]) => ({
      key: EXTRA_PREFIX + name,
      label: humanize(name),
      kind: kindOf(s),
      get: (r: Row) => (r.extra === null || typeof r.extra !== 'object' ? null : normalizeExtra(r.extra[name])),
    }));
    return this.cache;
  }

  private signature(): string {
    let sig = '';
    for (const [name, s] of this.stats) sig += name + '\u0000' + kindOf(s) + '\u0001';
    return sig;
  }
}

/** The columns shown: all but the hidden ones, the pinned first (in `pinned` order), then the rest in their order. */
export function shownColumns(all: readonly Column[], hidden: ReadonlySet<string>, pinned: readonly string[]): Column[] {
  const shown = all.filter((c) => !hidden.has(c.key));
  if (pinned.length === 0) return shown;
  const first = pinned.map((key) => shown.find((c) => c.key === key)).filter((c, i, a): c is Column => c !== undefined && a.indexOf(c) === i);
  return [...first, ...shown.filter((c) => !first.includes(c))];
}

/** How many of the shown columns are pinned (they come first). */
export function pinnedCount(shown: readonly Column[], pinned: readonly string[]): number {
  let n = 0;
  while (n < shown.length && pinned.includes(shown[n]!.key)) n++;
  return n;
}

/** What a change of the columns did to those shown: nothing, another order or pinning of the same ones, or other ones. */
export type ColumnsChange = 'same' | 'moved' | 'changed';

/** The user's choice of columns: hidden ones, pinned ones (first, in pin order) and the order of all (column-layout.ts). */
export class ColumnChoice {
  hidden: ReadonlySet<string>;
  pinned: readonly string[];
  order: readonly string[];
  /** The columns shown, as of the last `update`. */
  visible: readonly Column[] = [];
  /** How many of `visible` are pinned (they come first). */
  pins = 0;

  constructor(options: { hiddenColumns?: Iterable<string>; pinnedColumns?: Iterable<string>; columnOrder?: Iterable<string> }) {
    this.hidden = new Set(options.hiddenColumns ?? []);
    this.pinned = [...(options.pinnedColumns ?? [])];
    this.order = [...(options.columnOrder ?? [])];
  }

  /** Shows the choice over `all` (every column, in their own order); says what changed. */
  update(all: readonly Column[]): ColumnsChange {
    const before = this.visible;
    const visible = shownColumns(arrange(all, this.order), this.hidden, this.pinned);
    const pins = pinnedCount(visible, this.pinned);
    const same = pins === this.pins && before.length === visible.length && before.every((c, i) => c === visible[i]);
    this.visible = visible;
    this.pins = pins;
    return same ? 'same' : sameItems(before, visible) ? 'moved' : 'changed';
  }
}
