import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAtomFeed, parseJsonFeed, parseOpml, parseRssFeed } from 'feedsmith';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { atomProblems, xmlWellFormedness } from '../helpers/feed-validation.js';
import { buildProject, HOSTILE_AUTHOR, HOSTILE_TITLE, historyFixture, makeProject, readOut, row } from '../helpers/project.js';

const HEADER = '| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|';

const SITE = 'https://feeds.example.org/papers/';
let dir: string;

beforeAll(async () => {
  dir = makeProject(historyFixture());
  await buildProject(dir);
});

const atom = () => parseAtomFeed(readOut(dir, 'atom.xml'));
const rss = () => parseRssFeed(readOut(dir, 'rss.xml'));
const json = () => JSON.parse(readOut(dir, 'feed.json')) as Record<string, any>;

describe('subscription feeds', () => {
  it('have one entry per paper, newest first, each paper once on its first day', () => {
    const ids = atom().entries!.map((e) => e.id);
    expect(ids).toEqual([
      'https://arxiv.org/abs/2510.00004',
      'https://doi.org/10.64898/2025.10.16.000005',
      'https://arxiv.org/abs/2510.00003',
      'https://arxiv.org/abs/2510.00001',
      'https://arxiv.org/abs/2510.00002',
      'https://arxiv.org/abs/2510.00009',
    ]);
  });

  it('use the same stable id in Atom, RSS and JSON Feed', () => {
    const atomIds = atom().entries!.map((e) => e.id);
    expect(rss().items!.map((i) => i.guid?.value)).toEqual(atomIds);
    expect(rss().items!.every((i) => i.guid?.isPermaLink === true)).toBe(true);
    expect(json().items.map((i: { id: string }) => i.id)).toEqual(atomIds);
  });

  it('keeps ids when the feed is rebuilt from scratch later', async () => {
    const again = makeProject(historyFixture());
    await buildProject(again);
    expect(readOut(again, 'atom.xml')).toBe(readOut(dir, 'atom.xml'));
    expect(readOut(again, 'feed.json')).toBe(readOut(dir, 'feed.json'));
  });

  it('dates entries from the digest day in Asia/Shanghai, and the feed by its newest entry', () => {
    const a = atom();
    const first = a.entries!.find((e) => e.id === 'https://arxiv.org/abs/2510.00003')!;
    expect(first.published).toMatch(/^2025-10-17T00:00:0\d\+08:00$/);
    expect(a.updated).toBe(a.entries![0]!.updated);
    expect(a.updated).toMatch(/^2025-10-18T00:00:0\d\+08:00$/);
    expect(rss().lastBuildDate).toMatch(/^Fri, 17 Oct 2025 16:00:0\d GMT$/);
    expect(rss().items![0]!.pubDate).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/);
  });

  it('keep the digest order within a day', () => {
    const day16 = atom().entries!.filter((e) => e.published!.startsWith('2025-10-16'));
    expect(day16.map((e) => e.id)).toEqual(['https://arxiv.org/abs/2510.00001', 'https://arxiv.org/abs/2510.00002', 'https://arxiv.org/abs/2510.00009']);
    const times = day16.map((e) => e.published!);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('Atom: xml:lang, absolute self link, PDF enclosure with its type, abstract page as alternate', () => {
    const xml = readOut(dir, 'atom.xml');
    expect(xml).toMatch(/<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="zh-CN"/);
    const a = atom();
    expect(a.links).toContainEqual(expect.objectContaining({ rel: 'self', href: `${SITE}atom.xml`, type: 'application/atom+xml' }));
    const e = a.entries!.find((x) => x.id === 'https://arxiv.org/abs/2510.00002')!;
    expect(e.links).toContainEqual(expect.objectContaining({ rel: 'enclosure', type: 'application/pdf', href: 'http://arxiv.org/pdf/2510.00002v1' }));
    expect(e.links).toContainEqual(expect.objectContaining({ rel: 'alternate', href: 'https://arxiv.org/abs/2510.00002' }));
    expect(e.links).toContainEqual(expect.objectContaining({ rel: 'related', href: 'https://github.com/example/pi-flow' }));
    expect(text(e.title)).toBe('第二篇：π-Flow');
  });

  it('RSS: RFC 822 dates, permalink guids, dc:creator, atom:link rel=self and prev-archive', () => {
    const r = rss();
    expect(r.atom?.links).toContainEqual(expect.objectContaining({ rel: 'self', href: `${SITE}rss.xml` }));
    expect(r.atom?.links).toContainEqual(expect.objectContaining({ rel: 'prev-archive', href: `${SITE}archive/2025-10.xml` }));
    expect(readOut(dir, 'rss.xml').match(/rel="self"/g)).toHaveLength(1);
    const item = r.items!.find((i) => i.link === 'https://arxiv.org/abs/2510.00003')!;
    expect(item.dc?.creators).toEqual(['Nupur Kumari']);
    expect(item.enclosures).toEqual([{ url: 'http://arxiv.org/pdf/2510.00003v1', length: 0, type: 'application/pdf' }]);
    expect(r.language).toBe('zh-CN');
  });

  it('JSON Feed 1.1, field by field', () => {
    const j = json();
    expect(j.version).toBe('https://jsonfeed.org/version/1.1');
    expect(j.title).toBe('测试速递');
    expect(j.home_page_url).toBe(SITE);
    expect(j.feed_url).toBe(`${SITE}feed.json`);
    expect(j.language).toBe('zh-CN');
    expect(j.authors).toEqual([{ name: 'Test Owner' }]);
    expect(j).not.toHaveProperty('author');
    for (const item of j.items) {
      expect(typeof item.id).toBe('string');
      expect(item.url).toMatch(/^https:\/\//);
      expect(typeof item.content_html).toBe('string');
      expect(item.date_published).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
      expect(Array.isArray(item.authors)).toBe(true);
      expect(item.attachments).toEqual([{ url: expect.stringMatching(/^https?:\/\//), mime_type: 'application/pdf', title: 'PDF' }]);
      expect(item).not.toHaveProperty('author');
    }
    const parsed = parseJsonFeed(readOut(dir, 'feed.json'));
    expect(parsed.items).toHaveLength(6);
  });

  it('per-source feeds hold only their source', () => {
    const bio = parseAtomFeed(readOut(dir, 'biorxiv/atom.xml'));
    expect(bio.entries!.map((e) => e.id)).toEqual(['https://doi.org/10.64898/2025.10.16.000005']);
    expect(bio.links).toContainEqual(expect.objectContaining({ rel: 'self', href: `${SITE}biorxiv/atom.xml` }));
    expect(parseRssFeed(readOut(dir, 'arxiv/rss.xml')).items).toHaveLength(5);
    expect(JSON.parse(readOut(dir, 'medrxiv/feed.json')).items).toEqual([]);
  });

  it('are valid: Atom against the RFC 4287 schema, every file well-formed and parsed back', async () => {
    const outDir = join(dir, 'out');
    const xmlFiles = listFiles(outDir).filter((f) => f.endsWith('.xml') || f.endsWith('.opml'));
    expect(xmlFiles.length).toBeGreaterThan(10);
    for (const file of xmlFiles) {
      const xml = readFileSync(join(outDir, file), 'utf8');
      expect(await xmlWellFormedness(xml), file).toEqual([]);
      if (xml.includes('<feed xmlns="http://www.w3.org/2005/Atom"')) {
        expect(await atomProblems(xml, file), file).toEqual([]);
        expect(parseAtomFeed(xml).id, file).toBeTruthy();
      } else if (xml.includes('<rss')) {
        expect(parseRssFeed(xml).title, file).toBe(file.includes('/') ? `测试速递 · ${file.startsWith('arxiv') ? 'arXiv' : file.startsWith('biorxiv') ? 'bioRxiv' : 'medRxiv'}` : '测试速递');
      }
    }
    // Every JSON file but the API's (checked against its schemas in test/api) and the search index's is a JSON Feed.
    for (const file of listFiles(outDir).filter((f) => f.endsWith('.json') && !f.startsWith('api/') && !f.startsWith('pagefind/'))) {
      expect(() => parseJsonFeed(readFileSync(join(outDir, file), 'utf8')), file).not.toThrow();
    }
  });
});

describe('PDF enclosures', () => {
  it('only for links that serve a PDF; a doi.org landing page is a related link, never called PDF', async () => {
    const project = makeProject({
      'digests/2025-10-17.md': `# 2025-10-17\n\n## arXiv\n\n${HEADER}\n${row('甲', 'A', 'http://arxiv.org/pdf/2510.00001v1', '摘要甲。')}\n\n## bioRxiv\n\n${HEADER}\n${row('乙', 'B', 'https://doi.org/10.1101/2024.10.18.619016', '摘要乙。')}\n\n## medRxiv\n\n${HEADER}\n${row('丙', 'C', 'https://www.medrxiv.org/content/10.1101/2025.05.13.25327498v1.full.pdf', '摘要丙。')}\n`,
      'digestcast.config.json': JSON.stringify({ siteUrl: SITE }),
    });
    await buildProject(project);
    const byId = (id: string) => parseAtomFeed(readOut(project, 'atom.xml')).entries!.find((e) => e.id === id)!;
    const doi = byId('https://doi.org/10.1101/2024.10.18.619016');
    expect(doi.links!.filter((l) => l.rel === 'enclosure')).toEqual([]);
    expect(doi.content!.value).not.toContain('>PDF<');
    expect(byId('https://arxiv.org/abs/2510.00001').links).toContainEqual(expect.objectContaining({ rel: 'enclosure', type: 'application/pdf', href: 'http://arxiv.org/pdf/2510.00001v1' }));
    expect(byId('https://doi.org/10.1101/2025.05.13.25327498').links).toContainEqual(expect.objectContaining({ rel: 'enclosure', href: 'https://www.medrxiv.org/content/10.1101/2025.05.13.25327498v1.full.pdf' }));

    const rssItems = parseRssFeed(readOut(project, 'rss.xml')).items!;
    expect(rssItems.find((i) => i.link === 'https://doi.org/10.1101/2024.10.18.619016')!.enclosures).toBeUndefined();
    // RSS 2.0 requires a length; unknown without fetching, so 0 (RSS Best Practices Profile).
    expect(rssItems.find((i) => i.link === 'https://arxiv.org/abs/2510.00001')!.enclosures).toEqual([{ url: 'http://arxiv.org/pdf/2510.00001v1', length: 0, type: 'application/pdf' }]);
    const jsonItems = JSON.parse(readOut(project, 'feed.json')).items as { id: string; attachments?: unknown[] }[];
    expect(jsonItems.find((i) => i.id === 'https://doi.org/10.1101/2024.10.18.619016')).not.toHaveProperty('attachments');
    expect(jsonItems.filter((i) => i.attachments)).toHaveLength(2);
    const issue = parseAtomFeed(readOut(project, 'issues.xml')).entries![0]!.content!.value!;
    expect(issue.match(/>PDF</g)).toHaveLength(2);
  });
});

describe('escaping', () => {
  it('keeps hostile titles and abstracts as text in every format: well-formed, no markup injection, no control characters', async () => {
    const cleanTitle = HOSTILE_TITLE.replace(/[\u0001\u0008]/g, '');
    const a = atom().entries!.find((e) => e.id === 'https://arxiv.org/abs/2510.00009')!;
    expect(text(a.title)).toBe(cleanTitle);
    expect(a.authors).toEqual([{ name: HOSTILE_AUTHOR }]);
    expect(a.content!.value).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(a.content!.value).not.toMatch(/<script|<img|<\/content>/);

    const r = rss().items!.find((i) => i.link === 'https://arxiv.org/abs/2510.00009')!;
    // RSS titles are given as escaped HTML (readers treat them as HTML).
    expect(r.title).toContain('&lt;script&gt;');
    expect(r.content?.encoded).not.toMatch(/<script|<img|<a href=x>/);

    const j = json().items.find((i: { id: string }) => i.id === 'https://arxiv.org/abs/2510.00009');
    expect(j.title).toBe(cleanTitle);
    expect(j.content_html).not.toMatch(/<script|<img|<a href=x>/);
    for (const file of ['atom.xml', 'rss.xml', 'issues.xml', 'archive/2025-10.xml', 'feed.json', 'issues.json', '2025-10-16.html', 'index.html']) {
      const raw = readOut(dir, file);
      expect(raw, file).not.toMatch(/[\u0001\u0008\u000b]/);
      // JSON Feed titles are plain text by definition; everything else must carry no live markup.
      if (!file.endsWith('.json')) expect(raw, file).not.toContain('<script');
    }
    // The abstract's `]]>` (which would end a CDATA section early) comes back as text in Atom and RSS.
    expect(a.content?.value?.match(/\]\]&gt;/g)).toHaveLength(2);
    expect(r.content?.encoded?.match(/\]\]&gt;/g)).toHaveLength(2);
  });
});

describe('daily-issue feed', () => {
  it('has one entry per day, with empty and failed sources said as such', () => {
    const issues = parseAtomFeed(readOut(dir, 'issues.xml'));
    expect(issues.entries!.map((e) => e.id)).toEqual([`${SITE}2025-10-18.html`, `${SITE}2025-10-17.html`, `${SITE}2025-10-16.html`]);
    const day17 = issues.entries![1]!;
    // The same wording as the pages and the email (one function for the day's summary).
    expect(text(day17.title)).toBe('2025-10-17 · arXiv 2 篇 · bioRxiv 当天没有新论文 · medRxiv 抓取失败（超时）');
    expect(day17.content!.value).toContain('bioRxiv：当天没有新论文');
    expect(day17.content!.value).toContain('medRxiv：抓取失败（超时）');
    expect(day17.content!.value).not.toContain('HTTPSConnectionPool');
    // The day's list includes the repeated paper, though the paper feeds list it only once.
    expect(day17.content!.value).toContain('第一篇：耦合扩散采样（修订）');
    const j = JSON.parse(readOut(dir, 'issues.json'));
    expect(j.items[1]._digestcast.sources).toEqual([
      { source: 'arxiv', status: 'papers', count: 2 },
      { source: 'biorxiv', status: 'empty', count: 0 },
      { source: 'medrxiv', status: 'failed', count: 0, failure: { reason: 'timeout', summary: '抓取失败（超时）' } },
    ]);
  });

  it('keeps the newest day even when it alone is over feeds.maxBytes (rather than an empty feed)', async () => {
    // The newest day lists 300 papers: its issue entry alone is larger than the smallest budget allowed.
    const rows = Array.from({ length: 300 }, (_, i) => row(`很长的论文标题，第 ${i} 篇：关于稀疏专家模型的规模`, `Author ${i}`, `http://arxiv.org/pdf/2510.${String(20000 + i)}v1`, '摘要。'));
    const small = makeProject({
      ...historyFixture(),
      'digests/2025-10-19-arxiv.md': `# arxiv 2025-10-19\n\n| 标题 | 作者 | PDF链接 |  摘要 |\n|------|------|--------|------|\n${rows.join('\n')}\n`,
      'digestcast.config.json': JSON.stringify({ siteUrl: SITE, feeds: { maxBytes: 20_000 } }),
    });
    await buildProject(small);
    expect(Buffer.byteLength(readOut(small, 'issues.xml'))).toBeGreaterThan(20_000);
    expect(parseAtomFeed(readOut(small, 'issues.xml')).entries!.map((e) => e.id)).toEqual([`${SITE}2025-10-19.html`]);
    expect(parseJsonFeed(readOut(small, 'issues.json')).items!.map((i) => i.id)).toEqual([`${SITE}2025-10-19.html`]);
  });
});

describe('RFC 5005 archives', () => {
  it('let a reader walk the whole history from the subscription feed', async () => {
    const sub = atom();
    const prev = sub.links!.find((l) => l.rel === 'prev-archive')!.href!;
    expect(prev).toBe(`${SITE}archive/2025-10.xml`);
    const archiveXml = readOut(dir, prev.slice(SITE.length));
    // The only page holds the newest day: it may still grow, so it is not (yet) marked fh:archive.
    expect(archiveXml).not.toContain('<fh:archive/>');
    expect(archiveXml).toContain('xmlns:fh="http://purl.org/syndication/history/1.0"');
    const archive = parseAtomFeed(archiveXml);
    expect(archive.links).toContainEqual(expect.objectContaining({ rel: 'current', href: `${SITE}atom.xml` }));
    expect(archive.entries).toHaveLength(6);
    expect(await atomProblems(archiveXml)).toEqual([]);
  });

  it('chain monthly documents with prev-archive and next-archive', async () => {
    const files: Record<string, string> = {
      'digests/2025-09-30-arxiv.md': '# arxiv 2025-09-30\n\n| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n| 九月 | A | [PDF](http://arxiv.org/pdf/2509.00001v1) | S |\n',
      'digests/2025-10-01-arxiv.md': '# arxiv 2025-10-01\n\n| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n| 十月 | B | [PDF](http://arxiv.org/pdf/2510.00001v1) | S |\n',
      'digests/2025-11-02-arxiv.md': '# arxiv 2025-11-02\n\n| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n| 十一月 | C | [PDF](http://arxiv.org/pdf/2511.00001v1) | S |\n',
      'digestcast.config.json': JSON.stringify({ siteUrl: SITE, feeds: { days: 1 } }),
    };
    const project = makeProject(files);
    await buildProject(project);
    const seen: string[] = [];
    let url: string | undefined = parseAtomFeed(readOut(project, 'atom.xml')).links!.find((l) => l.rel === 'prev-archive')?.href;
    expect(parseAtomFeed(readOut(project, 'atom.xml')).entries!.map((e) => text(e.title))).toEqual(['十一月']);
    while (url) {
      const doc = parseAtomFeed(readOut(project, url.slice(SITE.length)));
      seen.push(...doc.entries!.map((e) => text(e.title)!));
      url = doc.links!.find((l) => l.rel === 'prev-archive')?.href;
    }
    expect(seen).toEqual(['十一月', '十月', '九月']);
    const october = parseAtomFeed(readOut(project, 'archive/2025-10.xml'));
    expect(october.links).toContainEqual(expect.objectContaining({ rel: 'next-archive', href: `${SITE}archive/2025-11.xml` }));
    expect(october.links).toContainEqual(expect.objectContaining({ rel: 'prev-archive', href: `${SITE}archive/2025-09.xml` }));
  });
});

describe('size cap', () => {
  it('keeps every feed file under feeds.maxBytes: entries shortened first, every paper still in the archives', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `| 标题 ${i} | 作者 ${i} | [PDF](http://arxiv.org/pdf/2510.${String(10000 + i)}v1) | ${'很长的摘要。'.repeat(60)} |`);
    const project = makeProject({
      'digests/2025-10-17-arxiv.md': `# arxiv 2025-10-17\n\n| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n${rows.join('\n')}\n`,
      'digestcast.config.json': JSON.stringify({ feeds: { maxBytes: 100_000 } }),
    });
    const result = await buildProject(project);
    const archivePages = listFiles(join(project, 'out/archive')).map((f) => `archive/${f}`);
    expect(archivePages.length).toBeGreaterThan(0);
    for (const file of ['atom.xml', 'rss.xml', 'feed.json', 'arxiv/atom.xml', 'issues.xml', ...archivePages]) {
      const size = Buffer.byteLength(readOut(project, file));
      expect(size, file).toBeLessThanOrEqual(100_000);
    }
    // The one day is too big even with titles and links only: it alone is cut, from its end, and the build says so.
    const kept = parseAtomFeed(readOut(project, 'atom.xml')).entries!;
    const report = result.feeds.find((f) => !f.source)!;
    expect(kept.length).toBe(report.entries);
    expect(kept.length).toBeGreaterThan(200);
    expect(report.files.map((f) => f.level)).toEqual(['links', 'links', 'links']);
    expect(report.reasons.at(-1)).toBe(`the newest day alone is over feeds.maxBytes (100000) even with titles and links only: kept its first ${kept.length} of 300 papers`);
    expect(text(kept[0]!.title)).toBe('标题 0');
    // The archives still hold every paper.
    const archived = listFiles(join(project, 'out/archive')).flatMap((f) => parseAtomFeed(readOut(project, `archive/${f}`)).entries!.map((e) => e.id));
    expect(new Set(archived).size).toBe(300);
  });
});

describe('OPML', () => {
  it('feeds.opml lists one Atom feed per source (the same as sources.opml), and every listed feed exists', () => {
    const opml = parseOpml(readOut(dir, 'feeds.opml'));
    const urls = (opml.body!.outlines ?? []).flatMap((o) => (o.outlines ?? []).map((x) => x.xmlUrl!));
    expect(urls).toEqual([`${SITE}arxiv/atom.xml`, `${SITE}biorxiv/atom.xml`, `${SITE}medrxiv/atom.xml`]);
    for (const url of urls) expect(() => readOut(dir, url.slice(SITE.length))).not.toThrow();
  });
});

/** Text of an Atom text construct as feedsmith returns it (a string, or { value, type }). */
function text(construct: unknown): string | undefined {
  return typeof construct === 'string' ? construct : (construct as { value?: string } | undefined)?.value;
}

function listFiles(root: string, prefix = ''): string[] {
  return readdirSync(join(root, prefix), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(root, join(prefix, e.name)) : [join(prefix, e.name)]));
}

describe('dates', () => {
  it('follow the configured time zone, and never the clock', async () => {
    const files = historyFixture();
    const utc = makeProject({ ...files, 'digestcast.config.json': JSON.stringify({ siteUrl: SITE, timeZone: 'UTC' }) });
    await buildProject(utc);
    expect(parseAtomFeed(readOut(utc, 'atom.xml')).updated).toMatch(/^2025-10-18T00:00:0\dZ$/);
    const newYork = makeProject({ ...files, 'digestcast.config.json': JSON.stringify({ siteUrl: SITE, timeZone: 'America/New_York' }) });
    await buildProject(newYork);
    expect(parseAtomFeed(readOut(newYork, 'atom.xml')).updated).toMatch(/^2025-10-18T00:00:0\d-04:00$/);

    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2031-01-01T12:00:00Z'));
      const later = makeProject(historyFixture());
      await buildProject(later);
      for (const file of ['atom.xml', 'rss.xml', 'feed.json', 'issues.xml', 'archive/2025-10.xml']) expect(readOut(later, file), file).toBe(readOut(dir, file));
    } finally {
      vi.useRealTimers();
    }
  });
});
