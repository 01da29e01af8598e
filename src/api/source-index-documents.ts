/**
 * `api/sources/SOURCE.json` and `api/sources/SOURCE/page-N.json`: the days of one source, with
 * its status and count each day. Made from day outlines, not full days.
 */
import type { Config } from '../config/schema.js';
import type { SourceStatus } from '../model.js';
import type { OutputFile } from '../project/output-file.js';
import { sitePaths } from '../project/site-paths.js';
import { sourceAnchor } from '../view/anchors.js';
import { API_PAGE_SIZE, apiUrl } from './api-version.js';
import type { ApiFailure, DayOutline } from './day-outline.js';
import { dayListDocuments } from './day-list.js';
import { sourcesOf } from './source-list.js';

/** A day in a source's index. */
export interface ApiSourceDay {
  date: string;
  status: SourceStatus;
  count: number;
  failure?: ApiFailure;
  /** `page`: the source's section of the day page. */
  links: { daily: string; page: string };
}

/** Renders every source's index documents (head and pages), for each source that appears in the days. */
export function apiSourceIndexDocuments(outlines: readonly DayOutline[], config: Pick<Config, 'siteUrl'>, pageSize = API_PAGE_SIZE): OutputFile[] {
  const url = (path: string) => apiUrl(config, path);
  return sourcesOf(outlines).flatMap((source) => {
    const entries: ApiSourceDay[] = [];
    for (const outline of outlines) {
      const s = outline.sources.find((x) => x.source === source.source);
      if (!s) continue;
      entries.push({
        date: outline.date,
        status: s.status,
        count: s.count,
        ...(s.failure ? { failure: { ...s.failure } } : {}),
        links: { daily: url(sitePaths.apiDaily(outline.date)), page: `${url(sitePaths.dayPage(outline.date))}#${sourceAnchor(s.source)}` },
      });
    }
    return dayListDocuments({
      entries,
      papersOf: (e) => e.count,
      pageSize,
      headPath: sitePaths.apiSourceIndex(source.source),
      pagePath: (page) => sitePaths.apiSourceIndexPage(source.source, page),
      url,
      identity: { source: source.source, sourceName: source.sourceName },
      pageLinks: { sourceIndex: url(sitePaths.apiSourceIndex(source.source)), index: url(sitePaths.apiIndex) },
      headLinks: { index: url(sitePaths.apiIndex) },
      headFields: {},
    });
  });
}
