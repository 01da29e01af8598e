/**
 * The reading edge: digest files and folders on disk → parsed digests and merged days.
 * A file that cannot be read becomes a diagnostic; the others are still read.
 */
import { readFileSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Day, Diagnostic } from './model.js';
import { sha256 } from './hash.js';
import { decodeDigestBytes } from './parse/decode-text.js';
import { mergeDays } from './parse/merge-days.js';
import { type ParsedDigest, parseDigest } from './parse/parse-digest.js';

/** Files larger than this are refused: digests are a few hundred KB at most. */
export const MAX_DIGEST_BYTES = 64 * 1024 * 1024;

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

/** Is this a digest file name (`*.md` / `*.markdown`, not a README)? */
export function isDigestFileName(name: string): boolean {
  return /\.(?:md|markdown)$/i.test(name) && !/^readme\./i.test(name) && !name.startsWith('.');
}

/** Lists the digest files under the given files and folders (folders one level deep, sorted). */
export async function listDigestFiles(paths: readonly string[]): Promise<{ files: string[]; diagnostics: Diagnostic[] }> {
  const files: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const path of paths) {
    try {
      const info = await stat(path);
      if (info.isDirectory()) {
        const names = (await readdir(path)).filter(isDigestFileName).sort();
        files.push(...names.map((n) => join(path, n)));
      } else {
        files.push(path);
      }
    } catch (error) {
      diagnostics.push(fileDiagnostic(path, 'unreadable-file', `cannot read: ${describeFsError(error)}`));
    }
  }
  return { files: [...new Set(files)], diagnostics };
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
  const files: ParsedDigest[] = [];
  let readableFiles = 0;
  for (const path of listed.files) {
    const parsed = await readOneDigest(path, displayName(path), { cache: options.cache, preloaded: options.preloaded?.get(path) });
    if (parsed.readable) readableFiles++;
    files.push(parsed.digest);
    diagnostics.push(...parsed.digest.diagnostics);
  }
  const merged = mergeDays(files);
  diagnostics.push(...merged.diagnostics);
  return { files, days: merged.days, diagnostics, readableFiles };
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
  const parse = () => {
    const decoded = decodeDigestBytes(bytes);
    if (!decoded.ok) {
      return { parsed: { file: name, kind: 'source' as const, days: [], diagnostics: [{ file: name, line: decoded.line, column: decoded.column, severity: 'error' as const, rule: decoded.rule, message: decoded.message }] }, readable: false };
    }
    const parsed = parseDigest(decoded.text, name);
    if (decoded.encoding !== 'utf-8') {
      parsed.diagnostics.unshift({ ...fileDiagnostic(name, 'not-utf8', `file is ${decoded.encoding.toUpperCase()}, not UTF-8; it was read, but re-save it as UTF-8`), severity: 'warning' });
    }
    return { parsed, readable: parsed.date !== undefined };
  };
  const { parsed, readable } = cache ? cache.get(name, options.preloaded?.hash ?? sha256(bytes), parse) : parse();
  return { digest: parsed, readable };
}

/**
 * A digest file's bytes, or the diagnostic saying why they cannot be had. Never throws.
 * Reads synchronously: a digest is small, and a whole history is read several times faster
 * that way than through promises (one open, stat and read each, no round trips).
 */
export async function readDigestBytes(path: string, name = path): Promise<Uint8Array | Diagnostic> {
  try {
    const info = statSync(path);
    if (!info.isFile()) return fileDiagnostic(name, 'unreadable-file', 'not a regular file');
    if (info.size > MAX_DIGEST_BYTES) {
      return fileDiagnostic(name, 'file-too-large', `file is ${(info.size / 1048576).toFixed(1)} MB; digests over ${MAX_DIGEST_BYTES / 1048576} MB are not read`);
    }
    return readFileSync(path);
  } catch (error) {
    return fileDiagnostic(name, 'unreadable-file', `cannot read: ${describeFsError(error)}`);
  }
}

function fileDiagnostic(file: string, rule: string, message: string): Diagnostic {
  return { file, line: 1, column: 1, severity: 'error', rule, message };
}

function describeFsError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  switch (e.code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a folder';
    default:
      return e.message ?? String(error);
  }
}
