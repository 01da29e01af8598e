/**
 * Runs the bundled CLI (one CommonJS file) with V8's code cache, the way `v8-compile-cache` and
 * Node 22's `module.enableCompileCache()` (not in Node 20) do: V8 compiles the bundle's 2.7 MB on
 * every start, and each function again the first time it runs; with the cache, it reads back the
 * code a run compiled before. The cache is kept in a folder of the user's
 * (`DIGESTCAST_CODE_CACHE`, default `$XDG_CACHE_HOME/digestcast` or `~/.cache/digestcast`), one
 * file per bundle content, Node version and V8 flags, never in the project.
 *
 * The cache only saves time: a file that is missing, damaged or made for other code is ignored
 * (V8 checks its own version, flags and the source's length; the file name carries a hash of the
 * source), and one that cannot be written is not written. A run that compiled more than the file
 * it read holds (another command) writes it again, so the file comes to hold what every command
 * compiled.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { sha256 } from '../hash.js';

/** The cache folder: `DIGESTCAST_CODE_CACHE` (a folder, or `off` for none), else the user's cache folder. */
export function codeCacheDir(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  const setting = env.DIGESTCAST_CODE_CACHE;
  if (setting === 'off') return undefined;
  if (setting) return setting;
  const base = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'digestcast');
}

/** A written cache is written again when a run compiled at least this much more (by size). */
const GROWTH_TO_REWRITE = 1.05;

/** What happened to the cache in this run (for tests and `DIGESTCAST_CODE_CACHE_REPORT`). */
export type CodeCacheUse = 'none' | 'used' | 'rejected' | 'missing';

/**
 * Loads a CommonJS file as Node would (`module.exports`, `require` from its folder), compiled
 * with the code cache in `cacheDir` (none: compiled as usual). The cache is (re)written when the
 * process exits.
 *
 * The file gets `importModule` as `__digestcastImport`, beside `require` and the others, for its
 * dynamic imports: Node 20 loses a script's `import()` callback in code taken from a cache
 * (`ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING`, nodejs/node#43663, zertosh/v8-compile-cache#30), so
 * the bundle must not call `import()` itself (`scripts/bundle-cli.mjs` rewrites its calls).
 */
export function requireWithCodeCache(file: string, cacheDir: string | undefined, importModule: (specifier: string) => Promise<unknown>): { exports: unknown; use: CodeCacheUse } {
  const source = readFileSync(file, 'utf8');
  const cacheFile = cacheDir === undefined ? undefined : join(cacheDir, `${cacheName(source)}.v8`);
  let cached: Buffer | undefined;
  if (cacheFile !== undefined) {
    try {
      cached = readFileSync(cacheFile);
    } catch {
      cached = undefined;
    }
  }
  // A `#!` line is not JavaScript once wrapped in a function.
  const body = source.startsWith('#!') ? `//${source}` : source;
  const script = new Script(`(function (exports, require, module, __filename, __dirname, __digestcastImport) { ${body}\n})`, { filename: file, ...(cached ? { cachedData: cached } : {}) });
  const use: CodeCacheUse = cacheFile === undefined ? 'none' : cached === undefined ? 'missing' : script.cachedDataRejected ? 'rejected' : 'used';
  if (cacheFile !== undefined) process.once('exit', () => saveCodeCache(script, cacheFile, use === 'used' ? cached : undefined));
  const module = { exports: {} as unknown, id: file, filename: file, loaded: false };
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string, importModule: (specifier: string) => Promise<unknown>) => void;
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file), importModule);
  module.loaded = true;
  return { exports: module.exports, use };
}

/** The cache file's name: the source's hash and what else V8 checks the cache against (its version, its flags). */
function cacheName(source: string): string {
  const runtime = JSON.stringify([process.versions.v8, process.arch, process.execArgv, process.env.NODE_OPTIONS ?? '', process.env.DIGESTCAST_V8_HEAP_GROWTH ?? '']);
  return `${sha256(source).slice(0, 16)}-${sha256(runtime).slice(0, 16)}`;
}

/** Writes what this run compiled, unless the file it used holds as much; other files of the folder (older code) are removed. */
function saveCodeCache(script: Script, cacheFile: string, used: Buffer | undefined): void {
  try {
    const data = script.createCachedData();
    if (used !== undefined && data.length < used.length * GROWTH_TO_REWRITE) return;
    const dir = dirname(cacheFile);
    mkdirSync(dir, { recursive: true });
    const ownSource = cacheFile.slice(dir.length + 1, dir.length + 17);
    for (const name of readdirSync(dir)) if (name.endsWith('.v8') && !name.startsWith(ownSource)) rmSync(join(dir, name), { force: true });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temporary, data);
    renameSync(temporary, cacheFile);
  } catch {
    // Only time is lost: the next run compiles as usual.
  }
}
