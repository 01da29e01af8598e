import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { buildProject, historyFixture, makeProject } from '../helpers/project.js';
import { memoryIo } from '../helpers/io.js';

describe('digestcast build', () => {
  it('writes the site into out/ and, when nothing changed, writes nothing', async () => {
    const dir = makeProject(historyFixture());
    const cold = await buildProject(dir);
    expect(cold.upToDate).toBe(false);
    expect(cold.written).toBe(cold.outputs);
    expect(cold.parseCache).toEqual({ hits: 0, misses: 5 });
    for (const file of ['atom.xml', 'rss.xml', 'feed.json', 'issues.xml', 'issues.json', 'index.html', '2025-10-16.html', 'feeds.opml', 'feed.xsl', 'style.css', 'arxiv/atom.xml', 'biorxiv/feed.json', 'archive/2025-10.xml']) {
      expect(existsSync(join(dir, 'out', file)), file).toBe(true);
    }
    const warm = await buildProject(dir);
    expect(warm).toMatchObject({ upToDate: true, written: 0, stats: cold.stats });
  });

  it('reuses parse results of unchanged digests and rewrites only changed files', async () => {
    const dir = makeProject(historyFixture());
    await buildProject(dir);
    const before = readFileSync(join(dir, 'out/2025-10-16.html'), 'utf8');
    writeFileSync(join(dir, 'digests/2025-10-19-arxiv.md'), '# arxiv 2025-10-19\n\n> 当天没有抓取到有效论文。\n');
    const next = await buildProject(dir);
    expect(next.upToDate).toBe(false);
    expect(next.parseCache).toEqual({ hits: 5, misses: 1 });
    expect(next.written).toBeLessThan(next.outputs);
    expect(readFileSync(join(dir, 'out/2025-10-16.html'), 'utf8')).toBe(before);
    expect(readFileSync(join(dir, 'out/index.html'), 'utf8')).toContain('2025-10-19');
  });

  it('rebuilds when a template changes, and when an output was deleted', async () => {
    const dir = makeProject({ ...historyFixture(), 'templates/site/style.css': 'body { color: red; }' });
    await buildProject(dir);
    expect(readFileSync(join(dir, 'out/style.css'), 'utf8')).toBe('body { color: red; }');
    writeFileSync(join(dir, 'templates/site/style.css'), 'body { color: blue; }');
    expect((await buildProject(dir)).upToDate).toBe(false);
    expect(readFileSync(join(dir, 'out/style.css'), 'utf8')).toBe('body { color: blue; }');
    rmSync(join(dir, 'out/atom.xml'));
    const rebuilt = await buildProject(dir);
    expect(rebuilt.upToDate).toBe(false);
    expect(rebuilt.written).toBe(1);
  });

  it('removes outputs it wrote before and no longer makes, and nothing else', async () => {
    const dir = makeProject(historyFixture());
    writeFileSync(join(dir, 'out-keep.txt'), 'x');
    await buildProject(dir);
    writeFileSync(join(dir, 'out', 'CNAME'), 'papers.example.org');
    rmSync(join(dir, 'digests/2025-10-16-arxiv.md'));
    const result = await buildProject(dir);
    expect(result.removed).toBeGreaterThan(0);
    expect(existsSync(join(dir, 'out/2025-10-16.html'))).toBe(false);
    expect(existsSync(join(dir, 'out/CNAME'))).toBe(true);
  });

  it('reports a broken template with its file and line, and stops', async () => {
    const dir = makeProject({ ...historyFixture(), 'templates/site/day.hbs': '<h1>{{date}}</h1>\n{{#each sources}}\n<p>{{name}</p>\n{{/each}}\n' });
    await expect(buildProject(dir)).rejects.toThrow(/templates\/site\/day\.hbs:3: /);
  });

  it('runs from the command line, with diagnostics on stderr', async () => {
    const dir = makeProject({ ...historyFixture(), 'digests/2025-10-20-arxiv.md': '# arxiv 2025-10-20\n\n| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n| T | A | [PDF](javascript:alert(1)) | S |\n' });
    const io = memoryIo(dir);
    expect(await main(['build'], io)).toBe(0);
    expect(io.out()).toMatch(/^digestcast build: 4 days, 7 papers, 6 feed entries → .*out \(\d+ files: \d+ written, 0 unchanged\) in \d+\.\d\d s — 1 error, 2 info\n/);
    // Then one line per subscription feed: what it holds, each file's size and content level, its archive pages.
    expect(io.out()).toContain('\n  feed all sources: 4/4 days, 6/6 papers; atom.xml ');
    expect(io.out()).toMatch(/\n {2}feed arxiv: 4\/4 days, 5\/5 papers; arxiv\/atom\.xml \d+ kB full entries, arxiv\/rss\.xml \d+ kB full entries, arxiv\/feed\.json \d+ kB full entries; history in the all-sources archive\n/);
    expect(io.err()).toContain('digests/2025-10-20-arxiv.md:5:11: error [unsafe-pdf-link]');
    // The upstream error of a failed fetch is for maintainers: an info diagnostic, shown with --verbose.
    expect(io.err()).not.toContain('HTTPSConnectionPool');
    const again = memoryIo(dir);
    expect(await main(['build'], again)).toBe(0);
    expect(again.out()).toContain('up to date, nothing written');
  });

  it('fails clearly when there is no digest to read', async () => {
    const dir = makeProject({ 'digests/.keep': '' });
    const io = memoryIo(dir);
    expect(await main(['build'], io)).toBe(1);
    expect(io.err()).toContain('no readable digest in the digests folder');
  });
});
