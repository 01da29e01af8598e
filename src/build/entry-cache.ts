/**
 * The feeds' serialised entries kept between builds (`.digestcast/cache/feed-entries.utf16`),
 * the store `feeds/entry-store.ts` looks entries up in: a new day's feeds serialise only the
 * entries that are new or changed. Keyed by the code that wrote them (other code starts empty)
 * and saved with only the entries this build used. Like the other build state it only saves
 * work: a file that is damaged or of another format is ignored, with a note.
 *
 * Not JSON: the entries are the feeds' whole text (several MB of XML and JSON, much of it
 * Chinese), which JSON would escape and unescape and UTF-8 would encode and decode on every
 * build. The file is UTF-16 (as JavaScript holds text): a header line (JSON: format, version,
 * code, how many entries, the SHA-256 of the rest), then each entry as `key<TAB>length<LF>text<LF>`,
 * its length in UTF-16 code units, so reading it is slicing.
 */
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { EntryStore } from '../feeds/entry-store.js';
import { sha256 } from '../hash.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import type { BuildStateFormat } from './build-state-file.js';

/** The file's format. */
export const ENTRY_CACHE_FORMAT = { format: 'digestcast-feed-entries', version: 2 } as const satisfies BuildStateFormat;

/** The file of format 1 (JSON), removed when the cache is saved. */
const FORMAT_1_FILE = 'feed-entries.json';

/** The file's bytes: the header line (with the SHA-256 of what follows it), then the entries. */
export function encodeEntryCache(code: string, entries: Iterable<readonly [string, string]>): Buffer {
  const heads: string[] = [];
  const texts: string[] = [];
  let units = 0;
  for (const [key, text] of entries) {
    // Keys are digestcast's own (format, zone, hashes): never a tab or a line break.
    if (/[\t\n]/.test(key)) throw new Error(`feed entry key with a tab or line break: ${JSON.stringify(key)}`);
    const head = `${key}\t${text.length}\n`;
    heads.push(head);
    texts.push(text);
    units += head.length + text.length + 1;
  }
  // The header names the body's hash: the body is encoded after the space the header takes (its length does not depend on the hash: 64 hex digits).
  const headerOf = (checksum: string) => `${JSON.stringify({ ...ENTRY_CACHE_FORMAT, code, entries: heads.length, sha256: checksum })}\n`;
  const headerUnits = headerOf('0'.repeat(64)).length;
  // Written into one buffer (tens of MB on a long history), not joined into one string and copied again.
  const file = Buffer.allocUnsafe((headerUnits + units) * 2);
  let at = headerUnits * 2;
  for (let i = 0; i < heads.length; i++) {
    at += file.write(heads[i]!, at, 'utf16le');
    at += file.write(texts[i]!, at, 'utf16le');
    at += file.write('\n', at, 'utf16le');
  }
  const body = file.subarray(headerUnits * 2);
  if (file.write(headerOf(sha256(body)), 0, 'utf16le') !== headerUnits * 2) throw new Error('feed entry cache: the header is not the length it was given');
  return file;
}

/** The entries of a file's bytes, or why they cannot be read (`encodeEntryCache` wrote them): a file changed anywhere after its header is damaged. */
export function decodeEntryCache(bytes: Uint8Array): { code: string; entries: Map<string, string> } | { problem: string } {
  if (bytes.length % 2 !== 0) return { problem: 'damaged (cut off)' };
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf16le');
  const headerEnd = text.indexOf('\n');
  let header: unknown;
  try {
    header = JSON.parse(headerEnd < 0 ? text : text.slice(0, headerEnd));
  } catch {
    return { problem: 'not a feed entry cache (no header line)' };
  }
  if (typeof header !== 'object' || header === null) return { problem: 'not a feed entry cache (no header line)' };
  const { format, version, code, entries: count, sha256: checksum } = header as Record<string, unknown>;
  if (format !== ENTRY_CACHE_FORMAT.format) return { problem: `a ${JSON.stringify(format)} file, expected "${ENTRY_CACHE_FORMAT.format}"` };
  if (version !== ENTRY_CACHE_FORMAT.version) return { problem: `format ${String(version)}, expected ${ENTRY_CACHE_FORMAT.version}` };
  if (typeof code !== 'string' || typeof count !== 'number' || typeof checksum !== 'string') return { problem: 'not the shape digestcast writes (header)' };
  if (headerEnd < 0 || sha256(bytes.subarray((headerEnd + 1) * 2)) !== checksum) return { problem: 'damaged (its checksum does not match)' };
  const entries = new Map<string, string>();
  let at = headerEnd + 1;
  while (at < text.length) {
    const tab = text.indexOf('\t', at);
    const lineEnd = tab < 0 ? -1 : text.indexOf('\n', tab);
    const digits = lineEnd < 0 ? '' : text.slice(tab + 1, lineEnd);
    const key = tab < 0 ? '' : text.slice(at, tab);
    const end = lineEnd + 1 + Number(digits);
    if (!/^\d+$/.test(digits) || key.includes('\n') || end >= text.length || text[end] !== '\n') return { problem: `damaged (entry ${entries.size + 1})` };
    entries.set(key, text.slice(lineEnd + 1, end));
    at = end + 1;
  }
  if (entries.size !== count) return { problem: `damaged (${entries.size} of ${count} entries)` };
  return { code, entries };
}

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

  /**
   * Reads the file (missing, or written by other code: an empty cache). In one piece: read in
   * chunks, as `readFile` does, each chunk would wait for the build's thread, which is busy
   * reading the history meanwhile, and the build would then wait for the rest.
   */
  static load(path: string, code: string): EntryCache {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path);
    } catch (error) {
      const missing = (error as { code?: string }).code === 'ENOENT';
      return new EntryCache(path, code, new Map(), missing ? undefined : ignored(`cannot read it (${(error as Error).message})`));
    }
    const read = decodeEntryCache(bytes);
    if ('problem' in read) return new EntryCache(path, code, new Map(), ignored(read.problem));
    return new EntryCache(path, code, read.code === code ? read.entries : new Map());
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

  /** Writes the entries used since `load`, when that changes the file. */
  async save(): Promise<void> {
    if (this.made === 0 && this.used.size === this.entries.size && this.note === undefined) return;
    await writeFileAtomic(this.path, encodeEntryCache(this.code, this.used));
    await rm(join(dirname(this.path), FORMAT_1_FILE), { force: true });
  }
}

/** The note of a file that was there but not usable. */
function ignored(why: string): string {
  return `feed entry cache ignored: ${why}; serialising every feed entry again`;
}
