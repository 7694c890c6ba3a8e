/**
 * The slices feature's code, wired: its panels and its commands' code. A bundle of its own (dist/slices.js,
 * esbuild.js), which index.ts loads when the feature is first used.
 */
import type { CommandContext } from '../kit/commands';
import { registerSliceCommands } from './commands';
import { RunHistory } from './history';
import { SlicesPanels } from './panel';
import { registerRecentQueryCommand } from './recent-query';
import { registerSavedQueryCommands } from './saved-queries';
import type { SlicesFeatureDeps } from '.';

export function createSlicesFeature(ctx: CommandContext, deps: SlicesFeatureDeps): SlicesPanels {
  const { extension: context, brella, log } = ctx;
  const panels = new SlicesPanels({ extensionUri: context.extensionUri, brella, log, ...deps, history: new RunHistory(context.globalState) });
  registerSliceCommands(ctx, panels);
  registerSavedQueryCommands(ctx, panels);
  registerRecentQueryCommand(ctx, panels);
  return panels;
}
