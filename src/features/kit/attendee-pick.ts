/**
 * The one attendee pick, and the slices panel's target it leads to: used by brella.querySlices and
 * brella.runSavedQuery alike. Attendees in the tree come first, then every one Brella lists (an id that is not
 * a positive whole number is left out); a typed id works too. Every label is cleaned for the quick pick.
 */
import * as vscode from 'vscode';
import type { ConfiguredEvent, ConfiguredOrganization } from '../../config/organizations';
import { pickText } from '../../explorer/markup';
import { eventLabel } from '../../explorer/nodes';
import { parseId } from '../../model/ids';
import type { PanelTarget } from '../../protocol/slices';
import type { CommandContext } from './commands';
import { searchPick, type IdItem } from './search-pick';

/** The slices panel's target for one attendee of an event. */
export function attendeeTarget(org: ConfiguredOrganization, event: ConfiguredEvent, attendeeId: number, attendeeName: string): PanelTarget {
  return {
    organizationId: org.id,
    eventId: event.id,
    attendeeId,
    attendeeName,
    eventName: eventLabel(event),
    ...(event.start ? { eventStart: event.start } : {}),
    ...(event.end ? { eventEnd: event.end } : {}),
    ...(org.scope === 'demo' ? { demo: true } : {}),
  };
}

/** The event's attendees as pick items: those in the tree first, then Brella's others with a usable id. */
export async function attendeeItems(ctx: CommandContext, org: ConfiguredOrganization, event: ConfiguredEvent): Promise<IdItem[]> {
  const configured: IdItem[] = event.attendees.map((a) => {
    const name = a.name ?? vscode.l10n.t('Attendee {0}', a.id);
    return { id: a.id, name, label: pickText(name), description: vscode.l10n.t('in the tree'), detail: pickText(vscode.l10n.t('id {0}', a.id)) };
  });
  const listed = new Set(configured.map((c) => c.id));
  const all = await ctx.brella.attendees(org, event).catch(() => []);
  const others: IdItem[] = [];
  for (const a of all) {
    const id = parseId(a.id);
    if (id === undefined || listed.has(id)) continue;
    listed.add(id);
    others.push({ id, name: a.name, label: pickText(a.name), description: pickText(a.email ?? ''), detail: pickText([a.companyName, vscode.l10n.t('id {0}', a.id)].filter(Boolean).join(' · ')) });
  }
  return [...configured, ...others];
}

/** Asks which attendee of the event (searchable, or a typed id); undefined when the pick is dismissed. */
export async function pickAttendee(ctx: CommandContext, org: ConfiguredOrganization, event: ConfiguredEvent, title: string): Promise<PanelTarget | undefined> {
  const chosen = await searchPick({
    title,
    placeholder: vscode.l10n.t('Search attendees by name, email or company, or type an attendee id'),
    existing: new Set(),
    load: () => attendeeItems(ctx, org, event),
  });
  return chosen ? attendeeTarget(org, event, chosen.id, chosen.name ?? vscode.l10n.t('Attendee {0}', chosen.id)) : undefined;
}
