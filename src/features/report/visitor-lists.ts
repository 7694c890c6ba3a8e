/**
 * Export Sponsor Visitor Lists…: the report's sponsor booths, each one's visitors and a summary
 * (src/reports/visitor-lists.ts), as one Excel workbook (a Summary sheet, a sheet per booth, a Query sheet) saved
 * where the user picks, or as CSV files in a folder the user picks, in a subfolder named after the event.
 */
import * as vscode from 'vscode';
import { notificationText } from '../../explorer/markup';
import type { ReportPanelTarget } from '../../protocol/report';
import type { ReportRow } from '../../reports';
import { SUMMARY_FILE, visitorListFiles, visitorListSheets, visitorListsQuery, visitorListTables, type VisitorLists } from '../../reports/visitor-lists';
import { exportToFile } from '../kit/panels';
import { sheetsWorkbookBytes } from '../kit/xlsx';

/** How headers and the Query sheet name the zone. */
const zoneNameOf = (zone: string): string => (zone === 'utc' || zone === 'UTC' ? 'UTC' : zone === 'local' ? 'local time' : zone);

/**
 * `names`: the booths' names by trackable key (TrackableRow.key); `zone`: where the workbook writes times (the
 * report's day zone). CSV files write them in UTC.
 */
export async function exportSponsorVisitorLists(
  rows: readonly ReportRow[], target: ReportPanelTarget, log: vscode.LogOutputChannel, names: ReadonlyMap<string, string>, zone: string,
): Promise<void> {
  const lists = visitorListTables(rows, names, { zone, zoneName: zoneNameOf(zone) });
  const sponsors = lists.booths.length;
  if (sponsors === 0) {
    void vscode.window.showInformationMessage(notificationText(vscode.l10n.t('No sponsor booth has a visitor in this report yet: run it (Engagement) first.')));
    return;
  }
  const formats = [
    { label: vscode.l10n.t('Excel workbook (.xlsx)'), description: vscode.l10n.t('a Summary sheet and a sheet per booth'), format: 'xlsx' as const },
    { label: vscode.l10n.t('CSV files'), description: vscode.l10n.t('one per booth and a summary, in a folder'), format: 'csv' as const },
  ];
  const picked = await vscode.window.showQuickPick(formats, {
    title: vscode.l10n.t('Export the visitor lists of {0} sponsor booths', sponsors), placeHolder: vscode.l10n.t('Export them as'),
  });
  if (picked?.format === 'xlsx') await exportWorkbook(lists, target, log);
  else if (picked?.format === 'csv') await exportCsv(lists, target, log);
}

async function exportWorkbook(lists: VisitorLists, target: ReportPanelTarget, log: vscode.LogOutputChannel): Promise<void> {
  const content = (): Promise<Uint8Array> => {
    const sheets = visitorListSheets(lists);
    log.info(`Writing the visitor lists of ${lists.booths.length} sponsor booths (${lists.visitors} visitor rows) as a workbook of ${sheets.length + 1} sheets, times in ${lists.zone.zoneName}`);
    return sheetsWorkbookBytes(sheets, visitorListsQuery(lists, { target, exportedAt: new Date().toISOString() }));
  };
  await exportToFile(log, {
    format: 'xlsx', content, rows: lists.booths.length, noun: vscode.l10n.t('sponsor visitor lists'), baseName: `report-${target.eventId}-sponsor-visitors`,
  });
}

async function exportCsv(lists: VisitorLists, target: ReportPanelTarget, log: vscode.LogOutputChannel): Promise<void> {
  const sponsors = lists.booths.length;
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: vscode.l10n.t('Export Here'),
    title: vscode.l10n.t('Export the visitor lists of {0} sponsor booths', sponsors),
    ...(vscode.workspace.workspaceFolders?.[0] ? { defaultUri: vscode.workspace.workspaceFolders[0].uri } : {}),
  });
  if (!picked?.[0]) return;
  const folder = vscode.Uri.joinPath(picked[0], `report-${target.eventId}-sponsor-visitors`);
  const exists = await vscode.workspace.fs.stat(folder).then(() => true, () => false);
  if (exists) {
    const replace = vscode.l10n.t('Replace');
    const answer = await vscode.window.showWarningMessage(notificationText(vscode.l10n.t('{0} exists. Replace the lists in it?', folder.fsPath)), { modal: true }, replace);
    if (answer !== replace) return;
  }
  const files = visitorListFiles(lists);
  await vscode.workspace.fs.createDirectory(folder);
  for (const file of files) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, file.name), new TextEncoder().encode(file.text));
  log.info(`Exported the visitor lists of ${sponsors} sponsor booths (${lists.visitors} visitor rows) and a summary as ${files.length} CSV files to ${folder.fsPath}`);
  const reveal = vscode.l10n.t('Reveal');
  const choice = await vscode.window.showInformationMessage(
    notificationText(vscode.l10n.t('Exported the visitor lists of {0} sponsor booths and a summary to {1}.', sponsors, vscode.workspace.asRelativePath(folder))), reveal,
  );
  if (choice === reveal) await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.joinPath(folder, SUMMARY_FILE));
}
