import { loadStarted } from './load-time';
import * as vscode from 'vscode';
import { ApiKeyStore } from './config/keys';
import { touchesConnection } from './config/client-options';
import { readClientSettings, SECTION } from './config/settings';
import { DemoOrganization } from './services/demo';
import type { CommandContext } from './features/kit/commands';
import { registerReportFeature } from './features/report';
import { registerShortcutCommands } from './features/kit/shortcuts';
import { registerSlicesFeature } from './features/slices';
import { createTreeFeature, registerTreeCommands, type TreeFeature } from './features/tree';

let disposeServices: (() => Promise<void>) | undefined;

/** Builds the services and hands them to the features; nothing else lives here. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Brella', { log: true });
  const keys = new ApiKeyStore(context.secrets);
  const demo = new DemoOrganization();
  const clients = madeWhenFirstUsed(() => new (loadClients().BrellaService)(keys, readClientSettings, log));
  const brella = clients.value;
  const tree = createTreeFeature(context, { log, keys, demo, brella });
  const ctx: CommandContext = { extension: context, log, keys, brella, demo, tree: tree.provider, organizations: tree.organizations, reload: tree.reload };

  registerTreeCommands(ctx, tree);
  const opener = { organizationNode: tree.organizationNode, openDemo: () => tree.openDemo(false) };
  const panels = registerSlicesFeature(ctx, opener);
  const reports = registerReportFeature(ctx, { ...opener, openSlices: (target, filters) => panels.show(target).prefill(filters) });
  registerShortcutCommands(ctx, [panels, reports]);
  context.subscriptions.push(log, ...watchSettings(ctx, tree, () => {
    panels.timeZoneChanged();
    reports.timeZoneChanged();
  }));
  disposeServices = async () => {
    // Reports under way save their finished rows first, so Resume after a window reload asks only the rest.
    await reports.stopAll();
    // A service never used has no client to close.
    if (clients.made()) await brella.dispose();
    await demo.close();
  };

  log.info(`Brella Explorer ${context.extension.packageJSON.version as string} activated in ${Math.round(performance.now() - loadStarted)} ms`);
  if (vscode.workspace.getConfiguration(SECTION).get<boolean>('demo.openOnStartup')) {
    tree.openDemo().catch((error: unknown) => log.error(`Could not open the demo organization: ${(error as Error).message}`));
  }
}

type ClientsModule = typeof import('./services/brella');

/**
 * The clients' service and the API layer behind it, loaded when the service is first used (a tree's event opened,
 * a key checked, a command run) rather than when the extension activates. The build keeps `./services/brella` out
 * of dist/extension.js: this require() reads dist/client.js, beside it (esbuild.js).
 */
function loadClients(): ClientsModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./services/brella') as ClientsModule;
}

/** `make()`'s object, made when one of its members is first read: until then none of its code runs or loads. */
function madeWhenFirstUsed<T extends object>(make: () => T): { value: T; made(): boolean } {
  let made: T | undefined;
  const value = new Proxy({} as T, {
    get(_, key) {
      made ??= make();
      const member: unknown = Reflect.get(made, key, made);
      return typeof member === 'function' ? (member as (...args: unknown[]) => unknown).bind(made) : member;
    },
  });
  return { value, made: () => made !== undefined };
}

/** Settings and Workspace Trust: only connection settings replace clients; brella.timeZone reaches the panels. */
function watchSettings(ctx: CommandContext, tree: TreeFeature, timeZoneChanged: () => void): vscode.Disposable[] {
  const { brella, log } = ctx;
  return [
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SECTION) && !e.affectsConfiguration('http.proxy') && !e.affectsConfiguration('http.proxyStrictSSL')) return;
      // Running work finishes on the old clients (timeZone never replaces them).
      const replaced = touchesConnection((s) => e.affectsConfiguration(s)) && brella.settingsChanged();
      log.info(`Settings changed: ${replaced ? 'new connection settings; running work finishes on the old clients' : 'the clients are kept'}`);
      tree.reload();
      if (e.affectsConfiguration('brella.timeZone')) timeZoneChanged();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      brella.settingsChanged();
      tree.reload();
    }),
  ];
}

export async function deactivate(): Promise<void> {
  await disposeServices?.();
}
