/**
 * The API's schema version and where its documents point: one place for both.
 */
import type { Config } from '../config/schema.js';
import { sitePaths, siteUrlOf } from '../project/site-paths.js';

/**
 * The `version` every API document carries. Raised when a field is renamed, removed or changes
 * meaning (agents check it); new optional fields do not raise it.
 */
export const API_VERSION = 1;

/** Days on one page of a list of days (the API's index and each source's). */
export const API_PAGE_SIZE = 100;

/** Absolute URL of an output path: every link in the API is absolute (agents fetch documents alone, as feed readers do). */
export function apiUrl(config: Pick<Config, 'siteUrl'>, path: string): string {
  return siteUrlOf(config.siteUrl, path);
}

/** The site's URL as the API names it (percent-encoded, so it is a valid URI whatever the config spells). */
export function apiSiteUrl(config: Pick<Config, 'siteUrl'>): string {
  return new URL(config.siteUrl).href;
}

/** A day's export files as the API links them (`links.exports` of the daily and latest documents). */
export interface ApiExportLinks {
  bibtex: string;
  ris: string;
  csv: string;
}

/** The absolute links of a day's BibTeX, RIS and CSV exports. */
export function apiExportLinks(config: Pick<Config, 'siteUrl'>, date: string): ApiExportLinks {
  return {
    bibtex: apiUrl(config, sitePaths.export(date, 'bib')),
    ris: apiUrl(config, sitePaths.export(date, 'ris')),
    csv: apiUrl(config, sitePaths.export(date, 'csv')),
  };
}
