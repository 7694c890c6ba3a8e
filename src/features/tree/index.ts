/**
 * The Events tree feature: the organizations (settings and the demo one), the tree view, opening the demo
 * organization, and the tree's commands (organizations, keys, refresh, Show Log).
 */
import * as vscode from 'vscode';
import type { ApiKeyStore } from '../../config/keys';
import type { ConfiguredOrganization } from '../../config/organizations';
import { readLargeAttendeeSlices } from '../../config/settings';
import type { OrganizationNode } from '../../explorer/nodes';
import type { BrellaService } from '../../services/brella';
import type { DemoOrganization } from '../../services/demo';
import type { CommandContext } from '../kit/commands';
import { EventsTreeProvider } from './events-tree';
import { registerGeneralCommands } from './general';
import { registerKeyCommands } from './keys';
import { OrganizationsState } from './organizations-state';
import { registerOrganizationCommands } from './organizations';

export interface TreeServices {
  log: vscode.LogOutputChannel;
  keys: ApiKeyStore;
  demo: DemoOrganization;
  brella: BrellaService;
}

export interface TreeFeature {
  provider: EventsTreeProvider;
  organizations(): ConfiguredOrganization[];
  /** Re-reads settings and redraws the tree. */
  reload(): void;
  /** Starts the local Brella of the demo organization and shows it in the tree (revealed unless told not to). */
  openDemo(reveal?: boolean): Promise<void>;
  /** The tree node of an organization, for Set API Key from a panel. */
  organizationNode(orgId: number): OrganizationNode | undefined;
}

export function createTreeFeature(context: vscode.ExtensionContext, services: TreeServices): TreeFeature {
  const { log, keys, demo, brella } = services;
  const state = new OrganizationsState(demo, log);
  const provider = new EventsTreeProvider({
    organizations: () => state.all(),
    hasKey: (orgId) => keys.has(orgId),
    attendees: (org, event) => brella.attendees(org, event),
    cachedAttendees: (orgId, eventId) => brella.cachedAttendees(orgId, eventId),
    warn: (message) => log.warn(message),
  });
  const reload = (): void => {
    state.reload();
    provider.refresh();
  };
  const openDemo = async (reveal = true): Promise<void> => {
    const { organization, baseUrl, apiKey } = await demo.open({ largeAttendeeSlices: readLargeAttendeeSlices() });
    keys.setSessionKey(organization.id, apiKey);
    brella.setBaseUrlOverride(organization.id, baseUrl);
    log.info(`Demo organization ${organization.id} is served by the local Brella at ${baseUrl}`);
    reload();
    if (reveal) await vscode.commands.executeCommand('brella.events.focus');
  };
  context.subscriptions.push(
    vscode.window.createTreeView('brella.events', { treeDataProvider: provider, showCollapseAll: true }),
    keys.onDidChange(() => provider.refresh()),
  );
  state.reload();
  return {
    provider,
    organizations: () => state.all(),
    reload,
    openDemo,
    organizationNode: (orgId) => {
      const org = state.all().find((o) => o.id === orgId);
      return org ? { kind: 'organization', org, hasKey: false } : undefined;
    },
  };
}

export function registerTreeCommands(ctx: CommandContext, tree: TreeFeature): void {
  registerGeneralCommands(ctx, () => tree.openDemo());
  registerKeyCommands(ctx);
  registerOrganizationCommands(ctx);
}
