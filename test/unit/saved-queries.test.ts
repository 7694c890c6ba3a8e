import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SLICE_FILTER_FIELDS } from '../../src/brella/index.ts';
import { readOrganizations } from '../../src/config/organizations.ts';
import pkg from '../../package.json';
import { checkSavedQuery, readSavedQueries } from '../../src/config/saved-queries.ts';

const org = (events: unknown[]) => [{ id: 1, name: 'Org', events: [{ id: 10 }, ...events] }];

describe('saved queries in brella.organizations', () => {
  test('valid ones are read with their filters as written; events without any have none', () => {
    const { organizations, problems } = readOrganizations(org([{
      id: 11,
      savedQueries: [
        { name: ' Presence ', filters: { tracking_type: 'time_spent', start_from: '2023-05-10' } },
        { name: 'Streams and booths', filters: { tracking_type: ['streamlink', 'sponsor'], duration: 300 } },
        { name: 'Everything', filters: {} },
      ],
    }]), 'user');
    assert.deepEqual(problems, []);
    const [first, second] = organizations[0]!.events;
    assert.equal(first!.savedQueries, undefined);
    assert.deepEqual(second!.savedQueries, [
      { name: 'Presence', filters: { tracking_type: 'time_spent', start_from: '2023-05-10' } },
      { name: 'Streams and booths', filters: { tracking_type: ['streamlink', 'sponsor'], duration: '300' } },
      { name: 'Everything', filters: {} },
    ]);
  });

  test('each bad entry is named by its path and left out; the good ones and the event stay', () => {
    const { organizations, problems } = readOrganizations(org([{
      id: 11,
      savedQueries: [
        { name: 'Good', filters: { tracking_type: 'time_spent' } },
        { name: 'Bad date', filters: { start_from: 'next tuesday' } },
        { name: 'Unknown filter', filters: { colour: 'red' } },
        { name: '', filters: {} },
        { name: 'No filters' },
        'Presence',
        { name: 'Backwards', filters: { start_from: '2023-05-12', start_to: '2023-05-10' } },
        { name: 'good', filters: {} },
        { name: 'Nested', filters: { tracking_type: { a: 1 } } },
      ],
    }]), 'user');
    const at = 'brella.organizations[0].events[1].savedQueries';
    assert.deepEqual(problems, [
      `${at}[1].filters.start_from "next tuesday" is not a date; use YYYY-MM-DD or an ISO 8601 time with a zone, e.g. 2023-05-10T00:00:00.000Z`,
      `${at}[2].filters.colour "red" is not a slice filter; use one of tracking_type, start_from, start_to, end_from, end_to, trackable_type, duration, click_time, start_time, end_time`,
      `${at}[3].name must not be empty`,
      `${at}[4].filters must be an object of slice filters, e.g. { "tracking_type": "time_spent" }`,
      `${at}[5] must be an object like { "name": "Presence", "filters": { "tracking_type": "time_spent" } }`,
      `${at}[6].filters.start_from "2023-05-12T00:00:00.000Z" is after start_to "2023-05-10T00:00:00.000Z"; start_from must be on or before start_to`,
      `${at}[7].name "good" is used twice in this event; the first one is used`,
      `${at}[8].filters.tracking_type must be text or a list of text`,
    ]);
    assert.deepEqual(organizations[0]!.events[1]!.savedQueries, [{ name: 'Good', filters: { tracking_type: 'time_spent' } }]);
  });

  test('savedQueries that is not a list is reported, and the event is kept', () => {
    const { organizations, problems } = readOrganizations(org([{ id: 11, savedQueries: { name: 'x' } }]), 'workspace', 'brella.organizations (workspace)');
    assert.deepEqual(problems, ['brella.organizations (workspace)[0].events[1].savedQueries must be a list of saved queries']);
    assert.equal(organizations[0]!.events.length, 2);
  });

  test('checkSavedQuery: names too long or with control characters, empty values dropped', () => {
    assert.deepEqual(checkSavedQuery({ name: 'x'.repeat(81), filters: {} }, 'q'), { problems: ['q.name must be at most 80 characters'] });
    assert.deepEqual(checkSavedQuery({ name: 'a\u0007b', filters: {} }, 'q'), { problems: ['q.name must not contain control characters'] });
    assert.deepEqual(checkSavedQuery({ name: 'ok', filters: { start_from: '  ', tracking_type: [] } }, 'q'), { query: { name: 'ok', filters: {} } });
  });

  test('readSavedQueries: absent is none', () => {
    const problems: string[] = [];
    assert.deepEqual(readSavedQueries(undefined, 'p', problems), []);
    assert.deepEqual(readSavedQueries(null, 'p', problems), []);
    assert.deepEqual(problems, []);
  });
});

describe('saved queries in the manifest', () => {
  const events = pkg.contributes.configuration.properties['brella.organizations'].items.properties.events.items.properties as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  test('the settings schema names exactly the ten slice filters', () => {
    const filters = events.savedQueries.items.properties.filters;
    assert.equal(filters.additionalProperties, false);
    assert.deepEqual(Object.keys(filters.properties).sort(), SLICE_FILTER_FIELDS.map((f) => f.name).sort());
    assert.deepEqual(events.savedQueries.items.required, ['name', 'filters']);
  });

  test('Run Saved Query… on saved query items; Save Query… (which needs its arguments) not in the palette', () => {
    const menus = pkg.contributes.menus as Record<string, Array<{ command: string; when?: string }>>;
    const onItems = menus['view/item/context']!.filter((m) => m.command === 'brella.runSavedQuery');
    assert.ok(onItems.length >= 1 && onItems.every((m) => m.when?.includes('viewItem =~ /^savedQuery/')));
    assert.ok(menus.commandPalette!.some((m) => m.command === 'brella.saveQuery' && m.when === 'false'));
  });
});
