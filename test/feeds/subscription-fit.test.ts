/**
 * Subscription feeds hold every paper of the last `feeds.days` days in Atom, RSS and JSON Feed
 * alike: entries are shortened before any paper is left out, and only whole oldest days are.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuildResult } from '../../src/build/build-site.js';
import { fitSubscription, type DayGroup } from '../../src/feeds/subscription-fit.js';
import { atomProblems } from '../helpers/feed-validation.js';
import { busyWeekDigests } from '../helpers/busy-week.js';
import { hasCorpus } from '../helpers/corpus.js';
import { buildProject, digest2025, makeProject, readOut, row, catalogOf } from '../helpers/project.js';

const SITE = 'https://feeds.example.org/papers/';
const PYTHON = '/usr/bin/python3';
const hasPythonFeedparser = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import feedparser']).status === 0;
if (!hasPythonFeedparser) console.warn('[digestcast tests] python3-feedparser is not installed: the busy-week feeds are not read back with it');

/** Ids in each format of a subscription feed. */
function idsByFormat(dir: string, folder = ''): { atom: string[]; rss: string[]; json: string[] } {
  return {
    atom: parseAtomFeed(readOut(dir, `${folder}atom.xml`)).entries!.map((e) => e.id!),
    rss: parseRssFeed(readOut(dir, `${folder}rss.xml`)).items!.map((i) => i.guid!.value!),
    json: parseJsonFeed(readOut(dir, `${folder}feed.json`)).items!.map((i) => i.id!),
  };
}

describe.skipIf(!hasCorpus)('a busy week (2,379 papers in 7 days, from the corpus)', () => {
  let dir: string;
  let result: BuildResult;
  beforeAll(async () => {
    dir = makeProject({ ...busyWeekDigests(), 'digestcast.config.json': JSON.stringify({ siteUrl: SITE }) });
    result = await buildProject(dir);
  });

  it('has every paper of the 7 days in Atom, RSS and JSON Feed, each file within 1 MB', async () => {
    expect(result.stats.entries).toBeGreaterThan(2300);
    const all = (await catalogOf(dir)).entries.map((e) => new URL(e.paper.url).href);
    for (const folder of ['', 'arxiv/', 'biorxiv/', 'medrxiv/']) {
      const source = folder.slice(0, -1);
      const expected = (await catalogOf(dir)).entries.filter((e) => !source || e.paper.source === source).map((e) => new URL(e.paper.url).href);
      const ids = idsByFormat(dir, folder);
      expect(ids.atom, folder).toEqual(expected);
      expect(ids.rss, folder).toEqual(expected);
      expect(ids.json, folder).toEqual(expected);
      for (const file of ['atom.xml', 'rss.xml', 'feed.json']) expect(Buffer.byteLength(readOut(dir, folder + file)), folder + file).toBeLessThanOrEqual(1_000_000);
    }
    expect(new Set(all).size).toBe(all.length);
    expect(await atomProblems(readOut(dir, 'atom.xml'))).toEqual([]);
  });

  it.skipIf(!hasPythonFeedparser)('reads back whole with python feedparser (Atom and RSS)', async () => {
    const script = 'import sys, feedparser\nfor path in sys.argv[1:]:\n    d = feedparser.parse(path)\n    assert not d.bozo, (path, d.bozo_exception)\n    print(len(d.entries))';
    const { stdout } = await promisify(execFile)(PYTHON, ['-c', script, join(dir, 'out/atom.xml'), join(dir, 'out/rss.xml')], { timeout: 120_000 });
    expect(stdout.trim().split('\n').map(Number)).toEqual([result.stats.entries, result.stats.entries]);
  });

  it('says per feed what it holds and that entries were shortened', () => {
    const all = result.feeds.find((f) => !f.source)!;
    expect(all).toMatchObject({ days: 7, wantedDays: 7, entries: result.stats.entries, wantedEntries: result.stats.entries });
    expect(all.files.map((f) => f.path)).toEqual(['atom.xml', 'rss.xml', 'feed.json']);
    expect(all.files.some((f) => f.level !== 'full')).toBe(true);
    expect(all.reasons).toEqual(['entries shortened to fit feeds.maxBytes (1000000)']);
    for (const feed of result.feeds) expect(feed.days, feed.source).toBe(7);
  });
});

describe('when even titles and links do not fit', () => {
  it('leaves out whole oldest days, the same in every format, and says so', async () => {
    const files: Record<string, string> = { 'digestcast.config.json': JSON.stringify({ siteUrl: SITE, feeds: { days: 10, maxBytes: 20_000 } }) };
    for (let d = 1; d <= 10; d++) {
      const date = `2025-10-${String(d).padStart(2, '0')}`;
      const rows = Array.from({ length: 12 }, (_, i) => row(`第 ${d} 天的第 ${i} 篇：${'很长的标题'.repeat(4)}`, `作者 ${i}`, `http://arxiv.org/pdf/2510.${String(d * 100 + i).padStart(5, '0')}v1`, '摘要。'.repeat(40)));
      files[`digests/${date}-arxiv.md`] = digest2025('arxiv', date, rows);
    }
    const dir = makeProject(files);
    const result = await buildProject(dir);
    const feed = result.feeds.find((f) => !f.source)!;
    expect(feed.days).toBeLessThan(10);
    expect(feed.days).toBeGreaterThan(0);
    expect(feed.entries).toBe(feed.days * 12);
    expect(feed.files.every((f) => f.level === 'links' && f.bytes <= 20_000)).toBe(true);
    expect(feed.reasons).toContain(`${10 - feed.days} oldest day(s) left out: even with titles and links only, they are over feeds.maxBytes (20000)`);
    const ids = idsByFormat(dir);
    expect(ids.rss).toEqual(ids.atom);
    expect(ids.json).toEqual(ids.atom);
    // Whole days: the oldest day kept has all of its 12 papers.
    const dates = parseAtomFeed(readOut(dir, 'atom.xml')).entries!.map((e) => e.updated!.slice(0, 10));
    const oldest = dates[dates.length - 1]!;
    expect(dates.filter((d) => d === oldest)).toHaveLength(12);
  });
});

describe('fitSubscription', () => {
  // Entries are strings; a document is their concatenation, shortened by level.
  const render = (list: readonly string[], level: 'full' | 'short' | 'links') => list.map((e) => (level === 'full' ? e : level === 'short' ? e.slice(0, e.length / 2) : e.slice(0, 1))).join('');
  const days = (...sizes: number[][]): DayGroup<string>[] => sizes.map((day, d) => ({ date: `2025-10-${10 - d}`, entries: day.map((n) => 'x'.repeat(n)) }));

  it('keeps full entries when they fit', () => {
    const fit = fitSubscription(days([10, 10], [10]), { maxEntries: 100, maxBytes: 30 }, { a: render });
    expect(fit).toMatchObject({ days: 2, entries: 3, reasons: [] });
    expect(fit.formats.a.level).toBe('full');
  });

  it('shortens entries, per format, before leaving any paper out', () => {
    const fit = fitSubscription(days([10, 10], [10]), { maxEntries: 100, maxBytes: 20 }, { a: render, b: (list, level) => render(list, level === 'links' ? 'links' : 'full') });
    expect(fit).toMatchObject({ days: 2, entries: 3 });
    expect(fit.formats.a.level).toBe('short');
    expect(fit.formats.b.level).toBe('links');
  });

  it('leaves out whole oldest days for feeds.maxEntries, never half a day', () => {
    const fit = fitSubscription(days([1, 1], [1, 1], [1, 1]), { maxEntries: 5, maxBytes: 1000 }, { a: render });
    expect(fit).toMatchObject({ days: 2, entries: 4, wantedDays: 3, wantedEntries: 6 });
    expect(fit.reasons).toEqual(['1 oldest day(s) (2 papers) left out: over feeds.maxEntries (5)']);
  });

  it('cuts the newest day only when it alone is too big, and says so', () => {
    const fit = fitSubscription(days([4, 4, 4, 4], [4]), { maxEntries: 100, maxBytes: 2 }, { a: render });
    expect(fit).toMatchObject({ days: 1, entries: 2 });
    expect(fit.reasons.at(-1)).toBe('the newest day alone is over feeds.maxBytes (2) even with titles and links only: kept its first 2 of 4 papers');
  });
});
