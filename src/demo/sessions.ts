/**
 * Tracking sessions of the local Brella, built from the slices so the two endpoints agree: one session per thing
 * an attendee interacted with (tracking type and trackable: the app, a stream, a sponsor booth, booth media),
 * grouping every slice about it whatever its date. A session's `duration-seconds` is the sum of its slices',
 * its `interaction-count` the number of visits (runs of back-to-back slices) it groups, and each slice's
 * `tracking-session` relationship names it.
 */
import type { DemoSession, DemoSlice } from './types.ts';

function groupKey(s: DemoSlice): string {
  return `${s.trackingType}\u0000${s.trackableType ?? ''}\u0000${s.trackableId ?? ''}`;
}

/**
 * Groups slices (sorted by start time) into sessions, sorted by start time then id. `slice.sessionId` on input
 * names the visit a slice belongs to; on output it names its session, whose id is that of its first visit
 * (visit ids are unique, so session ids are too).
 */
export function groupSessions(attendeeId: number, slices: readonly DemoSlice[]): DemoSession[] {
  const groups = new Map<string, { session: DemoSession; visits: Set<number>; endMs: number }>();
  for (const slice of slices) {
    const key = groupKey(slice);
    let group = groups.get(key);
    if (!group) {
      group = {
        session: {
          id: slice.sessionId, attendeeId, trackingType: slice.trackingType, trackableType: slice.trackableType,
          trackableId: slice.trackableId, startTime: slice.startTime, endTime: slice.endTime, startMs: slice.startMs,
          durationSeconds: 0, interactionCount: 0, sliceIds: [],
        },
        visits: new Set(),
        endMs: slice.endMs,
      };
      groups.set(key, group);
    }
    const { session } = group;
    group.visits.add(slice.sessionId);
    session.interactionCount = group.visits.size;
    session.durationSeconds += slice.durationSeconds;
    session.sliceIds.push(slice.id);
    if (slice.endMs > group.endMs) {
      group.endMs = slice.endMs;
      session.endTime = slice.endTime;
    }
    slice.sessionId = session.id;
  }
  return [...groups.values()].map((g) => g.session).sort((a, b) => a.startMs - b.startMs || a.id - b.id);
}

export type SessionQueryResult = { ok: true; trackableTypes: readonly string[] | null } | { ok: false; parameter: string; detail: string };

const PAGE_PARAM = /^page\[(size|number)\]$/;

/** `trackable_type` (comma-separated or repeated; also `trackable_type[]`) and paging; any other parameter is a 400. */
export function parseSessionQuery(params: URLSearchParams): SessionQueryResult {
  for (const name of new Set(params.keys())) {
    if (name !== 'trackable_type' && name !== 'trackable_type[]' && !PAGE_PARAM.test(name)) {
      return { ok: false, parameter: name, detail: `${name} is not a filter of tracking sessions; use trackable_type` };
    }
  }
  const types = [...params.getAll('trackable_type'), ...params.getAll('trackable_type[]')]
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  return { ok: true, trackableTypes: types.length > 0 ? types : null };
}

/** Sessions whose trackable type is one of `trackableTypes` (all when null). */
export function filterSessions(sessions: readonly DemoSession[], trackableTypes: readonly string[] | null): readonly DemoSession[] {
  if (!trackableTypes) return sessions;
  return sessions.filter((s) => s.trackableType !== null && trackableTypes.includes(s.trackableType));
}
