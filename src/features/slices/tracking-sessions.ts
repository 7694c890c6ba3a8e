/**
 * The Sessions tab's work, apart from VS Code: reads one attendee's tracking sessions (every page) and tells
 * the webview as they come, with the same error actions as a slices run. No `vscode` import.
 */
import { isAbortError, isKeyError, type BrellaClient } from '../../brella';
import type { ErrorAction, PanelTarget, ToWebview } from '../../protocol/slices';
import { MissingKeyError } from '../../services/brella';

export interface SessionsDeps {
  client(): Promise<BrellaClient>;
  post(message: ToWebview): void;
}

/** Loads the sessions once at a time; a new load cancels the one before. */
export class TrackingSessionsLoader {
  private controller: AbortController | undefined;

  constructor(private readonly target: PanelTarget, private readonly deps: SessionsDeps) {}

  async load(): Promise<void> {
    this.cancel();
    const controller = new AbortController();
    this.controller = controller;
    const { organizationId, eventId, attendeeId } = this.target;
    this.deps.post({ type: 'sessionsLoading' });
    try {
      const client = await this.deps.client();
      await client.listTrackingSessions(organizationId, eventId, attendeeId, {
        signal: controller.signal,
        onPage: (_info, items) => {
          if (this.controller !== controller) return;
          this.deps.post({ type: 'sessions', sessions: [...items], complete: false });
        },
      });
      if (this.controller !== controller) return;
      // The sessions came page by page; this last message only says the load is complete.
      this.deps.post({ type: 'sessions', sessions: [], complete: true });
    } catch (error) {
      if (this.controller !== controller || isAbortError(error)) return;
      this.deps.post({ type: 'sessionsFailed', ...failure(error) });
    } finally {
      if (this.controller === controller) this.controller = undefined;
    }
  }

  cancel(): void {
    this.controller?.abort();
    this.controller = undefined;
  }
}

function failure(error: unknown): { message: string; status?: number; actions: ErrorAction[] } {
  if (error instanceof MissingKeyError) return { message: error.message, actions: ['setApiKey'] };
  const status = (error as { status?: number }).status;
  const message = error instanceof Error ? error.message : String(error);
  const actions: ErrorAction[] = isKeyError(error) ? ['setApiKey', 'retry', 'showLog'] : ['retry', 'showLog'];
  return { message, ...(status !== undefined ? { status } : {}), actions };
}
