/**
 * Parse results kept between builds, keyed by each digest's content hash (and name), so an
 * unchanged digest is not parsed again.
 */
import { readFile } from 'node:fs/promises';
import type { ParsedDigest } from '../parse/parse-digest.js';
import { writeFileAtomic } from '../write-file-atomic.js';

interface CacheFile {
  version: string;
  entries: Record<string, { parsed: ParsedDigest; readable: boolean }>;
}

/** An in-memory view of the cache file; `save` keeps only the entries used since `load`. */
export class ParseCache {
  private used = new Map<string, { parsed: ParsedDigest; readable: boolean }>();
  hits = 0;
  misses = 0;

  private constructor(
    private readonly path: string,
    private readonly version: string,
    private readonly entries: Map<string, { parsed: ParsedDigest; readable: boolean }>,
  ) {}

  /**
   * Loads the cache file; a missing or corrupt file, or one written by other code (see
   * `codeIdentity`), means an empty cache.
   */
  static async load(path: string, version: string): Promise<ParseCache> {
    try {
      const file = JSON.parse(await readFile(path, 'utf8')) as CacheFile;
      if (file.version === version && file.entries && typeof file.entries === 'object') {
        return new ParseCache(path, version, new Map(Object.entries(file.entries)));
      }
    } catch {
      // No cache yet, or unreadable: start empty.
    }
    return new ParseCache(path, version, new Map());
  }

  /** The cached result for a file's bytes and name, or the result of `parse` (then cached). */
  get(name: string, contentHash: string, parse: () => { parsed: ParsedDigest; readable: boolean }): { parsed: ParsedDigest; readable: boolean } {
    const key = `${contentHash}:${name}`;
    let entry = this.entries.get(key);
    if (entry) this.hits++;
    else {
      this.misses++;
      entry = parse();
    }
    this.used.set(key, entry);
    return entry;
  }

  /** Writes the entries used in this build (atomically: temp file, then rename). */
  async save(): Promise<void> {
    const file: CacheFile = { version: this.version, entries: Object.fromEntries(this.used) };
    await writeFileAtomic(this.path, JSON.stringify(file));
  }
}
