import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParseCache } from '../../src/build/parse-cache.js';
import { sha256 } from '../../src/hash.js';
import { parseDigest } from '../../src/parse/parse-digest.js';
import { codeHashOf, codeIdentity, dependencyHashOf, PACKAGE_DIR, packageInfo } from '../../src/package-info.js';
import { tempDir } from '../helpers/tmp.js';

const TEXT = '# arxiv 2025-10-17\n\n> 当天没有抓取到有效论文。\n';
const parse = () => ({ parsed: parseDigest(TEXT, 'a.md'), readable: true });

describe('parse cache', () => {
  it('is keyed by the code that wrote it: other code (a pull, an edit) starts from an empty cache', async () => {
    const path = join(tempDir('cache-'), 'parsed.json');
    const first = await ParseCache.load(path, '0.1.0+aaaa');
    first.get('a.md', 'h1', parse);
    await first.save();

    const same = await ParseCache.load(path, '0.1.0+aaaa');
    same.get('a.md', 'h1', parse);
    expect([same.hits, same.misses]).toEqual([1, 0]);

    const changed = await ParseCache.load(path, '0.1.0+bbbb');
    changed.get('a.md', 'h1', parse);
    expect([changed.hits, changed.misses]).toEqual([0, 1]);
  });

  it('writes every entry it can: one that cannot be written is let go (parsed again if asked for), and a note says why', async () => {
    const dir = join(tempDir('cache-'), 'parsed');
    const code = '0.1.0+aaaa';
    const cache = await ParseCache.load(dir, code);
    cache.get('a.md', 'h1', parse);
    cache.get('b.md', 'h2', parse);
    cache.get('c.md', 'h3', parse);
    // The first entry's file name is taken by a folder: its write fails (entries are named by a hash of the code and key).
    const blocked = `${sha256(`${code}\u0000h1:a.md`).slice(0, 40)}.json`;
    mkdirSync(join(dir, blocked), { recursive: true });
    cache.flush();
    expect(readdirSync(dir).sort()).toEqual([blocked, `${sha256(`${code}\u0000h2:b.md`).slice(0, 40)}.json`, `${sha256(`${code}\u0000h3:c.md`).slice(0, 40)}.json`].sort());
    expect(cache.note).toMatch(/^parse cache not saved \(.+\); the next build parses the digests it needs again$/);
    // Not held in memory (results would pile up on a full disk): asked again, it is parsed again, and written once the way is clear.
    rmSync(join(dir, blocked), { recursive: true });
    cache.get('a.md', 'h1', parse);
    expect(cache.misses).toBe(4);
    cache.flush();
    expect(JSON.parse(readFileSync(join(dir, blocked), 'utf8')).key).toBe('h1:a.md');
  });

  it('identifies the running code by its version and the hash of the code folder it runs from', () => {
    // Under vitest the running code is src/ itself.
    // The code's hash, and the lockfile's (an `npm update` of a dependency changes what the build makes).
    expect(codeIdentity()).toBe(`${packageInfo().version}+${codeHashOf(join(PACKAGE_DIR, 'src'))}.${dependencyHashOf(PACKAGE_DIR)}`);
    expect(codeIdentity()).toMatch(/^\d+\.\d+\.\d+\S*\+[0-9a-f]{16}\.[0-9a-f]{8}$/);
    const noLock = tempDir('no-lock-');
    expect(dependencyHashOf(noLock)).toBe('');
    writeFileSync(join(noLock, 'package-lock.json'), '{"lockfileVersion":3}');
    const before = dependencyHashOf(noLock);
    writeFileSync(join(noLock, 'package-lock.json'), '{"lockfileVersion":3,"packages":{}}');
    expect(dependencyHashOf(noLock)).not.toBe(before);
  });

  it('changes the code hash when a code file is edited, added, removed or renamed, and only then', () => {
    const dir = tempDir('code-');
    cpSync(join(PACKAGE_DIR, 'src', 'parse'), join(dir, 'parse'), { recursive: true });
    copyFileSync(join(PACKAGE_DIR, 'src', 'hash.ts'), join(dir, 'hash.ts'));
    const original = codeHashOf(dir);
    const seen = new Set([original]);
    const expectNew = () => {
      const hash = codeHashOf(dir);
      expect(seen.has(hash), 'hash already seen for another state of the folder').toBe(false);
      seen.add(hash);
    };

    const file = join(dir, 'parse', 'latex.ts');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, `${text}\n`);
    expectNew(); // a one-byte edit
    writeFileSync(file, text);
    expect(codeHashOf(dir)).toBe(original); // undone: the same code, the same hash

    writeFileSync(join(dir, 'hash.d.ts'), 'export {};\n');
    writeFileSync(join(dir, 'notes.md'), 'not code\n');
    expect(codeHashOf(dir)).toBe(original); // declarations and other files are not code

    writeFileSync(join(dir, 'extra.js'), 'export const x = 1;\n');
    expectNew(); // an added built file
    rmSync(join(dir, 'extra.js'));
    expect(codeHashOf(dir)).toBe(original);
    writeFileSync(join(dir, 'digestcast-cli.cjs'), 'exports.x = 1;\n');
    expectNew(); // the CLI bundle (CommonJS)
    rmSync(join(dir, 'digestcast-cli.cjs'));
    expect(codeHashOf(dir)).toBe(original);

    renameSync(join(dir, 'hash.ts'), join(dir, 'digest.ts'));
    expectNew(); // same bytes, another path
    rmSync(join(dir, 'digest.ts'));
    expectNew(); // a removed file
  });
});
