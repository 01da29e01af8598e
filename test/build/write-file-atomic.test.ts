import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFileAtomicSync } from '../../src/write-file-atomic.js';
import { tempDir } from '../helpers/tmp.js';

describe('writeFileAtomic', () => {
  it('creates the folder and leaves only the target behind', async () => {
    const dir = tempDir('atomic-');
    await writeFileAtomic(join(dir, 'a', 'b.json'), '{"x":1}');
    writeFileAtomicSync(join(dir, 'c', 'd.bin'), new Uint8Array([1, 2, 3]));
    expect(readFileSync(join(dir, 'a', 'b.json'), 'utf8')).toBe('{"x":1}');
    expect([...readFileSync(join(dir, 'c', 'd.bin'))]).toEqual([1, 2, 3]);
    expect(readdirSync(join(dir, 'a'))).toEqual(['b.json']);
  });

  it('gives concurrent writes of one file temporary files of their own: one whole content wins', async () => {
    const dir = tempDir('atomic-');
    const path = join(dir, 'digest.md');
    const contents = Array.from({ length: 20 }, (_, i) => `${String(i).repeat(50_000)}\n`);
    await Promise.all(contents.map((c) => writeFileAtomic(path, c)));
    expect(contents).toContain(readFileSync(path, 'utf8'));
    expect(readdirSync(dir)).toEqual(['digest.md']);
  });

  it('removes its temporary file when the rename fails', async () => {
    const dir = tempDir('atomic-');
    mkdirSync(join(dir, 'taken', 'inside'), { recursive: true }); // a non-empty folder cannot be renamed over
    await expect(writeFileAtomic(join(dir, 'taken'), 'x')).rejects.toThrow();
    expect(() => writeFileAtomicSync(join(dir, 'taken'), 'x')).toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
  });
});
