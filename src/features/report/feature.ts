/**
 * The event report feature's code, wired: its panels, their file store and its command's code. A bundle of its own
 * (dist/report.js, esbuild.js), which index.ts loads when the feature is first used.
 */
import * as vscode from 'vscode';
import type { CommandContext } from '../kit/commands';
import { registerReportCommands } from './commands';
import { ReportPanels } from './panel';
import { FileReportStore } from './store';
import type { ReportFeatureDeps } from '.';

export function createReportFeature(ctx: CommandContext, deps: ReportFeatureDeps): ReportPanels {
  const { extension: context, brella, log } = ctx;
  const reports = new ReportPanels({
    extensionUri: context.extensionUri,
    brella,
    // Finished report rows live in the extension's own storage, never with the key.
    store: new FileReportStore(vscode.Uri.joinPath(context.globalStorageUri, 'reports').fsPath),
    log,
    ...deps,
  });
  registerReportCommands(ctx, reports);
  return reports;
}
