/**
 * The email in headless Chromium at phone and desktop widths: no horizontal overflow.
 * Screenshots go to $DIGESTCAST_SCREENSHOTS (or the test run's temp folder) for a person to look at.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.js';
import { loadEmailTemplates } from '../../src/templates/load-email-templates.js';
import { renderDayEmail } from '../../src/email/render-email.js';
import { buildCatalog } from '../../src/project/catalog.js';
import { readDigests } from '../../src/read-digests.js';
import { type BrowserSession, CHROMIUM_PATH, openBrowserSession } from '../helpers/browser.js';
import { PROJECT_DIR } from '../helpers/corpus.js';
import { historyFixture, makeProject } from '../helpers/project.js';
import { tempDir } from '../helpers/tmp.js';

describe.skipIf(!CHROMIUM_PATH)('email in headless Chromium', () => {
  let session: BrowserSession;
  const names: string[] = [];

  beforeAll(async () => {
    const config = defaultConfig();
    const templates = await loadEmailTemplates(join(PROJECT_DIR, 'templates'), config.email.subject, { cacheDir: tempDir('email-cache-') });
    const dir = tempDir('email-html-');
    const example = buildCatalog((await readDigests([join(PROJECT_DIR, 'digests')])).days);
    writeFileSync(join(dir, 'example.html'), renderDayEmail(example.days[0]!, example, config, templates).html);
    names.push('example.html');
    const history = makeProject(historyFixture());
    const catalog = buildCatalog((await readDigests([join(history, 'digests')])).days);
    writeFileSync(join(dir, 'mixed-day.html'), renderDayEmail(catalog.days.find((d) => d.date === '2025-10-17')!, catalog, config, templates).html);
    writeFileSync(join(dir, 'hostile-day.html'), renderDayEmail(catalog.days.find((d) => d.date === '2025-10-16')!, catalog, config, templates).html);
    names.push('mixed-day.html', 'hostile-day.html');
    session = await openBrowserSession(dir);
  });
  afterAll(async () => session?.close());

  for (const width of [375, 600, 1280]) {
    it(`fits a ${width}px window without horizontal scrolling, in light and dark mode`, async () => {
      for (const name of names) {
        for (const scheme of ['light', 'dark'] as const) {
          const tab = await session.browser.newPage();
          await tab.setViewport({ width, height: 1000 });
          await tab.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
          await tab.goto(session.url + name, { waitUntil: 'load' });
          const layout = await tab.evaluate(() => ({
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: window.innerWidth,
            scripts: document.querySelectorAll('script').length,
            titleColor: getComputedStyle(document.querySelector('.dc-title')!).color,
            background: getComputedStyle(document.querySelector('.dc-card')!).backgroundColor,
            // The preheader and its padding are in the markup but take no room on the page.
            preheaderHeight: document.querySelector('.dc-preheader')?.getBoundingClientRect().height,
            preheaderText: document.querySelector('.dc-preheader')?.textContent ?? '',
            // Nothing shown comes before the preheader in the document: it is the first text an inbox list takes.
            beforePreheader: (() => {
              const range = document.createRange();
              range.setStart(document.body, 0);
              range.setEndBefore(document.querySelector('.dc-preheader')!);
              return range.toString().trim();
            })(),
            visibleStart: document.body.innerText.trim().slice(0, 20),
          }));
          expect(layout.scrollWidth, `${name} at ${width}px`).toBeLessThanOrEqual(layout.innerWidth);
          expect(layout.scripts).toBe(0);
          expect(layout.preheaderText, name).toMatch(/\u034F\u200C\u00A0$/);
          expect(layout.preheaderHeight, name).toBe(0);
          expect(layout.beforePreheader, name).toBe('');
          expect(layout.visibleStart, name).not.toMatch(/\u034F|\u200C/);
          if (scheme === 'dark') expect(layout.background).toBe('rgb(22, 27, 34)');
          else expect(layout.background).toBe('rgb(255, 255, 255)');
          await tab.screenshot({ path: join(session.shots, `email-${name.replace('.html', '')}-${width}-${scheme}.png`) as `${string}.png`, fullPage: true });
          await tab.close();
        }
      }
    });
  }
});
