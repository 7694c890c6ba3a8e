/**
 * The slices panel's host side beyond a run: the time-zone setting with its `event` value, the event's zone
 * (read from Brella once), saved queries and recent runs for the presets, Save Query…, and Copy as…
 * (cURL, PowerShell, fetch). Kept apart from panel.ts so that file stays a thin switch.
 */
import * as vscode from 'vscode';
import { validateSliceFilters, type CopyFormat } from '../../brella';
import type { ConfiguredOrganization } from '../../config/organizations';
import { invalidReply, type PanelTarget, type RecentRun, type SavedQueryItem, type ToWebview } from '../../protocol/slices';
import type { BrellaService } from '../../services/brella';
import { copyRequest } from '../kit/copy-request';
import type { RunHistory } from './history';

const IANA = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/;

/** The event's zone from Brella (`time-zone` or `timezone`), or undefined when it has none or the read fails. */
export async function readEventZone(brella: BrellaService, target: PanelTarget, log: vscode.LogOutputChannel): Promise<string | undefined> {
  try {
    const client = await brella.client(target.organizationId);
    const { item } = await client.getEvent(target.organizationId, target.eventId);
    const zone = item.timeZone?.trim();
    if (!zone) return undefined;
    if (!IANA.test(zone) || zone.length > 64) {
      log.warn(`Event ${target.eventId} has a time zone that is not an IANA name; times stay in local time or UTC.`);
      return undefined;
    }
    return zone;
  } catch (error) {
    log.warn(`Could not read the time zone of event ${target.eventId}: ${(error as Error).message}`);
    return undefined;
  }
}

/** The event's saved queries, as the tree shows them (settings, any scope). */
export function savedQueriesOf(org: ConfiguredOrganization | undefined, target: PanelTarget): SavedQueryItem[] {
  const event = org?.events.find((e) => e.id === target.eventId);
  return (event?.savedQueries ?? []).map((q) => ({ name: q.name, filters: { ...q.filters } }));
}

export function recentRunsOf(history: RunHistory | undefined, target: PanelTarget): RecentRun[] {
  return history?.list(target) ?? [];
}

/**
 * Save Query…: asks for a name, then hands target, name and filters to `brella.saveQuery`, which writes them
 * where the event is configured. Filters are checked first: a bad one is reported and nothing is saved.
 */
export async function saveQuery(
  target: PanelTarget, request: { filters: Record<string, unknown>; requestId?: number }, existing: readonly SavedQueryItem[], post: (m: ToWebview) => void,
): Promise<boolean> {
  const { filters } = request;
  const checked = validateSliceFilters(filters);
  if (!checked.ok) {
    post(invalidReply(checked.errors, request.requestId));
    return false;
  }
  const taken = new Set(existing.map((q) => q.name.toLowerCase()));
  const name = await vscode.window.showInputBox({
    title: vscode.l10n.t('Save query for {0}', target.eventName),
    prompt: vscode.l10n.t('A name for these filters; the query shows under the event in the tree and in the panel\'s presets.'),
    placeHolder: vscode.l10n.t('e.g. Presence on day 1'),
    validateInput: (value) => {
      const v = value.trim();
      if (v === '') return vscode.l10n.t('Give the query a name.');
      if (v.length > 80) return vscode.l10n.t('Use at most 80 characters.');
      if (/\p{Cc}/u.test(v)) return vscode.l10n.t('Leave out control characters.');
      return taken.has(v.toLowerCase()) ? vscode.l10n.t('"{0}" exists for this event; saving replaces it.', v) : undefined;
    },
  });
  if (name === undefined || name.trim() === '') return false;
  const kept: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(filters)) kept[k] = Array.isArray(v) ? v.map(String) : String(v);
  await vscode.commands.executeCommand('brella.saveQuery', { organizationId: target.organizationId, eventId: target.eventId }, name.trim(), kept);
  return true;
}

/** Copy as…: the request for these filters in one format, the key read from BRELLA_API_KEY; undefined when a filter is bad. */
export async function copyRequestAs(
  brella: BrellaService, target: PanelTarget, asked: { filters: Record<string, unknown>; format: CopyFormat; requestId?: number }, post: (m: ToWebview) => void,
): Promise<void> {
  const outcome = await copyRequest(brella, target, asked.filters, asked.format);
  post(outcome.ok ? { type: 'notice', text: outcome.notice } : invalidReply(outcome.errors, asked.requestId));
}
