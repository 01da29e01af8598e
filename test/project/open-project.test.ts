import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.js';
import { buildSite } from '../../src/build/build-site.js';
import { openProject, Project } from '../../src/open-project.js';
import { sendDay } from '../../src/send/send-day.js';
import { memoryIo } from '../helpers/io.js';
import { historyFixture, makeProject } from '../helpers/project.js';

const quiet = { log: () => undefined, warn: () => undefined };

describe('openProject', () => {
  it('reads the config and resolves every folder against the project folder', async () => {
    const dir = makeProject({
      ...historyFixture(),
      'digestcast.config.json': JSON.stringify({ siteUrl: 'https://feeds.example.org/', digestsDir: 'daily', outDir: 'public', stateDir: 'state', templatesDir: 'tpl' }),
    });
    const project = await openProject(dir);
    expect(project.config.siteUrl).toBe('https://feeds.example.org/');
    expect(project.dirs).toEqual({
      root: dir,
      digests: join(dir, 'daily'),
      out: join(dir, 'public'),
      state: join(dir, 'state'),
      templates: join(dir, 'tpl'),
      cache: join(dir, 'state', 'cache'),
    });
  });

  it('fails with the key when the config is wrong, before reading anything', async () => {
    const dir = makeProject({ 'digestcast.config.json': JSON.stringify({ feeds: { days: 'seven' } }) });
    await expect(openProject(dir)).rejects.toThrow(/feeds\.days/);
  });

  it('reads the digests and the email templates once, however often and however concurrently they are asked for', async () => {
    const dir = makeProject(historyFixture());
    const project = await openProject(dir);
    expect(project.digestsRequested).toBe(false);
    const [a, b] = await Promise.all([project.digests(), project.digests()]);
    expect(a).toBe(b);
    expect(a.parseCache).toEqual({ hits: 0, misses: 5 });
    expect(a.catalog.days.map((d) => d.date)).toEqual(['2025-10-18', '2025-10-17', '2025-10-16']);
    expect(await project.emailTemplates()).toBe(await project.emailTemplates());
    expect(await project.siteTemplates()).toBe(await project.siteTemplates());
  });

  it('lets `run` send the very catalog its build read: the digests are not read again in between', async () => {
    const dir = makeProject(historyFixture());
    const project = new Project(dir, (await openProject(dir)).config);
    const build = await buildSite({ project });
    expect(build.upToDate).toBe(false);
    // The build read the history in outline; the send reads the days from the bytes the build hashed.
    // Were the digests read again from disk, the send would find none.
    renameSync(join(dir, 'digests'), join(dir, 'digests-moved'));
    const report = await sendDay({ projectDir: dir, config: project.config, project, env: { SUBSCRIBERS: 'reader@example.org' }, date: '2025-10-18', ...quiet });
    expect(report).toMatchObject({ date: '2025-10-18', transport: 'outbox', delivered: 1, complete: true });
    expect(existsSync(join(dir, '.digestcast/outbox/2025-10-18'))).toBe(true);
  });

  it('gives sending the days it needs in full and the rest in outline, and writes a damaged history anew', async () => {
    const dir = makeProject(historyFixture());
    await buildSite({ projectDir: dir, config: (await openProject(dir)).config });
    writeFileSync(join(dir, '.digestcast/cache/history.json'), '{"cut off');
    const project = await openProject(dir);
    const catalog = await project.catalog({ recentWithPapers: 1 });
    expect(catalog.days.map((d) => d.date)).toEqual(['2025-10-18']);
    expect(catalog.outlines.map((d) => d.date)).toEqual(['2025-10-18', '2025-10-17', '2025-10-16']);
    // Earlier listings are known for the whole history (a paper of 2025-10-17 was first listed on 2025-10-16).
    expect(catalog.firstDay.get('arxiv:2510.00001')).toBe('2025-10-16');
    expect((await project.history()).notes[0]).toMatch(/^digest history ignored: not JSON/);
    const next = await openProject(dir);
    expect((await next.history()).notes).toEqual([]);
    expect((await next.catalog({ dates: ['2025-10-16'] })).days.map((d) => d.date)).toEqual(['2025-10-18', '2025-10-16']);
    expect((await next.catalog({ dates: ['2020-01-01'] })).days.map((d) => d.date)).toEqual(['2025-10-18']);
  });

  it('after an up-to-date build, which reads no digest, gives the catalog from the parse cache', async () => {
    const dir = makeProject(historyFixture());
    await buildSite({ projectDir: dir, config: (await openProject(dir)).config });
    const project = await openProject(dir);
    const build = await buildSite({ project });
    expect(build.upToDate).toBe(true);
    expect(project.digestsRequested).toBe(false);
    const { parseCache, catalog } = await project.digests();
    expect(parseCache).toEqual({ hits: 5, misses: 0 });
    expect(catalog.entries.length).toBe(build.stats.entries);
  });

  it('rewrites the parse cache only when it changed: a second command with the same digests leaves it as it is', async () => {
    const dir = makeProject(historyFixture());
    await (await openProject(dir)).digests();
    const cacheDir = join(dir, '.digestcast/cache/parsed');
    const entries = () => new Map(readdirSync(cacheDir).map((name) => [name, statSync(join(cacheDir, name)).mtimeMs]));
    const written = entries();
    expect(written.size).toBe(5);
    const again = await (await openProject(dir)).digests();
    expect(again.parseCache).toEqual({ hits: 5, misses: 0 });
    expect(entries()).toEqual(written);
    writeFileSync(join(dir, 'digests/2025-10-19-arxiv.md'), '# arxiv 2025-10-19\n\n> 当天没有抓取到有效论文。\n');
    expect((await (await openProject(dir)).digests()).parseCache).toEqual({ hits: 5, misses: 1 });
    expect(entries().size).toBe(6);
    // A digest removed: its entry goes with the next command that reads the digests.
    rmSync(join(dir, 'digests/2025-10-19-arxiv.md'));
    expect((await (await openProject(dir)).digests()).parseCache).toEqual({ hits: 5, misses: 0 });
    expect(entries()).toEqual(written);
  });

  /** A project's digests read with a file where a state folder should be (`path`, under `.digestcast/`). */
  const digestsWithAFileAt = async (path: string) => {
    const dir = makeProject(historyFixture());
    mkdirSync(dirname(join(dir, '.digestcast', path)), { recursive: true });
    writeFileSync(join(dir, '.digestcast', path), 'a file where a folder should be');
    return { dir, ...(await (await openProject(dir)).digests()) };
  };

  it('goes on when the parse cache cannot be written, and says so', async () => {
    const { catalog, cacheNote } = await digestsWithAFileAt('cache');
    expect(catalog.days).toHaveLength(3);
    // Each state file that could not be read or written, once: the digests' hashes, the parse results.
    expect(cacheNote).toMatch(
      /^digest file hashes ignored: cannot read it \(.+\); hashing every digest again; digest file hashes not saved \(.+\); the next command hashes every digest again; parse cache not saved \(.+\); the next build parses the digests it needs again$/,
    );
  });

  it('says so when an old parse result cannot be removed (a folder in its place), removes the others, and writes the new ones', async () => {
    const dir = makeProject(historyFixture());
    const parsed = join(dir, '.digestcast/cache/parsed');
    mkdirSync(join(parsed, `${'0'.repeat(40)}.json`), { recursive: true });
    writeFileSync(join(parsed, `${'f'.repeat(40)}.json`), '{}');
    const { cacheNote, parseCache } = await (await openProject(dir)).digests();
    expect(cacheNote).toMatch(/^parse cache: results no longer needed could not be removed \(.+\); they only take space, and are tried again when the cache is next saved$/);
    expect(readdirSync(parsed).sort()).toEqual(expect.arrayContaining([`${'0'.repeat(40)}.json`]));
    expect(readdirSync(parsed)).not.toContain(`${'f'.repeat(40)}.json`);
    expect(readdirSync(parsed)).toHaveLength(parseCache.misses + 1);
  });

  it('says so too when only the parse results cannot be written (the cache folder itself is taken)', async () => {
    const { dir, catalog, cacheNote } = await digestsWithAFileAt('cache/parsed');
    expect(catalog.days).toHaveLength(3);
    expect(cacheNote).toMatch(/^parse cache not saved \(.+\); the next build parses the digests it needs again$/);
    // `preview` says it on stderr, and makes the preview all the same.
    const io = memoryIo(dir);
    expect(await main(['preview'], io)).toBe(0);
    expect(io.err()).toMatch(/^digestcast preview: parse cache not saved \(.+\); the next build parses the digests it needs again\n$/);
    expect(io.out()).toContain('subject:');
  });

  it('does not remember a failure: a template fixed after a failed load loads on the next try', async () => {
    const dir = makeProject({ ...historyFixture(), 'templates/site/day.hbs': '{{#each sources}}' });
    const project = await openProject(dir);
    await expect(project.siteTemplates()).rejects.toThrow(/day\.hbs/);
    writeFileSync(join(dir, 'templates/site/day.hbs'), '<h1>{{date}}</h1>');
    expect((await project.siteTemplates()).day({ date: '2025-10-18' } as never)).toBe('<h1>2025-10-18</h1>');
  });
});

describe('digestcast run', () => {
  afterEach(() => vi.restoreAllMocks());

  it('opens the project once: the build and every day it sends read the history from the same one, and nothing reads every day', async () => {
    const dir = makeProject(historyFixture());
    rmSync(join(dir, 'out'), { recursive: true, force: true });
    const history = vi.spyOn(Project.prototype, 'history');
    const digests = vi.spyOn(Project.prototype, 'digests');
    const templates = vi.spyOn(Project.prototype, 'emailTemplates');
    const io = memoryIo(dir, { SUBSCRIBERS: 'reader@example.org' });
    expect(await main(['run'], io)).toBe(0);
    expect(io.out()).toMatch(/delivered: 1\n/);
    expect(history.mock.calls.length).toBeGreaterThan(1);
    expect(new Set(history.mock.contexts).size).toBe(1);
    expect(new Set(templates.mock.contexts).size).toBe(1);
    expect(digests).not.toHaveBeenCalled();
    // The calls after the first are served by the first read.
    const results = await Promise.all(history.mock.results.map((r) => r.value as Promise<unknown>));
    expect(new Set(results).size).toBe(1);
  });
});
