/**
 * Runs the bundled CLI (one CommonJS file) with V8's code cache, the way `v8-compile-cache` and
 * Node 22's `module.enableCompileCache()` (not in Node 20) do: V8 compiles the bundle's 2.7 MB on
 * every start, and each function again the first time it runs; with the cache, it reads back the
 * code a run compiled before. The cache is kept in a folder of the user's
 * (`DIGESTCAST_CODE_CACHE`, default `$XDG_CACHE_HOME/digestcast` or `~/.cache/digestcast`), one
 * file per bundle content, V8 version and V8 flags, never in the project.
 *
 * The cache only saves time. Each file starts with a SHA-256 of the rest, checked before V8 sees
 * it: V8 checks a code cache's version, flags and source length, not its bytes, and a damaged one
 * can crash it or run wrong code. A file that is missing, damaged or made for other code is
 * ignored (its name carries a hash of the source), one that cannot be written is not written.
 * The checksum proves no origin: a folder that another user owns, or that others may write to,
 * is not used at all. A run that compiled more than the file it read holds (another command)
 * writes it again, so the file comes to hold what every command compiled.
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { Script } from 'node:vm';
import { sha256 } from '../hash.js';
import { restoreHeapGrowth } from './heap-growth.js';

/**
 * The cache folder: `DIGESTCAST_CODE_CACHE` (a folder, or `off` for none), else the user's cache
 * folder (`$XDG_CACHE_HOME`, else `~/.cache`, when absolute); none when there is no such folder.
 */
export function codeCacheDir(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  const setting = env.DIGESTCAST_CODE_CACHE;
  if (setting === 'off') return undefined;
  if (setting) return setting;
  let base = env.XDG_CACHE_HOME;
  if (!base || !isAbsolute(base)) {
    let home: string;
    try {
      home = homedir();
    } catch {
      return undefined;
    }
    if (!home || !isAbsolute(home)) return undefined;
    base = join(home, '.cache');
  }
  return join(base, 'digestcast');
}

/** A written cache is written again when a run compiled at least this much more (by size). */
const GROWTH_TO_REWRITE = 1.05;
/** Cache files kept in the folder (the last written): a few versions of digestcast, or of Node, side by side. */
const FILES_KEPT = 6;
/** The checksum line before the code: 64 hex digits and a line break. */
const CHECKSUM_BYTES = 65;

/** What happened to the cache in this run (for tests and `DIGESTCAST_CODE_CACHE_REPORT`). */
export type CodeCacheUse = 'none' | 'used' | 'rejected' | 'missing';

/**
 * Loads a CommonJS file much as Node's loader does (`module.exports`, `require` from its folder,
 * `__filename`, `__dirname`; it is not put in `require.cache`, and is not `require.main`),
 * compiled with the code cache in `cacheDir` (none: compiled as usual). The cache is
 * (re)written when the process exits.
 *
 * The file gets `importModule` as `__digestcastImport`, beside `require` and the others, for its
 * dynamic imports: a script compiled this way has no `import()` of its own in Node 20
 * (`ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING`), and the callback that would give it one is lost in
 * code taken from a cache (nodejs/node#43663, zertosh/v8-compile-cache#30), so the bundle must
 * not call `import()` itself (`scripts/bundle-cli.mjs` rewrites its calls).
 */
export function requireWithCodeCache(file: string, cacheDir: string | undefined, importModule: (specifier: string) => Promise<unknown>): { exports: unknown; use: CodeCacheUse } {
  const source = readFileSync(file, 'utf8');
  const cacheFile = cacheDir === undefined || !ownFolderOrNone(cacheDir) ? undefined : join(cacheDir, `${cacheName(source)}.v8`);
  const cached = cacheFile === undefined ? undefined : readCodeCache(cacheFile);
  // A `#!` line is not JavaScript once wrapped in a function.
  const body = source.startsWith('#!') ? `//${source}` : source;
  const script = new Script(`(function (exports, require, module, __filename, __dirname, __digestcastImport) { ${body}\n})`, {
    filename: file,
    ...(cached && cached !== 'damaged' ? { cachedData: cached } : {}),
  });
  const use: CodeCacheUse = cacheFile === undefined ? 'none' : cached === undefined ? 'missing' : cached === 'damaged' || script.cachedDataRejected ? 'rejected' : 'used';
  if (cacheFile !== undefined) process.once('exit', () => saveCodeCache(script, cacheFile, use === 'used' ? (cached as Buffer) : undefined));
  const module = { exports: {} as unknown, id: file, filename: file, loaded: false };
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string, importModule: (specifier: string) => Promise<unknown>) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file), importModule);
  module.loaded = true;
  return { exports: module.exports, use };
}

/** The cache file's name: the source's hash and what else V8 checks the cache against (its version, its flags). */
function cacheName(source: string): string {
  const runtime = JSON.stringify([process.versions.v8, process.arch, process.execArgv, process.env.NODE_OPTIONS ?? '']);
  return `${sha256(source).slice(0, 16)}-${sha256(runtime).slice(0, 16)}`;
}

/** The code in a cache file; `damaged` when its checksum does not match; undefined when there is none. */
function readCodeCache(cacheFile: string): Buffer | 'damaged' | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const code = bytes.subarray(CHECKSUM_BYTES);
  return bytes.length > CHECKSUM_BYTES && bytes.toString('latin1', 0, CHECKSUM_BYTES) === `${sha256(code)}\n` ? code : 'damaged';
}

/** Writes what this run compiled, unless the file it used holds as much; the oldest other files of the folder go beyond `FILES_KEPT`. */
function saveCodeCache(script: Script, cacheFile: string, used: Buffer | undefined): void {
  try {
    // Under the flags the program starts with: a large build limited the heap growth since (V8 would refuse a cache made under that flag at the next start).
    restoreHeapGrowth();
    const code = script.createCachedData();
    if (used !== undefined && code.length < used.length * GROWTH_TO_REWRITE) return;
    const dir = dirname(cacheFile);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (!ownFolderOrNone(dir)) return;
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    try {
      writeFileSync(temporary, Buffer.concat([Buffer.from(`${sha256(code)}\n`, 'latin1'), code]), { mode: 0o600 });
      renameSync(temporary, cacheFile);
    } finally {
      rmSync(temporary, { force: true });
    }
    removeOldest(dir, cacheFile);
  } catch {
    // Only time is lost: the next run compiles as usual.
  }
}

/**
 * Whether `dir` is a folder that only this user may write to, or is not there yet (it is made
 * so). A code cache is code this process runs: one from a folder others can write could be theirs.
 */
function ownFolderOrNone(dir: string): boolean {
  let stats;
  try {
    stats = lstatSync(dir);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
  if (!stats.isDirectory()) return false;
  // (Windows has neither owners nor modes here: its folders under the user's profile are the user's.)
  if (process.platform === 'win32') return true;
  return stats.uid === process.getuid?.() && (stats.mode & 0o022) === 0;
}

/** Removes the cache files of `dir` but the `FILES_KEPT` last written (`keep` among them), each on its own (one that cannot be removed is left). */
function removeOldest(dir: string, keep: string): void {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.v8') && join(dir, name) !== keep)
    .flatMap((name) => {
      try {
        return [{ path: join(dir, name), mtimeMs: statSync(join(dir, name)).mtimeMs }];
      } catch {
        return [];
      }
    })
    .sort((a, b) => b.mtimeMs - a.mtimeMs);
  for (const { path } of files.slice(FILES_KEPT - 1)) {
    try {
      rmSync(path, { force: true });
    } catch {
      // Left for a later run.
    }
  }
}
