import { parseAtomFeed, parseJsonFeed, parseOpml, parseRssFeed } from 'feedsmith';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateConfig, type Config } from '../../src/config/schema.js';
import { renderTopicFeeds, type TopicFeedWindow } from '../../src/feeds/topic-feeds.js';
import { topicsOpmlXml } from '../../src/feeds/opml.js';
import type { Day } from '../../src/model.js';
import { buildCatalog, recentDates } from '../../src/project/catalog.js';
import { sitePaths } from '../../src/project/site-paths.js';
import { matchesTopic } from '../../src/project/topics.js';
import { readDigests } from '../../src/read-digests.js';
import { atomProblems, xmlWellFormedness } from '../helpers/feed-validation.js';
import { CORPUS_DIR, hasCorpus } from '../helpers/corpus.js';

const SITE = 'https://feeds.example.org/papers/';
const GENERATOR = { version: '0.0.0-test' };
const TOPICS = [
  { id: 'diffusion', title: '扩散模型', keywords: ['diffusion', '扩散'] },
  { id: 'llm', title: '大模型 & "LLM" <b>', keywords: ['LLM', 'large language model', '大语言模型', '大模型'], description: 'LLMs & <agents>' },
  { id: 'nothing', title: 'Nothing', keywords: ['zzzqqqxxx-no-such-word'] },
];

function configWith(extra: Record<string, unknown> = {}): Config {
  const result = validateConfig({ siteUrl: SITE, title: '测试速递', topics: TOPICS, ...extra });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.config;
}

function windowOf(days: readonly Day[], config: Config): TopicFeedWindow {
  const catalog = buildCatalog(days);
  return { dates: recentDates(catalog, config.feeds.days), entries: catalog.entries, sourceNames: new Map(catalog.sources.map((s) => [s.id, s.name])) };
}

describe.skipIf(!hasCorpus)('topic feeds over the corpus', () => {
  let config: Config;
  let window: TopicFeedWindow;
  let rendered: ReturnType<typeof renderTopicFeeds>;
  beforeAll(async () => {
    config = configWith();
    window = windowOf((await readDigests([CORPUS_DIR])).days, config);
    rendered = renderTopicFeeds(window, config, GENERATOR);
  });
  const file = (path: string) => rendered.files.find((f) => f.path === path)!.content;

  it('writes topics/ID.atom, .rss and .json for every topic', () => {
    expect(rendered.files.map((f) => f.path)).toEqual(TOPICS.flatMap((t) => ['atom', 'rss', 'json'].map((ext) => `topics/${t.id}.${ext}`)));
    expect(sitePaths.topicFeed('rss', 'diffusion')).toBe('topics/diffusion.rss');
  });

  it('hold exactly the matching papers of their window, the same in every format, read back with feedsmith', async () => {
    const inWindow = new Set(window.dates);
    for (const topic of config.topics) {
      const expected = window.entries.filter((e) => inWindow.has(e.paper.date) && matchesTopic(e.paper, topic)).map((e) => new URL(e.paper.url).href);
      if (topic.id !== 'nothing') expect(expected.length, topic.id).toBeGreaterThan(0);
      const atom = parseAtomFeed(file(`topics/${topic.id}.atom`));
      const rss = parseRssFeed(file(`topics/${topic.id}.rss`));
      const json = parseJsonFeed(JSON.parse(file(`topics/${topic.id}.json`)));
      expect((atom.entries ?? []).map((e) => e.id)).toEqual(expected);
      expect((rss.items ?? []).map((i) => i.guid?.value)).toEqual(expected);
      expect((json.items ?? []).map((i) => i.id)).toEqual(expected);
      expect(atom.title?.value).toBe(`测试速递 · ${topic.title}`);
      expect(json.title).toBe(`测试速递 · ${topic.title}`);
      expect(json.feed_url).toBe(`${SITE}topics/${topic.id}.json`);
      expect(await atomProblems(file(`topics/${topic.id}.atom`))).toEqual([]);
      expect(await xmlWellFormedness(file(`topics/${topic.id}.rss`))).toEqual([]);
      const report = rendered.reports.find((r) => r.topic === topic.id)!;
      expect(report).toMatchObject({ entries: expected.length, wantedEntries: expected.length, days: window.dates.length, reasons: [] });
    }
    // Every paper of a topic's entries is one of the window's: none from older days.
    const llm = parseAtomFeed(file('topics/llm.atom'));
    expect(llm.subtitle?.value).toBe('LLMs & <agents>');
    expect(parseAtomFeed(file("topics/diffusion.atom")).subtitle?.value).toMatch(/^主题「扩散模型」：标题或摘要含 diffusion、扩散 的论文$/);
  });

  it('stay within feeds.maxBytes, as the other subscription feeds do', () => {
    const small = configWith({ feeds: { maxBytes: 20_000 } });
    const out = renderTopicFeeds(window, small, GENERATOR);
    expect(out.reports.some((r) => r.reasons.length > 0)).toBe(true);
    for (const f of out.files) expect(Buffer.byteLength(f.content)).toBeLessThan(20_000);
  });

  it('are listed in topics.opml, one Atom feed per topic', () => {
    const opml = parseOpml(topicsOpmlXml(config, config.topics, window.dates[0]));
    const outlines = opml.body!.outlines![0]!.outlines!;
    expect(outlines.map((o) => o.xmlUrl)).toEqual(TOPICS.map((t) => `${SITE}topics/${t.id}.atom`));
    expect(outlines[1]!.text).toBe('测试速递 · 大模型 & "LLM" <b>');
    expect(opml.head?.title).toBe('测试速递（按主题）');
  });
});

describe('topic feeds on hostile input', () => {
  it('escape titles, keywords and abstracts, and make no feeds without topics', async () => {
    const paper = {
      id: 'arxiv:2510.00009',
      date: '2025-10-17',
      source: 'arxiv',
      title: '<script>alert("x")</script> & ]]> 扩散',
      titleEn: 'Diffusion, "quoted" {braces} $\\alpha$',
      authors: ['Eve "Mallory" & <a href=x>Co</a>'],
      pdfUrl: 'javascript:alert(1)',
      url: 'https://arxiv.org/abs/2510.00009',
      summary: '摘要 </content> <img src=x onerror=alert(1)>\n第二行',
      file: 'x.md',
      line: 3,
    };
    const day: Day = { date: '2025-10-17', sources: [{ date: '2025-10-17', source: 'arxiv', sourceName: 'arXiv', status: 'papers', papers: [paper], file: 'x.md', line: 1 }] };
    const config = configWith({ topics: [{ id: 'x', title: '<i>T</i> & "q"', keywords: ['扩散'] }] });
    const { files } = renderTopicFeeds(windowOf([day], config), config, GENERATOR);
    const atom = files.find((f) => f.path === 'topics/x.atom')!.content;
    expect(await atomProblems(atom)).toEqual([]);
    expect(atom).not.toContain('<script>');
    expect(atom).not.toContain('javascript:');
    expect(parseAtomFeed(atom).entries!.map((e) => e.title?.value)).toEqual(['<script>alert("x")</script> & ]]> 扩散']);
    expect(await xmlWellFormedness(files.find((f) => f.path === 'topics/x.rss')!.content)).toEqual([]);
    expect(files.find((f) => f.path === 'topics/x.json')!.content).not.toContain('javascript:');
    expect(renderTopicFeeds(windowOf([day], configWith({ topics: [] })), configWith({ topics: [] }), GENERATOR).files).toEqual([]);
  });
});
