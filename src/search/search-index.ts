/**
 * Writing the site's search index with Pagefind (whose npm package runs its own binary): one
 * bundle per month under `out/pagefind/YYYY-MM/`, so a daily build re-indexes only the months
 * whose days changed, and `out/pagefind/months.json` listing every month's bundle for the search
 * page, which merges them in the browser. I/O edge: the records come from `search-records.ts`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Config } from '../config/schema.js';
import type { Day } from '../model.js';
import { isSearchMonth, sitePaths } from '../project/site-paths.js';
import { writeFileAtomic } from '../write-file-atomic.js';
import { SEARCH_LANGUAGE, searchMonth, searchRecords } from './search-records.js';

/** A month to (re)index and every day of it (a month without papers has its bundle removed). */
export interface SearchMonthInput {
  /** `2025-10`. */
  month: string;
  /** The month's days, or how to read them (a month is read when its turn comes, and let go after). */
  days: readonly Day[] | (() => Promise<readonly Day[]>);
}

/** What `writeSearchIndex` did. */
export interface SearchIndexReport {
  /** Months whose bundle was written, with their paper counts. */
  written: { month: string; records: number; files: number; bytes: number }[];
  /** Months whose bundle was removed (no papers left). */
  removed: string[];
  /** Every month with a bundle now, newest first (what `months.json` lists). */
  months: string[];
}

/** The manifest the search page reads: every month with a bundle, newest first. */
export interface SearchManifest {
  version: 1;
  months: string[];
}

/**
 * Files of a Pagefind bundle the search page does not use: Pagefind's own UIs and highlighter
 * (the page has its own small script). Left out of every bundle.
 */
const UNUSED_BUNDLE_FILE = /^pagefind-(ui|modular-ui|component-ui|highlight)\.(js|css)$/;
/** Records sent to Pagefind's service at once. */
const RECORD_BATCH = 250;

/** Bumped when the records or the bundles' layout change: every month must then be re-indexed. */
const SEARCH_RECORDS_VERSION = 1;

/**
 * What the bundles on disk were made with (`pagefind 1.6.0, records 1`). A build keeps it with its
 * state and re-indexes every month when it differs: the newest month's pagefind.js reads the other
 * months' bundles, so they should all come from one Pagefind version.
 */
export function searchIndexFormat(): string {
  const { version } = JSON.parse(readFileSync(pagefindPackageJson(), 'utf8')) as { version: string };
  return `pagefind ${version}, records ${SEARCH_RECORDS_VERSION}`;
}

/** Pagefind's package.json, found as Node finds the package (the `node_modules` folders up from here; its `exports` hide the file from `require.resolve`). */
function pagefindPackageJson(): string {
  for (const dir of createRequire(import.meta.url).resolve.paths('pagefind') ?? []) {
    const path = join(dir, 'pagefind', 'package.json');
    if (existsSync(path)) return path;
  }
  throw new Error('Pagefind is not installed: run "npm ci" (or set search.enabled to false)');
}

/**
 * (Re)writes the search bundles of the given months under `outDir/pagefind/`, then
 * `pagefind/months.json` from the bundles on disk (months not given keep their bundle).
 * Each bundle is written beside its place and swapped in, so a failed run leaves the old one.
 * Stops Pagefind's process before returning.
 */
export async function writeSearchIndex(outDir: string, months: readonly SearchMonthInput[], config: Pick<Config, 'language'>): Promise<SearchIndexReport> {
  const pagefind = await import('pagefind');
  const report: SearchIndexReport = { written: [], removed: [], months: [] };
  try {
    for (const { month, days: given } of months) {
      const days = typeof given === 'function' ? await given() : given;
      if (!isSearchMonth(month)) throw new Error(`search index: "${month}" is not a month (expected YYYY-MM)`);
      const stray = days.find((d) => searchMonth(d.date) !== month);
      if (stray) throw new Error(`search index: day ${stray.date} was given for month ${month}; pass each day with its own month`);
      const records = days.flatMap((day) => searchRecords(day, config));
      const target = join(outDir, sitePaths.searchBundle(month));
      if (records.length === 0) {
        if (existsSync(target)) report.removed.push(month);
        await rm(target, { recursive: true, force: true });
        continue;
      }
      const { index, errors } = await pagefind.createIndex({ forceLanguage: SEARCH_LANGUAGE });
      if (!index) throw new Error(`search index ${month}: Pagefind could not start: ${errors.join('; ')}`);
      // Sent a batch at a time: Pagefind's service then works while the next ones are on their way
      // (measured: 3,000 records 1.6 s against 2.2 s one at a time).
      for (let i = 0; i < records.length; i += RECORD_BATCH) {
        const batch = records.slice(i, i + RECORD_BATCH);
        const added = await Promise.all(batch.map((record) => index.addCustomRecord({ ...record, meta: { ...record.meta } })));
        added.forEach((result, j) => {
          if (result.errors.length > 0) throw new Error(`search index ${month}: Pagefind refused the record of ${batch[j]!.url}: ${result.errors.join('; ')}`);
        });
      }
      const built = await index.getFiles();
      if (built.errors.length > 0) throw new Error(`search index ${month}: Pagefind could not build the bundle: ${built.errors.join('; ')}`);
      await index.deleteIndex();
      const files = built.files.filter((f) => !UNUSED_BUNDLE_FILE.test(f.path));
      await swapInFolder(target, files);
      report.written.push({ month, records: records.length, files: files.length, bytes: files.reduce((n, f) => n + f.content.byteLength, 0) });
    }
  } finally {
    await pagefind.close();
  }
  report.months = await bundledMonths(join(outDir, sitePaths.searchFolder));
  const manifest: SearchManifest = { version: 1, months: report.months };
  await writeFileAtomic(join(outDir, sitePaths.searchManifest), `${JSON.stringify(manifest)}\n`);
  return report;
}

/** Writes files into a fresh folder beside `target`, then puts it in `target`'s place. */
async function swapInFolder(target: string, files: readonly { path: string; content: Uint8Array }[]): Promise<void> {
  const fresh = `${target.replace(/\/$/, '')}.new-${process.pid}`;
  const old = `${target.replace(/\/$/, '')}.old-${process.pid}`;
  await rm(fresh, { recursive: true, force: true });
  for (const file of files) {
    const path = join(fresh, file.path);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.content);
  }
  const had = existsSync(target);
  if (had) await rename(target, old);
  await rename(fresh, target);
  if (had) await rm(old, { recursive: true, force: true });
}

/** Months that have a complete bundle in the search folder, newest first. */
async function bundledMonths(folder: string): Promise<string[]> {
  if (!existsSync(folder)) return [];
  const entries = await readdir(folder, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && isSearchMonth(e.name) && existsSync(join(folder, e.name, 'pagefind-entry.json')))
    .map((e) => e.name)
    .sort()
    .reverse();
}
