/**
 * Email benchmark: render time per email (warm), against MJML-per-email (the obvious way:
 * fill the MJML with the day's data, then run mjml2html), in the same process; and the
 * largest email over the corpus against Gmail's clipping limit.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import Handlebars from 'handlebars';
import { defaultConfig } from '../src/config/schema.js';
import { loadEmailTemplates } from '../src/email/email-templates.js';
import { emailView, subjectSources } from '../src/email/email-view.js';
import { renderDayEmail } from '../src/email/render-email.js';
import { buildCatalog } from '../src/feeds/catalog.js';
import { readDigests } from '../src/read-digests.js';
import { medianMs, printTable } from './measure.js';

/** Runs the email benchmark on a folder of digests. */
export async function benchEmail(dir: string): Promise<void> {
  const config = defaultConfig();
  const catalog = buildCatalog((await readDigests([dir])).days);
  if (catalog.days.length === 0) return;
  const cacheDir = mkdtempSync(join(tmpdir(), 'digestcast-bench-email-'));
  try {
    const templatesDir = resolve(import.meta.dirname, '../templates');
    const templates = await loadEmailTemplates(templatesDir, config.email.subject, { cacheDir });

    let largest = { date: '', bytes: 0, layout: '' };
    const sizes: number[] = [];
    const perEmail =
      (await medianMs(() => {
        for (const day of catalog.days) {
          const e = renderDayEmail(day, catalog, config, templates);
          sizes.push(e.htmlBytes);
          if (e.htmlBytes > largest.bytes) largest = { date: day.date, bytes: e.htmlBytes, layout: e.layout };
        }
      })) / catalog.days.length;

    // Baseline: MJML per email, for the same days in the shape our renderer chose (so no fitting loop).
    const shapes = new Map(catalog.days.map((day) => [day.date, renderDayEmail(day, catalog, config, templates).shape]));
    const { default: mjml2html } = await import('mjml');
    const layoutPath = join(templatesDir, 'email/layout.mjml');
    const mjmlSource = Handlebars.compile(readFileSync(layoutPath, 'utf8'));
    const sample = catalog.days;
    const naive =
      (await medianMs(
        async () => {
          for (const day of sample) {
            const view = emailView(day, catalog, config, shapes.get(day.date)!, subjectSources(day));
            await mjml2html(mjmlSource(view), { filePath: layoutPath, ignoreIncludes: false, includePath: dirname(layoutPath), validationLevel: 'skip', fonts: {} });
          }
        },
        { warmup: 1, minRuns: 3, budgetMs: 6000 },
      )) / sample.length;

    const views = catalog.days.map((day) => emailView(day, catalog, config, shapes.get(day.date)!, subjectSources(day)));
    const oneRender =
      (await medianMs(() => {
        for (const view of views) templates.html(view);
      })) / views.length;

    const limit = config.email.maxHtmlBytes;
    console.log(`\n## email — ${catalog.days.length} days`);
    printTable([
      ['measure', 'value', 'vs baseline'],
      ['MJML per email, in the final shape (baseline), ms/email', round(naive), '1.00x'],
      ['digestcast: one render in the final shape (MJML compiled once, Handlebars), ms/email', round(oneRender), `${(naive / oneRender).toFixed(1)}x faster`],
      ['digestcast: whole email with size fitting and text part, ms/email (warm)', round(perEmail), `${(naive / perEmail).toFixed(2)}x (baseline time / this)`],
      [`largest email HTML (${largest.date}, ${largest.layout})`, `${(largest.bytes / 1024).toFixed(1)} KB`, `${((largest.bytes / limit) * 100).toFixed(1)}% of the ${(limit / 1000).toFixed(0)} kB limit`],
    ]);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
