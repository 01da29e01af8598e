/**
 * Bytes of a build's output folder by kind of file: day pages, feeds, feed archives, email
 * previews, the rest of the site (index, OPML, style sheets), and what issue 14 added: exports,
 * the JSON API, the search index, topic feeds.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { filesUnder } from '../src/files-under.js';

/** Kinds of output file, in the order they are printed. */
export const OUTPUT_KINDS = ['day pages', 'feeds', 'feed archives', 'email previews', 'other', 'exports (BibTeX, RIS, CSV)', 'JSON API', 'search index (Pagefind)', 'topic feeds'] as const;
/** The kinds of the site as it was before exports, the API and search (what the full-history issue's size goal was set on). */
export const SITE_KINDS: readonly OutputKind[] = ['day pages', 'feeds', 'feed archives', 'email previews', 'other'];
export type OutputKind = (typeof OUTPUT_KINDS)[number];

/** Files and bytes of one kind. */
export interface KindSize {
  files: number;
  bytes: number;
}

/** The kind of an output file, from its path relative to out/ (`/`-separated). */
export function outputKind(path: string): OutputKind {
  const p = path.replaceAll('\\', '/');
  if (/^email\//.test(p)) return 'email previews';
  if (/^export\//.test(p)) return 'exports (BibTeX, RIS, CSV)';
  if (/^api\//.test(p)) return 'JSON API';
  if (/^pagefind\//.test(p)) return 'search index (Pagefind)';
  if (/^topics(\/|\.opml$)/.test(p)) return 'topic feeds';
  if (/(^|\/)archive\//.test(p)) return 'feed archives';
  if (/(^|\/)(?:atom\.xml|rss\.xml|feed\.json|issues\.xml|issues\.json)$/.test(p)) return 'feeds';
  if (/^\d{4}-\d{2}-\d{2}\.html$/.test(p)) return 'day pages';
  return 'other';
}

/** Files and bytes under `dir` by kind, and in all. */
export function outputSizes(dir: string): { byKind: Record<OutputKind, KindSize>; total: KindSize } {
  const byKind = Object.fromEntries(OUTPUT_KINDS.map((k) => [k, { files: 0, bytes: 0 }])) as Record<OutputKind, KindSize>;
  const total = { files: 0, bytes: 0 };
  for (const path of filesUnder(dir)) {
    const bytes = statSync(join(dir, path)).size;
    const kind = byKind[outputKind(path)];
    kind.files++;
    kind.bytes += bytes;
    total.files++;
    total.bytes += bytes;
  }
  return { byKind, total };
}
