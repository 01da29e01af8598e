/**
 * Search in real headless Chromium: the corpus's months indexed into one Pagefind bundle each,
 * the search page served over HTTP under a sub-path (as on a project's GitHub Pages), queries by
 * a Chinese title word, an English title word and an author, each result linking to the paper's
 * anchor on its day page; hostile text from a digest shown as text.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.js';
import type { Day } from '../../src/model.js';
import { mergeDays } from '../../src/parse/merge-days.js';
import { parseDigest } from '../../src/parse/parse-digest.js';
import { buildCatalog } from '../../src/project/catalog.js';
import { writeSearchIndex, type SearchIndexReport } from '../../src/search/search-index.js';
import { searchMonth } from '../../src/search/search-records.js';
import { siteView } from '../../src/site/page-views.js';
import { renderSite } from '../../src/site/pages.js';
import { renderSearchPage } from '../../src/site/search-page.js';
import { loadSearchTemplates } from '../../src/templates/load-search-templates.js';
import { loadSiteTemplates } from '../../src/templates/load-site-templates.js';
import { BUILTIN_TEMPLATES_DIR } from '../../src/templates/template-files.js';
import { type BrowserSession, CHROMIUM_PATH, openBrowserSession } from '../helpers/browser.js';
import { corpusFiles, hasCorpus } from '../helpers/corpus.js';
import { HOSTILE_AUTHOR, HOSTILE_SUMMARY } from '../helpers/project.js';
import { tempDir } from '../helpers/tmp.js';

/** A day of its own month whose only paper carries markup in every field. */
const HOSTILE_DAY: Day = {
  date: '2031-01-02',
  sources: [
    {
      date: '2031-01-02',
      source: 'arxiv',
      sourceName: 'arXiv',
      status: 'papers',
      file: 'digests/2031-01-02-arxiv.md',
      line: 1,
      papers: [
        {
          id: 'arxiv:3101.00001',
          date: '2031-01-02',
          source: 'arxiv',
          title: '<img src=x onerror="window.pwned=1">敌意标题 zyxwvutsq',
          titleEn: '"><script>window.pwned=2</script>',
          authors: [HOSTILE_AUTHOR],
          pdfUrl: 'javascript:alert(1)',
          url: 'javascript:alert(1)',
          summary: `${HOSTILE_SUMMARY} zyxwvutsq <b onmouseover=alert(1)>粗体</b>`,
          file: 'digests/2031-01-02-arxiv.md',
          line: 5,
        },
      ],
    },
  ],
};

interface ShownResult {
  href: string;
  title: string;
  meta: string;
}

describe.skipIf(!CHROMIUM_PATH || !hasCorpus)('search in headless Chromium', () => {
  let session: BrowserSession;
  let report: SearchIndexReport;
  const site = '/papers/';

  beforeAll(async () => {
    const root = tempDir('search-site-');
    const out = join(root, 'papers');
    const days = [...mergeDays(corpusFiles().map((f) => parseDigest(readFileSync(f, 'utf8'), f))).days, HOSTILE_DAY];
    const config = { ...defaultConfig(), siteUrl: `https://example.org${site}` };
    const months = new Map<string, Day[]>();
    for (const day of days) months.set(searchMonth(day.date), [...(months.get(searchMonth(day.date)) ?? []), day]);
    report = await writeSearchIndex(out, [...months].map(([month, ds]) => ({ month, days: ds })), config);
    const catalog = buildCatalog(days);
    const siteTemplates = await loadSiteTemplates(BUILTIN_TEMPLATES_DIR);
    const files = [
      ...renderSite(catalog, config, siteTemplates),
      ...renderSearchPage(config, siteView(config, catalog), { layout: siteTemplates.layout, ...(await loadSearchTemplates(BUILTIN_TEMPLATES_DIR)) }),
    ];
    for (const file of files) {
      mkdirSync(dirname(join(out, file.path)), { recursive: true });
      writeFileSync(join(out, file.path), file.content);
    }
    session = await openBrowserSession(root);
  }, 120_000);
  afterAll(async () => session?.close());

  /** Opens `search.html?q=…` and returns the results shown once the search is done. */
  async function searchFor(query: string): Promise<{ status: string; results: ShownResult[] }> {
    const tab = await session.browser.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(String(e)));
    await tab.goto(`${session.url}papers/search.html?q=${encodeURIComponent(query)}`, { waitUntil: 'load' });
    await tab.waitForFunction(() => ['done', 'error'].includes(document.getElementById('search')?.dataset.state ?? ''), { timeout: 30_000 });
    const shown = await tab.evaluate(() => ({
      state: document.getElementById('search')!.dataset.state,
      status: document.querySelector('.search-status[role="status"]')!.textContent ?? '',
      input: (document.querySelector('input[name="q"]') as HTMLInputElement).value,
      results: [...document.querySelectorAll('.search-result')].map((li) => ({
        href: li.querySelector('a')!.getAttribute('href') ?? '',
        title: li.querySelector('a')!.textContent ?? '',
        meta: li.querySelector('.meta')!.textContent ?? '',
      })),
    }));
    await tab.close();
    expect(errors).toEqual([]);
    expect(shown.state).toBe('done');
    expect(shown.input).toBe(query);
    return shown;
  }

  it('indexes each month of the corpus into a bundle of its own and lists them newest first', () => {
    expect(report.months.length).toBeGreaterThanOrEqual(18);
    expect(report.months[0]).toBe('2031-01');
    expect([...report.months].sort().reverse()).toEqual(report.months);
    expect(report.written.reduce((n, w) => n + w.records, 0)).toBeGreaterThan(3000);
  });

  it.each([
    ['a Chinese title word', '塞伯格', 'papers/2026-08-01.html#arxiv-2607.28628'],
    ['a Chinese title phrase', '耦合扩散采样', 'papers/2025-10-17.html#arxiv-2510.14981'],
    ['an English title word', 'Endoscopic', 'papers/2024-09-04.html#arxiv-2409.02917'],
    ['an author', 'Heckman', 'papers/2026-08-01.html#arxiv-2607.28628'],
  ])('finds a paper by %s (%s) across the merged months, linking to its anchor on its day page', async (_what, query, target) => {
    const { results, status } = await searchFor(query);
    expect(status).toMatch(/找到 \d+ 篇论文/);
    const hit = results.find((r) => r.href.endsWith(target));
    expect(hit, `${query} → ${results.map((r) => r.href).join(', ')}`).toBeDefined();
    expect(new URL(hit!.href, session.url).pathname).toBe(`/${target.split('#')[0]}`);
  });

  it('links a result to an anchor that its day page has', async () => {
    const tab = await session.browser.newPage();
    await tab.goto(`${session.url}papers/search.html?q=Heckman`, { waitUntil: 'load' });
    await tab.waitForFunction(() => document.getElementById('search')?.dataset.state === 'done', { timeout: 30_000 });
    await Promise.all([tab.waitForNavigation({ waitUntil: 'load' }), tab.click('.search-result a[href$="#arxiv-2607.28628"]')]);
    const landed = await tab.evaluate(() => ({ path: location.pathname, hash: location.hash, title: document.getElementById(location.hash.slice(1))?.querySelector('h3')?.textContent ?? '' }));
    await tab.close();
    expect(landed).toEqual({ path: '/papers/2026-08-01.html', hash: '#arxiv-2607.28628', title: '学习追踪塞伯格对偶' });
  });

  it('runs a query typed into the box and puts it in the address (a link to the results)', async () => {
    const tab = await session.browser.newPage();
    await tab.goto(`${session.url}papers/search.html`, { waitUntil: 'load' });
    await tab.type('input[name="q"]', 'Alzayer');
    await tab.keyboard.press('Enter');
    await tab.waitForFunction(() => document.getElementById('search')?.dataset.state === 'done', { timeout: 30_000 });
    const found = await tab.evaluate(() => ({ search: location.search, hrefs: [...document.querySelectorAll('.search-result a')].map((a) => a.getAttribute('href')) }));
    await tab.close();
    expect(found.search).toBe('?q=Alzayer');
    expect(found.hrefs.some((h) => h?.endsWith('2025-10-17.html#arxiv-2510.14981'))).toBe(true);
  });

  it('shows markup from a digest as text, runs none of it, and links only to the site', async () => {
    const tab = await session.browser.newPage();
    await tab.goto(`${session.url}papers/search.html?q=zyxwvutsq`, { waitUntil: 'load' });
    await tab.waitForFunction(() => document.getElementById('search')?.dataset.state === 'done', { timeout: 30_000 });
    const shown = await tab.evaluate(() => {
      const results = document.querySelector('.search-results')!;
      return {
        pwned: (window as unknown as { pwned?: number }).pwned,
        elements: [...results.querySelectorAll('*')].map((e) => e.tagName.toLowerCase()).filter((t) => !['li', 'h2', 'a', 'p', 'mark'].includes(t)),
        title: results.querySelector('a')?.textContent,
        href: results.querySelector('a')?.getAttribute('href'),
        excerpt: results.querySelector('.search-excerpt')?.textContent,
      };
    });
    await tab.close();
    expect(shown.pwned).toBeUndefined();
    expect(shown.elements).toEqual([]);
    expect(shown.title).toBe('<img src=x onerror="window.pwned=1">敌意标题 zyxwvutsq');
    expect(shown.href).toBe(`${session.url}papers/2031-01-02.html#arxiv-3101.00001`);
    expect(shown.excerpt).toContain('<img src=x onerror="window.pwned=1">');
    expect(shown.excerpt).toContain('<script>window.pwned=2</script>');
  });

  it('says so when nothing matches', async () => {
    const { results, status } = await searchFor('㐀㐁');
    expect(results).toEqual([]);
    expect(status).toBe('没有找到论文。');
  });
});
