/**
 * Tracking sessions of the local Brella, built from the slices so the two endpoints agree: one session per thing
 * an attendee interacted with (tracking type and trackable: the app, a stream, a sponsor booth, booth media),
 * grouping every slice about it whatever its date. A session's `duration-seconds` is the sum of its slices',
 * its `interaction-count` the number of visits (runs of back-to-back slices) it groups, and each slice's
 * `tracking-session` relationship names it.
 */
import type { DemoSession, DemoSlice } from './types.ts';

function groupKey(s: Pick<DemoSlice, 'trackingType' | 'trackableType' | 'trackableId'>): string {
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

/**
 * Adds a slice made after the data was generated (server.world) to the attendee's sessions, in place: it joins the
 * session of its tracking type and trackable (a new session, id from `newSessionId`, when there is none yet), whose
 * duration, slice list, start and end follow. It counts as a new visit (`interaction-count` + 1) unless it starts
 * where a slice of that session ends or ends where one starts; a slice that bridges two visits leaves the count as
 * it was (one too many). `slices` is the attendee's slice list, the new slice included.
 */
export function addToSessions(
  attendeeId: number, sessions: DemoSession[], slices: readonly DemoSlice[], slice: DemoSlice, newSessionId: () => number,
): void {
  let session = sessions.find((s) => groupKey(s) === groupKey(slice));
  if (!session) {
    session = {
      id: newSessionId(), attendeeId, trackingType: slice.trackingType, trackableType: slice.trackableType,
      trackableId: slice.trackableId, startTime: slice.startTime, endTime: slice.endTime, startMs: slice.startMs,
      durationSeconds: 0, interactionCount: 0, sliceIds: [],
    };
    sessions.push(session);
  }
  const members = new Set(session.sliceIds);
  const own = slices.filter((s) => members.has(s.id));
  if (!own.some((s) => s.endMs === slice.startMs || s.startMs === slice.endMs)) session.interactionCount += 1;
  session.durationSeconds += slice.durationSeconds;
  if (slice.startMs < session.startMs) {
    session.startMs = slice.startMs;
    session.startTime = slice.startTime;
  }
  if (slice.endMs > Date.parse(session.endTime)) session.endTime = slice.endTime;
  slice.sessionId = session.id;
  const order = new Map(slices.map((s, i) => [s.id, i]));
  session.sliceIds = [...session.sliceIds, slice.id].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  sessions.sort((a, b) => a.startMs - b.startMs || a.id - b.id);
}
