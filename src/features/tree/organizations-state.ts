/** The organizations the tree shows: those in settings (validated) and the demo one; warns once per problem set. */
import * as vscode from 'vscode';
import type { ConfiguredOrganization } from '../../config/organizations';
import { readCheckedClientSettings, readConfiguredOrganizations, readLargeAttendeeSlices } from '../../config/settings';
import { notificationText } from '../../explorer/markup';
import type { DemoOrganization } from '../../services/demo';

export class OrganizationsState {
  private configured: ConfiguredOrganization[] = [];
  private lastProblems = '';

  constructor(private readonly demo: DemoOrganization, private readonly log: vscode.LogOutputChannel) {}

  all(): ConfiguredOrganization[] {
    const demo = this.demo.current;
    return demo ? [demo, ...this.configured.filter((o) => o.id !== demo.id)] : this.configured;
  }

  /**
   * Re-reads the settings; shows one warning naming every invalid entry and every bad numeric setting by its path
   * (once for the same problems).
   */
  reload(): void {
    const { organizations, problems: organizationProblems } = readConfiguredOrganizations();
    this.configured = organizations;
    const problems = [...organizationProblems, ...readCheckedClientSettings().problems];
    readLargeAttendeeSlices(problems);
    const text = problems.join('; ');
    if (text && text !== this.lastProblems) {
      this.log.warn(`Settings: ${text}`);
      const others = problems.length - 1;
      const more = others > 1 ? vscode.l10n.t(' (and {0} more problems; see the log)', others) : others === 1 ? vscode.l10n.t(' (and 1 more problem; see the log)') : '';
      const rest = organizationProblems.length > 0 ? vscode.l10n.t(' The other organizations are loaded.') : '';
      const openSettings = vscode.l10n.t('Open Settings');
      const showLog = vscode.l10n.t('Show Log');
      void vscode.window.showWarningMessage(notificationText(vscode.l10n.t('Brella: {0}{1}.{2}', problems[0], more, rest)), openSettings, showLog).then((choice) => {
        if (choice === openSettings) void vscode.commands.executeCommand('workbench.action.openSettingsJson');
        if (choice === showLog) this.log.show();
      });
    }
    this.lastProblems = text;
  }
}
