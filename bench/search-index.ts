/**
 * Search index benchmark: building the per-month Pagefind bundles of a folder of digests, cold
 * (every month) and as a daily build does it (the newest month only), against rendering the day
 * pages in the same run; the alternative of one bundle for the whole history; the bundles' size
 * and file count against the digests' and the day pages' size.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultConfig } from '../src/config/schema.js';
import type { Day } from '../src/model.js';
import { buildCatalog } from '../src/project/catalog.js';
import { readDigests } from '../src/read-digests.js';
import { writeSearchIndex } from '../src/search/search-index.js';
import { SEARCH_LANGUAGE, searchMonth, searchRecords } from '../src/search/search-records.js';
import { renderSite } from '../src/site/pages.js';
import { loadSiteTemplates } from '../src/templates/load-site-templates.js';
import { formatBytes, printTable } from './measure.js';

/** Bytes and files under a folder. */
function folderSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
    files++;
  }
  return { bytes, files };
}

async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** Runs the search index benchmark on a folder of digests. */
export async function benchSearchIndex(dir: string): Promise<void> {
  const config = defaultConfig();
  const { days } = await readDigests([dir]);
  if (days.length === 0) return;
  const papers = days.reduce((n, d) => n + d.sources.reduce((m, s) => m + s.papers.length, 0), 0);
  const digestBytes = folderSize(dir).bytes;
  const templates = await loadSiteTemplates(resolve(import.meta.dirname, '../templates'));
  const catalog = buildCatalog(days);
  const render = await timed(() => renderSite(catalog, config, templates));
  const dayPageBytes = render.value.filter((f) => /^\d{4}-\d{2}-\d{2}\.html$/.test(f.path)).reduce((n, f) => n + Buffer.byteLength(f.content), 0);

  const months = new Map<string, Day[]>();
  for (const day of days) months.set(searchMonth(day.date), [...(months.get(searchMonth(day.date)) ?? []), day]);
  const inputs = [...months].map(([month, ds]) => ({ month, days: ds }));
  const newest = inputs[inputs.length - 1]!;
  const out = mkdtempSync(join(tmpdir(), 'digestcast-bench-search-'));
  try {
    const cold = await timed(() => writeSearchIndex(out, inputs, config));
    const daily = await timed(() => writeSearchIndex(out, [newest], config));
    const size = folderSize(join(out, 'pagefind'));
    const newestSize = folderSize(join(out, 'pagefind', newest.month));

    // The alternative: one bundle of the whole history, rebuilt whole every day.
    const pagefind = await import('pagefind');
    const single = await timed(async () => {
      const { index } = await pagefind.createIndex({ forceLanguage: SEARCH_LANGUAGE });
      await Promise.all(days.flatMap((d) => searchRecords(d, config)).map((r) => index!.addCustomRecord({ ...r, meta: { ...r.meta } })));
      await index!.writeFiles({ outputPath: join(out, 'single') });
    });
    await pagefind.close();
    const singleSize = folderSize(join(out, 'single'));

    const x = (ms: number) => `${(ms / render.ms).toFixed(2)}×`;
    console.log(`\nsearch index — ${dir}: ${days.length} days, ${papers} papers, ${months.size} months; baseline: rendering the site's pages in process (${render.ms.toFixed(0)} ms)`);
    printTable([
      ['what', 'ms', 'vs rendering the pages'],
      ['render the site pages (baseline)', Math.round(render.ms), '1.00×'],
      [`index every month (${months.size} bundles, cold)`, Math.round(cold.ms), x(cold.ms)],
      [`index the newest month only (${newest.month}, ${newest.days.length} days: a daily build)`, Math.round(daily.ms), x(daily.ms)],
      ['one bundle of the whole history (alternative, rebuilt whole daily)', Math.round(single.ms), x(single.ms)],
    ]);
    printTable([
      ['size', 'bytes', 'files', 'vs digests', 'vs day pages'],
      ['digests (input)', formatBytes(digestBytes), '', '1.00×', ''],
      ['day pages', formatBytes(dayPageBytes), days.length, `${(dayPageBytes / digestBytes).toFixed(2)}×`, '1.00×'],
      [`search bundles (all ${months.size} months)`, formatBytes(size.bytes), size.files, `${(size.bytes / digestBytes).toFixed(2)}×`, `${(size.bytes / dayPageBytes).toFixed(2)}×`],
      [`newest month's bundle (rewritten daily)`, formatBytes(newestSize.bytes), newestSize.files, `${(newestSize.bytes / digestBytes).toFixed(3)}×`, ''],
      ['one bundle of the whole history (alternative)', formatBytes(singleSize.bytes), singleSize.files, `${(singleSize.bytes / digestBytes).toFixed(2)}×`, `${(singleSize.bytes / dayPageBytes).toFixed(2)}×`],
    ]);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
