/**
 * The slices feature: its panels (restored after a reload) and its commands, wired from one call. VS Code knows
 * them from activation on; their code (feature.ts, a bundle of its own) loads when one of them is first used.
 */
import * as vscode from 'vscode';
import type { PanelTarget } from '../../protocol/slices';
import { registerAhead, type CommandContext } from '../kit/commands';
import type { SlicesPanel, SlicesPanels } from './panel';

export interface SlicesFeatureDeps {
  organizationNode(orgId: number): unknown;
  openDemo(): Promise<void>;
}

/** The slices panels, as the rest of the extension sees them: their code loads only when a panel is shown. */
export interface SlicesFeature {
  show(target: PanelTarget): SlicesPanel;
  timeZoneChanged(): void;
  active(): SlicesPanel | undefined;
}

/** protocol/slices.ts's VIEW_TYPE (the type says so), not imported from there: its schemas stay out of activation. */
const VIEW_TYPE: typeof import('../../protocol/slices').VIEW_TYPE = 'brella.slices';

/**
 * The commands feature.ts registers (commands.ts, saved-queries.ts, recent-query.ts), all of them: one missing here
 * would be registered only once the feature has loaded (test/unit/bundles.test.ts checks that activation registers
 * every command of the manifest).
 */
const COMMANDS = ['brella.querySlices', 'brella.runSavedQuery', 'brella.saveQuery', 'brella.removeSavedQuery', 'brella.openRecentQuery'];

export function registerSlicesFeature(ctx: CommandContext, deps: SlicesFeatureDeps): SlicesFeature {
  let panels: SlicesPanels | undefined;
  const load = (): SlicesPanels => {
    // The build keeps ./feature out of dist/extension.js: this require() reads dist/slices.js, beside it (esbuild.js).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    panels ??= (require('./feature') as typeof import('./feature')).createSlicesFeature(ctx, deps);
    return panels;
  };
  ctx.extension.subscriptions.push(vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
    deserializeWebviewPanel: (panel, state) => load().deserializeWebviewPanel(panel, state),
  }));
  registerAhead(ctx, COMMANDS, load);
  return {
    show: (target) => load().show(target),
    // No panel is open before the feature has loaded.
    timeZoneChanged: () => panels?.timeZoneChanged(),
    active: () => panels?.active(),
  };
}
