import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ParseCache } from '../../src/build/parse-cache.js';
import { parseDigest } from '../../src/parse/parse-digest.js';
import { codeIdentity } from '../../src/package-info.js';
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

  it('identifies the running code by version and a hash of its files', () => {
    expect(codeIdentity()).toMatch(/^\d+\.\d+\.\d+\S*\+[0-9a-f]{16}$/);
    expect(codeIdentity()).toBe(codeIdentity());
  });
});
