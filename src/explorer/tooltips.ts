/**
 * The tree's hover texts as Markdown source. Every name, email and company (typed by registrants, or by whoever
 * wrote the settings) is escaped, so a hover shows it as text: no link, image or HTML from it. No `vscode` import.
 */
import { organizationLabel } from '../config/organizations';
import { escapeMarkdown } from './markup';
import { eventLabel, scopeLabel, type TreeNode } from './nodes';

/** Markdown for the node's tooltip, or undefined for nodes whose tooltip is plain text. */
export function tooltipMarkdown(node: TreeNode): string | undefined {
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
    default:
      return undefined;
  }
}
