/**
 * `FeedRuns`: a feed's entries in runs of a day. A whole day's run is taken from the store by
 * its key; a level that did not fit is measured from kept sizes without making its text; only
 * the text of the runs a feed is made of is kept, and a day cut short is never kept.
 */
import { describe, expect, it } from 'vitest';
import type { EntryStore } from '../../src/feeds/entry-store.js';
import type { ContentLevel } from '../../src/feeds/feed-document.js';
import { FeedRuns } from '../../src/feeds/feed-runs.js';
import { defaultConfig, type Config } from '../../src/config/schema.js';
import { archiveChain, archiveRefs, planArchive, renderSubscriptionFeeds } from '../../src/feeds/feed-set.js';
import { sha256 } from '../../src/hash.js';
import type { Day, Paper } from '../../src/model.js';
import { buildCatalog } from '../../src/project/catalog.js';

interface Entry {
  date: string;
  id: string;
}

const days: Record<string, Entry[]> = {
  '2025-10-17': [
    { date: '2025-10-17', id: 'a' },
    { date: '2025-10-17', id: 'b' },
  ],
  '2025-10-16': [{ date: '2025-10-16', id: 'c' }],
};
const list = [...days['2025-10-17']!, ...days['2025-10-16']!];

function runsWith(store: EntryStore, made: string[]) {
  return new FeedRuns<Entry>(
    store,
    '*',
    (e) => e.date,
    (date, run) => (run.length === days[date]!.length ? `key-${date}` : undefined),
    (format, level: ContentLevel, run) => {
      made.push(run.map((e) => e.id).join(''));
      return run.map((e) => `<${level} ${e.id}/>`).join('\n');
    },
  );
}

function mapStore(): EntryStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, get: (k) => map.get(k), set: (k, v) => void map.set(k, v) };
}

describe('FeedRuns', () => {
  it('makes each day once, keeps the text of the kept level and the size of every run measured', () => {
    const store = mapStore();
    const made: string[] = [];
    const runs = runsWith(store, made);
    expect(runs.bytes('atom', 'full', list)).toBe(Buffer.byteLength('<full a/>\n<full b/>') + Buffer.byteLength('<full c/>'));
    expect(runs.body('atom', 'links', list)).toBe('<links a/>\n<links b/>\n<links c/>');
    expect(runs.body('atom', 'links', list)).toBe('<links a/>\n<links b/>\n<links c/>');
    expect(made).toEqual(['ab', 'c', 'ab', 'c']);
    runs.keep('atom', 'links', list);
    runs.keepSizes();
    expect([...store.map.keys()].sort()).toEqual([
      'run atom links * key-2025-10-16',
      'run atom links * key-2025-10-17',
      'size atom full * key-2025-10-16',
      'size atom full * key-2025-10-17',
      'size atom links * key-2025-10-16',
      'size atom links * key-2025-10-17',
    ]);
  });

  it('takes kept runs and sizes as they are: the next build makes nothing of the days it kept', () => {
    const store = mapStore();
    const first = runsWith(store, []);
    first.bytes('atom', 'full', list);
    first.body('atom', 'links', list);
    first.keep('atom', 'links', list);
    first.keepSizes();
    store.map.set('run atom links * key-2025-10-16', '<from the store/>');
    const made: string[] = [];
    const next = runsWith(store, made);
    expect(next.bytes('atom', 'full', list)).toBe(first.bytes('atom', 'full', list));
    expect(next.body('atom', 'links', list)).toBe('<links a/>\n<links b/>\n<from the store/>');
    expect(made).toEqual([]);
  });

  it('never keeps a day cut short (its run is not the whole day)', () => {
    const store = mapStore();
    const made: string[] = [];
    const runs = runsWith(store, made);
    const cut = list.slice(0, 1);
    expect(runs.body('atom', 'full', cut)).toBe('<full a/>');
    runs.keep('atom', 'full', cut);
    runs.keepSizes();
    expect(store.map.size).toBe(0);
    expect(runs.body('atom', 'full', cut)).toBe('<full a/>');
    expect(made).toEqual(['a', 'a']);
  });
});

describe('subscription feeds made of kept runs', () => {
  /** A day of `n` papers (a paper of the day before listed again, so that first listings count). */
  const dayOf = (date: string, n: number, seed: number): Day => {
    const papers = Array.from({ length: n }, (_, i) => generatedPaper(date, seed * 100 + i, 'x'.repeat(40 + ((seed * 7 + i * 13) % 300))));
    return { date, sources: [{ date, source: 'arxiv', sourceName: 'arXiv', status: 'papers', papers, file: `${date}-arxiv.md`, line: 1 }] };
  };
  const days = Array.from({ length: 9 }, (_, i) => dayOf(`2025-10-${String(10 + i).padStart(2, '0')}`, 3 + ((i * 5) % 7), i));
  const generator = { version: '0' };
  /** A day's key as a build makes it: of that day and every day before it. */
  const dayKeyOf = (held: readonly Day[]) => (date: string) => sha256(JSON.stringify(held.filter((d) => d.date <= date)));
  const feedsOf = (held: readonly Day[], config: Config, store?: EntryStore) => {
    const catalog = buildCatalog(held);
    const pages = planArchive(archiveRefs(catalog.entries), config, catalog.outlines[0]?.date ?? '');
    return renderSubscriptionFeeds(catalog, config, generator, archiveChain(pages), store, store ? dayKeyOf(held) : undefined).files;
  };

  it('are what feeds made from nothing are, cold, warm and after a new day, whatever level, days and cut the budget leaves', () => {
    // From every entry whole down to a newest day cut short: the levels, fewer days and the cut.
    for (const maxBytes of [1_000_000, 30_000, 16_000, 9_000, 5_000, 2_500]) {
      const config = { ...defaultConfig(), feeds: { ...defaultConfig().feeds, days: 5, maxBytes } };
      const store = mapStore();
      for (const held of [days.slice(0, 8), days.slice(0, 8), days]) {
        expect(feedsOf(held, config, store), `maxBytes ${maxBytes}, ${held.length} days`).toEqual(feedsOf(held, config));
      }
      expect([...store.map.keys()].some((k) => k.startsWith('run ')), `maxBytes ${maxBytes}`).toBe(true);
    }
  });
});

function generatedPaper(date: string, n: number, summary: string): Paper {
  const id = `2510.${String(10000 + n)}`;
  return { id: `arxiv:${id}`, date, source: 'arxiv', title: `论文 ${n}`, titleEn: `Paper ${n}`, authors: ['A. Author'], pdfUrl: `http://arxiv.org/pdf/${id}v1`, url: `https://arxiv.org/abs/${id}`, summary, file: `${date}-arxiv.md`, line: n + 1 };
}
