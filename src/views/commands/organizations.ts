/** Adding and removing organizations, events and attendees in the `brella.organizations` setting. */
import * as vscode from 'vscode';
import { organizationLabel } from '../../config/organizations';
import { editOrganizations, findRaw, rawList } from '../../config/settings';
import { notificationText, pickText } from '../../explorer/markup';
import { eventLabel } from '../../explorer/nodes';
import { register, type CommandContext } from './context';
import { askAndCheckKey } from './keys';
import { askId, pickEvent, pickOrganization } from './pick';
import { searchPick } from './search-pick';

export function registerOrganizationCommands(ctx: CommandContext): void {
  register(ctx, 'brella.addOrganization', async () => {
    const id = await askId('Brella: add an organization (1/3)', 'The organization id: the number in your Brella admin panel URL, e.g. 1001');
    if (id === undefined) return;
    const existing = ctx.organizations().find((o) => o.id === id && o.scope !== 'demo');
    if (existing) {
      void vscode.window.showInformationMessage(notificationText(`${organizationLabel(existing)} (${id}) is already in the tree.`));
      return;
    }
    const name = await vscode.window.showInputBox({ title: 'Brella: add an organization (2/3)', prompt: 'A name to show in the tree (optional)', placeHolder: `Organization ${id}`, ignoreFocusOut: true });
    if (name === undefined) return;
    const scope = ctx.organizations().some((o) => o.scope === 'workspace') ? 'workspace' : 'user';
    await editOrganizations(scope, (orgs) => [...orgs, { id, ...(name.trim() ? { name: name.trim() } : {}) }]);
    ctx.log.info(`Added organization ${id} to ${scope} settings`);
    ctx.reload();
    const org = { id, ...(name.trim() ? { name: name.trim() } : {}), events: [], scope } as const;
    if (!(await ctx.keys.has(id))) await askAndCheckKey(ctx, { ...org, events: [] });
  });

  register(ctx, 'brella.addEvent', async (node) => {
    const target = await pickOrganization(ctx, node);
    if (!target) return;
    const { org } = target;
    const chosen = await searchPick({
      title: `Brella: add an event of ${organizationLabel(org)}`,
      placeholder: 'Search the events by name, or type an event id',
      existing: new Set(org.events.map((e) => e.id)),
      load: async () => (await ctx.brella.events(org.id)).map((e) => ({
        id: Number(e.id), name: e.name, label: pickText(e.name), description: pickText(e.id),
        detail: pickText([e.startTime?.slice(0, 10), e.endTime?.slice(0, 10)].filter(Boolean).join(' → ')),
        extra: { ...(e.startTime ? { start: e.startTime.slice(0, 10) } : {}), ...(e.endTime ? { end: e.endTime.slice(0, 10) } : {}) },
      })),
    });
    if (!chosen) return;
    await editOrganizations(org.scope === 'workspace' ? 'workspace' : 'user', (orgs) => {
      const raw = findRaw(orgs, org.id);
      if (raw) rawList(raw, 'events').push({ id: chosen.id, ...(chosen.name ? { name: chosen.name } : {}), ...chosen.extra });
      return orgs;
    });
    ctx.log.info(`Added event ${chosen.id} to organization ${org.id}`);
    ctx.reload();
  });

  register(ctx, 'brella.addAttendee', async (node) => {
    const target = await pickEvent(ctx, node);
    if (!target) return;
    const { org, event } = target;
    const chosen = await searchPick({
      title: `Brella: add an attendee of ${eventLabel(event)}`,
      placeholder: 'Search by name, email or company, or type an attendee id',
      existing: new Set(event.attendees.map((a) => a.id)),
      load: async () => (await ctx.brella.attendees(org, event)).map((a) => ({
        id: Number(a.id), name: a.name, label: pickText(a.name), description: pickText(a.email ?? ''), detail: pickText([a.companyName, `id ${a.id}`].filter(Boolean).join(' · ')),
      })),
    });
    if (!chosen) return;
    await editOrganizations(org.scope === 'workspace' ? 'workspace' : 'user', (orgs) => {
      const rawEvent = rawList(findRaw(orgs, org.id) ?? {}, 'events').find((e) => e.id === event.id);
      if (rawEvent) rawList(rawEvent, 'attendees').push({ id: chosen.id, ...(chosen.name ? { name: chosen.name } : {}) });
      return orgs;
    });
    ctx.log.info(`Added attendee ${chosen.id} to event ${event.id}`);
    ctx.reload();
  });

  register(ctx, 'brella.removeItem', async (node) => {
    const target = node ?? (await pickOrganization(ctx, undefined));
    if (!target || !('org' in target) || target.org.scope === 'demo') return;
    const { org } = target;
    const scope = org.scope === 'workspace' ? 'workspace' : 'user';
    if (target.kind === 'organization') {
      const hasKey = await ctx.keys.has(org.id);
      const choices = hasKey ? ['Remove and Delete Key', 'Remove, Keep Key'] : ['Remove'];
      const choice = await vscode.window.showWarningMessage(notificationText(`Remove ${organizationLabel(org)} (${org.id}) and its events from the ${scope} settings?`), { modal: true }, ...choices);
      if (!choice) return;
      await editOrganizations(scope, (orgs) => orgs.filter((o) => o?.id !== org.id));
      if (choice === 'Remove and Delete Key') await ctx.keys.delete(org.id);
      ctx.log.info(`Removed organization ${org.id}${choice === 'Remove and Delete Key' ? ' and its key' : ''}`);
    } else if (target.kind === 'event') {
      const choice = await vscode.window.showWarningMessage(notificationText(`Remove ${eventLabel(target.event)} (${target.event.id}) from ${organizationLabel(org)}?`), { modal: true }, 'Remove');
      if (!choice) return;
      await editOrganizations(scope, (orgs) => {
        const raw = findRaw(orgs, org.id);
        if (raw) raw.events = rawList(raw, 'events').filter((e) => e?.id !== target.event.id);
        return orgs;
      });
    } else if (target.kind === 'attendee' && target.configured) {
      const choice = await vscode.window.showWarningMessage(notificationText(`Remove ${target.name} (${target.attendeeId}) from ${eventLabel(target.event)}?`), { modal: true }, 'Remove');
      if (!choice) return;
      await editOrganizations(scope, (orgs) => {
        const rawEvent = rawList(findRaw(orgs, org.id) ?? {}, 'events').find((e) => e.id === target.event.id);
        if (rawEvent) rawEvent.attendees = rawList(rawEvent, 'attendees').filter((a) => a?.id !== target.attendeeId);
        return orgs;
      });
    } else {
      return;
    }
    ctx.reload();
  });
}
