/**
 * Names for the report's booths and streams (the Sponsors and Streams tabs show "Sponsor 7" until then): kept per
 * event in the report store, so a later run or a reopened panel asks nothing; the missing ones are asked through
 * the fewest attendees' tracking sessions (src/reports/naming.ts). No `vscode` here: the panel adds the progress.
 */
import type { BrellaClient } from '../../brella';
import { summarizeTrackables } from '../../model/trackables';
import type { ReportRow, ReportStore } from '../../reports';
import { parseNames, planNaming, rememberNames, resolveNames, serializeNames, sessionAsker, visitNameKey, type NamingProgress } from '../../reports/naming';

export interface NamingTarget {
  organizationId: number;
  eventId: number;
}

const storeKey = (t: NamingTarget): string => `names/${t.organizationId}/${t.eventId}`;

/** The names kept for the event (empty when none, or when what is kept cannot be read). */
export async function keptNames(store: ReportStore, t: NamingTarget): Promise<Map<string, string>> {
  const lines = await store.load(storeKey(t)).catch(() => undefined);
  try {
    return parseNames(lines && lines.length > 0 ? JSON.parse(lines[lines.length - 1]!) : undefined);
  } catch {
    return new Map();
  }
}

/** The booths' and streams' names by the key the webview's tables use (src/model/trackables.ts `trackableKey`). */
export function namesForTables(rows: Iterable<ReportRow>, names: ReadonlyMap<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const t of summarizeTrackables(rows).trackables) {
    const name = names.get(visitNameKey(t) ?? '');
    if (name !== undefined) out[t.key] = name;
  }
  return out;
}

export interface NamingOutcome {
  names: Map<string, string>;
  /** Trackables that had no name before this naming. */
  wanted: number;
  requests: number;
  unnamed: number;
  cancelled: boolean;
}

/** Names what the rows visited and the kept names lack, keeps the result, and says what it took. */
export async function nameTrackables(
  rows: readonly ReportRow[], t: NamingTarget, deps: { store: ReportStore; client: () => Promise<BrellaClient> },
  opts: { signal?: AbortSignal; onProgress?: (p: NamingProgress) => void; found?: ReadonlyMap<string, string> } = {},
): Promise<NamingOutcome> {
  const before = await keptNames(deps.store, t);
  // Names the report's own answers carried are kept as they are: nothing to ask for them.
  const kept = opts.found && opts.found.size > 0 ? rememberNames(before, opts.found) : before;
  if (kept !== before) await deps.store.rewrite(storeKey(t), [JSON.stringify(serializeNames(kept))]);
  const plan = planNaming(rows, kept);
  if (plan.wanted.length === 0) return { names: kept, wanted: 0, requests: 0, unnamed: 0, cancelled: false };
  const client = await deps.client();
  const result = await resolveNames(plan, sessionAsker(client, t.organizationId, t.eventId), { ...opts });
  const names = rememberNames(kept, result.names);
  if (result.names.size > 0) await deps.store.rewrite(storeKey(t), [JSON.stringify(serializeNames(names))]);
  return { names, wanted: plan.wanted.length, requests: result.requests, unnamed: result.unnamed.length, cancelled: result.cancelled };
}
