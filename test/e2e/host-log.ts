/**
 * The extension host's own log in code-server (`<user-data>/logs/<session>/exthost<N>/remoteexthost.log`), where
 * VS Code writes the errors it catches from extensions: a failed activation, an uncaught error, or a
 * `PendingMigrationError` when the extension reads `navigator` while it loads before VS Code's full error handler
 * is in place (an activation at start-up, as after a reload with the Brella view open).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pkg from '../../package.json';

/** This extension's id, as VS Code names its log folder and its activation. */
export const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** The extension host logs of this code-server (one per extension host started, e.g. after a reload), in order. */
export function extensionHostLogFiles(userDataDir: string): string[] {
  return files(path.join(userDataDir, 'logs')).filter((f) => /(^|[\\/])(remote)?exthost[^\\/]*\.log$/i.test(f)).sort();
}

/** One entry per log record: its first line and the stack lines that follow it. */
export function logRecords(text: string): string[] {
  const records: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/.test(line) || records.length === 0) records.push(line);
    else records[records.length - 1] += `\n${line}`;
  }
  return records.filter((r) => r.trim() !== '');
}

/**
 * Records at error level that come from this extension (its id, which its installed folder holds too, or its
 * display name), and every `PendingMigrationError` whatever its level. Not "brella" alone: the test folders are
 * named brella-e2e-…, and VS Code's own errors name files in them.
 */
export function brellaProblems(text: string, extensionId: string): string[] {
  const ours = new RegExp(`${extensionId.replace(/\./g, '\\.')}|Brella Explorer`, 'i');
  return logRecords(text).filter((r) => /PendingMigrationError/.test(r) || (/\[error\]/.test(r) && ours.test(r)));
}

/** The files of this extension's own log channel ("Brella"), one per extension host started. */
export function extensionLogFiles(userDataDir: string, extensionId: string): string[] {
  return files(path.join(userDataDir, 'logs')).filter((f) => path.basename(path.dirname(f)) === extensionId).sort();
}

async function waitForLog(list: () => string[], where: string, pattern: RegExp, times: number, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  for (;;) {
    const text = list().map((f) => readFileSync(f, 'utf8')).join('\n');
    if ((text.match(global)?.length ?? 0) >= times) return text;
    if (Date.now() > deadline) throw new Error(`${where} do not record ${pattern} ${times} time(s)`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Waits until the extension host logs record `pattern` at least `times` times, and returns their text. */
export function waitForHostLog(userDataDir: string, pattern: RegExp, times = 1, timeoutMs = 20_000): Promise<string> {
  return waitForLog(() => extensionHostLogFiles(userDataDir), `the extension host logs under ${userDataDir}`, pattern, times, timeoutMs);
}

/** Waits until this extension's own log files record `pattern` at least `times` times, and returns their text. */
export function waitForExtensionLog(userDataDir: string, extensionId: string, pattern: RegExp, times = 1, timeoutMs = 20_000): Promise<string> {
  return waitForLog(() => extensionLogFiles(userDataDir, extensionId), `the logs of ${extensionId} under ${userDataDir}`, pattern, times, timeoutMs);
}
