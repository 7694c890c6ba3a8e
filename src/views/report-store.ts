/**
 * Where the event report keeps finished rows between runs and window reloads: one JSON file per report key under
 * the extension's global storage folder (context.globalStorageUri), written whole to a temporary file and renamed,
 * so a crash leaves the previous version. Holds what src/reports saves (rows, failures, attendees): never the key.
 * Node only (no `vscode` import), so tests use it with a temporary folder.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ReportStore, StoredReport } from '../reports';

export class FileReportStore implements ReportStore {
  /** Writes per file, chained so two saves of one report never interleave. */
  private readonly writes = new Map<string, Promise<void>>();

  private pruned = false;

  /** `keep`: reports kept at most; the least recently saved beyond it are deleted (once per session, after a save). */
  constructor(private readonly folder: string, private readonly keep = 100) {}

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

  /** Deletes the least recently saved reports beyond `keep`, so the folder does not grow without end. */
  async prune(): Promise<void> {
    const names = (await readdir(this.folder)).filter((n) => /^report-[0-9a-f]{32}\.json$/.test(n));
    if (names.length <= this.keep) return;
    const dated = await Promise.all(names.map(async (n) => ({ n, t: (await stat(path.join(this.folder, n))).mtimeMs })));
    dated.sort((a, b) => b.t - a.t);
    await Promise.all(dated.slice(this.keep).map((d) => unlink(path.join(this.folder, d.n)).catch(() => undefined)));
  }

  save(key: string, value: StoredReport): Promise<void> {
    const file = this.fileOf(key);
    const previous = this.writes.get(file) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(async () => {
      await mkdir(this.folder, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify({ key, report: value }), 'utf8');
      await rename(temporary, file);
      if (!this.pruned) {
        this.pruned = true;
        await this.prune();
      }
    });
    this.writes.set(file, next);
    void next.finally(() => {
      if (this.writes.get(file) === next) this.writes.delete(file);
    }).catch(() => undefined);
    return next;
  }
}
