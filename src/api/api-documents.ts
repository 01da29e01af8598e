/**
 * What the build calls for the static JSON API: one document per day that changed, and the
 * documents made from the outlines of every day (index, source indexes, latest).
 */
import type { Config } from '../config/schema.js';
import { API_PAGE_SIZE } from './api-version.js';
import type { OutputFile } from '../project/output-file.js';
import { apiIndexDocuments } from './index-documents.js';
import { apiLatestDocument } from './latest-document.js';
import type { DayOutline } from './day-outline.js';
import { apiSourceIndexDocuments } from './source-index-documents.js';

export { dailyApiDocument } from './daily-document.js';
export { apiOutline, dayOutline, type DayOutline } from './day-outline.js';

/**
 * `api/latest.json`, `api/index.json`, `api/index/page-N.json`, `api/sources/SOURCE.json` and
 * `api/sources/SOURCE/page-N.json`, from the outlines of every day of the history (any order).
 * Complete pages come out byte-identical from one day to the next; write them only if changed.
 */
export function apiListDocuments(outlines: readonly DayOutline[], config: Pick<Config, 'siteUrl' | 'title' | 'language'>, pageSize = API_PAGE_SIZE): OutputFile[] {
  const latest = apiLatestDocument(outlines, config);
  return [...(latest ? [latest] : []), ...apiIndexDocuments(outlines, config, pageSize), ...apiSourceIndexDocuments(outlines, config, pageSize)];
}
