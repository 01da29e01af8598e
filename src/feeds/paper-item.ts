/**
 * A paper as a format-neutral feed item, at one of the content levels (`full`, `short`, `links`).
 */
import type { Config } from '../config/schema.js';
import { safeHttpUrl, shorten } from '../text/escape.js';
import type { CatalogEntry } from '../project/catalog.js';
import { fullTextLink } from '../view/full-text-link.js';
import { paperEntryHtml } from './entry-html.js';
import type { UiStrings } from '../view/ui-strings.js';
import { entryInstant } from './entry-time.js';
import type { ContentLevel, FeedItem } from './feed-document.js';
import { paperTitle } from '../view/paper-title.js';

/** Characters of the abstract kept at the `short` level. */
export const SHORT_SUMMARY_CHARS = 100;
/** Characters of the plain-text summary (RSS description, JSON summary) at the `full` level. */
const SUMMARY_CHARS = 240;

/** A paper's feed item's date: its day's start plus a second for every paper listed from it to the day's end (`entryInstant`: the first listed is the newest). */
export function paperItemDate(entry: CatalogEntry, timeZone: string): Date {
  return entryInstant(entry.paper.date, timeZone, entry.indexInDay, entry.dayCount);
}

/** A paper's feed item; the id is its canonical abstract-page URL, the same in every format and at every level. */
export function paperItem(entry: CatalogEntry, sourceName: string, config: Config, words: UiStrings, level: ContentLevel = 'full'): FeedItem {
  const paper = entry.paper;
  const id = new URL(paper.url).href;
  const extension: Record<string, unknown> = { id: paper.id, source: paper.source, digest_date: paper.date };
  if (paper.version !== undefined) extension.version = paper.version;
  if (paper.titleEn) extension.title_en = paper.titleEn;
  if (paper.codeUrl) extension.code_url = paper.codeUrl;
  if (paper.publishedDate) extension.published_date = paper.publishedDate;
  const item: FeedItem = {
    id,
    url: id,
    title: paperTitle(paper, words),
    date: paperItemDate(entry, config.timeZone),
    authors: paper.authors,
    categories: [{ term: paper.source, label: sourceName }],
  };
  // Machine-readable extras (JSON Feed `_digestcast`), left out with the body at the `links` level.
  if (level !== 'links') item.extension = extension;
  if (level === 'full') item.contentHtml = paperEntryHtml(paper, sourceName, words);
  else if (level === 'short') item.contentHtml = paperEntryHtml(paper, sourceName, words, SHORT_SUMMARY_CHARS);
  if (level === 'full' && paper.summary) item.summaryText = shorten(paper.summary.replace(/\s+/g, ' '), SUMMARY_CHARS);
  const full = fullTextLink(paper, words);
  const related: { href: string; title: string }[] = [];
  if (full?.isPdf) item.enclosure = { url: full.href, type: 'application/pdf', title: words.pdf };
  else if (full) related.push({ href: full.href, title: full.label });
  const code = safeHttpUrl(paper.codeUrl);
  if (code) related.push({ href: code, title: words.code });
  if (related.length > 0) item.related = related;
  return item;
}
