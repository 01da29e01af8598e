/**
 * The way builds fail in the world: a build that stops half-way (here the search index cannot be
 * written) and a damaged manifest must not leave stale files behind the next build; a month
 * without papers (no search bundle) must not keep every later build from being up to date.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesUnder } from '../../src/files-under.js';
import { buildProject, historyFixture, makeProject, readOut } from '../helpers/project.js';

/** out/ as text, the search bundles left out (binary; their months are checked through months.json). */
function tree(dir: string): Record<string, string> {
  return Object.fromEntries(
    filesUnder(join(dir, 'out'))
      .filter((p) => !/^pagefind\/\d{4}-\d\d\//.test(p))
      .map((p) => [p, readFileSync(join(dir, 'out', p), 'utf8')]),
  );
}

/** What a build from nothing makes of the project's digests and config now. */
async function coldTree(dir: string): Promise<Record<string, string>> {
  const cold = makeProject({});
  cpSync(join(dir, 'digests'), join(cold, 'digests'), { recursive: true });
  cpSync(join(dir, 'digestcast.config.json'), join(cold, 'digestcast.config.json'));
  await buildProject(cold);
  return tree(cold);
}

describe('a build that fails half-way, or follows a damaged manifest', () => {
  it('leaves nothing stale: after a failed build and a revert, out/ is what a build from nothing makes', async () => {
    const dir = makeProject(historyFixture());
    await buildProject(dir);
    const digest = join(dir, 'digests/2025-10-17-arxiv.md');
    const original = readFileSync(digest, 'utf8');
    writeFileSync(digest, original.replace('第三篇：新的方法', '第三篇：改过的标题'));
    // The search folder replaced by a file: the build renders and writes the pages, then fails on the index.
    rmSync(join(dir, 'out/pagefind'), { recursive: true });
    writeFileSync(join(dir, 'out/pagefind'), 'not a folder');
    await expect(buildProject(dir)).rejects.toThrow();
    expect(readOut(dir, '2025-10-17.html')).toContain('第三篇：改过的标题');

    rmSync(join(dir, 'out/pagefind'));
    writeFileSync(digest, original);
    const next = await buildProject(dir);
    expect(next.upToDate).toBe(false);
    expect(readOut(dir, '2025-10-17.html')).not.toContain('改过的标题');
    expect(tree(dir)).toEqual(await coldTree(dir));
  });

  it("after a manifest of another version, a build that fails half-way still passes on what to remove: a day deleted meanwhile is gone after the next build", async () => {
    const dir = makeProject(historyFixture());
    await buildProject(dir);
    const manifest = join(dir, '.digestcast/build-manifest.json');
    writeFileSync(manifest, JSON.stringify({ ...JSON.parse(readFileSync(manifest, 'utf8')), version: 2 }));
    rmSync(join(dir, 'digests/2025-10-16-arxiv.md'));
    rmSync(join(dir, 'out/pagefind'), { recursive: true });
    writeFileSync(join(dir, 'out/pagefind'), 'not a folder');
    await expect(buildProject(dir)).rejects.toThrow();
    rmSync(join(dir, 'out/pagefind'));
    const next = await buildProject(dir);
    expect(next.notes).toEqual([]);
    expect(existsSync(join(dir, 'out/2025-10-16.html'))).toBe(false);
    expect(tree(dir)).toEqual(await coldTree(dir));
  });

  it('after a damaged manifest, the search lists no month whose days are gone', async () => {
    const dir = makeProject({
      ...historyFixture(),
      'digests/2025-11-02-arxiv.md': historyFixture()['digests/2025-10-16-arxiv.md']!.replaceAll('2025-10-16', '2025-11-02').replaceAll('2510.0000', '2511.0000'),
    });
    await buildProject(dir);
    expect(JSON.parse(readOut(dir, 'pagefind/months.json')).months).toEqual(['2025-11', '2025-10']);
    writeFileSync(join(dir, '.digestcast/build-manifest.json'), '{"damaged":');
    rmSync(join(dir, 'digests/2025-11-02-arxiv.md'));
    const result = await buildProject(dir);
    expect(result.notes[0]).toMatch(/^build manifest ignored/);
    expect(JSON.parse(readOut(dir, 'pagefind/months.json')).months).toEqual(['2025-10']);
  });

  it('is up to date the second time even when a month has no papers (and so no search bundle)', async () => {
    const dir = makeProject({ ...historyFixture(), 'digests/2025-11-01-arxiv.md': '# arxiv 2025-11-01\n\n> 当天没有抓取到有效论文。\n' });
    mkdirSync(join(dir, 'digests'), { recursive: true });
    await buildProject(dir);
    expect(JSON.parse(readOut(dir, 'pagefind/months.json')).months).toEqual(['2025-10']);
    expect((await buildProject(dir)).upToDate).toBe(true);
    // A search list deleted by hand is written again.
    rmSync(join(dir, 'out/pagefind/months.json'));
    expect((await buildProject(dir)).upToDate).toBe(false);
    expect(JSON.parse(readOut(dir, 'pagefind/months.json')).months).toEqual(['2025-10']);
  });
});
