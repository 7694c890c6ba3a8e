/** The slices panel's zone choice (webview/slices/zone-choice.ts) and its new webview messages (src/protocol/slices.ts). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromWebview, panelState } from '../../src/protocol/slices';
import { datesInZone, endOfDayText, eventZoneOf, exportZoneName, midnightText, resolveZone, utcDates, zoneName } from '../../webview/slices/zone-choice';

const TARGET = { organizationId: 1, eventId: 2, attendeeId: 3, attendeeName: 'A', eventName: 'E' };
const INSTANTS = new Set(['start_from', 'start_to', 'end_to']);

test('Event time is the event\'s zone when Intl knows it, else local time; Local and UTC are themselves', () => {
  assert.equal(eventZoneOf({ ...TARGET, timeZone: 'Europe/Helsinki' }), 'Europe/Helsinki');
  assert.equal(eventZoneOf({ ...TARGET, timeZone: 'Not/AZone' }), undefined);
  assert.equal(eventZoneOf(TARGET), undefined);
  assert.equal(resolveZone('event', 'Europe/Helsinki'), 'Europe/Helsinki');
  assert.equal(resolveZone('event', undefined), 'local');
  assert.equal(resolveZone('utc', 'Europe/Helsinki'), 'utc');
  assert.equal(zoneName('event', 'Europe/Helsinki'), 'Event time (Europe/Helsinki)');
  assert.equal(zoneName('utc', 'Europe/Helsinki'), 'UTC');
  assert.match(zoneName('event', undefined), /^Local time/);
  assert.equal(exportZoneName('Europe/Helsinki'), 'Europe/Helsinki');
  assert.equal(exportZoneName('utc'), 'UTC');
});

test('a date typed without a time is midnight in the form\'s zone, DST included; other values are left as typed', () => {
  const typed = { start_from: '2023-03-26', start_to: ' 2023-10-29 ', end_to: '2023-05-10T12:00:00Z', trackable_type: '2023-05-10', tracking_type: ['time_spent'] };
  assert.deepEqual(datesInZone(typed, INSTANTS, 'Europe/Helsinki'), {
    start_from: '2023-03-26T00:00:00.000+02:00', start_to: '2023-10-29T00:00:00.000+03:00', end_to: '2023-05-10T12:00:00Z', trackable_type: '2023-05-10', tracking_type: ['time_spent'],
  });
  assert.equal(datesInZone(typed, INSTANTS, 'utc'), typed, 'in UTC the host reads a date as midnight UTC itself');
  assert.deepEqual(datesInZone({ start_from: '2023-02-30' }, INSTANTS, 'Europe/Helsinki'), { start_from: '2023-02-30' }, 'a bad date is left for validation to name');
  assert.equal(midnightText('2023-05-10', 'Europe/Helsinki'), '2023-05-10T00:00:00.000+03:00');
  assert.equal(endOfDayText('2023-03-26', 'Europe/Helsinki'), '2023-03-26T23:59:59.999+03:00');
  assert.equal(endOfDayText('2023-05-14', 'utc'), '2023-05-14T23:59:59.999Z');
});

test('the new webview messages are checked: Event time, Copy as in three formats, Save Query, Sessions', () => {
  const ok = (m: unknown) => fromWebview.safeParse(m).success;
  assert.equal(ok({ type: 'timeZone', timeZone: 'event' }), true);
  assert.equal(ok({ type: 'timeZone', timeZone: 'Europe/Helsinki' }), false);
  for (const format of ['curl', 'powershell', 'fetch']) assert.equal(ok({ type: 'copyAs', requestId: 1, format, filters: {} }), true, format);
  assert.equal(ok({ type: 'copyAs', requestId: 1, format: 'bash', filters: {} }), false);
  assert.equal(ok({ type: 'copyAs', requestId: 1, format: 'curl' }), false);
  assert.equal(ok({ type: 'saveQuery', requestId: 2, filters: { tracking_type: ['time_spent'] } }), true);
  assert.equal(ok({ type: 'saveQuery', requestId: 2, filters: { start_from: { $gt: '' } } }), false);
  assert.equal(ok({ type: 'saveQuery', requestId: 2 }), false);
  assert.equal(ok({ type: 'loadSessions' }), true);
  assert.equal(panelState.safeParse({ target: { ...TARGET, timeZone: 'Europe/Helsinki' } }).success, true);
  assert.equal(panelState.safeParse({ target: { ...TARGET, timeZone: 'x'.repeat(65) } }).success, false);
});

test('filters from elsewhere keep the API\'s meaning in the form: a date alone is written out as midnight UTC', () => {
  assert.deepEqual(utcDates({ start_from: '2023-05-10', end_to: '2023-05-11T00:00:00+03:00', trackable_type: '2023-05-10' }, INSTANTS), {
    start_from: '2023-05-10T00:00:00.000Z', end_to: '2023-05-11T00:00:00+03:00', trackable_type: '2023-05-10',
  });
});
