/**
 * Rows cross from the host to the webview packed by column: a few long strings instead of 100 000 objects.
 * Structured clone and JSON handle one long string far faster than many small objects (measured in code-server:
 * 100 000 rows as objects took about 5 s from post to paint). Both sides import this file.
 */
import type { TrackingSessionSlice } from '../model/types';

const TEXT_KEYS = ['id', 'trackingType', 'trackableType', 'trackableId', 'startTime', 'endTime', 'clickTime', 'trackingSessionId'] as const;
type TextKey = (typeof TEXT_KEYS)[number];

/** One column: values joined with U+001F (null as U+0000), or a JSON array when a value holds either character. */
type PackedColumn = { joined: string } | { json: string };

export interface PackedSlices {
  count: number;
  columns: Record<TextKey, PackedColumn>;
  durations: number[];
  /** JSON array of each row's `extra`, present only when some row has further attributes. */
  extra?: string;
}

const SEP = '\u001f';
const NULL = '\u0000';

function packColumn(values: Array<string | null>): PackedColumn {
  if (values.some((v) => v !== null && (v.includes(SEP) || v.includes(NULL)))) return { json: JSON.stringify(values) };
  return { joined: values.map((v) => (v === null ? NULL : v)).join(SEP) };
}

function unpackColumn(column: PackedColumn, count: number): Array<string | null> {
  if ('json' in column) return JSON.parse(column.json) as Array<string | null>;
  if (count === 0) return [];
  return column.joined.split(SEP).map((v) => (v === NULL ? null : v));
}

export function packSlices(rows: readonly TrackingSessionSlice[]): PackedSlices {
  const columns = {} as Record<TextKey, PackedColumn>;
  for (const key of TEXT_KEYS) columns[key] = packColumn(rows.map((r) => r[key]));
  const packed: PackedSlices = { count: rows.length, columns, durations: rows.map((r) => r.durationSeconds) };
  if (rows.some((r) => Object.keys(r.extra).length > 0)) packed.extra = JSON.stringify(rows.map((r) => r.extra));
  return packed;
}

export function unpackSlices(packed: PackedSlices): TrackingSessionSlice[] {
  const n = packed.count;
  const c = {} as Record<TextKey, Array<string | null>>;
  for (const key of TEXT_KEYS) c[key] = unpackColumn(packed.columns[key], n);
  const extra = packed.extra ? (JSON.parse(packed.extra) as Array<Record<string, unknown>>) : undefined;
  const rows: TrackingSessionSlice[] = new Array(n);
  for (let i = 0; i < n; i++) {
    rows[i] = {
      id: c.id[i] as string,
      trackingType: c.trackingType[i] as string,
      trackableType: c.trackableType[i],
      trackableId: c.trackableId[i],
      startTime: c.startTime[i] as string,
      endTime: c.endTime[i],
      clickTime: c.clickTime[i],
      durationSeconds: packed.durations[i],
      trackingSessionId: c.trackingSessionId[i],
      extra: extra?.[i] ?? {},
    };
  }
  return rows;
}
