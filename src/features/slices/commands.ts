/** brella.querySlices: opens the slices panel of an attendee (from the tree, or chosen with quick picks). */
import { pickText } from '../../explorer/markup';
import { eventLabel, type TreeNode } from '../../explorer/nodes';
import type { PanelTarget } from '../../protocol/slices';
import type { SlicesPanels } from './panel';
import { register, type CommandContext } from '../kit/commands';
import { pickEvent } from '../kit/pick';
import { searchPick } from '../kit/search-pick';

export function registerSliceCommands(ctx: CommandContext, panels: SlicesPanels): void {
  register(ctx, 'brella.querySlices', async (node?: TreeNode) => {
    const target = node?.kind === 'attendee' ? targetOf(node) : await pickAttendee(ctx, node);
    if (target) panels.show(target);
  });
}

function targetOf(node: Extract<TreeNode, { kind: 'attendee' }>): PanelTarget {
  return {
    organizationId: node.org.id,
    eventId: node.event.id,
    attendeeId: node.attendeeId,
    attendeeName: node.name,
    eventName: eventLabel(node.event),
    ...(node.event.start ? { eventStart: node.event.start } : {}),
    ...(node.event.end ? { eventEnd: node.event.end } : {}),
    ...(node.org.scope === 'demo' ? { demo: true } : {}),
  };
}

async function pickAttendee(ctx: CommandContext, node: TreeNode | undefined): Promise<PanelTarget | undefined> {
  const eventNode = await pickEvent(ctx, node, { includeDemo: true });
  if (!eventNode) return undefined;
  const { org, event } = eventNode;
  const configured = event.attendees.map((a) => ({ id: a.id, name: a.name ?? `Attendee ${a.id}`, label: pickText(a.name ?? `Attendee ${a.id}`), description: 'in the tree', detail: pickText(`id ${a.id}`) }));
  const chosen = await searchPick({
    title: `Brella: whose tracking slices? (${eventLabel(event)})`,
    placeholder: 'Search attendees by name, email or company, or type an attendee id',
    existing: new Set(),
    load: async () => {
      const all = await ctx.brella.attendees(org, event).catch(() => []);
      const listed = new Set(configured.map((c) => c.id));
      return [...configured, ...all.filter((a) => !listed.has(Number(a.id))).map((a) => ({
        id: Number(a.id), name: a.name, label: pickText(a.name), description: pickText(a.email ?? ''), detail: pickText([a.companyName, `id ${a.id}`].filter(Boolean).join(' · ')),
      }))];
    },
  });
  if (!chosen) return undefined;
  return targetOf({ kind: 'attendee', org, event, attendeeId: chosen.id, name: chosen.name ?? `Attendee ${chosen.id}`, configured: false });
}
