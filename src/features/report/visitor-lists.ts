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
    void vscode.window.showInformationMessage(notificationText('No sponsor booth has a visitor in this report yet: run it (Engagement) first.'));
    return;
  }
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Export Here',
    title: `Export the visitor lists of ${sponsors} sponsor booths`,
    ...(vscode.workspace.workspaceFolders?.[0] ? { defaultUri: vscode.workspace.workspaceFolders[0].uri } : {}),
  });
  if (!picked?.[0]) return;
  const folder = vscode.Uri.joinPath(picked[0], `report-${target.eventId}-sponsor-visitors`);
  const exists = await vscode.workspace.fs.stat(folder).then(() => true, () => false);
  if (exists) {
    const replace = await vscode.window.showWarningMessage(notificationText(`${folder.fsPath} exists. Replace the lists in it?`), { modal: true }, 'Replace');
    if (replace !== 'Replace') return;
  }
  await vscode.workspace.fs.createDirectory(folder);
  for (const file of files) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, file.name), new TextEncoder().encode(file.text));
  log.info(`Exported the visitor lists of ${sponsors} sponsor booths and a summary to ${folder.fsPath}`);
  const choice = await vscode.window.showInformationMessage(notificationText(`Exported the visitor lists of ${sponsors} sponsor booths and a summary to ${vscode.workspace.asRelativePath(folder)}.`), 'Reveal');
  if (choice === 'Reveal') await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.joinPath(folder, 'sponsors-summary.csv'));
}
