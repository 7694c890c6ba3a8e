/**
 * brella.openRecentQuery: the recent slice queries of every organization, event and attendee in one searchable
 * pick (who, what, when, how many rows). The chosen one opens that attendee's slices panel and runs its filters
 * again, through the panel as a saved query does. Names come from what is known without a request: settings,
 * the demo organization, and attendee lists Brella already sent.
 */
import * as vscode from 'vscode';
import type { ConfiguredEvent, ConfiguredOrganization } from '../../config/organizations';
import { notificationText, pickText } from '../../explorer/markup';
import { eventLabel, organizationLabel } from '../../explorer/nodes';
import { parseId } from '../../model/ids';
import type { PanelTarget } from '../../protocol/slices';
import { attendeeTarget } from '../kit/attendee-pick';
import { register, type CommandContext } from '../kit/commands';
import { describeRun, recentRuns, type RunTarget, type TargetRun } from './history';
import type { SlicesPanels } from './panel';

interface RecentItem extends vscode.QuickPickItem {
  run: TargetRun;
}

export function registerRecentQueryCommand(ctx: CommandContext, panels: SlicesPanels): void {
  register(ctx, 'brella.openRecentQuery', async () => {
    const runs = recentRuns(ctx.extension.globalState);
    if (runs.length === 0) {
      const choice = await vscode.window.showInformationMessage(
        vscode.l10n.t('No recent queries yet. Run one in an attendee\'s slices panel (Query Tracking Slices…, or click an attendee in the Brella view) and it is listed here.'),
        vscode.l10n.t('Query Tracking Slices…'),
      );
      if (choice) await vscode.commands.executeCommand('brella.querySlices');
      return;
    }
    const now = new Date();
    const picked = await vscode.window.showQuickPick(runs.map((run) => itemOf(ctx, run, now)), {
      title: vscode.l10n.t('Brella: open a recent query'),
      placeHolder: vscode.l10n.t('Search by attendee, event, organization, filters or date'),
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (picked) await openRun(ctx, panels, picked.run);
  });
}

/** Who (attendee), where (event · organization) and what (filters · rows · when) of one run. */
function itemOf(ctx: CommandContext, run: TargetRun, now: Date): RecentItem {
  const { org, event } = placeOf(ctx, run.target);
  const where = org && event ? `${eventLabel(event)} · ${organizationLabel(org)}` : vscode.l10n.t('event {0} · organization {1} (not in the Brella view)', run.target.eventId, run.target.organizationId);
  const { what, rows, ago } = describeRun(run.entry, now);
  const when = new Date(run.entry.at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return {
    label: pickText(attendeeName(ctx, run.target, event)),
    description: pickText(where),
    detail: pickText(`${what} · ${rows} · ${ago} (${when})`),
    run,
  };
}

/** The organization and event of a run, when the Brella view shows them now (settings, or the open demo). */
function placeOf(ctx: CommandContext, target: RunTarget): { org?: ConfiguredOrganization; event?: ConfiguredEvent } {
  const org = ctx.organizations().find((o) => o.id === target.organizationId);
  return { org, event: org?.events.find((e) => e.id === target.eventId) };
}

/** The attendee's name from settings or an attendee list already loaded; else "Attendee <id>", as the picks say. */
function attendeeName(ctx: CommandContext, target: RunTarget, event: ConfiguredEvent | undefined): string {
  const id = target.attendeeId;
  const configured = event?.attendees.find((a) => a.id === id)?.name;
  if (configured) return configured;
  const listed = event && typeof target.organizationId === 'number' ? ctx.brella.cachedAttendees(target.organizationId, event.id) : undefined;
  return listed?.find((a) => a.id === String(id))?.name ?? vscode.l10n.t('Attendee {0}', id);
}

function panelTargetOf(ctx: CommandContext, target: RunTarget): PanelTarget | undefined {
  const { org, event } = placeOf(ctx, target);
  const attendeeId = parseId(String(target.attendeeId));
  if (!org || !event || attendeeId === undefined) return undefined;
  return attendeeTarget(org, event, attendeeId, attendeeName(ctx, target, event));
}

/**
 * Opens the attendee's slices panel and runs the filters there: the panel shows them in its form and records the
 * run, as for a saved query. A run whose event is not in the view asks to open the demo organization (its events
 * are there only while it is open) or to add the organization.
 */
async function openRun(ctx: CommandContext, panels: SlicesPanels, run: TargetRun): Promise<void> {
  let target = panelTargetOf(ctx, run.target);
  if (!target) {
    const { organizationId, eventId, attendeeId } = run.target;
    const openDemo = vscode.l10n.t('Open Demo Organization');
    const addOrganization = vscode.l10n.t('Add Organization…');
    const choice = await vscode.window.showInformationMessage(
      notificationText(vscode.l10n.t('Event {0} of organization {1} is not in the Brella view now, so attendee {2}\'s query cannot open. Add the organization and event, or open the demo organization if it was one of its events, then try again.', eventId, organizationId, attendeeId)),
      openDemo, addOrganization,
    );
    if (choice === addOrganization) await vscode.commands.executeCommand('brella.addOrganization');
    if (choice !== openDemo) return;
    await vscode.commands.executeCommand('brella.openDemo');
    target = panelTargetOf(ctx, run.target);
    if (!target) return void vscode.window.showInformationMessage(notificationText(vscode.l10n.t('The demo organization has no event {0}: add the organization and event that query was run in.', eventId)));
  }
  ctx.log.info(`Opening a recent query of event ${target.eventId} for attendee ${target.attendeeId}`);
  await panels.show(target).session.run({ ...run.entry.filters });
}
