/** Quick picks that ask a command for its target when it runs from the palette rather than the tree. */
import * as vscode from 'vscode';
import { idProblem, parseId } from '../../model/ids';
import { notificationText, pickText } from '../../explorer/markup';
import { eventLabel, organizationLabel, type EventNode, type OrganizationNode, type TreeNode } from '../../explorer/nodes';
import type { CommandContext } from './commands';

export async function pickOrganization(ctx: CommandContext, node: TreeNode | undefined, options: { includeDemo?: boolean } = {}): Promise<OrganizationNode | undefined> {
  if (node && 'org' in node) return { kind: 'organization', org: node.org, hasKey: await ctx.keys.has(node.org.id) };
  const orgs = ctx.organizations().filter((o) => options.includeDemo || o.scope !== 'demo');
  if (orgs.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No Brella organization is configured yet.'), vscode.l10n.t('Add Organization…')).then((c) => c && vscode.commands.executeCommand('brella.addOrganization'));
    return undefined;
  }
  const picked = orgs.length === 1 ? { org: orgs[0] } : await vscode.window.showQuickPick(
    orgs.map((org) => ({ label: pickText(organizationLabel(org)), description: String(org.id), org })),
    { title: vscode.l10n.t('Brella: choose an organization'), placeHolder: vscode.l10n.t('Organization'), matchOnDescription: true },
  );
  return picked ? { kind: 'organization', org: picked.org, hasKey: await ctx.keys.has(picked.org.id) } : undefined;
}

export async function pickEvent(ctx: CommandContext, node: TreeNode | undefined, options: { includeDemo?: boolean } = {}): Promise<EventNode | undefined> {
  if (node && 'event' in node) return { kind: 'event', org: node.org, event: node.event };
  const orgNode = await pickOrganization(ctx, node, options);
  if (!orgNode) return undefined;
  const events = orgNode.org.events;
  if (events.length === 0) {
    void vscode.window.showInformationMessage(notificationText(vscode.l10n.t('{0} has no events in the tree yet.', organizationLabel(orgNode.org))), vscode.l10n.t('Add Event…')).then((c) => c && vscode.commands.executeCommand('brella.addEvent', orgNode));
    return undefined;
  }
  const picked = events.length === 1 ? { event: events[0] } : await vscode.window.showQuickPick(
    events.map((event) => ({ label: pickText(eventLabel(event)), description: String(event.id), detail: event.start ? pickText(event.start) : undefined, event })),
    { title: vscode.l10n.t('Brella: choose an event'), placeHolder: vscode.l10n.t('Event'), matchOnDescription: true },
  );
  return picked ? { kind: 'event', org: orgNode.org, event: picked.event } : undefined;
}

/** Asks for a positive whole number; undefined when cancelled. The prompt may name things from settings: escaped. */
export async function askId(title: string, prompt: string, value = ''): Promise<number | undefined> {
  const text = await vscode.window.showInputBox({
    title,
    prompt: pickText(prompt),
    value,
    ignoreFocusOut: true,
    validateInput: (v) => idProblem(v),
  });
  return text === undefined ? undefined : parseId(text);
}
