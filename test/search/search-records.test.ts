/**
 * The search records (one per paper, pointing at its anchor on its day page) and the search
 * page, rendered purely: from corpus days and from hostile rows.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.js';
import type { Day, Paper } from '../../src/model.js';
import { mergeDays } from '../../src/parse/merge-days.js';
import { parseDigest } from '../../src/parse/parse-digest.js';
import { searchMonth, searchRecords } from '../../src/search/search-records.js';
import { renderSearchPage } from '../../src/site/search-page.js';
import { loadSearchTemplates } from '../../src/templates/load-search-templates.js';
import { loadSiteTemplates } from '../../src/templates/load-site-templates.js';
import { BUILTIN_TEMPLATES_DIR } from '../../src/templates/template-files.js';
import { paperAnchor } from '../../src/view/anchors.js';
import { corpusFiles, hasCorpus } from '../helpers/corpus.js';
import { HOSTILE_AUTHOR, HOSTILE_SUMMARY, HOSTILE_TITLE } from '../helpers/project.js';

const paper = (fields: Partial<Paper>): Paper => ({
  id: 'arxiv:2510.00001',
  date: '2025-10-17',
  source: 'arxiv',
  title: '标题',
  authors: ['A'],
  pdfUrl: 'https://arxiv.org/pdf/2510.00001v1',
  url: 'https://arxiv.org/abs/2510.00001',
  summary: '摘要',
  file: 'digests/2025-10-17-arxiv.md',
  line: 5,
  ...fields,
});
const dayOf = (papers: Paper[], date = '2025-10-17'): Day => ({
  date,
  sources: [{ date, source: 'arxiv', sourceName: 'arXiv', status: 'papers', papers, file: 'digests/x.md', line: 1 }],
});

describe('searchRecords', () => {
  it.skipIf(!hasCorpus)('makes one record per paper of every corpus day, each at its anchor on its day page', () => {
    const { days } = mergeDays(corpusFiles().map((f) => parseDigest(readFileSync(f, 'utf8'), f)));
    for (const day of days) {
      const papers = day.sources.flatMap((s) => s.papers);
      const records = searchRecords(day, defaultConfig());
      expect(records.map((r) => r.url)).toEqual(papers.map((p) => `${day.date}.html#${paperAnchor(p)}`));
      for (const [i, r] of records.entries()) {
        const p = papers[i]!;
        expect(r.language).toBe('zh');
        expect(r.meta.date).toBe(day.date);
        if (p.title) expect(r.content.startsWith(p.title)).toBe(true);
        if (p.titleEn) expect(r.content).toContain(p.titleEn);
        for (const a of p.authors) expect(r.content).toContain(a);
        expect(r.content).toContain(p.summary.slice(0, 20));
      }
    }
  });

  it('keeps hostile text as plain text (the page escapes it) without XML-invalid control characters', () => {
    const [record] = searchRecords(dayOf([paper({ title: HOSTILE_TITLE, titleEn: '{\\LaTeX} "q", x\ny', authors: [HOSTILE_AUTHOR, 'B, C'], summary: HOSTILE_SUMMARY, url: 'javascript:alert(1)' })]), defaultConfig());
    expect(record!.meta.title).toBe('<script>alert("x")</script> & ]]> 控制 ]]> </title>');
    expect(record!.meta.authors).toBe(`${HOSTILE_AUTHOR}, B, C`);
    expect(record!.meta.titleEn).toBe('{\\LaTeX} "q", x\ny');
    expect(record!.url).toBe('2025-10-17.html#arxiv-2510.00001');
    expect(record!.content).not.toMatch(/[\u0000-\u0008\u000b]/);
    expect(JSON.stringify(record)).not.toContain('javascript:');
  });

  it('gives an untitled paper the label readers see, in the site language', () => {
    const untitled = dayOf([paper({ id: 'doi:10.1101/2025.10.10.25337686', source: 'medrxiv', title: '' })]);
    expect(searchRecords(untitled, defaultConfig())[0]!.meta.title).toBe('（无标题）medRxiv 10.1101/2025.10.10.25337686');
    expect(searchRecords(untitled, { ...defaultConfig(), language: 'en' })[0]!.meta.title).toBe('(untitled) medRxiv 10.1101/2025.10.10.25337686');
  });

  it('puts a day in its month', () => {
    expect(searchMonth('2025-10-17')).toBe('2025-10');
  });
});

describe('renderSearchPage', () => {
  it('renders search.html in the site layout, with its words and the script, and search.js as shipped', async () => {
    const siteTemplates = await loadSiteTemplates(BUILTIN_TEMPLATES_DIR);
    const config = { ...defaultConfig(), title: '<b>速递</b>', siteUrl: 'https://example.org/papers/' };
    const site = { title: config.title, description: config.description, language: config.language, root: '', feeds: [], search: true };
    const files = renderSearchPage(config, site, { layout: siteTemplates.layout, ...(await loadSearchTemplates(BUILTIN_TEMPLATES_DIR)) });
    expect(files.map((f) => f.path)).toEqual(['search.html', 'search.js']);
    const html = files[0]!.content;
    expect(html).toContain('<title>搜索论文 · &lt;b&gt;速递&lt;/b&gt;</title>');
    expect(html).toContain('<link rel="canonical" href="https://example.org/papers/search.html">');
    expect(html).toContain('data-manifest="pagefind/months.json" data-bundles="pagefind/"');
    expect(html).toContain('data-count="找到 {count} 篇论文"');
    expect(html).toContain('<form class="search-form" role="search" action="search.html" method="get">');
    expect(html).toContain('<input id="search-query" name="q" type="search"');
    expect(html).toContain('<script type="module" src="search.js"></script>');
    expect(html).toContain('<a class="site-search" href="search.html">搜索</a>');
    expect(files[1]!.content).toContain('mergeIndex');

    const en = renderSearchPage({ ...config, language: 'en' }, site, { layout: siteTemplates.layout, ...(await loadSearchTemplates(BUILTIN_TEMPLATES_DIR)) });
    expect(en[0]!.content).toContain('data-count="Papers found: {count}"');
  });
});
