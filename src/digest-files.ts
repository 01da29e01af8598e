/**
 * Finding digest files and reading their bytes, without parsing them: all an up-to-date build
 * needs, so it stays light (the reader, with remark, is loaded only when something is parsed).
 * A file that cannot be read becomes a diagnostic.
 */
import { readFileSync, statSync, type Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Diagnostic } from './model.js';

/** Files larger than this are refused: digests are a few hundred KB at most. */
export const MAX_DIGEST_BYTES = 64 * 1024 * 1024;

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
 * A digest file's bytes, or the diagnostic saying why they cannot be had. Never throws. Reads
 * synchronously inside (see `readDigestBytesSync`); the promise is for callers that await.
 */
export async function readDigestBytes(path: string, name = path): Promise<Uint8Array | Diagnostic> {
  return readDigestBytesSync(path, name);
}

/**
 * A digest file's bytes, read synchronously: a digest is small, and a whole folder of them is
 * read several times faster one after the other than through as many promises (one stat and
 * one read each, no round trips; measured on 1,590 digests).
 */
export function readDigestBytesSync(path: string, name = path): Uint8Array | Diagnostic {
  try {
    return refusal(statSync(path), name) ?? readFileSync(path);
  } catch (error) {
    return fileDiagnostic(name, 'unreadable-file', `cannot read: ${describeFsError(error)}`);
  }
}

/**
 * A digest file's stat, when it is one that `readDigestBytesSync` would read (a regular file,
 * not too large), or the diagnostic saying why not. Never throws.
 */
export function statDigestSync(path: string, name = path): Stats | Diagnostic {
  try {
    const info = statSync(path);
    return refusal(info, name) ?? info;
  } catch (error) {
    return fileDiagnostic(name, 'unreadable-file', `cannot read: ${describeFsError(error)}`);
  }
}

/** Why a file is not read as a digest (not a regular file, too large), or undefined. */
function refusal(info: Stats, name: string): Diagnostic | undefined {
  if (!info.isFile()) return fileDiagnostic(name, 'unreadable-file', 'not a regular file');
  if (info.size > MAX_DIGEST_BYTES) {
    return fileDiagnostic(name, 'file-too-large', `file is ${(info.size / 1048576).toFixed(1)} MB; digests over ${MAX_DIGEST_BYTES / 1048576} MB are not read`);
  }
  return undefined;
}

/** An error diagnostic about a whole file. */
export function fileDiagnostic(file: string, rule: string, message: string): Diagnostic {
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
