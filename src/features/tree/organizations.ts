/** Adding and removing organizations, events and attendees in the `brella.organizations` setting. */
import * as vscode from 'vscode';
import { organizationLabel, type ConfiguredOrganization } from '../../config/organizations';
import { editOrganizations, findRaw, rawList } from '../../config/settings';
import { notificationText, pickText } from '../../explorer/markup';
import { eventLabel, type AttendeeNode, type EventNode, type OrganizationNode, type TreeNode } from '../../explorer/nodes';
import { register, type CommandContext } from '../kit/commands';
import { askAndCheckKey } from './keys';
import { askId, pickEvent, pickOrganization } from '../kit/pick';
import { searchPick } from '../kit/search-pick';

type Scope = 'user' | 'workspace';

/** The settings scope an organization is written to. */
function scopeOf(org: ConfiguredOrganization): Scope {
  return org.scope === 'workspace' ? 'workspace' : 'user';
}

/** `{ name }` when the name is not blank, else nothing. */
function named(name: string | undefined): { name?: string } {
  return name ? { name } : {};
}

async function addOrganization(ctx: CommandContext): Promise<void> {
  const id = await askId(vscode.l10n.t('Brella: add an organization (1/3)'), vscode.l10n.t('The organization id: the number in your Brella admin panel URL, e.g. 1001'));
  if (id === undefined) return;
  const existing = ctx.organizations().find((o) => o.id === id && o.scope !== 'demo');
  if (existing) {
    void vscode.window.showInformationMessage(notificationText(vscode.l10n.t('{0} ({1}) is already in the tree.', organizationLabel(existing), id)));
    return;
  }
  const name = await vscode.window.showInputBox({
    title: vscode.l10n.t('Brella: add an organization (2/3)'), prompt: vscode.l10n.t('A name to show in the tree (optional)'), placeHolder: vscode.l10n.t('Organization {0}', id), ignoreFocusOut: true,
  });
  if (name === undefined) return;
  const scope = ctx.organizations().some((o) => o.scope === 'workspace') ? 'workspace' : 'user';
  await editOrganizations(scope, (orgs) => [...orgs, { id, ...named(name.trim()) }]);
  ctx.log.info(`Added organization ${id} to ${scope} settings`);
  ctx.reload();
  const org = { id, ...named(name.trim()), events: [], scope } as const;
  if (!(await ctx.keys.has(id))) await askAndCheckKey(ctx, { ...org, events: [] });
}

async function addEvent(ctx: CommandContext, node: TreeNode | undefined): Promise<void> {
  const target = await pickOrganization(ctx, node);
  if (!target) return;
  const { org } = target;
  const chosen = await searchPick({
    title: vscode.l10n.t('Brella: add an event of {0}', organizationLabel(org)),
    placeholder: vscode.l10n.t('Search the events by name, or type an event id'),
    existing: new Set(org.events.map((e) => e.id)),
    load: async () => (await ctx.brella.events(org.id)).map((e) => ({
      id: Number(e.id), name: e.name, label: pickText(e.name), description: pickText(e.id),
      detail: pickText([e.startTime?.slice(0, 10), e.endTime?.slice(0, 10)].filter(Boolean).join(' → ')),
      extra: { ...(e.startTime ? { start: e.startTime.slice(0, 10) } : {}), ...(e.endTime ? { end: e.endTime.slice(0, 10) } : {}) },
    })),
  });
  if (!chosen) return;
  await editOrganizations(scopeOf(org), (orgs) => {
    const raw = findRaw(orgs, org.id);
    if (raw) rawList(raw, 'events').push({ id: chosen.id, ...named(chosen.name), ...chosen.extra });
    return orgs;
  });
  ctx.log.info(`Added event ${chosen.id} to organization ${org.id}`);
  ctx.reload();
}

async function addAttendee(ctx: CommandContext, node: TreeNode | undefined): Promise<void> {
  const target = await pickEvent(ctx, node);
  if (!target) return;
  const { org, event } = target;
  const chosen = await searchPick({
    title: vscode.l10n.t('Brella: add an attendee of {0}', eventLabel(event)),
    placeholder: vscode.l10n.t('Search by name, email or company, or type an attendee id'),
    existing: new Set(event.attendees.map((a) => a.id)),
    load: async () => (await ctx.brella.attendees(org, event)).map((a) => ({
      id: Number(a.id), name: a.name, label: pickText(a.name), description: pickText(a.email ?? ''), detail: pickText([a.companyName, vscode.l10n.t('id {0}', a.id)].filter(Boolean).join(' · ')),
    })),
  });
  if (!chosen) return;
  await editOrganizations(scopeOf(org), (orgs) => {
    const rawEvent = rawList(findRaw(orgs, org.id) ?? {}, 'events').find((e) => e.id === event.id);
    if (rawEvent) rawList(rawEvent, 'attendees').push({ id: chosen.id, ...named(chosen.name) });
    return orgs;
  });
  ctx.log.info(`Added attendee ${chosen.id} to event ${event.id}`);
  ctx.reload();
}

/** Asks to confirm a removal (a modal warning); gives the choice made, undefined when dismissed. */
async function confirm(message: string, ...choices: string[]): Promise<string | undefined> {
  return vscode.window.showWarningMessage(notificationText(message), { modal: true }, ...choices);
}

/** Removes an organization (and, if asked, its key); true when removed. */
async function removeOrganization(ctx: CommandContext, { org }: OrganizationNode): Promise<boolean> {
  const scope = scopeOf(org);
  const hasKey = await ctx.keys.has(org.id);
  const deleteKey = vscode.l10n.t('Remove and Delete Key');
  const choices = hasKey ? [deleteKey, vscode.l10n.t('Remove, Keep Key')] : [vscode.l10n.t('Remove')];
  const message = scope === 'workspace'
    ? vscode.l10n.t('Remove {0} ({1}) and its events from the workspace settings?', organizationLabel(org), org.id)
    : vscode.l10n.t('Remove {0} ({1}) and its events from the user settings?', organizationLabel(org), org.id);
  const choice = await confirm(message, ...choices);
  if (!choice) return false;
  await editOrganizations(scope, (orgs) => orgs.filter((o) => o?.id !== org.id));
  if (choice === deleteKey) await ctx.keys.delete(org.id);
  ctx.log.info(`Removed organization ${org.id}${choice === deleteKey ? ' and its key' : ''}`);
  return true;
}

/** Removes an event from its organization's settings; true when removed. */
async function removeEvent({ org, event }: EventNode): Promise<boolean> {
  if (!(await confirm(vscode.l10n.t('Remove {0} ({1}) from {2}?', eventLabel(event), event.id, organizationLabel(org)), vscode.l10n.t('Remove')))) return false;
  await editOrganizations(scopeOf(org), (orgs) => {
    const raw = findRaw(orgs, org.id);
    if (raw) raw.events = rawList(raw, 'events').filter((e) => e?.id !== event.id);
    return orgs;
  });
  return true;
}

/** Removes an attendee listed in settings from its event; true when removed. */
async function removeAttendee({ org, event, name, attendeeId }: AttendeeNode): Promise<boolean> {
  if (!(await confirm(vscode.l10n.t('Remove {0} ({1}) from {2}?', name, attendeeId, eventLabel(event)), vscode.l10n.t('Remove')))) return false;
  await editOrganizations(scopeOf(org), (orgs) => {
    const rawEvent = rawList(findRaw(orgs, org.id) ?? {}, 'events').find((e) => e.id === event.id);
    if (rawEvent) rawEvent.attendees = rawList(rawEvent, 'attendees').filter((a) => a?.id !== attendeeId);
    return orgs;
  });
  return true;
}

/** Removes the organization, event or configured attendee of a tree item (or a picked organization). */
async function removeItem(ctx: CommandContext, node: TreeNode | undefined): Promise<void> {
  const target = node ?? (await pickOrganization(ctx, undefined));
  if (!target || !('org' in target) || target.org.scope === 'demo') return;
  let removed = false;
  if (target.kind === 'organization') removed = await removeOrganization(ctx, target);
  else if (target.kind === 'event') removed = await removeEvent(target);
  else if (target.kind === 'attendee' && target.configured) removed = await removeAttendee(target);
  if (removed) ctx.reload();
}

export function registerOrganizationCommands(ctx: CommandContext): void {
  register(ctx, 'brella.addOrganization', () => addOrganization(ctx));
  register(ctx, 'brella.addEvent', (node) => addEvent(ctx, node));
  register(ctx, 'brella.addAttendee', (node) => addAttendee(ctx, node));
  register(ctx, 'brella.removeItem', (node) => removeItem(ctx, node));
}
