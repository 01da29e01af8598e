/**
 * Parse results kept between builds, keyed by each digest's content hash (and name), so an
 * unchanged digest is not parsed again.
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { sha256 } from '../hash.js';
import type { ParsedDigest } from '../parse/parse-digest.js';
import { writeFileAtomicSync } from '../write-file-atomic.js';
import type { BuildStateFormat } from './build-state-file.js';
import { arrayAt, booleanAt, diagnosticAt, equalAt, fieldPath, objectAt, oneOfAt, optionalAt, shapeCheck, stringAt } from './shape-check.js';

/** The cache's format (version 1: one file without a format name; 2: one file; 3: a file per digest). */
export const PARSE_CACHE_FORMAT = { format: 'digestcast-parse-cache', version: 3 } as const satisfies BuildStateFormat;

/** One digest's parse result, as cached. */
export interface CachedParse {
  parsed: ParsedDigest;
  readable: boolean;
}

/** An entry file: the format, the code and digest it is of, and the parse result. */
interface EntryFile {
  format: typeof PARSE_CACHE_FORMAT.format;
  version: typeof PARSE_CACHE_FORMAT.version;
  /** The code that wrote the result (see `codeIdentity`): other code parses again. */
  code: string;
  /** `<content hash>:<file name>` of the digest. */
  key: string;
  entry: CachedParse;
}

const KINDS = ['source', 'combined'] as const satisfies readonly ParsedDigest['kind'][];

/**
 * Checked by hand (a build reads back every day it renders): the envelope, and of the parse
 * result its days' date, source, status and papers list, but not each paper. The papers are
 * nearly all of the file; checking every one with a full paper schema made loading the cache
 * about 2.5 times as slow (an earlier measurement on the sample corpus), while what damages a
 * cache in practice (a cut-off write, a hand edit, another format) shows in its envelope, days
 * and diagnostics, which are checked in full.
 */
const entryFileShape = shapeCheck<EntryFile>((json) => {
  const file = objectAt(json, '');
  equalAt(file.format, PARSE_CACHE_FORMAT.format, 'format');
  equalAt(file.version, PARSE_CACHE_FORMAT.version, 'version');
  stringAt(file.code, 'code');
  stringAt(file.key, 'key');
  const entry = objectAt(file.entry, 'entry');
  booleanAt(entry.readable, 'entry.readable');
  const parsed = objectAt(entry.parsed, 'entry.parsed');
  stringAt(parsed.file, 'entry.parsed.file');
  optionalAt(parsed.date, 'entry.parsed.date', stringAt);
  oneOfAt(parsed.kind, KINDS, 'entry.parsed.kind');
  arrayAt(parsed.days, 'entry.parsed.days', (value, path) => {
    const day = objectAt(value, path);
    stringAt(day.date, fieldPath(path, 'date'));
    stringAt(day.source, fieldPath(path, 'source'));
    stringAt(day.status, fieldPath(path, 'status'));
    arrayAt(day.papers, fieldPath(path, 'papers'), () => undefined);
  });
  arrayAt(parsed.diagnostics, 'entry.parsed.diagnostics', diagnosticAt);
});

/** The single-file cache of format 2, replaced by one file per digest: removed when the new one is saved. */
const FORMAT_2_FILE = 'parsed-digests.json';

/**
 * Parse results on disk, one file per digest (so a build reads only the digests it renders:
 * the whole history's results are several times the digests' size). Each file is named by a
 * hash of the code and the digest's content hash and name. The cache holds no result in memory
 * once written (`flush`, which `save` does too): a build of the whole history holds only the
 * days it is working on. `save` also removes the results of digests no longer there (and of
 * other code).
 */
export class ParseCache {
  /** Results parsed and not yet written. */
  private readonly fresh = new Map<string, CachedParse>();
  private readonly kept = new Set<string>();
  private damaged = 0;
  private wroteAny = false;
  /** Keys asked for so far (for `hits`). */
  private readonly served = new Set<string>();
  /** Entry files in the folder when it was opened: those not kept are removed on `save`. */
  private readonly loadedNames: ReadonlySet<string>;
  /** Digests whose result came from the cache (each counted once). */
  hits = 0;
  /** Digests parsed. */
  misses = 0;

  /** Why results could not be written (then they are kept in memory, and the next build parses them again). */
  private writeFailure: string | undefined;
  /** Why results of digests no longer there (or of other code) could not be removed. */
  private removeFailure: string | undefined;

  private constructor(
    private readonly dir: string,
    private readonly code: string,
    /** Entry file names in the folder: those there when it was opened, and those written since (by this cache or another thread's, `adopt`). */
    private readonly present: Set<string>,
    /** Results parsed on a miss are not kept to be written (a render thread's cache, which only reads). */
    private readonly readOnly: boolean,
  ) {
    this.loadedNames = new Set(present);
  }

  /** Opens the cache folder (missing: an empty cache); `readOnly`: results parsed on a miss are used, not kept or written. */
  static async load(dir: string, code: string, options: { readOnly?: boolean } = {}): Promise<ParseCache> {
    let names: string[] = [];
    try {
      names = readdirSync(dir).filter((n) => n.endsWith('.json'));
    } catch {
      // No folder yet: an empty cache.
    }
    return new ParseCache(dir, code, new Set(names), options.readOnly ?? false);
  }

  /** A note when entries were damaged, of another format or shape (they were parsed again), or could not be written or removed. */
  get note(): string | undefined {
    const notes = [
      ...(this.damaged > 0 ? [`parse cache: ${this.damaged} ${this.damaged === 1 ? 'entry was' : 'entries were'} damaged or of another format; those digests were parsed again`] : []),
      ...(this.writeFailure ? [`parse cache not saved (${this.writeFailure}); the next build parses the digests it needs again`] : []),
      ...(this.removeFailure ? [`parse cache: results no longer needed could not be removed (${this.removeFailure}); they only take space, and are tried again when the cache is next saved`] : []),
    ];
    return notes.length > 0 ? notes.join('; ') : undefined;
  }

  /** The cached result for a file's bytes and name, or the result of `parse` (then cached). */
  get(name: string, contentHash: string, parse: () => CachedParse): CachedParse {
    const key = `${contentHash}:${name}`;
    this.kept.add(this.fileName(key));
    const entry = this.fresh.get(key) ?? this.read(key);
    // Counted once per digest: a result read again later in the same build (results are not held in memory) is no new hit.
    const first = !this.served.has(key);
    this.served.add(key);
    if (entry) {
      if (first) this.hits++;
      return entry;
    }
    this.misses++;
    const parsed = parse();
    if (!this.readOnly) this.fresh.set(key, parsed);
    return parsed;
  }

  /** Keeps a digest's entry on `save` without reading it (a build that does not render that digest). */
  keep(name: string, contentHash: string): void {
    this.kept.add(this.fileName(`${contentHash}:${name}`));
  }

  /**
   * Takes a result another thread wrote into the same folder (`flush`) as this cache's own: kept,
   * and read from there (`parsed`: it parsed the digest, else it read the result from the cache).
   */
  adopt(name: string, contentHash: string, parsed: boolean): void {
    const key = `${contentHash}:${name}`;
    const file = this.fileName(key);
    this.present.add(file);
    this.kept.add(file);
    this.served.add(key);
    if (parsed) this.misses++;
    else this.hits++;
  }

  /** Whether `save` would change the folder: a digest was parsed, or an entry there is no longer kept. */
  get changed(): boolean {
    return this.wroteAny || this.fresh.size > 0 || [...this.loadedNames].some((n) => !this.kept.has(n));
  }

  /**
   * Writes the results parsed since the last flush (each atomically), and forgets them: they are
   * read from disk when asked for again. Never fails: the cache only saves work; a result that
   * cannot be written is let go too (parsed again if it is asked for: on a full disk, results do
   * not pile up in memory), the others are written all the same, and `note` says why.
   * Synchronous: a thread that parses goes on with its next batch at once, instead of waiting
   * idle for its writes.
   */
  flush(): void {
    if (this.fresh.size === 0) return;
    try {
      mkdirSync(this.dir, { recursive: true });
    } catch (error) {
      this.writeFailure ??= (error as Error).message;
      return;
    }
    for (const [key, entry] of [...this.fresh]) {
      const file: EntryFile = { ...PARSE_CACHE_FORMAT, code: this.code, key, entry };
      const name = this.fileName(key);
      this.fresh.delete(key);
      try {
        writeFileAtomicSync(join(this.dir, name), JSON.stringify(file));
      } catch (error) {
        this.writeFailure ??= (error as Error).message;
        continue;
      }
      this.present.add(name);
      this.wroteAny = true;
    }
  }

  /**
   * Writes the new results and removes the entries not asked for or kept since `load`. Never
   * fails, as `flush`: what could not be written or removed is said in `note`.
   */
  async save(): Promise<void> {
    this.flush();
    const gone = [...this.loadedNames].filter((name) => !this.kept.has(name)).sort().map((name) => join(this.dir, name));
    for (const path of [...gone, join(dirname(this.dir), FORMAT_2_FILE)]) {
      try {
        await rm(path, { force: true });
      } catch (error) {
        // (A folder on the way that is not one: nothing there to remove.)
        if ((error as { code?: string }).code !== 'ENOTDIR') this.removeFailure ??= (error as Error).message;
      }
    }
  }

  private fileName(key: string): string {
    return `${sha256(`${this.code}\u0000${key}`).slice(0, 40)}.json`;
  }

  private read(key: string): CachedParse | undefined {
    const name = this.fileName(key);
    if (!this.present.has(name)) return undefined;
    try {
      const checked = entryFileShape(JSON.parse(readFileSync(join(this.dir, name), 'utf8')));
      if (!checked.ok) throw new Error(checked.problem);
      const file = checked.value;
      if (file.key !== key || file.code !== this.code) throw new Error('another digest or code');
      return file.entry;
    } catch (error) {
      // Not there after all (another thread could not write it): a miss, not damage.
      const code = (error as { code?: string }).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') this.damaged++;
      return undefined;
    }
  }
}
