/**
 * Export Sponsor Visitor Lists…: the report's sponsor booths, each one's visitors in a CSV of its own and a summary
 * (src/reports/visitor-lists.ts), written into a folder the user picks, in a subfolder named after the event.
 */
import * as vscode from 'vscode';
import { notificationText } from '../../explorer/markup';
import type { ReportPanelTarget } from '../../protocol/report';
import { sponsorVisitorLists, type ReportRow } from '../../reports';

export async function exportSponsorVisitorLists(rows: readonly ReportRow[], target: ReportPanelTarget, log: vscode.LogOutputChannel): Promise<void> {
  const { files, sponsors } = sponsorVisitorLists(rows);
  if (sponsors === 0) {
    void vscode.window.showInformationMessage(notificationText(vscode.l10n.t('No sponsor booth has a visitor in this report yet: run it (Engagement) first.')));
    return;
  }
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
  await vscode.workspace.fs.createDirectory(folder);
  for (const file of files) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, file.name), new TextEncoder().encode(file.text));
  log.info(`Exported the visitor lists of ${sponsors} sponsor booths and a summary to ${folder.fsPath}`);
  const reveal = vscode.l10n.t('Reveal');
  const choice = await vscode.window.showInformationMessage(
    notificationText(vscode.l10n.t('Exported the visitor lists of {0} sponsor booths and a summary to {1}.', sponsors, vscode.workspace.asRelativePath(folder))), reveal,
  );
  if (choice === reveal) await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.joinPath(folder, 'sponsors-summary.csv'));
}
