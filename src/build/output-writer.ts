/**
 * Writes build outputs into `out/`, one at a time as they are rendered: only files whose content
 * changed; an output whose inputs did not change (its key is the one the last build recorded)
 * is not even rendered. At the end, removes the files an earlier build wrote that this one no
 * longer produces (never anything else in `out/`).
 */
import { existsSync, readdirSync } from 'node:fs';
import { lstat, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, normalize, sep } from 'node:path';
import type { FeedReport } from '../feeds/feed-set.js';
import type { Diagnostic } from '../model.js';
import type { OutputFile } from '../project/output-file.js';
import { isSearchMonth } from '../project/site-paths.js';
import { sha256 } from '../hash.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { type BuildStateFormat, type BuildStateRead, readBuildState } from './build-state-file.js';
import { arrayAt, diagnosticAt, feedReportAt, type FieldChecks, fieldPath, fieldsAt, numberAt, objectAt, optionalAt, recordWithKeysAt, shapeCheck, stringAt } from './shape-check.js';

/** The build manifest's format (version 1: files without a format name or version; 2: a hash per file). */
export const BUILD_MANIFEST_FORMAT = { format: 'digestcast-build-manifest', version: 3 } as const satisfies BuildStateFormat;

/** What the manifest records of an output: its content hash, and the key of its inputs where it has one. */
export interface OutputRecord {
  hash: string;
  key?: string;
}

/** Counts that describe what a build published. */
export interface BuildStats {
  days: number;
  papers: number;
  entries: number;
  digestFiles: number;
  readableFiles: number;
}

/** What the previous build wrote: its fingerprint, each file's hash, and what it reported (for an up-to-date build to repeat). */
export interface BuildManifest {
  fingerprint: string;
  files: Record<string, OutputRecord>;
  /** The key of each month's search bundle (`out/pagefind/YYYY-MM/`, written outside `files`). */
  search?: Record<string, string>;
  stats: BuildStats;
  feeds: FeedReport[];
  diagnostics: Diagnostic[];
}

/** The manifest file: its format, then the manifest. */
type ManifestFile = typeof BUILD_MANIFEST_FORMAT & BuildManifest;

const STATS_FIELDS: FieldChecks<BuildStats> = { days: numberAt, papers: numberAt, entries: numberAt, digestFiles: numberAt, readableFiles: numberAt };

/** Checked by hand, as the history is: every output and diagnostic of the history, read by every build, up to date or not. */
const manifestFileShape = shapeCheck<ManifestFile>((json) => {
  const file = objectAt(json, '');
  stringAt(file.fingerprint, 'fingerprint');
  // Paths as the writer records them: a path written otherwise (`./index.html`) would not be known for the file it names, which the build would then remove as no longer made; one outside out/ would fail every build.
  recordWithKeysAt(file.files, 'files', isRecordedOutputPath, 'paths of files inside out/ as digestcast writes them', (value, path) => {
    const record = objectAt(value, path);
    stringAt(record.hash, fieldPath(path, 'hash'));
    optionalAt(record.key, fieldPath(path, 'key'), stringAt);
  });
  // Months (`2025-10`): a bundle folder's name.
  optionalAt(file.search, 'search', (value, path) => recordWithKeysAt(value, path, isSearchMonth, 'months (YYYY-MM)', stringAt));
  fieldsAt(file.stats, 'stats', STATS_FIELDS);
  arrayAt(file.feeds, 'feeds', feedReportAt);
  arrayAt(file.diagnostics, 'diagnostics', diagnosticAt);
});

/**
 * Reads the manifest of the previous build: nothing when there is none, and a note when it is
 * there but damaged, of another format version or shape (then everything is rebuilt).
 */
export async function readManifest(path: string): Promise<BuildStateRead<BuildManifest>> {
  return readBuildState(path, BUILD_MANIFEST_FORMAT, manifestFileShape, 'build manifest', 'rebuilding everything');
}

/**
 * What a manifest that could not be used (of another format version or shape) still says of the
 * outputs: the paths of its `files`, each without a hash or key, so that a build renders and
 * writes them again as new and still removes those it no longer makes (a day deleted meanwhile).
 * Nothing when the file is not JSON, is not a digestcast build manifest, or has no `files`.
 */
export async function outputsNamedIn(path: string): Promise<Pick<BuildManifest, 'files'> | undefined> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const { format, files } = json as { format?: unknown; files?: unknown };
  // Only digestcast's own manifests, of any version (those from before formats were named have no name).
  if ((format !== undefined && format !== BUILD_MANIFEST_FORMAT.format) || typeof files !== 'object' || files === null || Array.isArray(files)) return undefined;
  const named = Object.create(null) as Record<string, OutputRecord>;
  for (const output of Object.keys(files)) {
    // A path outside out/ is never taken, nor a name written as a folder's (`.`, `x/`) or with a NUL (a folder named as a file, `export`, is passed over when removing).
    const clean = outputFilePath(output);
    if (clean !== undefined) named[clean] = { hash: '' };
  }
  return { files: named };
}

/** Writes the manifest atomically, with its format. */
export async function writeManifest(path: string, manifest: BuildManifest): Promise<void> {
  const file: ManifestFile = { ...BUILD_MANIFEST_FORMAT, ...manifest };
  await writeFileAtomic(path, JSON.stringify(file, null, 1));
}

/** Whether every file of a manifest is still in `outDir`. */
export function outputsPresent(outDir: string, manifest: BuildManifest): boolean {
  const present = presentIn(outDir);
  return Object.keys(manifest.files).every(present);
}

/**
 * Whether a path (relative, as the manifest has it) is in `outDir`, from one listing of each
 * folder asked about, taken the first time: a long history's thousands of outputs live in a few
 * dozen folders, and listing those costs a fraction of checking each file.
 */
function presentIn(outDir: string): (path: string) => boolean {
  const listings = new Map<string, ReadonlySet<string>>();
  return (path) => {
    const dir = dirname(path);
    let files = listings.get(dir);
    if (!files) {
      try {
        // Regular files only: anything else (a symbolic link, which may dangle) is looked at as `existsSync` sees it, below.
        files = new Set(
          readdirSync(join(outDir, dir), { withFileTypes: true })
            .filter((entry) => entry.isFile())
            .map((entry) => entry.name),
        );
      } catch {
        files = new Set();
      }
      listings.set(dir, files);
    }
    // (A name not listed is looked for once more: a folder that may be entered but not listed, a name the file system folds, a link.)
    return files.has(basename(path)) || existsSync(join(outDir, path));
  };
}

/** Writes in flight at once: writing overlaps rendering without opening thousands of files at a time. */
const WRITES_IN_FLIGHT = 32;

/** Writes a build's outputs one by one (see the module comment). */
export class OutputWriter {
  // No prototype: a path is recorded or not, whatever its name (`constructor`).
  private readonly recorded: Record<string, OutputRecord> = Object.create(null) as Record<string, OutputRecord>;
  private readonly dirs = new Map<string, Promise<unknown>>();
  private readonly inFlight = new Set<Promise<void>>();
  private failure: { error: unknown } | undefined;
  written = 0;
  unchanged = 0;
  /** Outputs not rendered: their inputs were unchanged. */
  skipped = 0;

  /** Whether `out/` has a path: a regular file as listed when its folder was first asked about, anything else (a link, a name not listed) as `existsSync` sees it then. */
  private readonly present: (path: string) => boolean;

  constructor(
    private readonly outDir: string,
    private readonly previous: Pick<BuildManifest, 'files'> | undefined,
  ) {
    this.present = presentIn(outDir);
  }

  /** What this build has recorded so far of each output path. */
  get records(): Readonly<Record<string, OutputRecord>> {
    return this.recorded;
  }

  /** Whether an output with this key is already in `out/` as the last build wrote it: then `keep` it instead of rendering it. */
  isCurrent(path: string, key: string): boolean {
    const clean = safeOutputPath(path);
    return this.previous?.files[clean]?.key === key && this.present(clean);
  }

  /** Keeps an output as the last build wrote it (after `isCurrent`). */
  keep(path: string): void {
    const clean = safeOutputPath(path);
    const record = this.previous?.files[clean];
    if (!record) throw new Error(`OutputWriter.keep: ${path} was not written by the last build`);
    this.record(clean, record);
    this.skipped++;
  }

  /**
   * Writes an output unless `out/` has it with this content already; `key` is recorded for the
   * next build. The write itself may still be under way when this returns (a few at a time):
   * `settled` or `finish` waits for them, and fails with the first write that failed.
   */
  async write(file: OutputFile, key?: string): Promise<void> {
    this.throwIfFailed();
    const path = safeOutputPath(file.path);
    // Encoded once: hashed, then written as these bytes (a long history's outputs are hundreds of MB).
    const bytes = Buffer.from(file.content, 'utf8');
    const hash = sha256(bytes);
    this.record(path, key === undefined ? { hash } : { hash, key });
    const target = join(this.outDir, path);
    if (this.previous?.files[path]?.hash === hash && existsSync(target)) {
      this.unchanged++;
      return;
    }
    const dir = dirname(target);
    let made = this.dirs.get(dir);
    if (!made) this.dirs.set(dir, (made = mkdir(dir, { recursive: true })));
    const writing = made
      .then(() => writeFile(target, bytes))
      .then(
        () => {
          this.written++;
        },
        (error: unknown) => {
          this.failure ??= { error };
        },
      )
      .finally(() => this.inFlight.delete(writing));
    this.inFlight.add(writing);
    if (this.inFlight.size >= WRITES_IN_FLIGHT) await Promise.race(this.inFlight);
  }

  /** Records what another writer (a render thread's) wrote into the same `out/`. */
  adopt(result: { records: Readonly<Record<string, OutputRecord>>; written: number; unchanged: number }): void {
    for (const [path, record] of Object.entries(result.records)) this.record(path, record);
    this.written += result.written;
    this.unchanged += result.unchanged;
  }

  /** Waits for the writes under way; throws the first that failed. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
    this.throwIfFailed();
  }

  /** Removes what the last build wrote and this one did not (anything but a folder: `removeOutputFile`); returns the records for the manifest (sorted by path). */
  async finish(): Promise<{ files: Record<string, OutputRecord>; written: number; unchanged: number; skipped: number; removed: number }> {
    await this.settled();
    let removed = 0;
    const gone = Object.keys(this.previous?.files ?? {}).filter((path) => !(path in this.recorded));
    // A name that differs from one this build wrote only by case or Unicode form (`Index.html`) is that very file on a file
    // system that folds them (macOS, Windows): never removed. (digestcast's own paths never differ so.)
    const writtenNames = gone.length === 0 ? new Set<string>() : new Set(Object.keys(this.recorded).map(foldedName));
    for (const path of gone) {
      if (writtenNames.has(foldedName(path))) continue;
      if (await removeOutputFile(join(this.outDir, safeOutputPath(path)))) removed++;
    }
    const files = Object.fromEntries(Object.keys(this.recorded).sort().map((path) => [path, this.recorded[path]!]));
    return { files, written: this.written, unchanged: this.unchanged, skipped: this.skipped, removed };
  }

  private record(path: string, record: OutputRecord): void {
    if (path in this.recorded) throw new Error(`two outputs have the path ${path}`);
    this.recorded[path] = record;
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}

/** Segments of plain names (none `.` or `..`, none empty) joined by `/`: normalised, inside `out/` and a file's, as nearly every output path is (checked quickly). */
const PLAIN_OUTPUT_PATH = /^[\w-][\w.-]*(?:\/[\w-][\w.-]*)*$/;

/** Whether a manifest's key is a path as the writer records it (`outputFilePath` of itself): a path of a file inside `out/`, normalised. */
export function isRecordedOutputPath(key: string): boolean {
  return (sep === '/' && PLAIN_OUTPUT_PATH.test(key)) || outputFilePath(key) === key;
}

/** A path as a file system that folds case and Unicode forms compares it. */
function foldedName(path: string): string {
  return path.normalize('NFC').toLowerCase();
}

/**
 * Removes an output the build before wrote and this one no longer makes: anything but a folder
 * (a file, a link; a link is removed, not what it leads to). Nothing there, a folder (a manifest
 * naming `export`), a path through a file (`index.html/x`), a name too long for the file system
 * or a loop of links is nothing to remove; any other failure (no permission) is thrown.
 */
async function removeOutputFile(target: string): Promise<boolean> {
  let info;
  try {
    info = await lstat(target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ENAMETOOLONG' || code === 'ELOOP') return false;
    throw error;
  }
  if (info.isDirectory()) return false;
  await rm(target, { force: true });
  return true;
}

/** A path as the writer records it (normalised), when it names a file inside `out/`; undefined for one outside it, a folder (`.`, `x/`), or one with a NUL (no file has it). */
function outputFilePath(path: string): string | undefined {
  if (path.includes('\0')) return undefined;
  let clean: string;
  try {
    clean = safeOutputPath(path);
  } catch {
    return undefined;
  }
  return clean === '.' || clean.endsWith(sep) ? undefined : clean;
}

/** An output path must stay inside `out/`. */
function safeOutputPath(path: string): string {
  const clean = normalize(path);
  if (clean.startsWith('..') || clean.startsWith(sep) || clean.includes(`${sep}..${sep}`)) throw new Error(`refusing to write outside the output folder: ${path}`);
  return clean;
}
