/**
 * Where the event report keeps its ledger between runs and window reloads: one file of JSON lines per report key
 * under the extension's global storage folder (context.globalStorageUri). The first line names the key; each
 * later line is one finished answer (or an attendee listing), appended once. Opening a report compacts its file
 * (written whole to a temporary file and renamed, so a crash leaves the previous version). Two windows on the same
 * report append to the same file; the ledger reads the later answer of an attendee as the one that counts.
 * Holds what src/reports writes: never the key. Node only (no `vscode` import), so tests use a temporary folder.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { ReportStore } from '../../reports';

export class FileReportStore implements ReportStore {
  /** Writes per file, chained so two writes of one report never interleave in this window. */
  private readonly writes = new Map<string, Promise<void>>();
  private pruned = false;
  /** Bytes written in all (the benchmark reads it). */
  bytesWritten = 0;
  /** Files this store has seen with their first line: appends to them need no folder or header. */
  private readonly started = new Set<string>();

  /** `keep`: reports kept at most; the least recently written beyond it are deleted (once per session). */
  constructor(private readonly folder: string, private readonly keep = 100) {}

  /** The file of a key: its hash, so ids and instants never become path parts. */
  fileOf(key: string): string {
    return path.join(this.folder, `report-${createHash('sha256').update(key).digest('hex').slice(0, 32)}.jsonl`);
  }

  private header(key: string): string {
    return JSON.stringify({ key });
  }

  async load(key: string): Promise<string[] | undefined> {
    const file = this.fileOf(key);
    await this.writes.get(file)?.catch(() => undefined);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const lines = text.split('\n');
    // The first line names the key: a hash collision (or a foreign file) reads as "nothing kept".
    if (lines[0] !== this.header(key)) return undefined;
    return lines.slice(1).filter((l) => l.trim() !== '');
  }

  append(key: string, lines: readonly string[]): Promise<void> {
    if (lines.length === 0) return Promise.resolve();
    return this.chain(key, async (file) => {
      if (!this.started.has(file)) {
        await mkdir(this.folder, { recursive: true });
        const header = this.header(key);
        try {
          await writeFile(file, header, { flag: 'wx' });
          this.bytesWritten += header.length;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        }
        this.started.add(file);
      }
      // Each batch starts on a new line: a line cut short by a crash stays one damaged line, never two.
      this.bytesWritten += await withFile(file, 'a', (handle) => writeLines(handle, lines));
    });
  }

  rewrite(key: string, lines: Iterable<string>): Promise<void> {
    return this.chain(key, async (file) => {
      await mkdir(this.folder, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      const header = this.header(key);
      this.bytesWritten += await withFile(temporary, 'w', async (handle) => {
        await writeAll(handle, Buffer.from(header, 'utf8'));
        return Buffer.byteLength(header) + (await writeLines(handle, lines));
      });
      await rename(temporary, file);
      this.started.add(file);
    });
  }

  /** Deletes the least recently written reports beyond `keep`, so the folder does not grow without end. */
  async prune(): Promise<void> {
    const names = (await readdir(this.folder)).filter((n) => /^report-[0-9a-f]{32}\.jsonl?$/.test(n));
    if (names.length <= this.keep) return;
    const dated = await Promise.all(names.map(async (n) => ({ n, t: (await stat(path.join(this.folder, n))).mtimeMs })));
    dated.sort((a, b) => b.t - a.t);
    await Promise.all(dated.slice(this.keep).map((d) => {
      this.started.delete(path.join(this.folder, d.n));
      return unlink(path.join(this.folder, d.n)).catch(() => undefined);
    }));
  }

  private chain(key: string, write: (file: string) => Promise<void>): Promise<void> {
    const file = this.fileOf(key);
    const previous = this.writes.get(file) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(async () => {
      await write(file);
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

/** Bytes per write: the lines go out a chunk at a time, never joined into one string or buffer. */
const CHUNK_BYTES = 1 << 20;

async function withFile(file: string, flags: 'a' | 'w', write: (handle: FileHandle) => Promise<number>): Promise<number> {
  const handle = await open(file, flags);
  try {
    return await write(handle);
  } finally {
    await handle.close();
  }
}

async function writeAll(handle: FileHandle, bytes: Buffer): Promise<void> {
  for (let at = 0; at < bytes.length;) at += (await handle.write(bytes, at, bytes.length - at)).bytesWritten;
}

/**
 * Writes each line after a line break (the text before it ends without one), as UTF-8; returns the bytes written.
 * Lines made as they are read (a compaction) are read a chunk at a time.
 */
async function writeLines(handle: FileHandle, lines: Iterable<string>): Promise<number> {
  let chars = 0;
  if (Array.isArray(lines)) for (const line of lines as readonly string[]) chars += line.length + 1;
  else chars = CHUNK_BYTES;
  let chunk = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, chars));
  let used = 0;
  let written = 0;
  const drain = async (): Promise<void> => {
    await writeAll(handle, chunk.subarray(0, used));
    written += used;
    used = 0;
  };
  for (const line of lines) {
    const size = Buffer.byteLength(line) + 1;
    if (used + size > chunk.length) {
      await drain();
      if (size > chunk.length) chunk = Buffer.allocUnsafe(Math.max(size, Math.min(CHUNK_BYTES, chars)));
    }
    chunk[used++] = 0x0a;
    used += chunk.write(line, used);
  }
  await drain();
  return written;
}
