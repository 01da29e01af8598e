/**
 * JSON Feed 1.1 documents. Built as a typed object and serialised with JSON.stringify:
 * `feed` 6.0.0 writes JSON Feed 1.0 (no `authors`, `language` or `attachments`), and JSON
 * needs no other library. The feed's fields are indented, each item is on one line (a busy
 * week has thousands; indenting them would add a third to the file).
 */
import { cleanText } from '../text/escape.js';
import type { FeedItem, FeedMeta } from './feed-document.js';
import { rfc3339 } from './entry-time.js';

/** JSON Feed 1.1 author object. */
interface JsonFeedAuthor {
  name: string;
  url?: string;
}

/** A JSON Feed document around its items' text (lines joined by `,` and a line break). */
export function jsonDocument(meta: FeedMeta, body: string): string {
  const author: JsonFeedAuthor = { name: cleanText(meta.author.name) };
  if (meta.author.url) author.url = meta.author.url;
  const head = {
    version: 'https://jsonfeed.org/version/1.1',
    title: cleanText(meta.title),
    home_page_url: meta.homeUrl,
    feed_url: meta.selfUrl,
    ...(meta.subtitle ? { description: cleanText(meta.subtitle) } : {}),
    language: meta.language,
    authors: [author],
    items: [] as unknown[],
  };
  const doc = JSON.stringify(head, null, 2);
  // A function, not a replacement string: in one, `$&`, `$'` and `` $` `` of an abstract's LaTeX would be replaced.
  return `${body ? doc.replace(/"items": \[\]\n\}$/, () => `"items": [\n${body}\n  ]\n}`) : doc}\n`;
}

/** An item as JSON Feed 1.1 writes it, on one line (the document indents it). */
export function jsonItemLine(item: FeedItem, meta: FeedMeta): string {
  return JSON.stringify(jsonItem(item, meta));
}

function jsonItem(item: FeedItem, meta: FeedMeta): Record<string, unknown> {
  return {
    id: item.id,
    url: item.url,
    title: cleanText(item.title),
    // JSON Feed requires a body; at the `links` level there is none (the links are url and attachments).
    ...(item.contentHtml !== undefined ? { content_html: cleanText(item.contentHtml) } : { content_text: '' }),
    ...(item.summaryText ? { summary: cleanText(item.summaryText) } : {}),
    date_published: rfc3339(item.date, meta.timeZone),
    ...(item.authors.length > 0 ? { authors: item.authors.map((name) => ({ name: cleanText(name) })) } : {}),
    tags: item.categories.map((c) => cleanText(c.label)),
    ...(item.enclosure ? { attachments: [{ url: item.enclosure.url, mime_type: item.enclosure.type, title: cleanText(item.enclosure.title) }] } : {}),
    ...(item.extension ? { _digestcast: item.extension } : {}),
  };
}
