import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { childrenOf, nodeId, type TreeNode, type TreeSource } from '../../src/explorer/nodes';
import { readOrganizations } from '../../src/config/organizations';
import type { BrellaAttendee } from '../../src/brella/types';

function attendee(id: string, name: string, email: string | null, companyName: string | null = null): BrellaAttendee {
  return { id, name, firstName: null, lastName: null, email, companyName, extra: {} };
}

function fakeSource(options: { keys?: number[]; attendees?: BrellaAttendee[] | Error } = {}) {
  const calls: string[] = [];
  const loaded = new Map<string, BrellaAttendee[]>();
  const { organizations } = readOrganizations([
    { id: 1001, name: 'Acme', events: [{ id: 7, name: 'Summit', start: '2023-05-10', end: '2023-05-14', attendees: [{ id: 5, name: 'Jane Doe' }, { id: 6 }] }] },
    { id: 2002 },
  ], 'user');
  const source: TreeSource = {
    organizations: () => organizations,
    hasKey: async (orgId) => (options.keys ?? [1001]).includes(orgId),
    attendees: async (org, event) => {
      calls.push(`${org.id}/${event.id}`);
      if (options.attendees instanceof Error) throw options.attendees;
      const list = options.attendees ?? [];
      loaded.set(`${org.id}/${event.id}`, list);
      return list;
    },
    cachedAttendees: (orgId, eventId) => loaded.get(`${orgId}/${eventId}`),
  };
  return { source, calls };
}

const labels = (nodes: TreeNode[]) => nodes.map((n) => {
  switch (n.kind) {
    case 'organization': return `org ${n.org.id}${n.hasKey ? '' : ' (no key)'}`;
    case 'event': return `event ${n.event.id}`;
    case 'attendee': return `${n.configured ? 'configured' : 'brella'} ${n.attendeeId} ${n.name}${n.detail ? ` <${n.detail}>` : ''}`;
    case 'allAttendees': return `all${n.count !== undefined ? ` (${n.count})` : ''}`;
    case 'message': return `${n.severity}: ${n.text}`;
  }
});

describe('the Events tree', () => {
  test('organizations come from settings, with and without keys', async () => {
    const { source } = fakeSource();
    assert.deepEqual(labels(await childrenOf(undefined, source)), ['org 1001', 'org 2002 (no key)']);
  });

  test('an organization without events says how to add one', async () => {
    const { source } = fakeSource();
    const [, empty] = await childrenOf(undefined, source);
    assert.deepEqual(labels(await childrenOf(empty, source)), ['info: No events yet: use "Add Event…" on this organization.']);
  });

  test('under an event: configured attendees first, then "All attendees", which loads from Brella with names and emails', async () => {
    const { source, calls } = fakeSource({ attendees: [attendee('5', 'Jane Doe', 'jane@acme.io'), attendee('8', 'Bo Li', null, 'Initech')] });
    const [org] = await childrenOf(undefined, source);
    const [event] = await childrenOf(org, source);
    const eventChildren = await childrenOf(event, source);
    assert.deepEqual(labels(eventChildren), ['configured 5 Jane Doe', 'configured 6 Attendee 6', 'all']);
    assert.deepEqual(calls, [], 'nothing is requested before "All attendees" is expanded');
    const all = eventChildren[2];
    assert.deepEqual(labels(await childrenOf(all, source)), ['brella 5 Jane Doe <jane@acme.io>', 'brella 8 Bo Li <Initech>']);
    assert.deepEqual(labels(await childrenOf(event, source)), ['configured 5 Jane Doe <jane@acme.io>', 'configured 6 Attendee 6', 'all (2)']);
  });

  test('a failure becomes an error item with retry, and a 403 offers to set the key', async () => {
    const denied = Object.assign(new Error('Brella refused the API key for organization 1001: it is wrong, revoked, or its owner is not an org admin.'), { status: 403 });
    const { source } = fakeSource({ attendees: denied });
    const [org] = await childrenOf(undefined, source);
    const [event] = await childrenOf(org, source);
    const all = (await childrenOf(event, source))[2];
    const [error] = await childrenOf(all, source);
    assert.equal(error.kind, 'message');
    if (error.kind !== 'message') return;
    assert.equal(error.severity, 'error');
    assert.match(error.text, /refused the API key/);
    assert.equal(error.retry, all);
    assert.equal(error.action?.command, 'brella.setApiKey');
  });

  test('an organization without a key offers "Set API Key" instead of requesting', async () => {
    const { source, calls } = fakeSource({ keys: [] });
    const [org] = await childrenOf(undefined, source);
    const [event] = await childrenOf(org, source);
    const all = (await childrenOf(event, source))[2];
    const [message] = await childrenOf(all, source);
    assert.deepEqual(labels([message]), ['error: Organization 1001 has no API key.']);
    assert.equal(message.kind === 'message' && message.action?.command, 'brella.setApiKey');
    assert.deepEqual(calls, []);
  });

  test('node ids are unique and stable', async () => {
    const { source } = fakeSource({ attendees: [attendee('5', 'Jane Doe', null)] });
    const [org] = await childrenOf(undefined, source);
    const [event] = await childrenOf(org, source);
    const children = await childrenOf(event, source);
    const all = await childrenOf(children[2], source);
    const ids = [org, event, ...children, ...all].map(nodeId);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(nodeId(org), 'org:1001');
  });
});
