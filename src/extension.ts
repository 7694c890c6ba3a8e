import * as vscode from 'vscode';
import { EventsTreeProvider } from './views/events-tree';

/** Builds the services and hands them to the VS Code adapters; nothing else lives here. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Brella', { log: true });
  const tree = new EventsTreeProvider();
  context.subscriptions.push(
    log,
    vscode.window.createTreeView('brella.events', { treeDataProvider: tree, showCollapseAll: true }),
    vscode.commands.registerCommand('brella.showLog', () => log.show()),
  );
  log.info(`Brella Explorer ${context.extension.packageJSON.version as string} activated`);
}

export function deactivate(): void {
  // Disposables registered in activate() are released by VS Code.
}
