/**
 * The ledger: the one owner of an event report's state. A report is a pure function of it.
 * - the attendee list as last read from Brella, and when (or the configured attendees);
 * - per attendee, its last answer: the row as of when it was asked (with the marks to go on from it), or a failure.
 * Every action is an operation on it: reading stored lines, listing, an answer, a failure; what a run asks is
 * `plan(mode)`. When two answers for an attendee meet (two panels, two windows), the later one wins. Each change is
 * also kept as a line to append to the store: a finished answer is written once.
 */
import { estimateProportion, seededOrder } from '../model/estimate';
import type { LedgerLine } from './ledger-lines';
import { readLine, writeLine } from './ledger-lines';
import { packRow, VisitWhos, withChanges } from './packed-visits';
import type { RowMarks } from './rows';
import { dailyCounts, summarize } from './summary';
import type { DayCount, ReportAttendee, ReportFailure, ReportKind, ReportMode, ReportRow, ReportSummary, ReportWindow } from './types';

export interface LedgerSpec {
  kind: ReportKind;
  window: ReportWindow;
  dayZone: string;
  /** The configured attendees, when the report covers only them; otherwise the list is read from Brella. */
  configured?: ReportAttendee[];
}

interface RowEntry { at: string; row: ReportRow; marks: RowMarks }
interface FailEntry { at: string; failure: ReportFailure }

/** An attendee to ask, and the row to go on from (Refresh all, or a retry of a known row). */
export interface Ask {
  attendee: ReportAttendee;
  since?: { row: ReportRow; marks: RowMarks };
}

export interface Plan {
  /** The attendee list is read from Brella again before asking. */
  list: boolean;
  ask: Ask[];
  reused: number;
}

export type AttendeeState = 'row' | 'failed' | 'none';

/** Whether a window still takes new slices at `now`: open-ended, or its end not yet passed. */
export function windowOpen(window: ReportWindow, now: number): boolean {
  return window.startTo === undefined || Date.parse(window.startTo) > now;
}

export class Ledger {
  private listed: ReportAttendee[] | undefined;
  private listedAt: string | undefined;
  /** The attendees of the report by id (the configured ones, or the list as last read). */
  private byId: Map<string, ReportAttendee> | undefined;
  private readonly rows = new Map<string, RowEntry>();
  private readonly failures = new Map<string, FailEntry>();
  private pending: string[] = [];
  /** The trackables the rows' packed visits share. */
  private readonly whos = new VisitWhos();
  /** Stored lines dropped because they could not be read. */
  dropped = 0;
  /** Damaged lines still in the store (until it is compacted). */
  private damaged = 0;
  /** Lines read since the last compaction (to tell when compacting is worth it). */
  private linesRead = 0;

  constructor(readonly spec: LedgerSpec) {
    if (spec.configured) this.byId = new Map(spec.configured.map((a) => [a.id, a]));
  }

  /** Applies stored lines (oldest first); a line that cannot be read is dropped and counted. Returns how many changed it. */
  read(lines: readonly string[]): number {
    let changed = 0;
    for (const text of lines) {
      if (text.trim() === '') continue;
      this.linesRead++;
      const line = readLine(text);
      if (line) {
        if (this.apply(line)) changed++;
      } else {
        this.dropped++;
        this.damaged++;
      }
    }
    return changed;
  }

  /** Applies one line; false when the ledger already held it (or something later). */
  private apply(line: LedgerLine): boolean {
    if (line.t === 'list') {
      if (this.listedAt !== undefined && line.at <= this.listedAt) return false;
      this.listed = line.attendees;
      this.listedAt = line.at;
      if (!this.spec.configured) this.byId = new Map(line.attendees.map((a) => [a.id, a]));
      return true;
    }
    if (line.t === 'listed') {
      // The list read again, the same as the last one: only when.
      if (this.listedAt === undefined || line.at <= this.listedAt) return false;
      this.listedAt = line.at;
      return true;
    }
    if (line.t === 'row') {
      const known = this.rows.get(line.row.attendeeId);
      if (known && line.at <= known.at) return false;
      this.rows.set(line.row.attendeeId, { at: line.at, row: packRow(line.row, this.whos), marks: line.marks });
      return true;
    }
    const known = this.failures.get(line.failure.attendeeId);
    if (known && line.at <= known.at) return false;
    this.failures.set(line.failure.attendeeId, { at: line.at, failure: line.failure });
    return true;
  }

  private record(line: LedgerLine): void {
    this.apply(line);
    this.pending.push(writeLine(line));
  }

  /** The attendee list Brella gave at `at`; when it is the same as the last one, only the time is written. */
  setListed(attendees: ReportAttendee[], at: string): void {
    const same = this.listed !== undefined && this.listed.length === attendees.length
      && attendees.every((a, i) => {
        const b = (this.listed as ReportAttendee[])[i] as ReportAttendee;
        return a.id === b.id && a.name === b.name && a.email === b.email && a.company === b.company;
      });
    this.record(same ? { t: 'listed', at } : { t: 'list', at, attendees });
  }

  answered(row: ReportRow, marks: RowMarks): void {
    this.record({ t: 'row', at: row.asOf, row, marks });
  }

  failed(failure: ReportFailure, at: string): void {
    this.record({ t: 'fail', at, failure: { ...failure, at } });
  }

  /** Lines recorded since the last call, to append to the store. */
  takePending(): string[] {
    const lines = this.pending;
    this.pending = [];
    return lines;
  }

  get hasList(): boolean {
    return this.spec.configured !== undefined || this.listed !== undefined;
  }

  get lastListedAt(): string | undefined {
    return this.listedAt;
  }

  /** The listed attendee (with the email and company Brella gave), when the ledger has one. */
  listedAttendee(id: string): ReportAttendee | undefined {
    return this.spec.configured ? undefined : this.byId?.get(id);
  }

  /** The attendees the report covers: the configured ones, or the list as last read (undefined: never listed). */
  attendees(): ReportAttendee[] | undefined {
    return this.spec.configured ?? this.listed;
  }

  stateOf(id: string): AttendeeState {
    const row = this.rows.get(id);
    const failure = this.failures.get(id);
    if (failure && (!row || failure.at > row.at)) return 'failed';
    return row ? 'row' : 'none';
  }

  private since(id: string): Ask['since'] {
    const entry = this.rows.get(id);
    return entry ? { row: entry.row, marks: entry.marks } : undefined;
  }

  /** What a run in `mode` asks. The list is read again for Update and Refresh, and whenever there is none. */
  plan(mode: ReportMode): Plan {
    const relist = this.spec.configured === undefined && (mode === 'incremental' || mode === 'full' || this.listed === undefined);
    const ask: Ask[] = [];
    let reused = 0;
    for (const attendee of this.attendees() ?? []) {
      const state = this.stateOf(attendee.id);
      const row = this.rows.get(attendee.id)?.row;
      const asked =
        mode === 'full' ? true
          : mode === 'resume' ? state === 'none'
            : mode === 'retryFailed' ? state !== 'row'
              : state !== 'row' || !row?.checkedIn;
      if (asked) ask.push({ attendee, ...this.withSince(attendee.id) });
      else if (state === 'row') reused++;
    }
    // A seeded random order, the same on every run of this report: the answers so far are then a uniform sample of
    // the attendees, and the summary can estimate the check-in rate while the run goes (src/model/estimate.ts).
    const { kind, window } = this.spec;
    return { list: relist, ask: seededOrder(ask, `${kind}|${window.startFrom}|${window.startTo ?? ''}`, (a) => a.attendee.id), reused };
  }

  private withSince(id: string): Pick<Ask, 'since'> {
    const since = this.since(id);
    return since ? { since } : {};
  }

  /** The report as it stands: rows and failures of the attendees it covers, in their order, and those never asked. */
  view(): { rows: ReportRow[]; failures: ReportFailure[]; missing: number } {
    const rows: ReportRow[] = [];
    const failures: ReportFailure[] = [];
    let missing = 0;
    const list = this.attendees();
    const ids = list ? list : [...this.rows.keys(), ...[...this.failures.keys()].filter((id) => !this.rows.has(id))].map((id) => ({ id }) as ReportAttendee);
    for (const a of ids) {
      const state = this.stateOf(a.id);
      if (state === 'row') rows.push(withDetails((this.rows.get(a.id) as RowEntry).row, list ? a : undefined));
      else if (state === 'failed') failures.push((this.failures.get(a.id) as FailEntry).failure);
      else missing++;
    }
    return { rows, failures, missing };
  }

  /** The row of one attendee as shown (its current name and details), when it has one. */
  rowOf(id: string): ReportRow | undefined {
    if (this.stateOf(id) !== 'row') return undefined;
    return withDetails((this.rows.get(id) as RowEntry).row, this.byId?.get(id));
  }

  summary(meta: { reused: number; asked: number }, view = this.view()): ReportSummary {
    const { kind, window, dayZone } = this.spec;
    const summary: ReportSummary = {
      ...summarize(view.rows, view.failures, { window, kind, dayZone, reused: meta.reused, asked: meta.asked }),
      missing: view.missing, dropped: this.dropped, ...(this.listedAt && !this.spec.configured ? { listedAt: this.listedAt } : {}),
    };
    // Not everyone has an answer yet: the answers so far, asked in a random order, estimate the rate for everyone.
    const population = view.rows.length + view.failures.length + view.missing;
    const estimate = view.missing + view.failures.length > 0 ? estimateProportion(summary.checkedIn, view.rows.length, population) : undefined;
    return estimate ? { ...summary, estimate } : summary;
  }

  daily(view = this.view()): DayCount[] {
    return dailyCounts(view.rows, { dayZone: this.spec.dayZone, window: this.spec.window });
  }

  /** Whether the stored lines are worth rewriting: damaged lines, or more than twice the lines the ledger needs. */
  get worthCompacting(): boolean {
    return this.damaged > 0 || this.linesRead > 2 * (this.rows.size + this.failures.size + 1) + 16;
  }

  /**
   * The ledger as the fewest lines: the list, then each attendee's latest row and any later failure, as it stands
   * now. Each line is made as it is read: an event's rows as text are tens of MB, never held all at once.
   */
  compacted(): Iterable<string> {
    const list: LedgerLine[] = this.listed && this.listedAt ? [{ t: 'list', at: this.listedAt, attendees: this.listed }] : [];
    const rows = [...this.rows.values()];
    const failures = [...this.failures].filter(([id]) => this.stateOf(id) === 'failed').map(([, e]) => e);
    this.linesRead = list.length + rows.length + failures.length;
    this.damaged = 0;
    return linesOf(list, rows, failures);
  }
}

function* linesOf(list: readonly LedgerLine[], rows: readonly RowEntry[], failures: readonly FailEntry[]): Generator<string> {
  for (const l of list) yield writeLine(l);
  for (const e of rows) yield writeLine({ t: 'row', at: e.at, row: e.row, marks: e.marks });
  for (const e of failures) yield writeLine({ t: 'fail', at: e.at, failure: e.failure });
}

/** A row with the attendee's current name, email and company (as last listed or configured). */
function withDetails(row: ReportRow, attendee: ReportAttendee | undefined): ReportRow {
  if (!attendee || (attendee.name === row.name && (attendee.email ?? row.email) === row.email && (attendee.company ?? row.company) === row.company)) return row;
  return withChanges(row, { name: attendee.name, email: attendee.email ?? row.email, company: attendee.company ?? row.company });
}
