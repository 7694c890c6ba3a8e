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
      const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''}; see the log)` : '';
      const rest = organizationProblems.length > 0 ? ' The other organizations are loaded.' : '';
      void vscode.window.showWarningMessage(notificationText(`Brella: ${problems[0]}${more}.${rest}`), 'Open Settings', 'Show Log').then((choice) => {
        if (choice === 'Open Settings') void vscode.commands.executeCommand('workbench.action.openSettingsJson');
        if (choice === 'Show Log') this.log.show();
      });
    }
    this.lastProblems = text;
  }
}
