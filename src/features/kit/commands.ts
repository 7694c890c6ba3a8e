/** What every command needs, built once in activate(). */
import * as vscode from 'vscode';
import type { ApiKeyStore } from '../../config/keys';
import type { ConfiguredOrganization } from '../../config/organizations';
import { notificationText } from '../../explorer/markup';
import type { TreeNode } from '../../explorer/nodes';
import type { BrellaService } from '../../services/brella';
import type { DemoOrganization } from '../../services/demo';

export interface CommandContext {
  extension: vscode.ExtensionContext;
  log: vscode.LogOutputChannel;
  keys: ApiKeyStore;
  brella: BrellaService;
  demo: DemoOrganization;
  /** The Events tree: redraws a node, or all of it. */
  tree: { refresh(node?: TreeNode): void };
  /** Every organization the tree shows (settings and the demo one). */
  organizations(): ConfiguredOrganization[];
  /** Re-reads settings and redraws the tree. */
  reload(): void;
}

export function register(ctx: CommandContext, id: string, run: (node?: TreeNode, ...rest: unknown[]) => unknown): void {
  ctx.extension.subscriptions.push(
    vscode.commands.registerCommand(id, async (node?: TreeNode, ...rest: unknown[]) => {
      try {
        await run(node, ...rest);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        ctx.log.error(`${id}: ${message}`);
        const showLog = vscode.l10n.t('Show Log');
        const choice = await vscode.window.showErrorMessage(notificationText(message), showLog);
        if (choice === showLog) ctx.log.show();
      }
    }),
  );
}
