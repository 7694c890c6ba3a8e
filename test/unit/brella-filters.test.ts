import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  BrellaFilterError,
  BrellaInvalidIdError,
  SLICE_FILTER_FIELDS,
  buildSliceRequestUrl,
  normalizeSliceFilters,
  sliceFiltersToQuery,
  validateSliceFilters,
} from '../../src/brella/index.ts';

const BASE = 'https://api.brella.io/api/integration';
const INSTANTS = ['click_time', 'start_time', 'end_time', 'start_from', 'start_to', 'end_from', 'end_to'] as const;

function errorsOf(input: unknown): BrellaFilterError[] {
  const result = validateSliceFilters(input);
  assert.equal(result.ok, false, `expected ${JSON.stringify(input)} to be rejected`);
  return result.ok ? [] : result.errors;
}

describe('slice filter metadata', () => {
  test('ten fields, in form order, with label, help, kind and a valid example', () => {
    assert.deepEqual(
      SLICE_FILTER_FIELDS.map((f) => f.name),
      ['tracking_type', 'start_from', 'start_to', 'end_from', 'end_to', 'trackable_type', 'duration', 'click_time', 'start_time', 'end_time'],
    );
    const kinds = Object.fromEntries(SLICE_FILTER_FIELDS.map((f) => [f.name, f.kind]));
    assert.equal(kinds.tracking_type, 'types');
    assert.equal(kinds.trackable_type, 'text');
    assert.equal(kinds.duration, 'seconds');
    for (const name of INSTANTS) assert.equal(kinds[name], 'instant');
    for (const f of SLICE_FILTER_FIELDS) {
      assert.ok(f.label.length > 0 && f.help.length > 10, f.name);
      assert.equal(validateSliceFilters({ [f.name]: f.example }).ok, true, `${f.name} example ${f.example}`);
    }
    assert.deepEqual(SLICE_FILTER_FIELDS[0].suggestions, ['time_spent', 'sponsor', 'streamlink']);
  });
});

describe('slice filter validation: valid values', () => {
  test('tracking_type: string, comma list, array; deduplicated; any lower_snake value', () => {
    assert.deepEqual(normalizeSliceFilters({ tracking_type: 'time_spent' }), { tracking_type: ['time_spent'] });
    assert.deepEqual(normalizeSliceFilters({ tracking_type: 'time_spent, sponsor' }), { tracking_type: ['time_spent', 'sponsor'] });
    assert.deepEqual(normalizeSliceFilters({ tracking_type: ['streamlink', 'sponsor', 'streamlink', ''] }), { tracking_type: ['streamlink', 'sponsor'] });
    assert.deepEqual(normalizeSliceFilters({ tracking_type: ['booth_media_click2'] }), { tracking_type: ['booth_media_click2'] });
  });

  test('trackable_type: text, trimmed', () => {
    assert.deepEqual(normalizeSliceFilters({ trackable_type: ' Sponsor ' }), { trackable_type: 'Sponsor' });
    assert.deepEqual(normalizeSliceFilters({ trackable_type: 'SponsorMedia' }), { trackable_type: 'SponsorMedia' });
  });

  test('every instant: bare date, Z, offsets, fractions, Date; normalized to ms UTC', () => {
    const cases: Array<[string | Date, string]> = [
      ['2023-05-10', '2023-05-10T00:00:00.000Z'],
      ['2023-05-10T00:00:00.000Z', '2023-05-10T00:00:00.000Z'],
      ['2023-05-10T09:30Z', '2023-05-10T09:30:00.000Z'],
      ['2023-05-10T09:30:15+02:00', '2023-05-10T07:30:15.000Z'],
      ['2023-05-10T01:00:00-0530', '2023-05-10T06:30:00.000Z'],
      ['2023-05-10T23:59:59.123456Z', '2023-05-10T23:59:59.123Z'],
      ['2024-02-29', '2024-02-29T00:00:00.000Z'],
      ['2023-05-10T00:30:00+01:00', '2023-05-09T23:30:00.000Z'],
      [new Date('2023-05-10T12:00:00Z'), '2023-05-10T12:00:00.000Z'],
    ];
    for (const name of INSTANTS) {
      for (const [input, expected] of cases) {
        assert.deepEqual(normalizeSliceFilters({ [name]: input }), { [name]: expected }, `${name}=${String(input)}`);
      }
    }
  });

  test('duration: number or digit string, zero allowed', () => {
    assert.deepEqual(normalizeSliceFilters({ duration: 300 }), { duration: 300 });
    assert.deepEqual(normalizeSliceFilters({ duration: '45' }), { duration: 45 });
    assert.deepEqual(normalizeSliceFilters({ duration: 0 }), { duration: 0 });
  });

  test('empty strings, null and undefined mean "not set"; from = to is fine', () => {
    const empty = Object.fromEntries(SLICE_FILTER_FIELDS.map((f, i) => [f.name, [undefined, '', null, '  '][i % 4]]));
    assert.deepEqual(normalizeSliceFilters(empty), {});
    assert.deepEqual(normalizeSliceFilters(undefined), {});
    assert.deepEqual(normalizeSliceFilters({ start_from: '2023-05-10', start_to: '2023-05-10T00:00:00Z' }), {
      start_from: '2023-05-10T00:00:00.000Z',
      start_to: '2023-05-10T00:00:00.000Z',
    });
  });

  test('normalizing twice gives the same result', () => {
    const once = normalizeSliceFilters({ tracking_type: 'time_spent,sponsor', start_from: '2023-05-10', duration: '5', end_to: '2023-05-11T10:00+02:00' });
    assert.deepEqual(normalizeSliceFilters(once), once);
  });
});

describe('slice filter validation: invalid values', () => {
  test('the documented message for a bad date', () => {
    const [error] = errorsOf({ start_from: '2023-13-01' });
    assert.ok(error instanceof BrellaFilterError);
    assert.equal(error.field, 'start_from');
    assert.equal(error.value, '2023-13-01');
    assert.equal(error.message, 'start_from: "2023-13-01" is not a date; use YYYY-MM-DD or an ISO 8601 time with a zone, e.g. 2023-05-10T00:00:00.000Z');
  });

  test('every instant rejects impossible dates, missing zones, junk and wrong types', () => {
    const bad: Array<[unknown, RegExp]> = [
      ['2023-02-30', /is not a date; use YYYY-MM-DD/],
      ['2023-02-29', /is not a date/],
      ['2023-04-31T10:00:00Z', /is not a date/],
      ['2023-05-10T24:00:00Z', /is not a date/],
      ['2023-05-10T10:60:00Z', /is not a date/],
      ['2023-05-10T10:00:00+25:00', /is not a date/],
      ['2023-05-10T10:00:00', /has no time zone; add Z \(UTC\) or ±hh:mm/],
      ['2023-05-10 10:00', /has no time zone/],
      ['10/05/2023', /is not a date/],
      ['yesterday', /is not a date/],
      ['2023-5-1', /is not a date/],
      [1683676800000, /is not a date/],
      [new Date('nope'), /is an invalid Date is not a date|is not a date/],
    ];
    for (const name of INSTANTS) {
      for (const [value, pattern] of bad) {
        const [error] = errorsOf({ [name]: value });
        assert.equal(error.field, name);
        assert.match(error.message, pattern, `${name}=${String(value)}`);
        assert.ok(error.message.startsWith(`${name}: `), error.message);
      }
    }
  });

  test('tracking_type rejects non lower_snake values and names the culprit', () => {
    for (const value of ['Time Spent', 'TIME_SPENT', 'time-spent', 'time_spent;drop', '_x', ['time_spent', 'Sponsor'], [3], ',']) {
      const [error] = errorsOf({ tracking_type: value });
      assert.equal(error.field, 'tracking_type');
      assert.match(error.message, /^tracking_type: .* (is not a tracking type; use lower_snake names such as time_spent, sponsor or streamlink|names no tracking type)/);
    }
    const [error] = errorsOf({ tracking_type: ['time_spent', 'Sponsor'] });
    assert.equal(error.value, 'Sponsor');
  });

  test('trackable_type rejects spaces, punctuation and non-strings', () => {
    for (const value of ['Spon sor', 'a&b=c', '1abc', 42, 'x'.repeat(101)]) {
      const [error] = errorsOf({ trackable_type: value });
      assert.equal(error.field, 'trackable_type');
      assert.match(error.message, /^trackable_type: .* is not a type name; use letters, digits and underscores, e\.g\. Sponsor$/);
    }
  });

  test('duration rejects negatives, fractions, text and huge values', () => {
    for (const value of [-1, 1.5, '1.5', '-3', 'ten', NaN, Infinity, 2 ** 60, true]) {
      const [error] = errorsOf({ duration: value });
      assert.equal(error.field, 'duration');
      assert.match(error.message, /^duration: .* is not a whole number of seconds; use a non-negative integer, e\.g\. 300$/);
    }
  });

  test('from after to is rejected for both pairs', () => {
    const [start] = errorsOf({ start_from: '2023-05-12', start_to: '2023-05-10' });
    assert.equal(start.field, 'start_from');
    assert.equal(start.message, 'start_from: "2023-05-12T00:00:00.000Z" is after start_to "2023-05-10T00:00:00.000Z"; start_from must be on or before start_to');
    const [end] = errorsOf({ end_from: '2023-05-10T10:00:01Z', end_to: '2023-05-10T12:00:00+02:00' });
    assert.equal(end.field, 'end_from');
  });

  test('unknown keys are rejected with the list of filters', () => {
    const [error] = errorsOf({ trackingType: 'time_spent' });
    assert.equal(error.field, 'trackingType');
    assert.match(error.message, /^trackingType: "time_spent" is not a slice filter; use one of tracking_type, start_from/);
    assert.equal(errorsOf('tracking_type=x')[0].field, 'filters');
  });

  test('validateSliceFilters reports every problem at once; normalize throws the first', () => {
    const input = {
      tracking_type: 'Bad', trackable_type: '!', click_time: 'x', start_time: 'x', end_time: 'x', duration: -1,
      start_from: '2023-13-01', start_to: '2023-05-10T10:00', end_from: '2023-05-12', end_to: '2023-05-11', extra: 1,
    };
    const fields = errorsOf(input).map((e) => e.field).sort();
    assert.deepEqual(fields, ['click_time', 'duration', 'end_from', 'end_time', 'extra', 'start_from', 'start_time', 'start_to', 'trackable_type', 'tracking_type']);
    assert.throws(() => normalizeSliceFilters(input), BrellaFilterError);
  });
});

describe('slice filter query strings', () => {
  test('the documented presence query', () => {
    const query = sliceFiltersToQuery({ tracking_type: 'time_spent', start_from: '2023-05-10' });
    assert.equal(query.toString(), 'tracking_type=time_spent&start_from=2023-05-10T00%3A00%3A00.000Z');
    assert.equal(query.get('start_from'), '2023-05-10T00:00:00.000Z');
  });

  test('several tracking types are one comma-separated parameter; every field in form order', () => {
    const query = sliceFiltersToQuery({
      end_time: '2023-05-10T10:00:00Z', duration: 60, tracking_type: ['sponsor', 'streamlink'], trackable_type: 'Sponsor',
      click_time: '2023-05-10', start_time: '2023-05-10', end_to: '2023-05-11', end_from: '2023-05-10', start_to: '2023-05-11', start_from: '2023-05-10',
    });
    assert.deepEqual([...query.keys()], SLICE_FILTER_FIELDS.map((f) => f.name));
    assert.deepEqual(query.getAll('tracking_type'), ['sponsor,streamlink']);
    assert.equal(query.get('duration'), '60');
    assert.equal(query.get('trackable_type'), 'Sponsor');
  });

  test('no filters, no query; bad filters throw', () => {
    assert.equal(sliceFiltersToQuery({}).toString(), '');
    assert.throws(() => sliceFiltersToQuery({ duration: 'x' }), BrellaFilterError);
  });

  test('buildSliceRequestUrl: path, filters, then page[size] and page[number]', () => {
    const url = buildSliceRequestUrl(`${BASE}/`, 12, '34', 56, { tracking_type: 'time_spent', start_from: '2023-05-10' }, { size: 100, number: 2 });
    assert.equal(
      url,
      `${BASE}/organizations/12/events/34/attendees/56/tracking_session_slices?tracking_type=time_spent&start_from=2023-05-10T00%3A00%3A00.000Z&page%5Bsize%5D=100&page%5Bnumber%5D=2`,
    );
    const parsed = new URL(url);
    assert.equal(parsed.searchParams.get('page[size]'), '100');
    assert.match(buildSliceRequestUrl(BASE, 1, 2, 3), /tracking_session_slices\?page%5Bsize%5D=500&page%5Bnumber%5D=1$/);
  });

  test('ids must be positive integers (number or numeric string)', () => {
    for (const bad of [0, -1, 1.5, '12a', '', ' ', '0', '007x', NaN, 2 ** 60, '99999999999999999999']) {
      assert.throws(() => buildSliceRequestUrl(BASE, bad as number, 1, 1), (e: unknown) => {
        assert.ok(e instanceof BrellaInvalidIdError);
        assert.equal(e.field, 'organizationId');
        assert.match(e.message, /^organizationId: .* is not a Brella id; use a positive whole number, e\.g\. 1234$/);
        return true;
      });
    }
    assert.throws(() => buildSliceRequestUrl(BASE, 1, 'x', 1), /eventId: "x"/);
    assert.throws(() => buildSliceRequestUrl(BASE, 1, 1, -4), /attendeeId: -4/);
  });
});
