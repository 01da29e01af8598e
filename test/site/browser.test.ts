/**
 * The site in real headless Chromium, at phone and desktop widths.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, launchBrowser, serveFolder } from '../helpers/browser.js';
import { buildProject, historyFixture, makeProject } from '../helpers/project.js';
import { tempDir } from '../helpers/tmp.js';

describe.skipIf(!CHROMIUM_PATH)('site in headless Chromium', () => {
  let browser: Browser;
  let server: { url: string; close: () => Promise<void> };
  let shots: string;

  beforeAll(async () => {
    const dir = makeProject(historyFixture());
    await buildProject(dir);
    server = await serveFolder(join(dir, 'out'));
    browser = await launchBrowser();
    shots = process.env.DIGESTCAST_SCREENSHOTS ?? tempDir('screens-');
    mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const page of ['index.html', '2025-10-16.html', '2025-10-17.html']) {
    for (const width of [375, 1280]) {
      it(`${page} at ${width}px: no horizontal overflow, feed discovery present`, async () => {
        const tab = await browser.newPage();
        await tab.setViewport({ width, height: 900 });
        await tab.goto(server.url + page, { waitUntil: 'load' });
        const layout = await tab.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          alternates: [...document.querySelectorAll('link[rel="alternate"]')].map((l) => l.getAttribute('type')),
          title: document.title,
        }));
        expect(layout.scrollWidth, `${page} is wider than the ${width}px window`).toBeLessThanOrEqual(layout.innerWidth);
        expect(layout.alternates).toEqual(expect.arrayContaining(['application/atom+xml', 'application/rss+xml', 'application/feed+json']));
        await tab.screenshot({ path: join(shots, `${page.replace('.html', '')}-${width}.png`) as `${string}.png`, fullPage: true });
        await tab.close();
      });
    }
  }

  it('renders atom.xml and rss.xml readably through the XSLT', async () => {
    for (const feed of ['atom.xml', 'rss.xml', 'arxiv/atom.xml']) {
      const tab = await browser.newPage();
      await tab.goto(server.url + feed, { waitUntil: 'load' });
      const shown = await tab.evaluate(() => ({ h1: document.querySelector('h1')?.textContent, articles: document.querySelectorAll('article').length }));
      expect(shown.h1, feed).toMatch(/^测试速递/);
      expect(shown.articles, feed).toBeGreaterThan(0);
      await tab.close();
    }
  });
});
