/**
 * The escaping functions of src/explorer/markup.ts against what VS Code does with their output: hostile text from
 * a server or a settings file goes through each, and the surface's own parser (re-stated below from VS Code's
 * sources) finds no link and no icon in the result, and shows the text as it was written.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { escapeMarkdown, notificationText, pickText } from '../../src/explorer/markup';
import { tooltipMarkdown } from '../../src/explorer/tooltips';
import { readOrganizations } from '../../src/config/organizations';
import type { TreeNode } from '../../src/explorer/nodes';

const LINK_ATTACK = '[See report](command:workbench.action.quit)';
const ICON_ATTACK = '$(zap) name';
const hostile = [
  LINK_ATTACK,
  ICON_ATTACK,
  `Jane ${ICON_ATTACK} ${LINK_ATTACK} $(sync~spin) $(x)`,
  '[a](https://evil.example) [b](file:///etc/passwd "t") [[c]](command:x)',
  'already escaped \\$(zap), twice \\\\$(zap)',
  'Costs $5 (net) and $(not an icon)',
];

/** Notifications and input-box prompts: the links VS Code makes (src/vs/base/common/linkedText.ts). */
function links(text: string): string[] {
  return [...text.matchAll(/\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi)].map((m) => m[2]);
}

/**
 * Quick-pick items, prompts and the status bar: VS Code's renderLabelWithIcons (src/vs/base/browser/ui/iconLabel/
 * iconLabels.ts) with ThemeIcon's name and modifier expressions. Returns the icons drawn and the text shown.
 */
function renderLabelWithIcons(text: string): { icons: string[]; shown: string } {
  const icons: string[] = [];
  const shown = text.replace(/(\\)?\$\(([A-Za-z0-9-]+(?:~[A-Za-z]+)?)\)/g, (_match, escaped: string | undefined, name: string) => {
    if (escaped) return `$(${name})`;
    icons.push(name);
    return '';
  });
  return { icons, shown };
}

const md = new (createRequire(__filename)('markdown-it'))({ html: true, linkify: true }) as { render(s: string): string };
const unescapeHtml = (html: string): string => html.replace(/<\/?p>/g, '').trim().replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
/** A `$(` with no backslash before it: what a MarkdownString with theme icons would draw as an icon. */
const bareIcon = /(^|[^\\])\$\(/;

describe('the escaping functions', () => {
  test('the attacks are real: unescaped, VS Code would make a command link and an icon of them', () => {
    assert.deepEqual(links(LINK_ATTACK), ['command:workbench.action.quit']);
    assert.deepEqual(renderLabelWithIcons(ICON_ATTACK).icons, ['zap']);
    assert.match(md.render(LINK_ATTACK), /<a href="command:workbench\.action\.quit"/);
  });

  test('notificationText: no link forms; the words stay (notifications draw no icons, so $( stays too)', () => {
    for (const text of hostile) {
      const safe = notificationText(text);
      assert.deepEqual(links(safe), [], safe);
      assert.equal(safe.replace(/\] \(/g, ']('), text, 'only the joint of a link changes');
    }
    assert.equal(notificationText(LINK_ATTACK), '[See report] (command:workbench.action.quit)');
    assert.equal(notificationText(ICON_ATTACK), ICON_ATTACK);
  });

  test('pickText: no icon and no link forms, and the label shows the text as written', () => {
    for (const text of hostile) {
      const safe = pickText(text);
      const { icons, shown } = renderLabelWithIcons(safe);
      assert.deepEqual(icons, [], safe);
      assert.deepEqual(links(safe), [], safe);
      assert.equal(shown.replace(/\] \(/g, ']('), text, safe);
    }
    assert.equal(pickText(ICON_ATTACK), '\\$(zap) name');
    assert.equal(pickText(LINK_ATTACK), '[See report] (command:workbench.action.quit)');
    assert.equal(pickText('Costs $5 (net) and $(not an icon)'), 'Costs $5 (net) and $(not an icon)', 'no backslash where VS Code draws no icon');
  });

  test('escapeMarkdown: no link, HTML or icon forms, and the Markdown shows the text as written', () => {
    for (const text of hostile) {
      const safe = escapeMarkdown(text);
      const html = md.render(safe);
      assert.doesNotMatch(html, /<(a|img|em|strong|code)\b/, html);
      assert.doesNotMatch(safe, bareIcon, safe);
      assert.equal(unescapeHtml(html), text);
    }
  });

  test('tooltips of every tree node escape what others wrote', () => {
    const { organizations } = readOrganizations([{
      id: 1, name: LINK_ATTACK,
      events: [{ id: 2, name: ICON_ATTACK, attendees: [{ id: 3, name: LINK_ATTACK }], savedQueries: [{ name: ICON_ATTACK, filters: { tracking_type: 'time_spent' } }] }],
    }], 'workspace');
    const org = organizations[0];
    const event = org.events[0];
    const nodes: TreeNode[] = [
      { kind: 'organization', org, hasKey: true },
      { kind: 'event', org, event },
      { kind: 'attendee', org, event, attendeeId: 3, name: LINK_ATTACK, detail: ICON_ATTACK, configured: true },
      { kind: 'savedQuery', org, event, query: event.savedQueries![0] },
      { kind: 'allAttendees', org, event },
      { kind: 'message', id: 'm', severity: 'error', text: `Brella refused: ${LINK_ATTACK} ${ICON_ATTACK}` },
    ];
    for (const node of nodes) {
      const source = tooltipMarkdown(node);
      assert.doesNotMatch(md.render(source), /<a\b|<img\b/, `${node.kind}: ${source}`);
      assert.doesNotMatch(source, bareIcon, `${node.kind}: ${source}`);
    }
  });
});
