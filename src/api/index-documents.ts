/**
 * `api/index.json` and `api/index/page-N.json`: every day, with each source's status and count
 * and links to the day's API document and page. Made from day outlines, not full days.
 */
import type { Config } from '../config/schema.js';
import type { OutputFile } from '../project/output-file.js';
import { sitePaths } from '../project/site-paths.js';
import { API_PAGE_SIZE, apiSiteUrl, apiUrl } from './api-version.js';
import { type DayOutline, outlinePapers, type SourceOutline } from './day-outline.js';
import { dayListDocuments } from './day-list.js';
import { sourcesOf } from './source-list.js';

/** A day in the API's index. */
export interface ApiIndexDay {
  date: string;
  /** Papers listed that day, across sources. */
  papers: number;
  sources: SourceOutline[];
  links: { daily: string; page: string };
}

/** The site, as the head document names it. */
export interface ApiSite {
  title: string;
  url: string;
  language: string;
}

/**
 * Renders `api/index.json` (the newest `pageSize` days, newest first, the list of pages and the
 * totals) and every `api/index/page-N.json` (numbered from the oldest day).
 */
export function apiIndexDocuments(outlines: readonly DayOutline[], config: Pick<Config, 'siteUrl' | 'title' | 'language'>, pageSize = API_PAGE_SIZE): OutputFile[] {
  const url = (path: string) => apiUrl(config, path);
  const entries: ApiIndexDay[] = outlines.map((o) => ({
    date: o.date,
    papers: outlinePapers(o),
    sources: o.sources.map((s) => ({ ...s })),
    links: { daily: url(sitePaths.apiDaily(o.date)), page: url(sitePaths.dayPage(o.date)) },
  }));
  const site: ApiSite = { title: config.title, url: apiSiteUrl(config), language: config.language };
  return dayListDocuments({
    entries,
    papersOf: (e) => e.papers,
    pageSize,
    headPath: sitePaths.apiIndex,
    pagePath: sitePaths.apiIndexPage,
    url,
    identity: {},
    pageLinks: { index: url(sitePaths.apiIndex) },
    headLinks: outlines.length > 0 ? { latest: url(sitePaths.apiLatest) } : {},
    headFields: {
      site,
      sources: sourcesOf(outlines).map((s) => ({ ...s, url: url(sitePaths.apiSourceIndex(s.source)) })),
    },
  });
}
