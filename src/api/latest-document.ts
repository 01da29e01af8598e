/**
 * `api/latest.json`: the newest day in brief (its date, each source's status and count) and
 * where its papers are. Small on purpose: it changes every day and agents poll it; the day's
 * papers are in `api/daily/DATE.json`, which does not change once the day is published and so
 * caches well.
 */
import type { Config } from '../config/schema.js';
import type { OutputFile } from '../project/output-file.js';
import { sitePaths } from '../project/site-paths.js';
import { apiJson } from './api-json.js';
import { API_VERSION, apiExportLinks, type ApiExportLinks, apiSiteUrl, apiUrl } from './api-version.js';
import { type DayOutline, outlinePapers, type SourceOutline } from './day-outline.js';
import type { ApiSite } from './index-documents.js';

/** The whole `api/latest.json` document. */
export interface ApiLatestDocument {
  version: typeof API_VERSION;
  date: string;
  papers: number;
  sources: SourceOutline[];
  site: ApiSite;
  links: { self: string; daily: string; page: string; index: string; exports: ApiExportLinks };
}

/** Renders `api/latest.json` from the outlines of the days (any order); undefined when there is no day. */
export function apiLatestDocument(outlines: readonly DayOutline[], config: Pick<Config, 'siteUrl' | 'title' | 'language'>): OutputFile | undefined {
  const newest = outlines.reduce<DayOutline | undefined>((best, o) => (!best || o.date > best.date ? o : best), undefined);
  if (!newest) return undefined;
  const url = (path: string) => apiUrl(config, path);
  const document: ApiLatestDocument = {
    version: API_VERSION,
    date: newest.date,
    papers: outlinePapers(newest),
    sources: newest.sources.map((s) => ({ ...s })),
    site: { title: config.title, url: apiSiteUrl(config), language: config.language },
    links: {
      self: url(sitePaths.apiLatest),
      daily: url(sitePaths.apiDaily(newest.date)),
      page: url(sitePaths.dayPage(newest.date)),
      index: url(sitePaths.apiIndex),
      exports: apiExportLinks(config, newest.date),
    },
  };
  return { path: sitePaths.apiLatest, content: apiJson(document) };
}
