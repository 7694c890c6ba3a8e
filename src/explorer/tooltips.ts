/**
 * The tree's hover texts as Markdown source, for every kind of node. Every name, email, company, saved query and
 * error text (typed by registrants, sent by Brella, or written in settings) is escaped with escapeMarkdown, so a
 * hover shows it as text: no link, image, icon or HTML from it. No `vscode` import.
 */
import { organizationLabel } from '../config/organizations';
import { escapeMarkdown } from './markup';
import { eventLabel, savedQuerySummary, scopeLabel, type TreeNode } from './nodes';

/** Markdown for the node's tooltip; only escaped text goes in, around our own formatting. */
export function tooltipMarkdown(node: TreeNode): string {
  const text = escapeMarkdown;
  const lines = (...parts: string[]): string => parts.filter(Boolean).join('\n\n');
  switch (node.kind) {
    case 'organization': {
      const { org } = node;
      return lines(`**${text(organizationLabel(org))}**`, `Organization id: \`${org.id}\``, `From ${scopeLabel(org.scope)}`,
        node.hasKey ? 'API key: stored in SecretStorage' : 'API key: none yet — use **Set API Key…**');
    }
    case 'event': {
      const { event } = node;
      return lines(`**${text(eventLabel(event))}**`, `Event id: \`${event.id}\``,
        event.start ? `Dates: ${text(event.start)}${event.end ? ` to ${text(event.end)}` : ''}` : 'Dates: not set',
        `Organization: ${text(organizationLabel(node.org))} (\`${node.org.id}\`)`);
    }
    case 'attendee':
      return lines(`**${text(node.name)}**`, node.detail ? text(node.detail) : '', `Attendee id: \`${node.attendeeId}\``,
        `Event: ${text(eventLabel(node.event))} (\`${node.event.id}\`)`);
    case 'savedQuery':
      return lines(`Saved query **${text(node.query.name)}** of ${text(eventLabel(node.event))}`, text(savedQuerySummary(node.query)),
        'Click to run it for an attendee.');
    case 'allAttendees':
      return `Every attendee of ${text(eventLabel(node.event))}, loaded from Brella when expanded and kept until Refresh.`;
    case 'message':
      return text(node.text);
  }
}
