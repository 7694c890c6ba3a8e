/**
 * The event report feature: its panels (restored after a reload), their file store and its commands, wired from one
 * call. VS Code knows them from activation on; their code (feature.ts, a bundle of its own) loads when one of them
 * is first used.
 */
import * as vscode from 'vscode';
import type { PanelTarget } from '../../protocol/slices';
import { registerAhead, type CommandContext } from '../kit/commands';
import type { ReportPanel, ReportPanels } from './panel';

export interface ReportFeatureDeps {
  organizationNode(orgId: number): unknown;
  openDemo(): Promise<void>;
  /** Opens an attendee's slices panel with its form filled with these filters (the slices feature's). */
  openSlices(target: PanelTarget, filters: Record<string, unknown>): void;
}

/** The report panels, as the rest of the extension sees them: their code loads only when a panel is shown. */
export interface ReportFeature {
  /** Stops every run under way and waits until their finished rows are saved (the extension is deactivating). */
  stopAll(): Promise<void>;
  timeZoneChanged(): void;
  active(): ReportPanel | undefined;
}

/** protocol/report.ts's REPORT_VIEW_TYPE (the type says so), not imported from there: its schemas stay out of activation. */
const VIEW_TYPE: typeof import('../../protocol/report').REPORT_VIEW_TYPE = 'brella.report';

/**
 * The commands feature.ts registers (commands.ts), all of them: one missing here would be registered only once
 * the feature has loaded (test/unit/bundles.test.ts checks that activation registers every command of the manifest).
 */
const COMMANDS = ['brella.eventReport'];

export function registerReportFeature(ctx: CommandContext, deps: ReportFeatureDeps): ReportFeature {
  let reports: ReportPanels | undefined;
  const load = (): ReportPanels => {
    // The build keeps ./feature out of dist/extension.js: this require() reads dist/report.js, beside it (esbuild.js).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    reports ??= (require('./feature') as typeof import('./feature')).createReportFeature(ctx, deps);
    return reports;
  };
  ctx.extension.subscriptions.push(vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
    deserializeWebviewPanel: (panel, state) => load().deserializeWebviewPanel(panel, state),
  }));
  registerAhead(ctx, COMMANDS, load);
  return {
    // No panel is open before the feature has loaded: nothing to stop, nothing to tell.
    stopAll: async () => reports?.stopAll(),
    timeZoneChanged: () => reports?.timeZoneChanged(),
    active: () => reports?.active(),
  };
}
