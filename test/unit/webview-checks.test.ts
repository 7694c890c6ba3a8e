/**
 * What the webviews read back of their saved state (vscode.getState()) and check of a run's filters before posting,
 * without zod in their bundles (webview/shared/checks.ts): the same values kept and refused as the host's zod
 * schemas of src/protocol, with the limits taken from there. No DOM.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reportPanelTarget, type ReportPanelTarget } from '../../src/protocol/report';
import { FORM_VALUE_LIMITS, formValues, PANEL_TARGET_LIMITS, panelState, type PanelTarget } from '../../src/protocol/slices';
import { anyOf, bool, id, idText, list, NO, nullable, num, obj, oneOf, optional, read, readReportState, record, text } from '../../webview/shared/checks';
import { createStore, readSavedState, type SavedState } from '../../webview/slices/state';
import { checkFilters } from '../../webview/slices/values';

const TARGET: PanelTarget = {
  organizationId: 1, eventId: 22, attendeeId: 333, attendeeName: 'Ada Lovelace', eventName: 'Brella Summit',
  eventStart: '2023-05-10', eventEnd: '2023-05-12', demo: false, timeZone: 'Europe/Helsinki',
};
const SAVED: SavedState = {
  form: { start_from: '2023-05-10', tracking_type: ['time_spent', 'sponsor'] },
  filter: 'booth',
  sort: { key: 'startTime', dir: 'desc' },
  hidden: ['id', 'trackableId'],
  timeZone: 'utc',
  target: TARGET,
  tab: 'sessions',
  moreFiltersOpen: true,
  timelineOpen: false,
};

const REPORT_TARGET: ReportPanelTarget = {
  organizationId: 1001, eventId: 5001, eventName: 'Nordic Summit 2023', timeZone: 'Europe/Helsinki', kind: 'presence',
  window: { startFrom: '2023-05-10T00:00:00.000Z', startTo: '2023-05-12T00:00:00.000Z' }, who: 'configured',
  attendees: [{ id: '100001', name: 'Ada' }, { id: '100002', name: 'Grace' }], demo: true,
};
const REPORT_SAVED = { target: REPORT_TARGET, filter: 'Acme', sort: { key: 'name', dir: 'asc' as const }, hidden: ['email'] };

/** Ids that are not positive safe integers. */
const BAD_IDS: unknown[] = [0, -1, 1.5, 2 ** 53, Number('9007199254740993'), Number.NaN, Infinity, '1', null, undefined, 1e21];

test('the checks: texts with a maximum, one of, booleans, numbers, ids, optional, nullable, lists, records, unions', () => {
  assert.equal(text(3)('abc'), 'abc');
  assert.equal(text(3)('abcd'), NO);
  assert.equal(text()(1), NO);
  assert.equal(oneOf('a', 'b')('b'), 'b');
  assert.equal(oneOf('a', 'b')('c'), NO);
  assert.equal(bool(false), false);
  assert.equal(bool('false'), NO);
  assert.equal(num(0), 0);
  for (const bad of [Number.NaN, Infinity, '1']) assert.equal(num(bad), NO);
  assert.equal(id(Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER);
  for (const bad of BAD_IDS) assert.equal(id(bad), NO, `${String(bad)} is no id`);
  assert.equal(idText('1001'), '1001');
  for (const bad of ['01001', ' 1001', '0', '-1', '1.5', '9007199254740993', 'undefined', '', 1001]) assert.equal(idText(bad), NO, `${String(bad)} is no id text`);
  assert.equal(optional(text())(undefined), undefined);
  assert.equal(optional(text())(null), NO);
  assert.equal(nullable(text())(null), null);
  assert.equal(nullable(text())(undefined), NO);
  assert.deepEqual(list(text(), 2)(['a', 'b']), ['a', 'b']);
  assert.equal(list(text(), 2)(['a', 'b', 'c']), NO);
  assert.equal(list(text())(['a', 1]), NO);
  assert.equal(list(text())('a'), NO);
  assert.deepEqual(record(bool)({ a: true, b: false }), { a: true, b: false });
  assert.equal(record(bool)({ a: true, b: 1 }), NO);
  for (const bad of [null, [], 'a', 1]) assert.equal(record(bool)(bad), NO);
  const union = anyOf(text(2), list(text(1), 1), num);
  assert.deepEqual([union('ab'), union(['a']), union(3)], ['ab', ['a'], 3]);
  for (const bad of ['abc', ['ab'], ['a', 'b'], true, null]) assert.equal(union(bad), NO);
  assert.equal(read(text(), 1, 'fallback'), 'fallback');
});

test('an object keeps its known keys only, leaves out an absent optional one, and is refused as a whole when one is wrong', () => {
  const check = obj({ a: text(), b: optional(bool), c: nullable(num) });
  assert.deepEqual(check({ a: 'x', c: null, extra: 1 }), { a: 'x', c: null });
  assert.deepEqual(check({ a: 'x', b: undefined, c: 1 }), { a: 'x', c: 1 });
  assert.equal(check({ a: 'x', b: 'yes', c: 1 }), NO);
  assert.equal(check({ b: true, c: 1 }), NO, 'a required key is missing');
  for (const bad of [null, undefined, [], 'x']) assert.equal(check(bad), NO);
});

test('slices: a good saved state is kept as saved; unknown keys are dropped, at every level', () => {
  assert.deepEqual(readSavedState(SAVED), SAVED);
  assert.deepEqual(readSavedState({ ...SAVED, sort: null }), { ...SAVED, sort: null });
  assert.deepEqual(readSavedState({}), {});
  assert.deepEqual(readSavedState({
    ...SAVED, rows: [1, 2], apiKey: 'sk_live_x',
    target: { ...TARGET, extra: 'dropped' }, sort: { key: 'startTime', dir: 'desc', extra: 1 },
  }), SAVED);
});

test('slices: nothing saved, or not an object, reads as nothing saved', () => {
  for (const raw of [undefined, null, [], 'state', 42, true]) assert.deepEqual(readSavedState(raw), {});
});

test('slices: a wrong field anywhere, and the panel starts from nothing saved (as the zod schema\'s safeParse did)', () => {
  const bad: Array<[string, Record<string, unknown>]> = [
    ['form value a number', { form: { duration: 300 } }],
    ['form list of numbers', { form: { tracking_type: [1] } }],
    ['form not a record', { form: ['a'] }],
    ['filter', { filter: 1 }],
    ['sort dir', { sort: { key: 'a', dir: 'up' } }],
    ['sort without key', { sort: { dir: 'asc' } }],
    ['hidden', { hidden: ['a', 2] }],
    ['hidden not a list', { hidden: 'a' }],
    ['time zone', { timeZone: 'Europe/Helsinki' }],
    ['tab', { tab: 'timeline' }],
    ['more filters', { moreFiltersOpen: 'yes' }],
    ['timeline', { timelineOpen: 1 }],
    ['target not an object', { target: 'x' }],
    ['target without a name', { target: { ...TARGET, attendeeName: undefined } }],
    ['target demo', { target: { ...TARGET, demo: 'yes' } }],
  ];
  for (const [what, patch] of bad) assert.deepEqual(readSavedState({ ...SAVED, ...patch }), {}, what);
});

test('slices: the target\'s texts keep their maximum lengths (PANEL_TARGET_LIMITS)', () => {
  const { name, date, timeZone } = PANEL_TARGET_LIMITS;
  const at = { ...TARGET, attendeeName: 'a'.repeat(name), eventName: 'e'.repeat(name), eventStart: 'd'.repeat(date), eventEnd: 'd'.repeat(date), timeZone: 'z'.repeat(timeZone) };
  assert.deepEqual(readSavedState({ target: at }), { target: at });
  for (const [key, max] of [['attendeeName', name], ['eventName', name], ['eventStart', date], ['eventEnd', date], ['timeZone', timeZone]] as const) {
    assert.deepEqual(readSavedState({ ...SAVED, target: { ...TARGET, [key]: 'x'.repeat(max + 1) } }), {}, `${key} longer than ${max}`);
  }
});

test('slices: the target\'s ids must be positive safe integers', () => {
  for (const key of ['organizationId', 'eventId', 'attendeeId'] as const) {
    for (const bad of BAD_IDS) assert.deepEqual(readSavedState({ ...SAVED, target: { ...TARGET, [key]: bad } }), {}, `${key} ${String(bad)}`);
  }
  const big = { ...TARGET, organizationId: Number.MAX_SAFE_INTEGER };
  assert.deepEqual(readSavedState({ target: big }), { target: big });
});

test('slices: a target is read back exactly when the host\'s serializer (panelState) would take it', () => {
  const samples: unknown[] = [
    TARGET, { ...TARGET, demo: undefined, timeZone: undefined, eventStart: undefined, eventEnd: undefined },
    ...BAD_IDS.map((v) => ({ ...TARGET, eventId: v })), { ...TARGET, eventName: 'x'.repeat(201) }, { ...TARGET, eventStart: '2023-05-10T00' },
    { ...TARGET, timeZone: 'x'.repeat(65) }, { ...TARGET, attendeeName: 7 }, null, [], 'target',
  ];
  for (const target of samples) {
    const ours = readSavedState({ target });
    assert.equal(ours.target !== undefined, panelState.safeParse({ target }).success, JSON.stringify(target));
  }
});

test('slices: the store starts from the saved state read back, and saves every patch', () => {
  const states: unknown[] = [];
  const api = (saved: unknown) => ({ getState: () => saved, setState: (s: unknown) => void states.push(s), postMessage: () => undefined });
  assert.deepEqual(createStore(api({ ...SAVED, extra: 1 })).value, SAVED);
  const store = createStore(api({ ...SAVED, tab: 'nope' }));
  assert.deepEqual(store.value, {});
  store.update({ filter: 'x' });
  assert.deepEqual([store.value, states], [{ filter: 'x' }, [{ filter: 'x' }]]);
});

test('report: a good saved state is kept as saved; unknown keys are dropped, at every level', () => {
  assert.deepEqual(readReportState(REPORT_SAVED), REPORT_SAVED);
  assert.deepEqual(readReportState({ sort: null }), { sort: null });
  assert.deepEqual(readReportState({
    ...REPORT_SAVED, rows: [], target: { ...REPORT_TARGET, extra: 1, window: { ...REPORT_TARGET.window, extra: 2 }, attendees: [{ id: '100001', name: 'Ada', email: 'x' }] },
  }), { ...REPORT_SAVED, target: { ...REPORT_TARGET, attendees: [{ id: '100001', name: 'Ada' }] } });
  for (const raw of [undefined, null, [], 'state', 42]) assert.deepEqual(readReportState(raw), {});
});

test('report: a wrong field anywhere, and the panel starts from nothing saved (as the zod schema\'s safeParse did)', () => {
  const t = REPORT_TARGET;
  const bad: Array<[string, Record<string, unknown>]> = [
    ['filter longer than 500', { filter: 'f'.repeat(501) }],
    ['filter', { filter: 1 }],
    ['sort', { sort: { key: 'name', dir: 'down' } }],
    ['hidden', { hidden: [1] }],
    ['kind', { target: { ...t, kind: 'slices' } }],
    ['who', { target: { ...t, who: 'some' } }],
    ['no window', { target: { ...t, window: undefined } }],
    ['a day that does not exist', { target: { ...t, window: { startFrom: '2023-02-30T00:00:00.000Z' } } }],
    ['an end that does not exist', { target: { ...t, window: { startFrom: t.window.startFrom, startTo: '2023-04-31T00:00:00.000Z' } } }],
    ['an instant not as the host writes it', { target: { ...t, window: { startFrom: '2023-05-10T00:00:00Z' } } }],
    ['a date only', { target: { ...t, window: { startFrom: '2023-05-10' } } }],
    ['event name longer than 200', { target: { ...t, eventName: 'e'.repeat(201) } }],
    ['time zone longer than 64', { target: { ...t, timeZone: 'z'.repeat(65) } }],
    ['attendee name longer than 200', { target: { ...t, attendees: [{ id: '1', name: 'n'.repeat(201) }] } }],
    ['more than 10 000 attendees', { target: { ...t, attendees: Array.from({ length: 10_001 }, (_, i) => ({ id: String(i + 1), name: 'a' })) } }],
    ['attendee id not a safe integer', { target: { ...t, attendees: [{ id: '9007199254740993', name: 'a' }] } }],
    ['attendee id with a leading zero', { target: { ...t, attendees: [{ id: '0100', name: 'a' }] } }],
    ['attendee id a number', { target: { ...t, attendees: [{ id: 100, name: 'a' }] } }],
    ['demo', { target: { ...t, demo: 'yes' } }],
  ];
  for (const [what, patch] of bad) assert.deepEqual(readReportState({ ...REPORT_SAVED, ...patch }), {}, what);
  for (const key of ['organizationId', 'eventId'] as const) {
    for (const v of BAD_IDS) assert.deepEqual(readReportState({ ...REPORT_SAVED, target: { ...t, [key]: v } }), {}, `${key} ${String(v)}`);
  }
  const longest = { ...REPORT_SAVED, filter: 'f'.repeat(500), target: { ...t, attendees: Array.from({ length: 10_000 }, (_, i) => ({ id: String(i + 1), name: 'n'.repeat(200) })) } };
  assert.deepEqual(readReportState(longest), longest);
});

test('report: a target is read back exactly when the host\'s serializer (reportPanelTarget) would take it', () => {
  const t = REPORT_TARGET;
  const samples: unknown[] = [
    t, { ...t, who: 'all', attendees: undefined, timeZone: undefined, demo: undefined, window: { startFrom: t.window.startFrom } },
    ...BAD_IDS.map((v) => ({ ...t, eventId: v })), { ...t, window: { startFrom: '2024-02-29T23:59:59.999Z' } }, { ...t, window: { startFrom: '2023-02-29T00:00:00.000Z' } },
    { ...t, window: { startFrom: ' 2023-05-10T00:00:00.000Z' } }, { ...t, attendees: [{ id: '1', name: 'a' }, { id: 'x', name: 'b' }] }, { ...t, kind: 'engagement' }, null,
  ];
  for (const target of samples) {
    assert.equal(readReportState({ target }).target !== undefined, reportPanelTarget.safeParse(target).success, JSON.stringify(target));
  }
});

test('the form values: the protocol\'s limits (FORM_VALUE_LIMITS) before a run is posted, as the host checks them (formValues)', () => {
  const { text: textMax, items, item } = FORM_VALUE_LIMITS;
  const message = `tracking_type: too long; use at most ${items} values of ${item} characters, or ${textMax} characters of text`;
  const types = (n: number, length = 5) => Array.from({ length: n }, (_, i) => `t${String(i).padStart(length - 1, '0')}`);
  const samples: Array<Record<string, string | string[] | number>> = [
    { tracking_type: types(items) },
    { tracking_type: types(items + 1) },
    { tracking_type: types(1, item) },
    { tracking_type: types(1, item + 1) },
    { tracking_type: Array.from({ length: textMax / 10 }, () => 'time_spent').join(',').slice(0, textMax) },
    { tracking_type: `${'time_spent,'.repeat(textMax / 10)}x` },
    { tracking_type: 'time_spent', duration: 300 },
  ];
  for (const filters of samples) {
    const host = formValues.safeParse(filters).success;
    const problem = checkFilters(filters).get('tracking_type');
    assert.equal(problem === message, !host, JSON.stringify(filters));
    if (host) assert.equal(problem, undefined, JSON.stringify(filters));
  }
  assert.equal(checkFilters({ tracking_type: 'time_spent', duration: 300 }).size, 0);
});
