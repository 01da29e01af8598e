/**
 * JSON Feed 1.1 documents. Built as a typed object and serialised with JSON.stringify:
 * `feed` 6.0.0 writes JSON Feed 1.0 (no `authors`, `language` or `attachments`), and JSON
 * needs no other library.
 */
import { cleanText } from '../text/escape.js';
import type { FeedItem, FeedMeta } from './feed-document.js';
import { rfc3339 } from './entry-time.js';

/** JSON Feed 1.1 author object. */
interface JsonFeedAuthor {
  name: string;
  url?: string;
}

/** Serialises a feed as JSON Feed 1.1. */
export function jsonFeed(meta: FeedMeta, items: readonly FeedItem[]): string {
  const author: JsonFeedAuthor = { name: cleanText(meta.author.name) };
  if (meta.author.url) author.url = meta.author.url;
  const doc = {
    version: 'https://jsonfeed.org/version/1.1',
    title: cleanText(meta.title),
    home_page_url: meta.homeUrl,
    feed_url: meta.selfUrl,
    ...(meta.subtitle ? { description: cleanText(meta.subtitle) } : {}),
    language: meta.language,
    authors: [author],
    items: items.map((item) => ({
      id: item.id,
      url: item.url,
      title: cleanText(item.title),
      content_html: cleanText(item.contentHtml),
      ...(item.summaryText ? { summary: cleanText(item.summaryText) } : {}),
      date_published: rfc3339(item.date, meta.timeZone),
      date_modified: rfc3339(item.date, meta.timeZone),
      ...(item.authors.length > 0 ? { authors: item.authors.map((name) => ({ name: cleanText(name) })) } : {}),
      tags: item.categories.map((c) => cleanText(c.label)),
      language: meta.language,
      ...(item.enclosure ? { attachments: [{ url: item.enclosure.url, mime_type: item.enclosure.type, title: cleanText(item.enclosure.title) }] } : {}),
      ...(item.extension ? { _digestcast: item.extension } : {}),
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
