/** The caller's request log, fed only redacted lines; a logger that throws never breaks a request. */
import { redact } from './errors';
import type { RequestLogEntry } from './client-types';

export function requestLog(sink: ((entry: RequestLogEntry) => void) | undefined, key: string): (entry: RequestLogEntry) => void {
  return (entry) => {
    if (!sink) return;
    try {
      sink({ ...entry, path: redact(entry.path, key), ...(entry.error ? { error: redact(entry.error, key) } : {}) });
    } catch {
      // a failing logger must not break requests
    }
  };
}
