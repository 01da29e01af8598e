/**
 * The site in real headless Chromium, at phone and desktop widths.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserSession, CHROMIUM_PATH, openBrowserSession } from '../helpers/browser.js';
import { buildProject, historyFixture, makeProject } from '../helpers/project.js';

describe.skipIf(!CHROMIUM_PATH)('site in headless Chromium', () => {
  let session: BrowserSession;

  beforeAll(async () => {
    const dir = makeProject(historyFixture());
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

  it('renders atom.xml and rss.xml readably through the XSLT', async () => {
    for (const feed of ['atom.xml', 'rss.xml', 'arxiv/atom.xml']) {
      const tab = await session.browser.newPage();
      await tab.goto(session.url + feed, { waitUntil: 'load' });
      const shown = await tab.evaluate(() => ({ h1: document.querySelector('h1')?.textContent, articles: document.querySelectorAll('article').length }));
      expect(shown.h1, feed).toMatch(/^测试速递/);
      expect(shown.articles, feed).toBeGreaterThan(0);
      await tab.close();
    }
  });
});
