/** brella.setApiKey and brella.removeApiKey: keys go to SecretStorage only, and are checked against Brella. */
import * as vscode from 'vscode';
import { checkKeyInput } from '../../config/keys';
import { organizationLabel, type ConfiguredOrganization } from '../../config/organizations';
import { notificationText } from '../../explorer/markup';
import { register, type CommandContext } from '../kit/commands';
import { pickOrganization } from '../kit/pick';
import { isKeyError } from '../../brella';

export function registerKeyCommands(ctx: CommandContext): void {
  register(ctx, 'brella.setApiKey', async (node) => {
    const target = await pickOrganization(ctx, node);
    if (target) await askAndCheckKey(ctx, target.org);
  });

  register(ctx, 'brella.removeApiKey', async (node) => {
    const target = await pickOrganization(ctx, node);
    if (!target) return;
    const label = organizationLabel(target.org);
    const choice = await vscode.window.showWarningMessage(notificationText(`Remove the API key of ${label} from this machine?`), { modal: true, detail: 'Brella still accepts the key until an admin revokes it in Brella.' }, 'Remove Key');
    if (choice !== 'Remove Key') return;
    await ctx.keys.delete(target.org.id);
    ctx.log.info(`Removed the API key of organization ${target.org.id}`);
    void vscode.window.showInformationMessage(notificationText(`Removed the API key of ${label}.`));
  });
}

/** Asks for the key in a password box, stores it, then checks it with one events request. */
export async function askAndCheckKey(ctx: CommandContext, org: ConfiguredOrganization): Promise<boolean> {
  if (org.scope === 'demo') {
    void vscode.window.showInformationMessage('The demo organization has its own key; nothing to set.');
    return false;
  }
  const label = organizationLabel(org);
  const key = await vscode.window.showInputBox({
    title: `Brella: API key for ${label}`,
    prompt: `The Integration API key of organization ${org.id}, made by an org admin in Brella's admin panel. It is kept in VS Code's SecretStorage.`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => checkKeyInput(value),
  });
  if (key === undefined) return false;
  await ctx.keys.set(org.id, key);
  ctx.log.info(`Saved an API key for organization ${org.id}; checking it with Brella`);
  const problem = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: notificationText(`Checking the API key of ${label} with Brella…`) },
    () => ctx.brella.checkKey(org.id, key),
  );
  if (!problem) {
    void vscode.window.showInformationMessage(notificationText(`The API key of ${label} works: Brella answered with its events.`));
    return true;
  }
  ctx.log.warn(`Key check for organization ${org.id}: ${problem.message}`);
  if (isKeyError(problem)) {
    const choice = await vscode.window.showErrorMessage(notificationText(problem.message), 'Replace Key…', 'Show Log');
    if (choice === 'Replace Key…') return askAndCheckKey(ctx, org);
    if (choice === 'Show Log') ctx.log.show();
  } else {
    void vscode.window.showWarningMessage(notificationText(`Saved the key of ${label}, but could not check it: ${problem.message}`), 'Show Log').then((c) => c && ctx.log.show());
  }
  return false;
}
