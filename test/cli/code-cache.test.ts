/**
 * The bundled CLI's code cache (`src/cli/code-cache.ts`), in real processes: a CommonJS file run
 * through it behaves as Node runs it, its compiled code is kept and taken back, and a damaged
 * cache, a missing folder or `off` cost only time.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROJECT_DIR } from '../helpers/corpus.js';
import { tempDir } from '../helpers/tmp.js';

const CODE_CACHE = pathToFileURL(join(PROJECT_DIR, 'src/cli/code-cache.ts')).href;
const HEAP_GROWTH = pathToFileURL(join(PROJECT_DIR, 'src/cli/heap-growth.ts')).href;

/** A CommonJS file using what the CLI bundle uses: `require`, `module.exports`, `__filename`, dynamic imports through `__digestcastImport`, a `#!` line, strict mode. */
const PROGRAM = `#!/usr/bin/env node
"use strict";
const { basename } = require('node:path');
module.exports = {
  run: async (x) => ({ doubled: x * 2, file: basename(__filename), cwdType: typeof (await __digestcastImport('node:process')).cwd, strict: (function () { return this === undefined; })() }),
};
`;

/** Runs PROGRAM through the code cache in a process of its own (`limitHeap`: V8's heap growth limited once it runs, as a large build does; `before`: limited before the cache is read, the control); returns what it printed (its result, then how the cache was used). */
function runProgram(dir: string, env: Record<string, string>, limitHeap: boolean | 'before' = false): { result: unknown; use: string } {
  // (Told by the environment: the runner is part of the flags the cache is named by, so it is the same text each time.)
  const runner = `
    const { requireWithCodeCache, codeCacheDir } = await import(${JSON.stringify(CODE_CACHE)});
    const { limitHeapGrowth } = await import(${JSON.stringify(HEAP_GROWTH)});
    if (process.env.LIMIT_FIRST === '1') limitHeapGrowth({});
    const { exports, use } = requireWithCodeCache(${JSON.stringify(join(dir, 'program.cjs'))}, codeCacheDir(), (specifier) => import(specifier));
    if (process.env.LIMIT_HEAP === '1') limitHeapGrowth({});
    console.log(JSON.stringify({ result: await exports.run(21), use }));
  `;
  const stdout = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', runner], { cwd: PROJECT_DIR, env: { ...process.env, ...env, LIMIT_HEAP: limitHeap === true ? '1' : '0', LIMIT_FIRST: limitHeap === 'before' ? '1' : '0' }, encoding: 'utf8' });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { result: unknown; use: string };
}

const cacheFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.v8')) : []);

describe('the code cache', () => {
  it('runs the file as Node would, keeps its compiled code and takes it back the next time', () => {
    const dir = tempDir('code-cache-');
    writeFileSync(join(dir, 'program.cjs'), PROGRAM);
    const cache = join(dir, 'cache');
    const expected = { doubled: 42, file: 'program.cjs', cwdType: 'function', strict: true };

    expect(runProgram(dir, { DIGESTCAST_CODE_CACHE: cache })).toEqual({ result: expected, use: 'missing' });
    const [file] = cacheFiles(cache);
    expect(file).toBeDefined();
    // (A file is written beside its place and renamed: a new inode each time.)
    const written = statSync(join(cache, file!)).ino;
    expect(runProgram(dir, { DIGESTCAST_CODE_CACHE: cache })).toEqual({ result: expected, use: 'used' });
    // Nothing more was compiled: the file is not written again.
    expect(statSync(join(cache, file!)).ino).toBe(written);

    // Damaged (not a cache; a cache with bytes changed in its code, which V8 does not check and may crash on): refused, the program runs all the same, and the cache is written anew.
    const good = readFileSync(join(cache, file!));
    const flipped = Buffer.from(good);
    for (let i = 100; i < flipped.length; i += 997) flipped[i] = flipped[i]! ^ 0xff;
    for (const damaged of [Buffer.from('not a code cache'), flipped, good.subarray(0, good.length - 10)]) {
      writeFileSync(join(cache, file!), damaged);
      expect(runProgram(dir, { DIGESTCAST_CODE_CACHE: cache })).toEqual({ result: expected, use: 'rejected' });
      expect(runProgram(dir, { DIGESTCAST_CODE_CACHE: cache })).toEqual({ result: expected, use: 'used' });
    }

    // Other code (new versions of the program): a file each, the oldest removed beyond six.
    for (let version = 1; version <= 6; version++) {
      writeFileSync(join(dir, 'program.cjs'), PROGRAM.replace('x * 2', `x * 2 + ${version} - ${version}`));
      expect(runProgram(dir, { DIGESTCAST_CODE_CACHE: cache })).toEqual({ result: expected, use: 'missing' });
    }
    expect(cacheFiles(cache)).toHaveLength(6);
    expect(cacheFiles(cache)).not.toContain(file);
  });

  it('is written again after a run that compiled much more than it read (another command), and only then', () => {
    const dir = tempDir('code-cache-');
    // Many functions, each compiled only when called: with MORE=1 (told by the environment, as the runner must stay the same text).
    const functions = Array.from({ length: 3000 }, (_, i) => `function f${i}(x) { const y = x * ${i} + (x % 7); return y > ${i} ? y - ${i} : [y, ${i}].join('-').length; }`);
    const program = PROGRAM.replace('module.exports = {', `${functions.join('\n')}\nconst more = () => [${functions.map((_, i) => `f${i}`).join(', ')}].reduce((n, f) => n + Number(f(n % 11)), 0);\nmodule.exports = {`).replace('doubled: x * 2', "doubled: x * 2 + (process.env.MORE === '1' ? more() * 0 : 0)");
    writeFileSync(join(dir, 'program.cjs'), program);
    const cache = join(dir, 'cache');
    const inode = () => statSync(join(cache, cacheFiles(cache)[0]!)).ino;
    expect(runProgram(dir, { DIGESTCAST_CODE_CACHE: cache, MORE: '0' }).use).toBe('missing');
    const first = inode();
    const firstSize = statSync(join(cache, cacheFiles(cache)[0]!)).size;
    expect(runProgram(dir, { DIGESTCAST_CODE_CACHE: cache, MORE: '0' }).use).toBe('used');
    expect(inode()).toBe(first);
    expect(runProgram(dir, { DIGESTCAST_CODE_CACHE: cache, MORE: '1' })).toEqual({ result: expect.objectContaining({ doubled: 42 }), use: 'used' });
    const second = inode();
    expect(second).not.toBe(first);
    expect(statSync(join(cache, cacheFiles(cache)[0]!)).size).toBeGreaterThan(firstSize * 1.5);
    // What it compiled is in the cache now: read back, not compiled again, so the file stays.
    expect(runProgram(dir, { DIGESTCAST_CODE_CACHE: cache, MORE: '1' }).use).toBe('used');
    expect(inode()).toBe(second);
    expect(cacheFiles(cache)).toHaveLength(1);
  });

  it('is made under the flags the program starts with, also after a large build limited the heap growth', () => {
    const dir = tempDir('code-cache-');
    writeFileSync(join(dir, 'program.cjs'), PROGRAM);
    const cache = join(dir, 'cache');
    expect(runProgram(dir, { DIGESTCAST_CODE_CACHE: cache }, true).use).toBe('missing');
    // (V8 refuses a cache made under other flags: the limit is lifted before the cache is made.)
    expect(runProgram(dir, { DIGESTCAST_CODE_CACHE: cache }).use).toBe('used');
    expect(runProgram(dir, { DIGESTCAST_CODE_CACHE: cache }, true).use).toBe('used');
    expect(runProgram(dir, { DIGESTCAST_CODE_CACHE: cache }).use).toBe('used');
    // (The control: started under the limit, V8 refuses the cache; the one made at exit is the program's again.)
    expect(runProgram(dir, { DIGESTCAST_CODE_CACHE: cache }, 'before').use).toBe('rejected');
    expect(runProgram(dir, { DIGESTCAST_CODE_CACHE: cache }).use).toBe('used');
  });

  it('is left out with DIGESTCAST_CODE_CACHE=off, and costs nothing but time where it cannot be written', () => {
    const dir = tempDir('code-cache-');
    writeFileSync(join(dir, 'program.cjs'), PROGRAM);
    expect(runProgram(dir, { DIGESTCAST_CODE_CACHE: 'off' })).toEqual({ result: { doubled: 42, file: 'program.cjs', cwdType: 'function', strict: true }, use: 'none' });

    // A folder others may write to: a cache there could be anyone's code; it is neither read nor written.
    const shared = tempDir('code-cache-shared-');
    expect(runProgram(dir, { DIGESTCAST_CODE_CACHE: shared }).use).toBe('missing');
    expect(cacheFiles(shared)).toHaveLength(1);
    chmodSync(shared, 0o777);
    expect(runProgram(dir, { DIGESTCAST_CODE_CACHE: shared }).use).toBe('none');
    writeFileSync(join(shared, cacheFiles(shared)[0]!), 'changed by another user');
    chmodSync(shared, 0o700);
    expect(runProgram(dir, { DIGESTCAST_CODE_CACHE: shared }).use).toBe('rejected');

    // A folder that cannot be made (a file is in the way: not even root can).
    writeFileSync(join(dir, 'a-file'), '');
    const cache = join(dir, 'a-file', 'cache');
    expect(runProgram(dir, { DIGESTCAST_CODE_CACHE: cache })).toEqual({ result: { doubled: 42, file: 'program.cjs', cwdType: 'function', strict: true }, use: 'none' });
    expect(existsSync(cache)).toBe(false);

    // A cache file that cannot be written (a folder is in its place): the run goes on, and leaves no temporary file.
    const blocked = tempDir('code-cache-blocked-');
    runProgram(dir, { DIGESTCAST_CODE_CACHE: blocked });
    const [name] = cacheFiles(blocked);
    rmSync(join(blocked, name!));
    mkdirSync(join(blocked, name!, 'in-the-way'), { recursive: true });
    expect(runProgram(dir, { DIGESTCAST_CODE_CACHE: blocked })).toEqual({ result: { doubled: 42, file: 'program.cjs', cwdType: 'function', strict: true }, use: 'missing' });
    expect(readdirSync(blocked)).toEqual([name]);
  });

  it('is kept in the user cache folder by default, never in the project', async () => {
    const { codeCacheDir } = await import('../../src/cli/code-cache.js');
    expect(codeCacheDir({ XDG_CACHE_HOME: '/x/cache' })).toBe('/x/cache/digestcast');
    expect(codeCacheDir({ DIGESTCAST_CODE_CACHE: '/y' })).toBe('/y');
    expect(codeCacheDir({ DIGESTCAST_CODE_CACHE: 'off' })).toBeUndefined();
    expect(codeCacheDir({})).toMatch(/\.cache[/\\]digestcast$/);
    // A relative XDG_CACHE_HOME is ignored (the XDG spec), so the cache never lands in the project.
    expect(codeCacheDir({ XDG_CACHE_HOME: 'relative' })).toMatch(/\.cache[/\\]digestcast$/);
  });
});
