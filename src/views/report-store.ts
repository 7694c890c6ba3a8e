/**
 * Where the event report keeps finished rows between runs and window reloads: one JSON file per report key under
 * the extension's global storage folder (context.globalStorageUri), written whole to a temporary file and renamed,
 * so a crash leaves the previous version. Holds what src/reports saves (rows, failures, attendees): never the key.
 * Node only (no `vscode` import), so tests use it with a temporary folder.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ReportStore, StoredReport } from '../reports';

export class FileReportStore implements ReportStore {
  /** Writes per file, chained so two saves of one report never interleave. */
  private readonly writes = new Map<string, Promise<void>>();

  constructor(private readonly folder: string) {}

  /** The file of a key: its hash, so ids and instants never become path parts. */
  fileOf(key: string): string {
    return path.join(this.folder, `report-${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);
  }

  async load(key: string): Promise<StoredReport | undefined> {
    const file = this.fileOf(key);
    await this.writes.get(file);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      const parsed = JSON.parse(text) as { key?: unknown; report?: unknown };
      // The key is checked too: a hash collision (or a hand-edited file) reads as "nothing kept".
      return parsed.key === key ? (parsed.report as StoredReport) : undefined;
    } catch {
      return undefined;
    }
  }

  save(key: string, value: StoredReport): Promise<void> {
    const file = this.fileOf(key);
    const previous = this.writes.get(file) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(async () => {
      await mkdir(this.folder, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify({ key, report: value }), 'utf8');
      await rename(temporary, file);
    });
    this.writes.set(file, next);
    void next.finally(() => {
      if (this.writes.get(file) === next) this.writes.delete(file);
    }).catch(() => undefined);
    return next;
  }
}
