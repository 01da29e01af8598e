/**
 * Digest files' content hashes kept between commands (`.digestcast/cache/file-hashes.json`), the
 * way git's index keeps them: each file's size, modification and change times and inode beside
 * its SHA-256, and the hash reused while all four are the same (the change time, which no copy
 * tool can set back, catches a file rewritten in place with its old modification time restored), so a build after one new day reads and
 * hashes that day's files only. Like the other build state it only saves work: a file that is
 * damaged or of another format is ignored (every digest is hashed again), with a note.
 *
 * "Racily clean" files are hashed again: a file modified less than `RACY_WINDOW_MS` before its
 * hash was recorded may have been changed again within the same timestamp tick, keeping its
 * size, so its recorded stat proves nothing. Such a file is hashed on every read until its hash
 * is recorded at least `RACY_WINDOW_MS` after its last modification.
 */
import { readFileSync, type Stats } from 'node:fs';
import { writeFileAtomicSync } from './write-file-atomic.js';

/** The file's format. */
export const FILE_HASHES_FORMAT = { format: 'digestcast-file-hashes', version: 2 } as const;

/** How close (ms) to the recording of its hash a file's modification makes the hash untrustworthy: above any file system's timestamp granularity (FAT: 2 s). */
export const RACY_WINDOW_MS = 2000;

/** What is recorded of a file: `[size, mtimeMs, inode, sha-256, ctimeMs]`. */
type HashRecord = [number, number, number, string, number];

interface FileHashesFile {
  format: typeof FILE_HASHES_FORMAT.format;
  version: typeof FILE_HASHES_FORMAT.version;
  /** When the hashes were taken (ms since the epoch, taken before the first file was looked at). */
  recordedAt: number;
  /** By file name (relative to the project). */
  files: Record<string, HashRecord>;
}

/** Recorded content hashes of digest files (see the module comment). */
export class FileHashes {
  private readonly fresh = new Map<string, HashRecord>();
  private changed = false;
  /** When this run's hashes are taken: before any file is looked at, so a file modified while they are taken counts as racy next time. */
  private readonly recordedAt = Date.now();

  private constructor(
    private readonly path: string,
    private readonly known: ReadonlyMap<string, HashRecord>,
    private readonly knownRecordedAt: number,
    /** Why the file was ignored, when it was there but not usable. */
    readonly note?: string,
  ) {}

  /** Reads the recorded hashes (none when the file is missing or unusable; then `note` says why). */
  static load(path: string): FileHashes {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      return new FileHashes(path, new Map(), 0, missing ? undefined : ignoredNote(`cannot read it (${(error as Error).message})`));
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      return new FileHashes(path, new Map(), 0, ignoredNote(`not JSON (${(error as Error).message})`));
    }
    const problem = shapeProblem(json);
    if (problem !== undefined) return new FileHashes(path, new Map(), 0, ignoredNote(problem));
    const file = json as FileHashesFile;
    return new FileHashes(path, new Map(Object.entries(file.files)), file.recordedAt);
  }

  /** The recorded hash of `name`, if `info` (its stat now) says it is still the same file, unchanged and not racily clean. */
  hashOf(name: string, info: Stats): string | undefined {
    const record = this.known.get(name);
    if (!record) return undefined;
    const [size, mtimeMs, ino, hash, ctimeMs] = record;
    if (size !== info.size || mtimeMs !== info.mtimeMs || ino !== info.ino || ctimeMs !== info.ctimeMs) return undefined;
    if (info.mtimeMs >= this.knownRecordedAt - RACY_WINDOW_MS) return undefined;
    this.fresh.set(name, record);
    return hash;
  }

  /** Records the hash of `name`'s bytes, with `info`: its stat taken before they were read. */
  record(name: string, info: Stats, hash: string): void {
    this.fresh.set(name, [info.size, info.mtimeMs, info.ino, hash, info.ctimeMs]);
    this.changed = true;
  }

  /** Writes the hashes recorded or reused since `load` (only the files seen this time), when that changes the file. */
  save(): void {
    if (!this.changed && this.fresh.size === this.known.size) return;
    const file: FileHashesFile = { ...FILE_HASHES_FORMAT, recordedAt: this.recordedAt, files: Object.fromEntries(this.fresh) };
    writeFileAtomicSync(this.path, JSON.stringify(file));
  }
}

function ignoredNote(why: string): string {
  return `digest file hashes ignored: ${why}; hashing every digest again`;
}

/** Why `json` is not a `FileHashesFile`, or undefined. */
function shapeProblem(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return 'not a JSON object';
  const file = json as Partial<Record<keyof FileHashesFile, unknown>>;
  if (file.format !== FILE_HASHES_FORMAT.format) return `a ${JSON.stringify(file.format)} file, expected "${FILE_HASHES_FORMAT.format}"`;
  if (file.version !== FILE_HASHES_FORMAT.version) return `format ${JSON.stringify(file.version)}, expected ${FILE_HASHES_FORMAT.version}`;
  if (typeof file.recordedAt !== 'number') return 'recordedAt is not a number';
  if (typeof file.files !== 'object' || file.files === null || Array.isArray(file.files)) return 'files is not an object';
  for (const [name, r] of Object.entries(file.files as Record<string, unknown>)) {
    if (!Array.isArray(r) || r.length !== 5 || typeof r[0] !== 'number' || typeof r[1] !== 'number' || typeof r[2] !== 'number' || typeof r[3] !== 'string' || typeof r[4] !== 'number') {
      return `files.${name} is not [size, mtimeMs, inode, hash, ctimeMs]`;
    }
  }
  return undefined;
}
