import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packSlices, unpackSlices } from '../../src/protocol/packed-slices';
import type { TrackingSessionSlice } from '../../src/model/types';

const slice = (id: number, over: Partial<TrackingSessionSlice> = {}): TrackingSessionSlice => ({
  id: String(id), trackingType: 'time_spent', trackableType: 'Event', trackableId: '5001',
  startTime: '2023-05-10T09:00:00.000Z', endTime: '2023-05-10T09:05:00.000Z', clickTime: null,
  durationSeconds: 300, trackingSessionId: '77', extra: {}, ...over,
});

test('rows survive packing by column unchanged, nulls included', () => {
  const rows = [slice(1), slice(2, { trackableType: null, trackableId: null, endTime: null, clickTime: '2023-05-10T09:01:00.000Z', durationSeconds: 0 }), slice(3, { trackingSessionId: null })];
  const packed = packSlices(rows);
  assert.equal(packed.count, 3);
  assert.equal(packed.extra, undefined);
  assert.deepEqual(unpackSlices(structuredClone(packed)), rows);
});

test('values holding the separator or NUL, empty strings and extra attributes round-trip too', () => {
  const rows = [slice(1, { trackableType: 'a\u001fb', extra: { roomName: 'Hall A' } }), slice(2, { trackableType: '\u0000', trackingType: '' }), slice(3)];
  assert.deepEqual(unpackSlices(JSON.parse(JSON.stringify(packSlices(rows)))), rows);
});

test('no rows and one row', () => {
  assert.deepEqual(unpackSlices(packSlices([])), []);
  assert.deepEqual(unpackSlices(packSlices([slice(9)])), [slice(9)]);
});

test('a packed page is a handful of strings, not one object per row', () => {
  const rows = Array.from({ length: 1000 }, (_, i) => slice(i));
  const packed = packSlices(rows);
  assert.equal(Object.keys(packed.columns).length, 8);
  assert.ok(Object.values(packed.columns).every((c) => typeof ('joined' in c ? c.joined : c.json) === 'string'));
});
