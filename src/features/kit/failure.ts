/** How a session reports a run that failed: the message, the HTTP status when there is one, and what the user can do. */
import { isKeyError } from '../../brella';
import { MissingKeyError } from '../../services/brella';

export interface Failed<A extends string> {
  kind: 'failed';
  message: string;
  status?: number;
  actions: (A | 'setApiKey' | 'showLog')[];
}

/** `again` is the action that runs it once more ("retry", "resume"); a missing key offers only Set API Key. */
export function failedRun<A extends string>(error: unknown, again: A): Failed<A> {
  if (error instanceof MissingKeyError) return { kind: 'failed', message: error.message, actions: ['setApiKey'] };
  const status = (error as { status?: number } | null | undefined)?.status;
  const message = error instanceof Error ? error.message : String(error);
  const actions: Failed<A>['actions'] = isKeyError(error) ? ['setApiKey', again, 'showLog'] : [again, 'showLog'];
  return { kind: 'failed', message, ...(status !== undefined ? { status } : {}), actions };
}
