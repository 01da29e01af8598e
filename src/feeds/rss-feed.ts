/**
 * RSS 2.0 documents of digestcast's feeds, written through `./rss-feed-adapter.ts` (which holds
 * every workaround for `feed`, the library that writes them). Each item with a body also
 * carries `dc:date` in the feed's time zone (RFC 3339 with its offset): RSS `pubDate` is written
 * in GMT, where a digest day's midnight in Asia/Shanghai is the evening before, and `feed.xsl`
 * shows the digest's own date from it.
 */
import { rfc3339 } from './entry-time.js';
import type { FeedItem, FeedMeta } from './feed-document.js';
import { type RssItem, rssChannelParts, rssItemXml } from './rss-feed-adapter.js';

/** An RSS 2.0 document around its items' text (`<item>`s joined by line breaks). */
export function rssDocument(meta: FeedMeta, body: string, generator: { uri?: string; version?: string }): string {
  const { head, tail } = rssChannelParts({
    title: meta.title,
    description: meta.subtitle ?? meta.title,
    homeUrl: meta.homeUrl,
    selfUrl: meta.selfUrl,
    language: meta.language,
    updated: meta.updated,
    generator: `digestcast ${generator.version}${generator.uri ? ` (${generator.uri})` : ''}`,
    ...(meta.stylesheetHref ? { stylesheetHref: meta.stylesheetHref } : {}),
    ...(meta.archive?.prev ? { prevArchiveUrl: meta.archive.prev } : {}),
  });
  return `${head}${body}${body ? '\n' : ''}${tail}`;
}

/** One `<item>`; without a body (the `links` level) it goes on one line. */
export function rssItemXmlOf(item: FeedItem, meta: FeedMeta): string {
  const hasBody = item.contentHtml !== undefined || item.summaryText !== undefined;
  const rssItem: RssItem = {
    title: item.title,
    permalink: item.id,
    date: item.date,
    ...(item.summaryText !== undefined ? { summaryText: item.summaryText } : {}),
    ...(item.contentHtml !== undefined ? { contentHtml: item.contentHtml } : {}),
    categories: item.categories.map((c) => c.label),
    authors: item.authors,
    ...(item.enclosure ? { enclosure: { url: item.enclosure.url, type: item.enclosure.type } } : {}),
    // Not at the `links` level, the form for fitting the byte budget: there feed.xsl shows pubDate.
    ...(hasBody ? { zonedDate: rfc3339(item.date, meta.timeZone) } : {}),
  };
  return rssItemXml(rssItem, { oneLine: !hasBody });
}
