/**
 * Email benchmark: render time per email (warm), against MJML-per-email (the obvious way:
 * fill the MJML with the day's data, then run mjml2html), in the same process; and the
 * largest HTML and text parts over the corpus as sent (each day composed into a real message
 * by nodemailer, parts measured in their transfer encoding) against `email.maxHtmlBytes`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import Handlebars from 'handlebars';
import { defaultConfig } from '../src/config/schema.js';
import { loadEmailTemplates } from '../src/templates/load-email-templates.js';
import { emailView, subjectSources } from '../src/email/email-view.js';
import { renderDayEmail } from '../src/email/render-email.js';
import { buildCatalog } from '../src/project/catalog.js';
import { readDigests } from '../src/read-digests.js';
import { composeRaw, sentParts } from '../test/helpers/mime-parts.js';
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

    const perEmail =
      (await medianMs(() => {
        for (const day of catalog.days) renderDayEmail(day, catalog, config, templates);
      })) / catalog.days.length;

    // Every day composed into the message a subscriber gets; the parts measured as they travel.
    let largest = { date: '', bytes: 0, decoded: 0, encoding: '', layout: '' };
    let largestText = { date: '', bytes: 0, listed: 0, total: 0 };
    for (const day of catalog.days) {
      const e = renderDayEmail(day, catalog, config, templates);
      const parts = sentParts(await composeRaw(e));
      const html = parts.find((p) => p.contentType === 'text/html')!;
      const text = parts.find((p) => p.contentType === 'text/plain')!;
      if (html.body.length > largest.bytes) largest = { date: day.date, bytes: html.body.length, decoded: e.htmlBytes, encoding: html.transferEncoding, layout: e.layout };
      if (text.body.length > largestText.bytes) largestText = { date: day.date, bytes: text.body.length, listed: e.textListedPapers, total: e.listedPapers + e.hiddenPapers };
    }

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
      [`largest HTML part as sent (${largest.date}, ${largest.layout}, ${largest.encoding}; ${largest.decoded} bytes decoded)`, `${largest.bytes} bytes`, `${((largest.bytes / limit) * 100).toFixed(1)}% of email.maxHtmlBytes (${limit})`],
      [`largest text part as sent (${largestText.date}, ${largestText.listed} of ${largestText.total} papers listed)`, `${largestText.bytes} bytes`, `${((largestText.bytes / limit) * 100).toFixed(1)}% of email.maxHtmlBytes (${limit})`],
    ]);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
