/** The event report feature: its panels (restored after a reload), their file store and its commands, wired from one call. */
import * as vscode from 'vscode';
import { REPORT_VIEW_TYPE } from '../../protocol/report';
import type { PanelTarget } from '../../protocol/slices';
import type { CommandContext } from '../kit/commands';
import { registerReportCommands } from './commands';
import { ReportPanels } from './panel';
import { FileReportStore } from './store';

export interface ReportFeatureDeps {
  organizationNode(orgId: number): unknown;
  openDemo(): Promise<void>;
  /** Opens an attendee's slices panel with its form filled with these filters (the slices feature's). */
  openSlices(target: PanelTarget, filters: Record<string, unknown>): void;
}

export function registerReportFeature(ctx: CommandContext, deps: ReportFeatureDeps): ReportPanels {
  const { extension: context, brella, log } = ctx;
  const reports = new ReportPanels({
    extensionUri: context.extensionUri,
    brella,
    // Finished report rows live in the extension's own storage, never with the key.
    store: new FileReportStore(vscode.Uri.joinPath(context.globalStorageUri, 'reports').fsPath),
    log,
    ...deps,
  });
  context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, reports));
  registerReportCommands(ctx, reports);
  return reports;
}
