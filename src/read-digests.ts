/**
 * The reading edge: digest files and folders on disk → parsed digests and merged days.
 * A file that cannot be read becomes a diagnostic; the others are still read.
 */
import { relative } from 'node:path';
import { fileDiagnostic, listDigestFiles, readDigestBytes } from './digest-files.js';
import type { Day, Diagnostic } from './model.js';
import { sha256 } from './hash.js';
import { decodeDigestBytes } from './parse/decode-text.js';
import { mergeDays } from './parse/merge-days.js';
import { type ParsedDigest, parseDigest } from './parse/parse-digest.js';

/** What reading a set of digest paths gives. */
export interface DigestSet {
  /** Every file looked at, with its own diagnostics. */
  files: ParsedDigest[];
  /** All days, merged across per-source and combined files. */
  days: Day[];
  /** File-level and merge diagnostics, plus every file's own. */
  diagnostics: Diagnostic[];
  /** Files that could be decoded and dated. */
  readableFiles: number;
}

/** Reuses parse results between runs (see build/parse-cache.ts). */
export interface DigestCache {
  get(name: string, contentHash: string, parse: () => { parsed: ParsedDigest; readable: boolean }): { parsed: ParsedDigest; readable: boolean };
}

/**
 * Reads and parses digest files and folders. `displayRoot` makes the `file` of records
 * relative to it (e.g. the project folder), so outputs do not carry absolute paths.
 */
export async function readDigests(
  paths: readonly string[],
  options: { displayRoot?: string; cache?: DigestCache; preloaded?: ReadonlyMap<string, { bytes: Uint8Array; hash: string }> } = {},
): Promise<DigestSet> {
  const displayName = (path: string) => (options.displayRoot ? relative(options.displayRoot, path) || path : path);
  const listed = await listDigestFiles(paths);
  const diagnostics = listed.diagnostics.map((d) => ({ ...d, file: displayName(d.file) }));
  return readDigestList(
    listed.files.map((path) => ({ path, name: displayName(path) })),
    diagnostics,
    options,
  );
}

/**
 * Reads and parses listed digest files (`name`: how records and diagnostics name each), after
 * the listing's own diagnostics.
 */
export async function readDigestList(
  files: readonly { path: string; name: string }[],
  listingDiagnostics: readonly Diagnostic[],
  options: { cache?: DigestCache; preloaded?: ReadonlyMap<string, { bytes: Uint8Array; hash: string }> } = {},
): Promise<DigestSet> {
  const diagnostics = [...listingDiagnostics];
  const parsedFiles: ParsedDigest[] = [];
  let readableFiles = 0;
  for (const { path, name } of files) {
    const parsed = await readOneDigest(path, name, { cache: options.cache, preloaded: options.preloaded?.get(path) });
    if (parsed.readable) readableFiles++;
    parsedFiles.push(parsed.digest);
    diagnostics.push(...parsed.digest.diagnostics);
  }
  const merged = mergeDays(parsedFiles);
  diagnostics.push(...merged.diagnostics);
  return { files: parsedFiles, days: merged.days, diagnostics, readableFiles };
}

/**
 * Reads one digest file; never throws. `readable` is false when nothing in it could be read.
 * With a cache, an unchanged file (same bytes, same name) is not parsed again.
 */
export async function readOneDigest(
  path: string,
  name = path,
  options: { cache?: DigestCache | undefined; preloaded?: { bytes: Uint8Array; hash: string } | undefined } = {},
): Promise<{ digest: ParsedDigest; readable: boolean }> {
  const { cache } = options;
  const empty = (d: Diagnostic): { digest: ParsedDigest; readable: boolean } => ({
    digest: { file: name, kind: 'source', days: [], diagnostics: [d] },
    readable: false,
  });
  const bytes = options.preloaded?.bytes ?? (await readDigestBytes(path, name));
  if (!(bytes instanceof Uint8Array)) return empty(bytes);
  const parse = () => parseDigestBytes(bytes, name);
  const { parsed, readable } = cache ? cache.get(name, options.preloaded?.hash ?? sha256(bytes), parse) : parse();
  return { digest: parsed, readable };
}

/** Parses a digest file's bytes (`name`: how its records and diagnostics name it); never throws. */
export function parseDigestBytes(bytes: Uint8Array, name: string): { parsed: ParsedDigest; readable: boolean } {
  const decoded = decodeDigestBytes(bytes);
  if (!decoded.ok) {
    return { parsed: { file: name, kind: 'source', days: [], diagnostics: [{ file: name, line: decoded.line, column: decoded.column, severity: 'error', rule: decoded.rule, message: decoded.message }] }, readable: false };
  }
  const parsed = parseDigest(decoded.text, name);
  if (decoded.encoding !== 'utf-8') {
    parsed.diagnostics.unshift({ ...fileDiagnostic(name, 'not-utf8', `file is ${decoded.encoding.toUpperCase()}, not UTF-8; it was read, but re-save it as UTF-8`), severity: 'warning' });
  }
  return { parsed, readable: parsed.date !== undefined };
}

export { isDigestFileName, listDigestFiles, MAX_DIGEST_BYTES, readDigestBytes } from './digest-files.js';
