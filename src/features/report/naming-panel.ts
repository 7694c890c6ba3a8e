/**
 * The report panel's naming of booths and streams: the kept names when the panel opens, and a naming with
 * progress (a notification with Cancel when asked for, the status bar after a run) that says what it took.
 */
import * as vscode from 'vscode';
import type { BrellaClient } from '../../brella';
import { notificationText } from '../../explorer/markup';
import type { ToReportWebview } from '../../protocol/report';
import type { ReportRow, ReportStore } from '../../reports';
import { keptNames, nameTrackables, namesForTables, type NamingOutcome, type NamingTarget } from './names';

export interface NamerDeps {
  store: ReportStore;
  client: () => Promise<BrellaClient>;
  log: vscode.LogOutputChannel;
  post(message: ToReportWebview): void;
  rows(): Promise<readonly ReportRow[]>;
  /** Names the report's answers carried. */
  found(): ReadonlyMap<string, string>;
}

/**
 * "Named 12 of 14 booths and streams in 5 requests. 2 stay shown by type and id.", for the tabs (a webview text,
 * like the rest of the page's).
 */
export function namingNote(o: NamingOutcome): string {
  if (o.wanted === 0) return 'Every booth and stream visited has a name (kept for this event): no request needed.';
  const named = o.wanted - o.unnamed;
  const base = `Named ${named} of ${o.wanted} booths and streams in ${o.requests} request${o.requests === 1 ? '' : 's'}.`;
  const rest = o.unnamed > 0 ? ` ${o.unnamed} stay shown by type and id.` : '';
  return base + rest + (o.cancelled ? ' Cancelled: naming again goes on from here.' : '');
}

export class TrackableNamer {
  private running: AbortController | undefined;

  constructor(private readonly target: NamingTarget, private readonly deps: NamerDeps) {}

  /** The names kept for the event, to the webview (nothing asked). */
  async showKept(): Promise<void> {
    const names = await keptNames(this.deps.store, this.target);
    if (names.size > 0) this.deps.post({ type: 'names', names: namesForTables(await this.deps.rows(), names) });
  }

  /** The kept names of the booths and streams the rows visited, by trackable key (for the visitor lists). */
  async namesForLists(): Promise<ReadonlyMap<string, string>> {
    const rows = await this.deps.rows();
    return new Map(Object.entries(namesForTables(rows, await keptNames(this.deps.store, this.target))));
  }

  /** Names what is missing; `quiet`: in the status bar (after a run), else a notification with Cancel. */
  async name(quiet: boolean): Promise<void> {
    if (this.running) return;
    const stop = (this.running = new AbortController());
    try {
      const rows = await this.deps.rows();
      const outcome = await vscode.window.withProgress(
        {
          location: quiet ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification,
          title: notificationText(vscode.l10n.t('Naming booths and streams')), cancellable: !quiet,
        },
        async (progress, token) => {
          const cancel = token.onCancellationRequested(() => stop.abort());
          try {
            return await nameTrackables(rows, this.target, this.deps, {
              signal: stop.signal, found: this.deps.found(),
              onProgress: (p) => progress.report({ message: notificationText(vscode.l10n.t('{0} of {1} named, {2} requests', p.named, p.wanted, p.requests)) }),
            });
          } finally {
            cancel.dispose();
          }
        },
      );
      const note = namingNote(outcome);
      this.deps.log.info(`Event report ${this.target.eventId}: ${note}`);
      this.deps.post({ type: 'names', names: namesForTables(rows, outcome.names), note });
    } catch (error) {
      const message = vscode.l10n.t('Naming booths and streams stopped: {0}', (error as Error).message);
      this.deps.log.warn(message);
      this.deps.post({ type: 'names', names: {}, note: message });
      if (!quiet) void vscode.window.showWarningMessage(notificationText(message));
    } finally {
      this.running = undefined;
    }
  }

  cancel(): void {
    this.running?.abort();
  }
}
