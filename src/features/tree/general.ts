/** brella.refresh, brella.openDemo, brella.showLog and the tree's internal brella.retry. */
import * as vscode from 'vscode';
import type { TreeNode } from '../../explorer/nodes';
import { register, type CommandContext } from '../kit/commands';

export function registerGeneralCommands(ctx: CommandContext, openDemo: () => Promise<void>): void {
  register(ctx, 'brella.refresh', (node) => {
    ctx.brella.refresh(!node);
    ctx.tree.refresh(node);
  });
  register(ctx, 'brella.retry', (node?: TreeNode) => {
    ctx.brella.refresh();
    ctx.tree.refresh(node?.kind === 'message' ? node.retry : undefined);
  });
  register(ctx, 'brella.showLog', () => ctx.log.show());
  register(ctx, 'brella.openDemo', async () => {
    await vscode.window.withProgress({ location: { viewId: 'brella.events' }, title: vscode.l10n.t('Starting the demo organization…') }, () => openDemo());
  });
}
