/** brella.querySlices: opens the slices panel of an attendee (from the tree, or chosen with quick picks). */
import * as vscode from 'vscode';
import { eventLabel, type TreeNode } from '../../explorer/nodes';
import type { PanelTarget } from '../../protocol/slices';
import type { SlicesPanels } from './panel';
import { register, type CommandContext } from '../kit/commands';
import { pickEvent } from '../kit/pick';
import { attendeeTarget, pickAttendee } from '../kit/attendee-pick';

export function registerSliceCommands(ctx: CommandContext, panels: SlicesPanels): void {
  register(ctx, 'brella.querySlices', async (node?: TreeNode) => {
    const target = node?.kind === 'attendee' ? attendeeTarget(node.org, node.event, node.attendeeId, node.name) : await pickFromPalette(ctx, node);
    if (target) panels.show(target);
  });
}

async function pickFromPalette(ctx: CommandContext, node: TreeNode | undefined): Promise<PanelTarget | undefined> {
  const eventNode = await pickEvent(ctx, node, { includeDemo: true });
  if (!eventNode) return undefined;
  return pickAttendee(ctx, eventNode.org, eventNode.event, vscode.l10n.t('Brella: whose tracking slices? ({0})', eventLabel(eventNode.event)));
}
