/**
 * Every day of the real corpus as an email: at or under 100 KB of HTML, every paper in the
 * email or on the day page it links to (skipped with a message when the corpus is absent).
 */
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.js';
import { loadEmailTemplates } from '../../src/email/email-templates.js';
import { renderDayEmail } from '../../src/email/render-email.js';
import { buildCatalog, type Catalog } from '../../src/feeds/catalog.js';
import { readDigests } from '../../src/read-digests.js';
import { paperAnchor } from '../../src/site/page-views.js';
import { CORPUS_DIR, hasCorpus, PROJECT_DIR } from '../helpers/corpus.js';
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

  it('stay at or under 100 KB, and every paper is in the email or on the linked day page', async () => {
    const config = defaultConfig();
    const templates = await loadEmailTemplates(join(PROJECT_DIR, 'templates'), config.email.subject, { cacheDir: tempDir('email-cache-') });
    let largest = 0;
    const layouts: Record<string, number> = {};
    for (const day of catalog.days) {
      const email = renderDayEmail(day, catalog, config, templates);
      largest = Math.max(largest, email.htmlBytes);
      layouts[email.layout] = (layouts[email.layout] ?? 0) + 1;
      expect(email.htmlBytes, day.date).toBeLessThanOrEqual(100_000);
      const dayPage = readOut(project, `${day.date}.html`);
      for (const source of day.sources) {
        for (const paper of source.papers) {
          const inEmail = email.html.includes(`href="${paper.url}"`);
          const linked = email.html.includes(`${day.date}.html#${source.source}`) && dayPage.includes(`id="${paperAnchor(paper)}"`);
          expect(inEmail || linked, `${day.date} ${paper.id}`).toBe(true);
        }
      }
    }
    console.info(`[corpus] ${catalog.days.length} emails, largest HTML ${(largest / 1024).toFixed(1)} KB, layouts ${JSON.stringify(layouts)}`);
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
