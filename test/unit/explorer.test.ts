import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { childrenOf, nodeId, type TreeNode, type TreeSource } from '../../src/explorer/nodes';
import { escapeMarkdown, notificationText } from '../../src/explorer/markup';
import { tooltipMarkdown } from '../../src/explorer/tooltips';
import { readOrganizations } from '../../src/config/organizations';
import type { BrellaAttendee } from '../../src/model/types';

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

describe('attendees from Brella get unique tree ids', () => {
  function sourceWith(list: BrellaAttendee[]) {
    const warnings: string[] = [];
    const { source } = fakeSource({ attendees: list });
    return { source: { ...source, warn: (m: string) => warnings.push(m) }, warnings };
  }
  async function allAttendees(source: TreeSource) {
    const [org] = await childrenOf(undefined, source);
    const [event] = await childrenOf(org, source);
    return childrenOf((await childrenOf(event, source))[2], source);
  }

  test('an attendee listed twice (e.g. on two pages) is shown once, and the duplicate is logged once', async () => {
    const { source, warnings } = sourceWith([attendee('5', 'Jane Doe', null), attendee('8', 'Bo Li', null), attendee('5', 'Jane Doe', null)]);
    const children = await allAttendees(source);
    assert.deepEqual(labels(children), ['brella 5 Jane Doe', 'brella 8 Bo Li']);
    const ids = children.map(nodeId);
    assert.equal(new Set(ids).size, ids.length);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /attendee "5" \(Jane Doe\) is listed more than once/);
    await allAttendees(source);
    assert.equal(warnings.length, 1, 'the same cached list is not logged again on the next expand');
    const [org] = await childrenOf(undefined, source);
    const [event] = await childrenOf(org, source);
    assert.deepEqual(labels(await childrenOf(event, source)).at(-1), 'all (2)', '"All attendees" counts each attendee once');
  });

  test('ids that are not numbers get ids of their own, never a shared "NaN", and are logged', async () => {
    const { source, warnings } = sourceWith([attendee('abc', 'Ann', null), attendee('x-1', 'Ben', null), attendee('1e3', 'Cy', null), attendee('1000', 'Di', null), attendee('007', 'Ed', null), attendee('7', 'Flo', null)]);
    const children = await allAttendees(source);
    const ids = children.map(nodeId);
    assert.equal(ids.length, 6, 'nobody is dropped');
    assert.equal(new Set(ids).size, 6, ids.join(' '));
    assert.ok(!ids.some((id) => id.includes('NaN')));
    assert.deepEqual(labels(children.filter((c) => c.kind === 'attendee')), ['brella 1000 Di', 'brella 7 Flo']);
    const message = children.find((c) => c.kind === 'message' && c.text.startsWith('Ann'));
    assert.equal(message?.kind === 'message' && message.text, 'Ann (id "abc" is not a number; slices cannot be queried)');
    assert.equal(warnings.length, 1);
    for (const id of ['"abc"', '"x-1"', '"1e3"', '"007"']) assert.ok(warnings[0].includes(id), id);
  });
});

describe('tooltips show what registrants typed as text, never as Markdown', () => {
  const md = new (createRequire(__filename)('markdown-it'))({ html: true, linkify: true }) as { render(s: string): string; renderInline(s: string): string };
  const hostile = [
    '![tracker](https://evil.example/pixel.png)',
    '[Click me](command:workbench.action.terminal.new)',
    '<img src="https://evil.example/x.png">',
    'Jane *bold* _it_ `code` # ~~x~~ https://evil.example/autolink www.evil.example',
    '1. list\n> quote\n---\n$(zap) <b>html</b> &amp; \\ backslash',
  ];

  test('escapeMarkdown renders as the same text, with no link, image, HTML or emphasis', () => {
    for (const text of hostile) {
      const html = md.render(escapeMarkdown(text));
      assert.doesNotMatch(html, /<(img|a|b|em|strong|code|h\d|ol|ul|blockquote|hr|del|s)\b/, html);
      const shown = html.replace(/<\/?p>/g, '').trim().replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
      assert.equal(shown, text.replace(/\n/g, ' '));
    }
  });

  test('the tooltip of an attendee escapes name and email, and keeps its own formatting', async () => {
    for (const text of hostile) {
      const { source } = fakeSource({ attendees: [attendee('5', text, text)] });
      const [org] = await childrenOf(undefined, source);
      const [event] = await childrenOf(org, source);
      const [node] = await childrenOf((await childrenOf(event, source))[2], source);
      const html = md.render(tooltipMarkdown(node)!);
      assert.doesNotMatch(html, /<(img|a|em|h\d|ol|ul|blockquote|hr|del|s)\b|<code>(?!\d+<\/code>)/, html);
      assert.match(html, /<strong>/, 'the name is bold');
    }
  });

  test('organization and event names from settings are escaped in their tooltips too', async () => {
    const { organizations } = readOrganizations([{ id: 1, name: '![x](https://evil.example/o.png)', events: [{ id: 2, name: '<img src=https://evil.example/e.png>' }] }], 'workspace');
    const org: TreeNode = { kind: 'organization', org: organizations[0], hasKey: true };
    const event: TreeNode = { kind: 'event', org: organizations[0], event: organizations[0].events[0] };
    for (const node of [org, event]) assert.doesNotMatch(md.render(tooltipMarkdown(node)!), /<img|<a\b/);
  });
});

describe('notification text', () => {
  // The pattern VS Code turns into links in notifications (src/vs/base/common/linkedText.ts).
  const LINK = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;

  test('server text cannot become a link or a command link', () => {
    const details = [
      'Brella refused the request (422): [Open settings](command:workbench.action.openSettings)',
      '[a](https://evil.example) [b](file:///etc/passwd "t") [[c]](command:x)',
    ];
    for (const text of details) {
      assert.ok(text.match(LINK), 'the raw text would render links');
      const safe = notificationText(text);
      assert.equal(safe.match(LINK), null, safe);
      assert.equal(safe.replace(/\] \(/g, ']('), text, 'only the joint changes; the words stay');
    }
  });
});
