/**
 * digestcast's own name, version and home page, read from its package.json, and the identity
 * of the code that runs.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesUnder } from './files-under.js';
import { sha256 } from './hash.js';

/** Folder of the running code: `dist/` when built, `src/` under tsx. */
const CODE_DIR = dirname(fileURLToPath(import.meta.url));

/** Root folder of the digestcast package (holds package.json and templates/). */
export const PACKAGE_DIR = resolve(CODE_DIR, '..');

interface PackageJson {
  name: string;
  version: string;
  homepage?: string;
}

let cached: PackageJson | undefined;

/** The package's name, version and home page (a placeholder URL when none is set). */
export function packageInfo(): { name: string; version: string; homepage: string } {
  cached ??= JSON.parse(readFileSync(resolve(PACKAGE_DIR, 'package.json'), 'utf8')) as PackageJson;
  return { name: cached.name, version: cached.version, homepage: cached.homepage ?? 'https://github.com/digestcast/digestcast' };
}

let codeHash: string | undefined;

/**
 * Hash of the code files (`.js`, `.ts`, not `.d.ts`) under a folder: their paths and contents,
 * 16 hex digits. Any edit, added, removed or renamed file changes it.
 */
export function codeHashOf(dir: string): string {
  return sha256(
    filesUnder(dir)
      .filter((path) => /\.(?:js|ts)$/.test(path) && !path.endsWith('.d.ts'))
      .map((path) => `${path}:${sha256(readFileSync(join(dir, path)))}`)
      .join('\n'),
  ).slice(0, 16);
}

/**
 * Version plus a hash of the running code, so parse caches and up-to-date builds notice a code
 * change that kept the version number (a `git pull`, a local edit).
 */
export function codeIdentity(): string {
  codeHash ??= codeHashOf(CODE_DIR);
  return `${packageInfo().version}+${codeHash}`;
}
