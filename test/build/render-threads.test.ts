/**
 * A build of many days parses and renders in render threads beside its own (issue 13). What it
 * writes must not depend on that: the corpus built with two render threads, and with render
 * threads that run out of their heap at once (a huge day on a small runner), is byte for byte
 * what a build in one thread writes.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { filesUnder } from '../../src/files-under.js';
import { renderThreadCount, renderThreadHeapMb, RenderThreadUnavailable } from '../../src/build/render-threads.js';
import type { ParseElsewhere } from '../../src/build/digest-history.js';
import { openProject } from '../../src/open-project.js';
import { buildCatalog } from '../../src/project/catalog.js';
import { archiveRefs } from '../../src/feeds/feed-set.js';
import { buildSite } from '../../src/build/build-site.js';
import { main } from '../../src/cli.js';
import { hasCorpus } from '../helpers/corpus.js';
import { buildProject, digest2025, makeProject, row } from '../helpers/project.js';

const CORPUS = join(import.meta.dirname, '../../../shared/corpus');
const CONFIG = JSON.stringify({ siteUrl: 'https://feeds.example.org/papers/', feeds: { days: 2, issueDays: 3, maxBytes: 60_000 }, email: { previewDays: 2 }, search: { enabled: false } });

/** A project with every digest of the corpus (104 files: per-source and combined). */
function corpusProject(): string {
  const dir = makeProject({ 'digestcast.config.json': CONFIG });
  mkdirSync(join(dir, 'digests'), { recursive: true });
  for (const f of readdirSync(CORPUS).filter((n) => /^\d{4}-\d\d-\d\d(-[a-z]+)?\.md$/.test(n))) copyFileSync(join(CORPUS, f), join(dir, 'digests', f));
  return dir;
}

function tree(dir: string): Record<string, string> {
  return Object.fromEntries(filesUnder(join(dir, 'out')).map((path) => [path, readFileSync(join(dir, 'out', path), 'utf8')]));
}

/** Two projects made alike, one built in the build's thread alone, the other with two render threads. */
async function buildAloneAndInThreads(make: () => string) {
  const alone = make();
  const inThreads = make();
  const one = await buildProject(alone, { renderThreads: 0 });
  const two = await buildProject(inThreads, { renderThreads: 2 });
  return { alone, inThreads, one, two };
}

const heapSetting = process.env.DIGESTCAST_RENDER_THREAD_HEAP_MB;
afterEach(() => {
  if (heapSetting === undefined) delete process.env.DIGESTCAST_RENDER_THREAD_HEAP_MB;
  else process.env.DIGESTCAST_RENDER_THREAD_HEAP_MB = heapSetting;
});

describe.skipIf(!hasCorpus)('render threads', () => {
  it('write what a build in one thread writes, and parse what it parses', async () => {
    const { alone, inThreads, one, two } = await buildAloneAndInThreads(corpusProject);
    expect(one.renderThreads).toBe(0);
    expect(two.renderThreads).toBe(2);
    expect(two.parseCache).toEqual(one.parseCache);
    expect(two.diagnostics).toEqual(one.diagnostics);
    expect(two.notes).toEqual([]);
    const expected = tree(alone);
    expect(Object.keys(expected).length).toBeGreaterThan(200);
    expect(tree(inThreads)).toEqual(expected);
    // Built again with nothing changed: up to date, whichever thread wrote what.
    expect((await buildProject(inThreads, { renderThreads: 2 })).upToDate).toBe(true);
  });

  it('that run out of their heap hand their work back to the build, which says so and writes the same', async () => {
    const alone = corpusProject();
    await buildProject(alone, { renderThreads: 0 });
    const starved = corpusProject();
    process.env.DIGESTCAST_RENDER_THREAD_HEAP_MB = '2';
    const result = await buildProject(starved, { renderThreads: 1 });
    expect(result.notes.join('\n')).toMatch(/a render thread ran out of its 2 MB heap; the build's own thread (parsed its digests|rendered its days)/);
    expect(tree(starved)).toEqual(tree(alone));
  });
});

/**
 * A generated history (no corpus needed, so this runs on CI too): 20 days of three sources, a
 * few papers each, some listed again on a later day, some with hostile text; enough digests (60)
 * for the build to parse them in threads, and enough days for several chunks with small feeds.
 */
function generatedProject(papersPerDigest = 40, days = 20): string {
  const files: Record<string, string> = { 'digestcast.config.json': CONFIG };
  for (let d = 1; d <= days; d++) {
    const date = new Date(Date.UTC(2025, 2, d)).toISOString().slice(0, 10);
    for (const source of ['arxiv', 'biorxiv', 'medrxiv']) {
      const rows = Array.from({ length: papersPerDigest }, (_, i) => {
        // Every fifth paper of a day is the same paper as the day before's (listed again).
        const n = i % 5 === 0 && d > 1 ? `${d - 1}-${i}` : `${d}-${i}`;
        const pdf = source === 'arxiv' ? `https://arxiv.org/pdf/2503.${String(n).replace('-', '').padStart(5, '0')}` : `https://www.${source}.org/content/10.1101/2025.03.${n}v1.full.pdf`;
        return row(`论文 ${source} ${n} <b>&</b>`, `Author ${n}`, pdf, `摘要 ${n}: a "quoted" abstract, with, commas.`);
      });
      files[`digests/${date}-${source}.md`] = digest2025(source, date, rows);
    }
  }
  return makeProject(files);
}

describe('render threads on a generated history', () => {
  it('write what a build in one thread writes', async () => {
    const { alone, inThreads, one, two } = await buildAloneAndInThreads(generatedProject);
    expect(two.renderThreads).toBe(2);
    expect(two.parseCache).toEqual(one.parseCache);
    expect(one.parseCache.misses).toBe(60);
    expect(two.stats).toEqual(one.stats);
    expect(tree(inThreads)).toEqual(tree(alone));
  });
});

describe('a large build', () => {
  it('says so once (the heap growth limit): many digests to parse, many days to render, a whole history read; a new day\'s build does not', async () => {
    // (Enough papers for the days to be rendered in several chunks: 4 days' papers fill one (PAPERS_PER_CHUNK), 5 chunks against MIN_CHUNKS_FOR_THREADS = 4.)
    const dir = generatedProject(140);
    let asked = 0;
    const open = () => openProject(dir, { onLargeWork: () => asked++ });
    const build = async (options: { renderThreads?: number; force?: boolean } = {}) => buildSite({ project: await open(), ...options });
    // The commands, as the program runs them, ask through their io.
    const io = { stdout: () => undefined, stderr: () => undefined, cwd: dir, env: { DIGESTCAST_RENDER_THREADS: '0' }, limitHeapGrowth: () => asked++ };
    expect(await main(['build'], io)).toBe(0);
    expect(asked).toBe(1);
    writeFileSync(join(dir, 'digests/2025-03-21-arxiv.md'), digest2025('arxiv', '2025-03-21', [row('新的一天', 'A. Author', 'https://arxiv.org/pdf/2503.99999', '摘要。')]));
    expect(await main(['build'], io)).toBe(0);
    expect(asked).toBe(1);
    // The new day once more, through the library: a new day asks for nothing.
    writeFileSync(join(dir, 'digests/2025-03-21-arxiv.md'), digest2025('arxiv', '2025-03-21', [row('新的一天', 'A. Author', 'https://arxiv.org/pdf/2503.99998', '摘要。')]));
    const newDay = await build();
    expect(newDay.parseCache.misses).toBe(1);
    expect(asked).toBe(1);
    // Another title: every day rendered again, nothing parsed.
    writeFileSync(join(dir, 'digestcast.config.json'), CONFIG.replace('{', '{"title":"Another title",'));
    const retitled = await build({ renderThreads: 0 });
    expect(retitled.parseCache.misses).toBe(0);
    expect(asked).toBe(2);
    // A history made by other code (and no parse results kept), the outputs there: every digest parsed again, the one day changed rendered again.
    const historyPath = join(dir, '.digestcast/cache/history.json');
    writeFileSync(historyPath, readFileSync(historyPath, 'utf8').replace(/"code":"[^"]*"/, '"code":"other code"'));
    rmSync(join(dir, '.digestcast/cache/parsed'), { recursive: true });
    writeFileSync(join(dir, 'digests/2025-03-21-arxiv.md'), digest2025('arxiv', '2025-03-21', [row('新的一天，改过', 'A. Author', 'https://arxiv.org/pdf/2503.99999', '摘要。')]));
    const again = await build({ renderThreads: 0 });
    expect(again.parseCache.misses).toBe(61);
    expect(again.written).toBeLessThan(again.outputs / 2);
    expect(asked).toBe(3);
    // Every day read in full (what \`preview\` reads), once per project.
    const project = await open();
    await project.digests();
    await project.digests();
    expect(asked).toBe(4);
    expect(await main(['preview'], io)).toBe(0);
    expect(asked).toBe(5);
  });
});

describe('render threads reading a kept parse cache', () => {
  it('count its results as hits, not as digests parsed: the history gone, the cache kept', async () => {
    const dir = generatedProject();
    await buildProject(dir, { renderThreads: 0 });
    rmSync(join(dir, '.digestcast/cache/history.json'));
    const again = await buildProject(dir, { renderThreads: 2, force: true });
    expect(again.renderThreads).toBe(2);
    expect(again.parseCache).toEqual({ hits: 60, misses: 0 });
  });
});

describe('parsing shared with threads', () => {
  it('gives a thread its next batch as soon as it answers: the build\'s own thread does not parse on while the thread waits', async () => {
    const project = await openProject(generatedProject());
    // A thread that answers at its next turn of the event loop, and hands its batch back (the build parses it itself, as with a thread out of its heap).
    let asked = 0;
    const thread: ParseElsewhere = async () => {
      asked++;
      await new Promise((resolve) => setImmediate(resolve));
      throw new RenderThreadUnavailable('a test thread is busy');
    };
    const history = await project.history({ parseElsewhere: [thread] });
    expect(history.parseCache.misses).toBe(60);
    // 60 digests in batches of whole days (12 digests at most: 5 batches of 4 days). Were the build's own thread to parse on without
    // turning to the event loop between its batches, the thread would be asked once, the build having taken every other batch meanwhile.
    expect(asked).toBeGreaterThanOrEqual(2);
  });

  it('gives a thread its next batch while a thread that is gone hands every batch it takes back', async () => {
    // 60 days: 180 digests, 15 batches of 4 days.
    const project = await openProject(generatedProject(2, 60));
    const gone: ParseElsewhere = async () => {
      throw new RenderThreadUnavailable('a test thread is gone');
    };
    let asked = 0;
    const busy: ParseElsewhere = async () => {
      asked++;
      await new Promise((resolve) => setImmediate(resolve));
      throw new RenderThreadUnavailable('a test thread is busy');
    };
    const history = await project.history({ parseElsewhere: [gone, busy] });
    expect(history.parseCache.misses).toBe(180);
    // The batches the gone thread's helper loop takes are parsed by the build's own thread at once: without a turn of the
    // event loop after each, that loop would take every batch left before the other thread's first answer was read.
    expect(asked).toBeGreaterThanOrEqual(3);
  });
});

describe('the history in outline', () => {
  it('gives the archive refs a catalog of every day in full gives: first listings, oldest day first, last listed first within a day', async () => {
    // (Every fifth paper of a day is listed again the next day: those are no first listings there.)
    const dir = generatedProject(5);
    const history = await (await openProject(dir)).history();
    const catalog = buildCatalog(await history.loadDays(history.outlines.map((o) => o.date)), { outlines: history.outlines, firstDay: history.firstDay });
    const refs = history.archiveRefs();
    expect(refs.length).toBeGreaterThan(100);
    expect(refs.length).toBe(history.stats.entries);
    expect(refs).toEqual(archiveRefs(catalog.entries));
    // The same from the history file, read back by the next command.
    await history.save();
    const again = await (await openProject(dir)).history();
    expect(again.changed).toBe(false);
    expect(again.archiveRefs()).toEqual(refs);
  });
});

describe('a parse cache that cannot be written', () => {
  it('is a note, not a failure, in threads or not, and out/ is what a build with it writes', async () => {
    const expected = generatedProject();
    await buildProject(expected, { renderThreads: 0 });
    for (const renderThreads of [0, 2]) {
      const dir = generatedProject();
      // The parse cache's folder is a file: nothing can be written into it.
      mkdirSync(join(dir, '.digestcast/cache'), { recursive: true });
      writeFileSync(join(dir, '.digestcast/cache/parsed'), 'not a folder');
      const result = await buildProject(dir, { renderThreads });
      expect(result.notes.join('\n'), `renderThreads ${renderThreads}`).toMatch(/parse cache not saved \(.*\); the next build parses the digests it needs again/);
      expect(result.notes.join('\n')).not.toMatch(/damaged/);
      expect(tree(dir)).toEqual(tree(expected));
    }
  });
});

describe('render thread settings', () => {
  it('take DIGESTCAST_RENDER_THREADS and DIGESTCAST_RENDER_THREAD_HEAP_MB, and say what a wrong one should be', () => {
    expect(renderThreadCount({ DIGESTCAST_RENDER_THREADS: '0' })).toBe(0);
    expect(renderThreadCount({ DIGESTCAST_RENDER_THREADS: '3' })).toBe(3);
    expect(renderThreadCount({})).toBeGreaterThanOrEqual(0);
    expect(() => renderThreadCount({ DIGESTCAST_RENDER_THREADS: 'many' })).toThrow(/DIGESTCAST_RENDER_THREADS must be a whole number of threads \(0 or more\), not "many"/);
    expect(renderThreadHeapMb({})).toBeGreaterThan(64);
    expect(renderThreadHeapMb({ DIGESTCAST_RENDER_THREAD_HEAP_MB: '96' })).toBe(96);
    expect(() => renderThreadHeapMb({ DIGESTCAST_RENDER_THREAD_HEAP_MB: '0' })).toThrow(/whole number of MB/);
  });
});
