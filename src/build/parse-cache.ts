/**
 * Parse results kept between builds, keyed by each digest's content hash (and name), so an
 * unchanged digest is not parsed again.
 */
import { z } from 'zod';
import type { SourceDay } from '../model.js';
import type { ParsedDigest } from '../parse/parse-digest.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { type BuildStateFormat, readBuildState } from './build-state-file.js';
import { diagnosticSchema } from './state-schemas.js';

/** The cache file's format (version 1: files without a format name, keyed by code only). */
export const PARSE_CACHE_FORMAT = { format: 'digestcast-parse-cache', version: 2 } as const satisfies BuildStateFormat;

/** One digest's parse result, as cached. */
export interface CachedParse {
  parsed: ParsedDigest;
  readable: boolean;
}

/**
 * A source day is checked shallowly: an object with its day, source, status and papers (an
 * array), but not each paper. The papers are nearly all of the file (tens of thousands on a
 * long history): checking every one with a full paper schema made loading the cache about 2.5 times
 * as slow (measured on the sample corpus, 104 digests, 6,866 papers, 3.2 MB: JSON.parse alone
 * 19 ms, with every paper checked 50 ms, with this check 20 ms), while what damages a cache in practice (a cut-off write, a hand
 * edit, another format) shows in its envelope and entries, which are checked in full.
 */
function isSourceDayShaped(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    'date' in value &&
    typeof value.date === 'string' &&
    'source' in value &&
    typeof value.source === 'string' &&
    'status' in value &&
    typeof value.status === 'string' &&
    'papers' in value &&
    Array.isArray(value.papers)
  );
}

const cachedParseSchema: z.ZodType<CachedParse> = z.object({
  parsed: z.object({
    file: z.string(),
    date: z.string().optional(),
    kind: z.enum(['source', 'combined']),
    days: z.array(z.custom<SourceDay>(isSourceDayShaped, { message: 'not a source day (date, source, status, papers)' })),
    diagnostics: z.array(diagnosticSchema),
  }),
  readable: z.boolean(),
});

const cacheFileSchema = z.object({
  format: z.literal(PARSE_CACHE_FORMAT.format),
  version: z.literal(PARSE_CACHE_FORMAT.version),
  /** The code that wrote the results (see `codeIdentity`): other code parses again. */
  code: z.string(),
  entries: z.record(z.string(), cachedParseSchema),
});

type CacheFile = z.infer<typeof cacheFileSchema>;

/** An in-memory view of the cache file; `save` keeps only the entries used since `load`. */
export class ParseCache {
  private used = new Map<string, CachedParse>();
  hits = 0;
  misses = 0;

  private constructor(
    private readonly path: string,
    private readonly code: string,
    private readonly entries: Map<string, CachedParse>,
    /** Why the cache file was ignored, when it was there but damaged, of another format or shape. */
    readonly note?: string,
  ) {}

  /**
   * Loads the cache file. A missing file, or one written by other code (see `codeIdentity`),
   * means an empty cache; so does one that is damaged, of another format version or another
   * shape, which `note` then says.
   */
  static async load(path: string, code: string): Promise<ParseCache> {
    const read = await readBuildState(path, PARSE_CACHE_FORMAT, cacheFileSchema, 'parse cache', 'parsing every digest again');
    if (read.value?.code === code) return new ParseCache(path, code, new Map(Object.entries(read.value.entries)));
    return new ParseCache(path, code, new Map(), read.note);
  }

  /** The cached result for a file's bytes and name, or the result of `parse` (then cached). */
  get(name: string, contentHash: string, parse: () => CachedParse): CachedParse {
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

  /**
   * Whether the file on disk differs from what `save` would write: a digest was parsed, one in
   * the file was not used (removed or changed), or the file was ignored (damaged, another format).
   */
  get changed(): boolean {
    return this.misses > 0 || this.used.size !== this.entries.size || this.note !== undefined;
  }

  /** Writes the entries used since `load` (atomically: temp file, then rename). */
  async save(): Promise<void> {
    const file: CacheFile = { ...PARSE_CACHE_FORMAT, code: this.code, entries: Object.fromEntries(this.used) };
    await writeFileAtomic(this.path, JSON.stringify(file));
  }
}
