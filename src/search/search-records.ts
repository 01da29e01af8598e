/**
 * What the search index holds: one record per paper of a day, pointing at the paper's anchor on
 * its day page. Pure (no I/O): `search-index.ts` hands the records to Pagefind.
 */
import type { Config } from '../config/schema.js';
import type { Day } from '../model.js';
import { sitePaths } from '../project/site-paths.js';
import { cleanText } from '../text/escape.js';
import { paperAnchor } from '../view/anchors.js';
import { paperTitle } from '../view/paper-title.js';
import { uiStrings } from '../view/ui-strings.js';

/**
 * Language every record is indexed in. The digests are Chinese (machine-translated titles and
 * abstracts, with the English titles and author names among them), whatever language the site's
 * own words are in: Pagefind's Chinese segmentation splits `扩散模型` into words and leaves
 * English words whole.
 */
export const SEARCH_LANGUAGE = 'zh';

/** One paper as Pagefind indexes it (the shape of Pagefind's `addCustomRecord`). */
export interface SearchRecord {
  /** Relative to the site root: `2025-10-17.html#arxiv-2510.14981` (the search page resolves it under the site). */
  url: string;
  /** Searched text: Chinese title, English title, authors, abstract, one per line. */
  content: string;
  language: string;
  /** Shown with a result; Pagefind returns meta raw, the search page escapes it. */
  meta: { title: string; date: string; source: string; authors: string; titleEn?: string };
  /** `source`: the source's display name, for filtering. */
  filters: { source: string[] };
}

/** `2025-10` of `2025-10-17`: the month whose search bundle a day's papers go into. */
export function searchMonth(date: string): string {
  return date.slice(0, 7);
}

/** The records of every paper of a day, in page order (sources, then digest order). */
export function searchRecords(day: Day, config: Pick<Config, 'language'>): SearchRecord[] {
  const words = uiStrings(config.language);
  const records: SearchRecord[] = [];
  for (const source of day.sources) {
    for (const paper of source.papers) {
      const title = cleanText(paperTitle(paper, words));
      const authors = cleanText(paper.authors.join(', '));
      const titleEn = paper.titleEn ? cleanText(paper.titleEn) : undefined;
      const record: SearchRecord = {
        url: `${sitePaths.dayPage(day.date)}#${paperAnchor(paper)}`,
        content: [title, titleEn, authors, cleanText(paper.summary)].filter(Boolean).join('\n'),
        language: SEARCH_LANGUAGE,
        meta: { title, date: day.date, source: source.sourceName, authors },
        filters: { source: [source.sourceName] },
      };
      if (titleEn) record.meta.titleEn = titleEn;
      records.push(record);
    }
  }
  return records;
}
