/**
 * How the ledger keeps an engagement row's visits: packed (see VisitTable in src/model/report.ts). Per row, one array
 * of the visits' kinds and trackables, shared between the rows of a report, and one array of numbers: per visit its
 * seconds, slices, clicks, first and last (epoch ms) and where its quarters are, then the quarters as runs (first
 * quarter, count). A row's visits as objects took about 3.7 kB of a 20 000-attendee report's memory per attendee;
 * packed they take about 1.4 kB. Lossless: a row whose visits would not come back equal is kept as it is.
 */
import { VISIT_TABLE, visitTableOf, type ReportRow, type ReportVisit, type VisitTable, type VisitWho } from '../model/report';

/** Numbers per visit: seconds, slices, clicks, first, last, where its runs start, how many (-1: no `quarters`). */
const FIELDS = 7;
const [SECONDS, SLICES, CLICKS, FIRST, LAST, RUNS_AT, RUNS] = [0, 1, 2, 3, 4, 5, 6];

/** Each visit's kind, trackable and session as one shared object per trackable (of one ledger). */
export class VisitWhos {
  /** By trackable id (a few kinds and types share one at most): no key is built for a look-up. */
  private readonly known = new Map<string, VisitWho[]>();

  of(v: VisitWho): VisitWho {
    // A visit that names no trackable is its attendee's own: nothing to share.
    if (v.trackableId === null) return whoOf(v);
    let same = this.known.get(v.trackableId);
    if (!same) this.known.set(v.trackableId, (same = []));
    for (const who of same) {
      if (who.kind === v.kind && who.trackableType === v.trackableType && who.sessionId === v.sessionId) return who;
    }
    const who = whoOf(v);
    same.push(who);
    return who;
  }
}

function whoOf(v: VisitWho): VisitWho {
  const who: VisitWho = { kind: v.kind, trackableType: v.trackableType, trackableId: v.trackableId };
  if (v.sessionId !== undefined) who.sessionId = v.sessionId;
  return Object.freeze(who);
}

/** The last day an instant was written in, and its ISO prefix (YYYY-MM-DDT): a row's visits share a few days. */
let lastDay = NaN;
let lastPrefix = '';
const DAY_MS = 86_400_000;
/** Up to the end of 9999, ISO years have four digits. */
const FAST_UNTIL = 253_402_300_800_000;
/** 000 to 999 (and their last two digits for 00 to 59), made when first needed. */
let padded: string[] | undefined;

/** new Date(ms).toISOString(), a few times faster (the messages and lines of a whole report write 700 000). */
export function isoOf(ms: number): string {
  if (!(ms >= 0 && ms < FAST_UNTIL)) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS);
  if (day !== lastDay) [lastDay, lastPrefix] = [day, new Date(day * DAY_MS).toISOString().slice(0, 11)];
  const p = (padded ??= Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0')));
  const t = ms - day * DAY_MS;
  const [h, m, s] = [Math.floor(t / 3_600_000), Math.floor(t / 60_000) % 60, Math.floor(t / 1000) % 60];
  return `${lastPrefix}${p[h]!.slice(1)}:${p[m]!.slice(1)}:${p[s]!.slice(1)}.${p[t % 1000]!}Z`;
}

/** The number the digits of `s` from `at` (n of them) write; NaN when one is not a digit. */
function digits(s: string, at: number, n: number): number {
  let value = 0;
  for (let i = at; i < at + n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    value = value * 10 + d;
  }
  return value;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Epoch ms of an instant written exactly as toISOString writes it (years 100 to 9999); undefined otherwise. */
function isoMs(s: string): number | undefined {
  if (s.length !== 24 || s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':' || s[19] !== '.' || s[23] !== 'Z') return undefined;
  const [y, mo, d] = [digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2)];
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const monthDays = mo === 2 && leap ? 29 : MONTH_DAYS[mo - 1];
  const [h, mi, sec, ms] = [digits(s, 11, 2), digits(s, 14, 2), digits(s, 17, 2), digits(s, 20, 3)];
  // NaN (not a digit) passes none of these.
  if (!(y >= 100 && monthDays !== undefined && d >= 1 && d <= monthDays && h <= 23 && mi <= 59 && sec <= 59 && ms >= 0)) return undefined;
  return Date.UTC(y, mo - 1, d, h, mi, sec, ms);
}

/** An instant as epoch ms when written in the ISO form it comes back as; NaN when absent; undefined when not. */
export function instantMs(instant: string | undefined): number | undefined {
  if (instant === undefined) return NaN;
  const fast = isoMs(instant);
  if (fast !== undefined) return fast;
  const ms = Date.parse(instant);
  return Number.isFinite(ms) && new Date(ms).toISOString() === instant ? ms : undefined;
}

/** Runs of consecutive quarters (each one more than the one before), as [first, count] pairs. */
function runsOf(quarters: readonly number[]): number[] {
  const runs: number[] = [];
  for (let i = 0; i < quarters.length;) {
    let j = i + 1;
    while (j < quarters.length && quarters[j] === quarters[j - 1]! + 1) j++;
    runs.push(quarters[i]!, j - i);
    i = j;
  }
  return runs;
}

export class PackedVisits implements VisitTable {
  private constructor(readonly whos: readonly VisitWho[], private readonly nums: readonly number[]) {}

  /** The visits packed; undefined when one would not come back equal (an instant not in the ISO form it would). */
  static pack(visits: readonly ReportVisit[], whos: VisitWhos): PackedVisits | undefined {
    const n = visits.length;
    const runs = visits.map((v) => (v.quarters ? runsOf(v.quarters) : undefined));
    let size = n * FIELDS;
    for (const r of runs) size += r?.length ?? 0;
    // Sized once: an array grown by push keeps room to spare.
    const nums = new Array<number>(size);
    const who = new Array<VisitWho>(n);
    let at = n * FIELDS;
    for (let i = 0; i < n; i++) {
      const v = visits[i]!;
      const first = instantMs(v.first);
      const last = instantMs(v.last);
      if (first === undefined || last === undefined) return undefined;
      const base = i * FIELDS;
      who[i] = whos.of(v);
      nums[base + SECONDS] = v.seconds;
      nums[base + SLICES] = v.slices;
      nums[base + CLICKS] = v.clicks ?? NaN;
      nums[base + FIRST] = first;
      nums[base + LAST] = last;
      nums[base + RUNS_AT] = at;
      const r = runs[i];
      nums[base + RUNS] = r ? r.length / 2 : -1;
      for (const x of r ?? []) nums[at++] = x;
    }
    return new PackedVisits(who, nums);
  }

  get length(): number {
    return this.whos.length;
  }

  seconds(i: number): number {
    return this.nums[i * FIELDS + SECONDS]!;
  }

  slices(i: number): number {
    return this.nums[i * FIELDS + SLICES]!;
  }

  clicks(i: number): number | undefined {
    const c = this.nums[i * FIELDS + CLICKS]!;
    return Number.isNaN(c) ? undefined : c;
  }

  firstMs(i: number): number {
    return this.nums[i * FIELDS + FIRST]!;
  }

  lastMs(i: number): number {
    return this.nums[i * FIELDS + LAST]!;
  }

  eachQuarter(i: number, f: (quarter: number) => void): void {
    const base = i * FIELDS;
    const at = this.nums[base + RUNS_AT]!;
    const end = at + 2 * this.nums[base + RUNS]!;
    for (let r = at; r < end; r += 2) {
      const first = this.nums[r]!;
      for (let q = first, last = first + this.nums[r + 1]!; q < last; q++) f(q);
    }
  }

  /** Visit i as a plain object, its fields in the order the row builder writes them. */
  visit(i: number): ReportVisit {
    const who = this.whos[i]!;
    const out: ReportVisit = { kind: who.kind, trackableType: who.trackableType, trackableId: who.trackableId, seconds: this.seconds(i), slices: this.slices(i) };
    if (who.sessionId !== undefined) out.sessionId = who.sessionId;
    const first = this.firstMs(i);
    const last = this.lastMs(i);
    if (!Number.isNaN(first)) out.first = isoOf(first);
    if (!Number.isNaN(last)) out.last = isoOf(last);
    const clicks = this.clicks(i);
    if (clicks !== undefined) out.clicks = clicks;
    if (this.nums[i * FIELDS + RUNS]! >= 0) {
      const quarters: number[] = [];
      this.eachQuarter(i, (q) => quarters.push(q));
      out.quarters = quarters;
    }
    return out;
  }

  visits(): ReportVisit[] {
    return Array.from({ length: this.length }, (_, i) => this.visit(i));
  }
}

function readVisits(this: { [VISIT_TABLE]: PackedVisits }): ReportVisit[] {
  return this[VISIT_TABLE].visits();
}

/** Whoever sets a packed row's visits makes them plain data again. */
function writeVisits(this: object, visits: ReportVisit[] | undefined): void {
  Object.defineProperty(this, 'visits', { value: visits, writable: true, enumerable: true, configurable: true });
}

/** One getter and setter for every packed row: the rows then share their hidden class. */
const VISITS: PropertyDescriptor = { get: readVisits, set: writeVisits, enumerable: true, configurable: true };

/** `fields` (a row but for its visits) with the visits of `table`. */
function packed(fields: Omit<ReportRow, 'visits'>, table: PackedVisits): ReportRow {
  Object.defineProperty(fields, VISIT_TABLE, { value: table });
  return Object.defineProperty(fields, 'visits', VISITS) as ReportRow;
}

/**
 * The row with its visits packed: `visits` is built from them whenever read, so the row reads, copies, compares and
 * serializes as the plain row it came from. A row without visits, or whose visits do not pack, is the row itself.
 */
export function packRow(row: ReportRow, whos: VisitWhos): ReportRow {
  if (!row.visits) return row;
  const table = PackedVisits.pack(row.visits, whos);
  if (!table) return row;
  const { visits: _, ...fields } = row;
  return packed(fields, table);
}

/** A copy of the row with `changes`; a packed row's copy shares its packed visits (spread, they would be built). */
export function withChanges(row: ReportRow, changes: Partial<Omit<ReportRow, 'visits'>>): ReportRow {
  const table = visitTableOf(row);
  if (!(table instanceof PackedVisits)) return { ...row, ...changes };
  const { visits: _, ...fields } = row;
  return packed(Object.assign(fields, changes), table);
}
