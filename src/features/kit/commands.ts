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

type Run = (node?: TreeNode, ...rest: unknown[]) => unknown;

/** Per activation, the commands registered ahead of their code (registerAhead): id → its code, once loaded. */
const registeredAhead = new WeakMap<vscode.ExtensionContext, Map<string, Run | undefined>>();

export function register(ctx: CommandContext, id: string, run: Run): void {
  const ahead = registeredAhead.get(ctx.extension);
  if (ahead?.has(id)) {
    ahead.set(id, run);
    return;
  }
  ctx.extension.subscriptions.push(vscode.commands.registerCommand(id, runner(ctx, id, run)));
}

/**
 * Registers commands now whose code is loaded when one of them first runs (a feature whose code is a bundle of its
 * own, esbuild.js): VS Code knows every command from activation on. `load` loads the feature (once), whose own
 * register() calls then give each of these ids its code; a command runs it as register() would, failures included.
 */
export function registerAhead(ctx: CommandContext, ids: readonly string[], load: () => unknown): void {
  const slots = registeredAhead.get(ctx.extension) ?? new Map<string, Run | undefined>();
  registeredAhead.set(ctx.extension, slots);
  for (const id of ids) {
    slots.set(id, undefined);
    ctx.extension.subscriptions.push(vscode.commands.registerCommand(id, runner(ctx, id, (...args) => {
      if (!slots.get(id)) load();
      const run = slots.get(id);
      if (!run) throw new Error(`${id} was registered ahead, but its feature registers no code for it`);
      return run(...args);
    })));
  }
}

/** Runs a command's code; a failure is logged and shown, with Show Log. */
function runner(ctx: CommandContext, id: string, run: Run): (node?: TreeNode, ...rest: unknown[]) => Promise<void> {
  return async (node?: TreeNode, ...rest: unknown[]) => {
    try {
      await run(node, ...rest);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      ctx.log.error(`${id}: ${message}`);
      const showLog = vscode.l10n.t('Show Log');
      const choice = await vscode.window.showErrorMessage(notificationText(message), showLog);
      if (choice === showLog) ctx.log.show();
    }
  };
}
