/**
 * Copy as… (cURL, PowerShell, fetch): an attendee's slice request put on the clipboard, with the key left to an
 * environment variable, never written. One home for the slices panel's Copy as… and the report inspector's
 * Copy as cURL.
 */
import * as vscode from 'vscode';
import { copyAsText, COPY_FORMAT_LABELS, validateSliceFilters, type CopyFormat } from '../../brella';
import type { BrellaService } from '../../services/brella';

export interface AttendeeIds {
  organizationId: number;
  eventId: number;
  attendeeId: number;
}

export type CopyOutcome = { ok: true; notice: string } | { ok: false; errors: Array<{ field: string; message: string }> };

/** Puts the request on the clipboard; the filters are checked first and nothing is copied when one is wrong. */
export async function copyRequest(brella: BrellaService, ids: AttendeeIds, filters: Record<string, unknown>, format: CopyFormat): Promise<CopyOutcome> {
  const checked = validateSliceFilters(filters);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  const client = await brella.client(ids.organizationId);
  const request = client.describeSliceRequest(ids.organizationId, ids.eventId, ids.attendeeId, checked.filters);
  await vscode.env.clipboard.writeText(copyAsText(request, format));
  const variable = format === 'powershell' ? '$env:BRELLA_API_KEY' : format === 'fetch' ? 'process.env.BRELLA_API_KEY' : '$BRELLA_API_KEY';
  return { ok: true, notice: vscode.l10n.t('Copied the request as {0}. The key is read from {1}: set that variable before running it.', COPY_FORMAT_LABELS[format], variable) };
}
