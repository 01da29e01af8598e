import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder } from '../../src/files-under.js';
import { tempDir } from '../helpers/tmp.js';

describe('filesUnder', () => {
  it('lists files at any depth relative to the folder, sorted as one list, without folders', () => {
    const dir = tempDir('files-under-');
    for (const path of ['b.txt', 'a/b/c.mjml', 'a-b.txt', 'a/z.txt', 'A.txt', 'empty/', 'a/b/.hidden']) {
      mkdirSync(join(dir, path.endsWith('/') ? path : join(path, '..')), { recursive: true });
      if (!path.endsWith('/')) writeFileSync(join(dir, path), path);
    }
    // '-' (0x2d) sorts before '/' (0x2f): a whole-list code-unit sort, not a per-folder one.
    expect(filesUnder(dir)).toEqual(['A.txt', 'a-b.txt', 'a/b/.hidden', 'a/b/c.mjml', 'a/z.txt', 'b.txt']);
  });

  it('lists a symbolic link to a folder as a file and does not follow it', () => {
    const dir = tempDir('files-under-');
    mkdirSync(join(dir, 'real'));
    writeFileSync(join(dir, 'real', 'x.txt'), 'x');
    symlinkSync(join(dir, 'real'), join(dir, 'link'));
    expect(filesUnder(dir)).toEqual(['link', 'real/x.txt']);
  });

  it('returns nothing for a folder that does not exist', () => {
    expect(filesUnder(join(tempDir('files-under-'), 'missing'))).toEqual([]);
  });
});
