/**
 * digestcast's own name, version and home page, read from its package.json, and the identity
 * of the code that runs.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesUnder } from './files-under.js';
import { sha256 } from './hash.js';

/**
 * Folder of the running code: `dist/` when built, `src/` under tsx. The CLI is bundled into one
 * file in that folder (`dist/digestcast-cli.cjs`), so a path relative to a module's own location
 * would be wrong there: files beside the code (worker entries) are found from here.
 */
export const CODE_DIR = dirname(fileURLToPath(import.meta.url));

/** Defined (as `true`) only in the bundles `scripts/bundle-cli.mjs` writes. */
declare const DIGESTCAST_BUNDLE: boolean | undefined;

/** Whether this code runs from the bundled CLI (`dist/digestcast-cli.cjs`, `dist/render-thread.bundle.js`), not from `tsc`'s modules or the sources. */
export const RUNS_BUNDLED = typeof DIGESTCAST_BUNDLE !== 'undefined' && DIGESTCAST_BUNDLE === true;

/** Root folder of the digestcast package (holds package.json and templates/). */
export const PACKAGE_DIR = resolve(CODE_DIR, '..');

/** The package.json fields digestcast reads about itself. */
export interface PackageJson {
  name: string;
  version: string;
  homepage?: string;
  repository?: string | { url?: string };
}

/** What package.json says about digestcast. */
export interface PackageInfo {
  name: string;
  version: string;
  /** Its `homepage`, else its `repository` as a web address; undefined when it names neither. */
  homepage?: string;
}

let cached: PackageInfo | undefined;

/** The package's name, version and home page. */
export function packageInfo(): PackageInfo {
  cached ??= packageInfoOf(JSON.parse(readFileSync(resolve(PACKAGE_DIR, 'package.json'), 'utf8')) as PackageJson);
  return cached;
}

/** Name, version and home page from a package.json's fields (never a made-up address). */
export function packageInfoOf(pkg: PackageJson): PackageInfo {
  const homepage = webUrl(pkg.homepage) ?? repositoryWebUrl(pkg.repository);
  return { name: pkg.name, version: pkg.version, ...(homepage ? { homepage } : {}) };
}

/** The web address of a `repository` field: a URL (`git+https://…/x.git` → `https://…/x`) or the `github:owner/repo` and `owner/repo` shorthands. */
function repositoryWebUrl(repository: PackageJson['repository']): string | undefined {
  const spec = (typeof repository === 'string' ? repository : repository?.url)?.trim();
  if (!spec) return undefined;
  const shorthand = /^(?:github:)?([\w.-]+\/[\w.-]+)$/.exec(spec);
  if (shorthand) return `https://github.com/${shorthand[1]!.replace(/\.git$/, '')}`;
  return webUrl(spec.replace(/^git\+/, '').replace(/\.git$/, ''));
}

/** `text` when it is an absolute http(s) URL. */
function webUrl(text: string | undefined): string | undefined {
  if (!text || !/^https?:\/\//i.test(text.trim())) return undefined;
  return URL.canParse(text.trim()) ? text.trim() : undefined;
}

let codeHash: string | undefined;

/**
 * Hash of the code files (`.js`, `.ts`, not `.d.ts`) under a folder: their paths and contents,
 * 16 hex digits. Any edit, added, removed or renamed file changes it.
 */
export function codeHashOf(dir: string): string {
  return sha256(
    filesUnder(dir)
      .filter((path) => /\.(?:c?js|ts)$/.test(path) && !path.endsWith('.d.ts'))
      .map((path) => `${path}:${sha256(readFileSync(join(dir, path)))}`)
      .join('\n'),
  ).slice(0, 16);
}

/**
 * A hash of the dependencies as installed from the lockfile (`package-lock.json` beside
 * package.json), or '' where there is none (digestcast installed as a dependency).
 */
export function dependencyHashOf(packageDir: string): string {
  try {
    return sha256(readFileSync(join(packageDir, 'package-lock.json'))).slice(0, 8);
  } catch {
    return '';
  }
}

/**
 * Version plus a hash of the running code (and of the lockfile, where there is one), so parse
 * caches and up-to-date builds notice a code change that kept the version number (a `git pull`,
 * a local edit, an `npm update` of remark-gfm or feed).
 */
export function codeIdentity(): string {
  if (codeHash === undefined) {
    const dependencies = dependencyHashOf(PACKAGE_DIR);
    codeHash = `${codeHashOf(CODE_DIR)}${dependencies ? `.${dependencies}` : ''}`;
  }
  return `${packageInfo().version}+${codeHash}`;
}
