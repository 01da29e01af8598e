/**
 * The feeds' serialised entries kept between builds (`.digestcast/cache/feed-entries.json`), the
 * store `feeds/entry-store.ts` looks entries up in: a new day's feeds serialise only the entries
 * that are new or changed. Keyed by the code that wrote them (other code starts empty) and saved
 * with only the entries this build used. Like the other build state it only saves work: a file
 * that is damaged or of another format is ignored, with a note.
 */
import type { EntryStore } from '../feeds/entry-store.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { type BuildStateFormat, readBuildState } from './build-state-file.js';
import { objectAt, recordAt, shapeCheck, stringAt } from './shape-check.js';

/** The file's format. */
export const ENTRY_CACHE_FORMAT = { format: 'digestcast-feed-entries', version: 1 } as const satisfies BuildStateFormat;

interface EntryCacheFile {
  format: typeof ENTRY_CACHE_FORMAT.format;
  version: typeof ENTRY_CACHE_FORMAT.version;
  code: string;
  /** Serialised entries by entry key. */
  entries: Record<string, string>;
}

/** Checked by hand: tens of thousands of entries, which a schema library checks several times slower. */
const fileShape = shapeCheck<EntryCacheFile>((json) => {
  const file = objectAt(json, '');
  stringAt(file.code, 'code');
  recordAt(file.entries, 'entries', stringAt);
});

/** Serialised entries on disk (see the module comment). */
export class EntryCache implements EntryStore {
  private readonly used = new Map<string, string>();
  private made = 0;

  private constructor(
    private readonly path: string,
    private readonly code: string,
    private readonly entries: ReadonlyMap<string, string>,
    /** Why the file was ignored, when it was there but not usable. */
    readonly note?: string,
  ) {}

  /** Reads the file (missing, or written by other code: an empty cache). */
  static async load(path: string, code: string): Promise<EntryCache> {
    const read = await readBuildState(path, ENTRY_CACHE_FORMAT, fileShape, 'feed entry cache', 'serialising every feed entry again');
    return new EntryCache(path, code, new Map(read.value?.code === code ? Object.entries(read.value.entries) : []), read.note);
  }

  get(key: string): string | undefined {
    const xml = this.entries.get(key);
    if (xml !== undefined) this.used.set(key, xml);
    return xml;
  }

  set(key: string, xml: string): void {
    this.used.set(key, xml);
    this.made++;
  }

  /** Entries served from the file, and entries serialised anew. */
  get counts(): { hits: number; made: number } {
    return { hits: this.used.size - this.made, made: this.made };
  }

  /** Writes the entries used since `load`, when that changes the file. */
  async save(): Promise<void> {
    if (this.made === 0 && this.used.size === this.entries.size && this.note === undefined) return;
    await writeFileAtomic(this.path, JSON.stringify({ ...ENTRY_CACHE_FORMAT, code: this.code, entries: Object.fromEntries(this.used) }));
  }
}
