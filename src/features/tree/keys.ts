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
    const removeKey = vscode.l10n.t('Remove Key');
    const choice = await vscode.window.showWarningMessage(
      notificationText(vscode.l10n.t('Remove the API key of {0} from this machine?', label)),
      { modal: true, detail: vscode.l10n.t('Brella still accepts the key until an admin revokes it in Brella.') },
      removeKey,
    );
    if (choice !== removeKey) return;
    await ctx.keys.delete(target.org.id);
    ctx.log.info(`Removed the API key of organization ${target.org.id}`);
    void vscode.window.showInformationMessage(notificationText(vscode.l10n.t('Removed the API key of {0}.', label)));
  });
}

/** Asks for the key in a password box, stores it, then checks it with one events request. */
export async function askAndCheckKey(ctx: CommandContext, org: ConfiguredOrganization): Promise<boolean> {
  if (org.scope === 'demo') {
    void vscode.window.showInformationMessage(vscode.l10n.t('The demo organization has its own key; nothing to set.'));
    return false;
  }
  const label = organizationLabel(org);
  const key = await vscode.window.showInputBox({
    title: vscode.l10n.t('Brella: API key for {0}', label),
    prompt: vscode.l10n.t('The Integration API key of organization {0}, made by an org admin in Brella\'s admin panel. It is kept in VS Code\'s SecretStorage.', org.id),
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => checkKeyInput(value),
  });
  if (key === undefined) return false;
  await ctx.keys.set(org.id, key);
  ctx.log.info(`Saved an API key for organization ${org.id}; checking it with Brella`);
  const problem = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: notificationText(vscode.l10n.t('Checking the API key of {0} with Brella…', label)) },
    () => ctx.brella.checkKey(org.id, key),
  );
  if (!problem) {
    void vscode.window.showInformationMessage(notificationText(vscode.l10n.t('The API key of {0} works: Brella answered with its events.', label)));
    return true;
  }
  ctx.log.warn(`Key check for organization ${org.id}: ${problem.message}`);
  const showLog = vscode.l10n.t('Show Log');
  if (isKeyError(problem)) {
    const replaceKey = vscode.l10n.t('Replace Key…');
    const choice = await vscode.window.showErrorMessage(notificationText(problem.message), replaceKey, showLog);
    if (choice === replaceKey) return askAndCheckKey(ctx, org);
    if (choice === showLog) ctx.log.show();
  } else {
    void vscode.window.showWarningMessage(notificationText(vscode.l10n.t('Saved the key of {0}, but could not check it: {1}', label, problem.message)), showLog).then((c) => c && ctx.log.show());
  }
  return false;
}
