import { loadStarted } from './load-time';
import * as vscode from 'vscode';
import { ApiKeyStore } from './config/keys';
import { touchesConnection } from './config/client-options';
import { readClientSettings, readLargeAttendeeSlices, SECTION } from './config/settings';
import { BrellaService } from './services/brella';
import { DemoOrganization } from './services/demo';
import { RunHistory } from './features/slices/history';
import { registerGeneralCommands } from './features/tree/general';
import { registerKeyCommands } from './features/tree/keys';
import { registerOrganizationCommands } from './features/tree/organizations';
import { registerReportCommands } from './features/report/commands';
import { registerSavedQueryCommands } from './features/slices/saved-queries';
import { registerSliceCommands } from './features/slices/commands';
import type { CommandContext } from './features/kit/commands';
import { EventsTreeProvider } from './features/tree/events-tree';
import { OrganizationsState } from './features/tree/organizations-state';
import { SlicesPanels } from './features/slices/panel';
import { ReportPanels } from './features/report/panel';
import { FileReportStore } from './features/report/store';
import { VIEW_TYPE } from './protocol/slices';
import { REPORT_VIEW_TYPE } from './protocol/report';
import type { OrganizationNode } from './explorer/nodes';

let disposeServices: (() => Promise<void>) | undefined;

/** Builds the services and hands them to the VS Code adapters; nothing else lives here. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Brella', { log: true });
  const keys = new ApiKeyStore(context.secrets);
  const demo = new DemoOrganization();
  const brella = new BrellaService(keys, readClientSettings, log);
  const state = new OrganizationsState(demo, log);
  const tree = new EventsTreeProvider({
    organizations: () => state.all(),
    hasKey: (orgId) => keys.has(orgId),
    attendees: (org, event) => brella.attendees(org, event),
    cachedAttendees: (orgId, eventId) => brella.cachedAttendees(orgId, eventId),
    warn: (message) => log.warn(message),
  });
  const reload = (): void => {
    state.reload();
    tree.refresh();
  };
  const ctx: CommandContext = { extension: context, log, keys, brella, demo, tree, organizations: () => state.all(), reload };

  const openDemo = async (reveal = true): Promise<void> => {
    const largeAttendeeSlices = readLargeAttendeeSlices();
    const { organization, baseUrl, apiKey } = await demo.open({ largeAttendeeSlices });
    keys.setSessionKey(organization.id, apiKey);
    brella.setBaseUrlOverride(organization.id, baseUrl);
    log.info(`Demo organization ${organization.id} is served by the local Brella at ${baseUrl}`);
    reload();
    if (reveal) await vscode.commands.executeCommand('brella.events.focus');
  };

  context.subscriptions.push(
    log,
    vscode.window.createTreeView('brella.events', { treeDataProvider: tree, showCollapseAll: true }),
    keys.onDidChange(() => tree.refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION) || e.affectsConfiguration('http.proxy') || e.affectsConfiguration('http.proxyStrictSSL')) {
        // Only connection settings replace clients, and running work finishes on the old ones (timeZone never does).
        const replaced = touchesConnection((s) => e.affectsConfiguration(s)) && brella.settingsChanged();
        log.info(`Settings changed: ${replaced ? 'new connection settings; running work finishes on the old clients' : 'the clients are kept'}`);
        reload();
        if (e.affectsConfiguration('brella.timeZone')) {
          panels.timeZoneChanged();
          reports.timeZoneChanged();
        }
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      brella.settingsChanged();
      reload();
    }),
  );
  /** The tree node of an organization, for Set API Key from a panel. */
  const organizationNode = (orgId: number): OrganizationNode | undefined => {
    const org = state.all().find((o) => o.id === orgId);
    return org ? { kind: 'organization', org, hasKey: false } : undefined;
  };
  const panels = new SlicesPanels({
    extensionUri: context.extensionUri,
    brella,
    log,
    organizationNode,
    openDemo: () => openDemo(false),
    history: new RunHistory(context.globalState),
  });
  context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, panels));
  const reports = new ReportPanels({
    extensionUri: context.extensionUri,
    brella,
    // Finished report rows live in the extension's own storage, never with the key.
    store: new FileReportStore(vscode.Uri.joinPath(context.globalStorageUri, 'reports').fsPath),
    log,
    organizationNode,
    openDemo: () => openDemo(false),
    openSlices: (target, filters) => panels.show(target).prefill(filters),
  });
  context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, reports));
  registerGeneralCommands(ctx, openDemo);
  registerSliceCommands(ctx, panels);
  registerSavedQueryCommands(ctx, panels);
  registerReportCommands(ctx, reports);
  registerKeyCommands(ctx);
  registerOrganizationCommands(ctx);
  disposeServices = async () => {
    // Reports under way save their finished rows first, so Resume after a window reload asks only the rest.
    await reports.stopAll();
    await brella.dispose();
    await demo.close();
  };

  state.reload();
  log.info(`Brella Explorer ${context.extension.packageJSON.version as string} activated in ${Math.round(performance.now() - loadStarted)} ms`);
  if (vscode.workspace.getConfiguration(SECTION).get<boolean>('demo.openOnStartup')) {
    openDemo().catch((error: unknown) => log.error(`Could not open the demo organization: ${(error as Error).message}`));
  }
}

export async function deactivate(): Promise<void> {
  await disposeServices?.();
}
