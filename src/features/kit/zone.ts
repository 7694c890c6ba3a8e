/** The `brella.timeZone` setting, read where every panel reads it. */
import * as vscode from 'vscode';
import type { ZoneSetting } from '../../model/zone';

/** `brella.timeZone`: local, utc or event (the default; local time while the event's zone is unknown). */
export function timeZoneSetting(): ZoneSetting {
  const value = vscode.workspace.getConfiguration('brella').get<string>('timeZone');
  return value === 'utc' || value === 'local' ? value : 'event';
}
