/**
 * Saved queries: brella.runSavedQuery (a tree item, or picked from the palette: asks which attendee, then opens
 * their slices panel and runs the query), brella.saveQuery (from the slices panel: writes the query to the
 * settings scope its event came from) and brella.removeSavedQuery.
 */
import * as vscode from 'vscode';
import type { ConfiguredEvent } from '../../config/organizations';
import { checkSavedQuery, removeSavedQuery, upsertSavedQuery, type SavedQuery } from '../../config/saved-queries';
import { editOrganizations } from '../../config/settings';
import { notificationText, pickText } from '../../explorer/markup';
import { eventLabel, savedQuerySummary, type SavedQueryNode, type TreeNode } from '../../explorer/nodes';
import type { SlicesPanels } from './panel';
import { register, type CommandContext } from '../kit/commands';
import { pickEvent } from '../kit/pick';
import { pickAttendee } from '../kit/attendee-pick';

export function registerSavedQueryCommands(ctx: CommandContext, panels: SlicesPanels): void {
  register(ctx, 'brella.runSavedQuery', async (node?: TreeNode) => {
    const chosen = node?.kind === 'savedQuery' ? node : await pickSavedQuery(ctx, node);
    if (!chosen) return;
    const target = await pickAttendee(ctx, chosen.org, chosen.event, vscode.l10n.t('Brella: run "{0}" for which attendee? ({1})', chosen.query.name, eventLabel(chosen.event)));
    if (!target) return;
    ctx.log.info(`Running saved query "${chosen.query.name}" of event ${chosen.event.id} for attendee ${target.attendeeId}`);
    const panel = panels.show(target);
    await panel.session.run({ ...chosen.query.filters });
  });

  // Arguments: ({ organizationId, eventId }, name, filters), from the slices panel.
  register(ctx, 'brella.saveQuery', async (where?: unknown, name?: unknown, filters?: unknown) => {
    await saveQuery(ctx, where, name, filters);
  });

  register(ctx, 'brella.removeSavedQuery', async (node?: TreeNode) => {
    const chosen = node?.kind === 'savedQuery' ? node : await pickSavedQuery(ctx, node);
    if (!chosen) return;
    if (chosen.org.scope === 'demo') {
      chosen.event.savedQueries = (chosen.event.savedQueries ?? []).filter((q) => q !== chosen.query);
      ctx.tree.refresh();
      return;
    }
    const remove = vscode.l10n.t('Remove');
    const answer = await vscode.window.showWarningMessage(
      notificationText(vscode.l10n.t('Remove the saved query "{0}" of {1} from {2} settings?', chosen.query.name, eventLabel(chosen.event), chosen.org.scope)), { modal: true }, remove);
    if (answer !== remove) return;
    await editOrganizations(chosen.org.scope, (orgs) => removeSavedQuery(orgs, chosen.org.id, chosen.event.id, chosen.query.name));
    ctx.log.info(`Removed saved query "${chosen.query.name}" of event ${chosen.event.id} from ${chosen.org.scope} settings`);
    ctx.reload();
  });
}

/**
 * Called by the slices panel as `brella.saveQuery` with `({ organizationId, eventId }, name, filters)`. The query is
 * checked like the settings reader checks it; it goes to the scope the event came from (user or workspace). The
 * demo organization is not in settings: its queries last until the window closes.
 */
async function saveQuery(ctx: CommandContext, where: unknown, name: unknown, filters: unknown): Promise<void> {
  const ids = where as { organizationId?: unknown; eventId?: unknown } | undefined;
  const org = ctx.organizations().find((o) => o.id === ids?.organizationId);
  const event = org?.events.find((e) => e.id === ids?.eventId);
  if (!org || !event) {
    throw new Error(vscode.l10n.t('Cannot save the query: event {0} of organization {1} is not in the tree. Add the event first.', String(ids?.eventId), String(ids?.organizationId)));
  }
  const checked = checkSavedQuery({ name, filters }, 'the saved query');
  if ('problems' in checked) throw new Error(vscode.l10n.t('Cannot save the query: {0}.', checked.problems.join('; ')));
  const query = checked.query;
  if (org.scope === 'demo') {
    keepInMemory(event, query);
    ctx.tree.refresh();
    void vscode.window.showInformationMessage(notificationText(vscode.l10n.t('Saved "{0}" for {1} until the window closes: the demo organization is not in settings.', query.name, eventLabel(event))));
    return;
  }
  await editOrganizations(org.scope, (orgs) => upsertSavedQuery(orgs, org.id, event.id, query));
  ctx.log.info(`Saved query "${query.name}" of event ${event.id} in ${org.scope} settings: ${savedQuerySummary(query)}`);
  ctx.reload();
  void vscode.window.showInformationMessage(notificationText(vscode.l10n.t('Saved "{0}" under {1} ({2} settings).', query.name, eventLabel(event), org.scope)));
}

function keepInMemory(event: ConfiguredEvent, query: SavedQuery): void {
  const others = (event.savedQueries ?? []).filter((q) => q.name.toLowerCase() !== query.name.toLowerCase());
  event.savedQueries = [...others, query];
}

async function pickSavedQuery(ctx: CommandContext, node: TreeNode | undefined): Promise<SavedQueryNode | undefined> {
  const eventNode = await pickEvent(ctx, node, { includeDemo: true });
  if (!eventNode) return undefined;
  const { org, event } = eventNode;
  const queries = event.savedQueries ?? [];
  if (queries.length === 0) {
    void vscode.window.showInformationMessage(notificationText(vscode.l10n.t('{0} has no saved queries yet: use "Save Query…" in an attendee\'s slices panel.', eventLabel(event))));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    queries.map((query) => ({ label: pickText(query.name), description: pickText(savedQuerySummary(query)), query })),
    { title: vscode.l10n.t('Brella: run a saved query of {0}', eventLabel(event)), placeHolder: vscode.l10n.t('Saved query'), matchOnDescription: true },
  );
  return picked ? { kind: 'savedQuery', org, event, query: picked.query } : undefined;
}
