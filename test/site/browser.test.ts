/**
 * The site in real headless Chromium, at phone and desktop widths.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, CHROMIUM_PATH, openBrowserSession } from '../helpers/browser.js';
import { buildProject, historyFixture, makeProject } from '../helpers/project.js';

describe.skipIf(!CHROMIUM_PATH)('site in headless Chromium', () => {
  let session: BrowserSession;
  let dir: string;

  beforeAll(async () => {
    dir = makeProject(historyFixture());
    await buildProject(dir);
    session = await openBrowserSession(join(dir, 'out'));
  });
  afterAll(async () => session?.close());

  for (const page of ['index.html', '2025-10-16.html', '2025-10-17.html']) {
    for (const width of [375, 1280]) {
      it(`${page} at ${width}px: no horizontal overflow, feed discovery present`, async () => {
        const tab = await session.browser.newPage();
        await tab.setViewport({ width, height: 900 });
        await tab.goto(session.url + page, { waitUntil: 'load' });
        const layout = await tab.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          alternates: [...document.querySelectorAll('link[rel="alternate"]')].map((l) => l.getAttribute('type')),
          title: document.title,
        }));
        expect(layout.scrollWidth, `${page} is wider than the ${width}px window`).toBeLessThanOrEqual(layout.innerWidth);
        expect(layout.alternates).toEqual(expect.arrayContaining(['application/atom+xml', 'application/rss+xml', 'application/feed+json']));
        await tab.screenshot({ path: join(session.shots, `${page.replace('.html', '')}-${width}.png`) as `${string}.png`, fullPage: true });
        await tab.close();
      });
    }
  }

  it('never breaks a status (抓取失败, 当天没有新论文) or a count across lines, at any phone width', async () => {
    const tab = await session.browser.newPage();
    const broken: string[] = [];
    for (const page of ['index.html', '2025-10-17.html']) {
      await tab.goto(session.url + page, { waitUntil: 'load' });
      for (let width = 300; width <= 720; width += 6) {
        await tab.setViewport({ width, height: 900 });
        const found = await tab.evaluate(() => {
          const out: string[] = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const m of node.textContent!.matchAll(/抓取失败|当天没有新论文|\S+ \d+ 篇/g)) {
              const range = document.createRange();
              range.setStart(node, m.index);
              range.setEnd(node, m.index + m[0].length);
              const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
              if (lines.size > 1) out.push(m[0]);
            }
          }
          return out;
        });
        broken.push(...found.map((f) => `${page} at ${width}px: ${f}`));
      }
    }
    await tab.close();
    expect(broken).toEqual([]);
  });

  it('gives a person who clicks "全部订阅源" a page of feeds, and the OPML files as downloads', async () => {
    const tab = await session.browser.newPage();
    await tab.goto(session.url + '2025-10-17.html', { waitUntil: 'load' });
    await Promise.all([tab.waitForNavigation({ waitUntil: 'load' }), tab.click('nav.feeds a[href$="#subscribe"]')]);
    const shown = await tab.evaluate(() => {
      const section = document.getElementById('subscribe');
      const opml = [...(section?.querySelectorAll('a[href$=".opml"]') ?? [])];
      return { contentType: document.contentType, feeds: section?.querySelectorAll('a[href$=".xml"], a[href$=".json"]').length ?? 0, download: opml.map((a) => a.getAttribute('download')), label: section?.textContent ?? '' };
    });
    await tab.close();
    expect(shown.contentType).toBe('text/html');
    expect(shown.feeds).toBeGreaterThanOrEqual(12);
    expect(shown.download).toEqual(['all.opml', 'sources.opml']);
    expect(shown.label).toContain('导入阅读器');
  });

  it('opml.xsl shows an OPML file served as XML as a list of its feeds', async () => {
    // opml.xsl is generic: the site's OPML, given the stylesheet reference, under an .xml name (served as application/xml).
    const opml = readFileSync(join(dir, 'out/sources.opml'), 'utf8');
    expect(opml).toContain('<?xml-stylesheet type="text/xsl" href="opml.xsl"?>');
    writeFileSync(join(dir, 'out/opml-view.xml'), opml);
    const xmlUrls = [...opml.matchAll(/xmlUrl="([^"]+)"/g)].map((m) => m[1]);
    const tab = await session.browser.newPage();
    await tab.goto(session.url + 'opml-view.xml', { waitUntil: 'load' });
    const shown = await tab.evaluate(() => ({ h1: document.querySelector('h1')?.textContent, links: [...document.querySelectorAll('a')].map((a) => a.getAttribute('href')) }));
    await tab.close();
    expect(shown.h1).toBe('测试速递（按来源）');
    expect(xmlUrls.length).toBeGreaterThan(0);
    for (const url of xmlUrls) expect(shown.links).toContain(url);
  });

  it('renders atom.xml and rss.xml readably through the XSLT', async () => {
    for (const feed of ['atom.xml', 'rss.xml', 'arxiv/atom.xml']) {
      const tab = await session.browser.newPage();
      await tab.goto(session.url + feed, { waitUntil: 'load' });
      const shown = await tab.evaluate(() => ({ h1: document.querySelector('h1')?.textContent, articles: document.querySelectorAll('article').length }));
      expect(shown.h1, feed).toMatch(/^测试速递/);
      expect(shown.articles, feed).toBeGreaterThan(0);
      await tab.close();
    }
    // An archive page is not a subscription: its notice points to the feed to subscribe to.
    const page = readdirSync(join(dir, 'out/archive')).find((f) => f.endsWith('.xml'))!;
    const tab = await session.browser.newPage();
    await tab.goto(`${session.url}archive/${page}`, { waitUntil: 'load' });
    const notice = await tab.evaluate(() => ({ text: document.querySelector('.notice')?.textContent ?? '', href: document.querySelector('.notice a')?.getAttribute('href') }));
    await tab.close();
    expect(notice.text).toContain('存档页');
    expect(notice.href).toMatch(/atom\.xml$/);
  });

  it('shows in the XSLT view every source of a daily issue, the digest day as the date, and no bare separators', async () => {
    const metaLines = async (feed: string) => {
      const tab = await session.browser.newPage();
      await tab.goto(session.url + feed, { waitUntil: 'load' });
      const lines = await tab.evaluate(() =>
        [...document.querySelectorAll('article .meta')].map((meta) => {
          const parts = [...meta.children].filter((e) => e.tagName === 'SPAN');
          // The separators are CSS ::before content: read them back to get the line as it is shown.
          return parts.map((p, i) => `${i === 0 ? '' : getComputedStyle(p, '::before').content.replace(/^"|"$/g, '')}${(p as HTMLElement).innerText}`).join('');
        }),
      );
      await tab.close();
      return lines;
    };
    const issues = await metaLines('issues.xml');
    expect(issues[0]).toBe('arXiv、bioRxiv · 2025-10-18');
    expect(issues[1]).toBe('arXiv、bioRxiv、medRxiv · 2025-10-17');
    for (const line of issues) expect(line).not.toMatch(/^\s*·|·\s*$/);
    // RSS pubDate is GMT (the evening before); the view shows the digest's own day.
    const rss = await metaLines('rss.xml');
    expect(rss[0]).toBe('Wenqian Zhang · arXiv · 2025-10-18 · PDF');
    const atom = await metaLines('atom.xml');
    expect(atom[0]).toBe('Wenqian Zhang · arXiv · 2025-10-18 · PDF');
  });
});
