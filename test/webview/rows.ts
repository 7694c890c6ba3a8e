/** Deterministic synthetic tracking session slices for the table tests and benchmark (no DOM). */
import type { TrackingSessionSlice } from '../../src/model/types';

const TYPES = ['time_spent', 'sponsor', 'streamlink', 'sponsor_media_click'] as const;
const TRACKABLE: Record<string, string | null> = { time_spent: null, sponsor: 'Sponsor', streamlink: 'Stream', sponsor_media_click: 'Sponsor' };

/**
 * n slices in start-time order with distinct ids from "100000" up, not in id order (as in real
 * data); every 7th lacks an end, every 5th has extra attributes.
 */
export function makeRows(n: number, seed = 1): TrackingSessionSlice[] {
  let s = seed >>> 0 || 1;
  const rand = (): number => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 4_294_967_296;
  };
  const rows: TrackingSessionSlice[] = new Array(n);
  let t = Date.UTC(2023, 4, 10, 6, 0, 0);
  for (let i = 0; i < n; i++) {
    const type = TYPES[Math.floor(rand() * TYPES.length)]!;
    const duration = Math.floor(rand() * rand() * 7200);
    t += Math.floor(rand() * 30) * 1000;
    const start = new Date(t).toISOString();
    const trackableType = TRACKABLE[type]!;
    rows[i] = {
      id: String(100_000 + (n % 7919 === 0 ? i : (i * 7919) % n)),
      trackingType: type,
      trackableType,
      trackableId: trackableType === null ? null : String(10 + Math.floor(rand() * 40)),
      startTime: start,
      endTime: i % 7 === 3 ? null : new Date(t + duration * 1000).toISOString(),
      clickTime: type === 'sponsor_media_click' ? start : null,
      durationSeconds: duration,
      trackingSessionId: String(50_000 + Math.floor(i / 3)),
      extra: i % 5 === 0 ? { attendeeId: 7000 + (i % 300), deviceName: i % 10 === 0 ? 'Phone, "Pixel"' : 'Laptop' } : {},
    };
  }
  return rows;
}

/** One slice with defaults, for hand-written test rows. */
export function slice(id: string, fields: Partial<TrackingSessionSlice> = {}): TrackingSessionSlice {
  return {
    id,
    trackingType: 'time_spent',
    trackableType: null,
    trackableId: null,
    startTime: '2024-05-01T10:00:00Z',
    endTime: null,
    clickTime: null,
    durationSeconds: 0,
    trackingSessionId: null,
    extra: {},
    ...fields,
  };
}
