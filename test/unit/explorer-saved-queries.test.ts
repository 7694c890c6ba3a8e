import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readOrganizations } from '../../src/config/organizations';
import { removeSavedQuery, upsertSavedQuery } from '../../src/config/saved-queries';
import { childrenOf, nodeId, savedQuerySummary, type TreeSource } from '../../src/explorer/nodes';
import { pickText } from '../../src/explorer/markup';

function source(organizations: unknown[]): TreeSource {
  const { organizations: orgs, problems } = readOrganizations(organizations, 'workspace');
  assert.deepEqual(problems, []);
  return { organizations: () => orgs, hasKey: async () => true, attendees: async () => [], cachedAttendees: () => undefined };
}

describe('saved queries in the tree', () => {
  const settings = [{
    id: 1001,
    events: [{
      id: 7, name: 'Summit', attendees: [{ id: 5, name: 'Jane' }],
      savedQueries: [
        { name: 'Presence', filters: { tracking_type: 'time_spent', start_from: '2023-05-10' } },
        { name: 'presence / day 2', filters: { tracking_type: ['time_spent', 'sponsor'] } },
        { name: 'All', filters: {} },
      ],
    }, { id: 8 }],
  }];

  test('each saved query is a child of its event, after its attendees and before "All attendees"', async () => {
    const tree = source(settings);
    const [org] = await childrenOf(undefined, tree);
    const [summit, other] = await childrenOf(org, tree);
    const children = await childrenOf(summit, tree);
    assert.deepEqual(children.map((n) => (n.kind === 'savedQuery' ? `query ${n.query.name}` : n.kind)), [
      'attendee', 'query Presence', 'query presence / day 2', 'query All', 'allAttendees',
    ]);
    assert.deepEqual((await childrenOf(other, tree)).map((n) => n.kind), ['allAttendees']);
    const ids = children.map(nodeId);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(ids[2], 'org:1001/event:7/query:presence%20%2F%20day%202');
    const query = children[1]!;
    assert.equal(query.kind, 'savedQuery');
    assert.equal(await childrenOf(query, tree).then((c) => c.length), 0);
  });

  test('the summary names every filter, or says there is none', () => {
    assert.equal(savedQuerySummary({ name: 'x', filters: { tracking_type: ['time_spent', 'sponsor'], start_from: '2023-05-10' } }), 'tracking_type time_spent,sponsor · start_from 2023-05-10');
    assert.equal(savedQuerySummary({ name: 'x', filters: {} }), 'no filters');
  });

  test('saving writes into the raw setting: same name (any case) replaced, unknown entries kept, unknown event refused', () => {
    const raw = structuredClone(settings) as Array<Record<string, unknown>>;
    (raw[0]!.events as Array<Record<string, unknown>>)[0]!.savedQueries = [{ name: 'Presence', filters: {} }, { weird: true }];
    upsertSavedQuery(raw, 1001, 7, { name: 'PRESENCE', filters: { tracking_type: 'sponsor' } });
    upsertSavedQuery(raw, 1001, 8, { name: 'New', filters: {} });
    const events = raw[0]!.events as Array<Record<string, unknown>>;
    assert.deepEqual(events[0]!.savedQueries, [{ name: 'PRESENCE', filters: { tracking_type: 'sponsor' } }, { weird: true }]);
    assert.deepEqual(events[1]!.savedQueries, [{ name: 'New', filters: {} }]);
    assert.throws(() => upsertSavedQuery(raw, 1001, 9, { name: 'x', filters: {} }), /Event 9 of organization 1001 is not in these settings/);
    removeSavedQuery(raw, 1001, 7, 'presence');
    assert.deepEqual(events[0]!.savedQueries, [{ weird: true }]);
  });

  test('quick pick text keeps $(icon) syntax from settings as written', () => {
    assert.equal(pickText('$(warning) Urgent $(x)'), '\\$(warning) Urgent \\$(x)');
    assert.equal(pickText('Costs $5 (net)'), 'Costs $5 (net)');
  });
});
