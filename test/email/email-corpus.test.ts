/**
 * Every day of the real corpus as an email: the HTML part at or under `email.maxHtmlBytes` as
 * sent (base64, measured on real composed messages for the heaviest days), every paper in the
 * email or on the day page it links to (skipped with a message when the corpus is absent).
 */
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.js';
import { loadEmailTemplates } from '../../src/templates/load-email-templates.js';
import { renderDayEmail, withUnsubscribeLink } from '../../src/email/render-email.js';
import { distinctWords, htmlShownText, MAX_TEXT_TO_HTML_WORDS } from '../../src/email/part-words.js';
import { base64PartBytes, BODY_TRANSFER_ENCODING } from '../../src/email/transfer-size.js';
import { buildCatalog, type Catalog } from '../../src/project/catalog.js';
import { sitePaths, siteUrlOf } from '../../src/project/site-paths.js';
import { readDigests } from '../../src/read-digests.js';
import { paperAnchor } from '../../src/view/anchors.js';
import { CORPUS_DIR, hasCorpus, PROJECT_DIR } from '../helpers/corpus.js';
import { composeRaw, sentParts } from '../helpers/mime-parts.js';
import { buildProject, makeProject, readOut } from '../helpers/project.js';
import { tempDir } from '../helpers/tmp.js';

describe.skipIf(!hasCorpus)('emails for every day of the corpus', () => {
  let catalog: Catalog;
  let project: string;
  beforeAll(async () => {
    catalog = buildCatalog((await readDigests([CORPUS_DIR])).days);
    project = makeProject({});
    cpSync(CORPUS_DIR, join(project, 'digests'), { recursive: true, filter: (src) => !src.endsWith('README.md') });
    await buildProject(project);
  });

  it('stay within the budget as sent, and every paper is in the email or on the linked day page', async () => {
    const config = defaultConfig();
    const templates = await loadEmailTemplates(join(PROJECT_DIR, 'templates'), config.email.subject, { cacheDir: tempDir('email-cache-') });
    let largest = 0;
    const layouts: Record<string, number> = {};
    for (const day of catalog.days) {
      const email = renderDayEmail(day, catalog, config, templates);
      largest = Math.max(largest, email.htmlSentBytes);
      layouts[email.layout] = (layouts[email.layout] ?? 0) + 1;
      expect(email.htmlSentBytes, day.date).toBeLessThanOrEqual(config.email.maxHtmlBytes);
      expect(email.textSentBytes, day.date).toBeLessThanOrEqual(config.email.maxHtmlBytes);
      expect(email.textListedPapers, `${day.date}: the text part lists at least what the HTML lists`).toBeGreaterThanOrEqual(email.listedPapers);
      // ...but not so much more that the parts look unrelated to a spam filter (MPART_ALT_DIFF_COUNT fires above 3).
      expect(distinctWords(email.text), day.date).toBeLessThanOrEqual(MAX_TEXT_TO_HTML_WORDS * distinctWords(htmlShownText(email.html)));
      const dayPage = readOut(project, `${day.date}.html`);
      for (const source of day.sources) {
        const firstHidden = source.papers.find((p) => !email.html.includes(`href="${p.url}"`));
        // The "more" link leads to the first paper left out, and the day page has every paper's anchor.
        const moreLink = firstHidden ? email.html.includes(`href="${siteUrlOf(config.siteUrl, sitePaths.dayPage(day.date))}#${paperAnchor(firstHidden)}"`) : true;
        expect(moreLink, `${day.date} ${source.source}: link to the first paper not listed`).toBe(true);
        for (const paper of source.papers) {
          const inEmail = email.html.includes(`href="${paper.url}"`);
          expect(inEmail || dayPage.includes(`id="${paperAnchor(paper)}"`), `${day.date} ${paper.id}`).toBe(true);
        }
      }
    }
    console.info(`[corpus] ${catalog.days.length} emails, largest HTML part as sent ${(largest / 1024).toFixed(1)} KB, layouts ${JSON.stringify(layouts)}`);
  });

  it('the heaviest days, composed as real messages, have HTML and text parts within the budget in their transfer encoding', async () => {
    const config = defaultConfig();
    const templates = await loadEmailTemplates(join(PROJECT_DIR, 'templates'), config.email.subject, { cacheDir: tempDir('email-cache-') });
    const heaviest = [...catalog.days].sort((a, b) => count(b) - count(a)).slice(0, 4);
    for (const day of heaviest) {
      const email = renderDayEmail(day, catalog, config, templates);
      const raw = await composeRaw(email);
      const parts = sentParts(raw);
      const html = parts.find((p) => p.contentType === 'text/html')!;
      const text = parts.find((p) => p.contentType === 'text/plain')!;
      // The encoding the budget is computed for is the one the sender really uses.
      expect(html.transferEncoding, day.date).toBe(BODY_TRANSFER_ENCODING);
      expect(text.transferEncoding, day.date).toBe(BODY_TRANSFER_ENCODING);
      // The split is right: the body decodes to the rendered HTML with this recipient's link in it.
      const decoded = Buffer.from(html.body, 'base64').toString('utf8');
      const link = /href="(https:\/\/lists\.example\.org\/[^"]+)"/.exec(decoded)?.[1]?.replace(/&amp;/g, '&');
      expect(link, day.date).toBeDefined();
      expect(decoded).toBe(withUnsubscribeLink(email, link!).html);
      expect(html.body.length, `${day.date}: the size predicted for base64 is the size nodemailer writes`).toBe(base64PartBytes(Buffer.byteLength(decoded)));
      expect(html.body.length, `${day.date} HTML part as sent`).toBeLessThanOrEqual(config.email.maxHtmlBytes);
      expect(text.body.length, `${day.date} text part as sent`).toBeLessThanOrEqual(config.email.maxHtmlBytes);
      console.info(`[corpus] ${day.date}: ${count(day)} papers, HTML part ${html.body.length} bytes as sent (${email.listedPapers} listed), text part ${text.body.length} bytes (${email.textListedPapers} listed)`);
    }
  });

  it('are written as previews by the build, without recipient data', () => {
    const previews = readdirSync(join(project, 'out/email'));
    expect(previews).toHaveLength(catalog.days.length * 2);
    for (const file of previews) {
      const content = readFileSync(join(project, 'out/email', file), 'utf8');
      expect(content).toContain('#unsubscribe-link-added-per-recipient');
      expect(content).not.toMatch(/digestcast\.invalid/);
    }
  });
});

function count(day: Catalog['days'][number]): number {
  return day.sources.reduce((n, s) => n + s.papers.length, 0);
}
