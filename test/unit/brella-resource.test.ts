import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rawPage } from '../../src/brella/paging';
import { ResourceFinder } from '../../src/brella/resource';

const slice = (id: string, trackable: { type: string; id: string } | null, session = '9') => ({
  type: 'tracking-session-slice', id, attributes: { 'tracking-type': 'sponsor', 'start-time': '2023-05-10T08:00:00Z', 'custom-field': id },
  relationships: { trackable: { data: trackable }, 'tracking-session': { data: { type: 'tracking-session', id: session } }, tags: { data: [{ type: 'tag', id: 't1' }] } },
});
const page = (n: number, body: unknown) => rawPage(n, `https://api.example/p${n}`, 200, JSON.stringify(body));

test('finds a slice in any page, with the included resources its relationships name and the to-one names', () => {
  const pages = [
    page(1, { data: [slice('1', { type: 'sponsor', id: '5' })], included: [{ type: 'sponsor', id: '5', attributes: { name: 'Acme booth' } }] }),
    page(2, { data: [slice('2', { type: 'sponsor', id: '6' }), slice('3', null)], included: [{ type: 'tag', id: 't1', attributes: { title: 'VIP' } }] }),
    page(3, { data: [], included: [{ type: 'sponsor', id: '6', attributes: { 'display-name': 'Beta booth' } }, { type: 'tracking-session', id: '9', attributes: {} }] }),
  ];
  const finder = new ResourceFinder(pages);
  const one = finder.find('1')!;
  assert.deepEqual(one.resource, slice('1', { type: 'sponsor', id: '5' }));
  assert.deepEqual(one.names, { trackable: 'Acme booth' }, 'to-many names (tags) are not given as a relationship name');
  assert.deepEqual(one.related.map((r) => (r as { id: string }).id), ['5', '9', 't1'], 'from this page and the others');
  const two = finder.find('2')!;
  assert.deepEqual(two.names, { trackable: 'Beta booth' }, 'a resource included only on a later page');
  const three = finder.find('3')!;
  assert.equal(three.names.trackable, undefined);
  assert.equal(finder.find('404'), undefined);
});

test('a bare array body and pages without included work; a later copy of an included resource wins', () => {
  const finder = new ResourceFinder([
    page(1, [slice('7', { type: 'stream', id: '1' })]),
    page(2, { data: [], included: [{ type: 'stream', id: '1', attributes: { name: 'Old' } }] }),
    page(3, { data: [], included: [{ type: 'stream', id: '1', attributes: { name: 'Main stage' } }] }),
    rawPage(4, 'https://api.example/p4', 204, undefined),
  ]);
  assert.deepEqual(finder.find('7')!.names, { trackable: 'Main stage' });
});
