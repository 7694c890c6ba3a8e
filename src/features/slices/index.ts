/** The slices feature: its panels (restored after a reload) and its commands, wired from one call. */
import * as vscode from 'vscode';
import { VIEW_TYPE } from '../../protocol/slices';
import type { CommandContext } from '../kit/commands';
import { registerSliceCommands } from './commands';
import { RunHistory } from './history';
import { SlicesPanels } from './panel';
import { registerRecentQueryCommand } from './recent-query';
import { registerSavedQueryCommands } from './saved-queries';

export interface SlicesFeatureDeps {
  organizationNode(orgId: number): unknown;
  openDemo(): Promise<void>;
}

export function registerSlicesFeature(ctx: CommandContext, deps: SlicesFeatureDeps): SlicesPanels {
  const { extension: context, brella, log } = ctx;
  const panels = new SlicesPanels({ extensionUri: context.extensionUri, brella, log, ...deps, history: new RunHistory(context.globalState) });
  context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, panels));
  registerSliceCommands(ctx, panels);
  registerSavedQueryCommands(ctx, panels);
  registerRecentQueryCommand(ctx, panels);
  return panels;
}
