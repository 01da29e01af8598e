/**
 * A build of many days parses and renders in render threads beside its own (issue 13). What it
 * writes must not depend on that: the corpus built with two render threads, and with render
 * threads that run out of their heap at once (a huge day on a small runner), is byte for byte
 * what a build in one thread writes.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { filesUnder } from '../../src/files-under.js';
import { renderThreadCount, renderThreadHeapMb } from '../../src/build/render-threads.js';
import { hasCorpus } from '../helpers/corpus.js';
import { buildProject, makeProject } from '../helpers/project.js';

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

const heapSetting = process.env.DIGESTCAST_RENDER_THREAD_HEAP_MB;
afterEach(() => {
  if (heapSetting === undefined) delete process.env.DIGESTCAST_RENDER_THREAD_HEAP_MB;
  else process.env.DIGESTCAST_RENDER_THREAD_HEAP_MB = heapSetting;
});

describe.skipIf(!hasCorpus)('render threads', () => {
  it('write what a build in one thread writes, and parse what it parses', async () => {
    const alone = corpusProject();
    const inThreads = corpusProject();
    const one = await buildProject(alone, { renderThreads: 0 });
    const two = await buildProject(inThreads, { renderThreads: 2 });
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
    expect(result.notes.join('\n')).toMatch(/a render thread ran out of its 2 MB heap; the build's own thread (parsed its digests|did its work)/);
    expect(tree(starved)).toEqual(tree(alone));
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
