/**
 * What an error means for a report run: a pause of the whole run (every other request would fail the same way),
 * or one attendee's failure. The API layer classifies the errors (isKeyError, isBlocked, waitAskedUntil,
 * isServerFailure); this file only says what the report does with each.
 */
import { isBlocked, isKeyError, isServerFailure, waitAskedUntil } from '../brella';
import type { ReportAttendee, ReportFailure, ReportPause } from './types';

/** Consecutive server failures (5xx that persisted through retries, network errors) that pause the run. */
export const OUTAGE_BURST = 5;

/** Makes the pause's message once the number of attendees left is known. */
export type Pauser = (left: number) => ReportPause;

const leftText = (left: number): string => `${left} attendee${left === 1 ? ' was' : 's were'} not asked`;

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null | undefined)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * The pause an error calls for, or undefined when only this attendee failed. `serverFailures`: consecutive server
 * failures so far, this one included.
 */
export function pauseOf(error: unknown, now: number, serverFailures: number): Pauser | undefined {
  const message = error instanceof Error ? error.message : String(error);
  if (isKeyError(error)) {
    return (left) => ({ reason: 'key', message: `${message} The report paused: ${leftText(left)}. Set the organization's API key again (Set API Key), then Resume.` });
  }
  if (isBlocked(error)) return (left) => ({ reason: 'blocked', message: `${message} The report paused: ${leftText(left)}; Resume asks them.` });
  const until = waitAskedUntil(error, now);
  if (until) {
    const at = until.toISOString();
    return (left) => ({ reason: 'wait', until: at, message: `Brella asked to wait until ${at.slice(0, 19).replace('T', ' ')} UTC before more requests. The report paused: ${leftText(left)}; Resume after that time asks them.` });
  }
  if (isServerFailure(error) && serverFailures >= OUTAGE_BURST) {
    return (left) => ({ reason: 'outage', message: `Brella failed ${serverFailures} requests in a row (the last: ${message}) The report paused: ${leftText(left)}; Resume asks them when Brella is back.` });
  }
  return undefined;
}

/** One attendee's failure, as text, and whether it was a server failure (which counts toward an outage). */
export function attendeeFailure(attendee: ReportAttendee, error: unknown): { failure: ReportFailure; serverFailure: boolean } {
  const status = statusOf(error);
  const reason = error instanceof Error ? error.message : String(error);
  return { failure: { attendeeId: attendee.id, name: attendee.name, reason, ...(status !== undefined ? { status } : {}) }, serverFailure: isServerFailure(error) };
}
