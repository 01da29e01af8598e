/**
 * RSS 2.0 documents, written with `feed` 6.0.0, where it is right, with these workarounds:
 * - control characters are removed first (`feed` passes them through, which breaks XML);
 * - self links go through `feedLinks.rss`, not `feed` (which would set Atom's too);
 * - titles are given entity-escaped: `feed` wraps them in CDATA and only splits the first `]]>`;
 * - authors go out as `dc:creator` (an item extension), since RSS `author` wants an email;
 * - each item with a body also carries `dc:date` in the feed's time zone (RFC 3339 with its offset): RSS
 *   `pubDate` is written in GMT, where a digest day's midnight in Asia/Shanghai is the evening
 *   before, and `feed.xsl` shows the digest's own date from it;
 * - the guid is the entry's permalink, given as `link` so `feed` marks it `isPermaLink="true"`;
 * - the enclosure carries its MIME type (`application/pdf`) explicitly, and `length="0"`: RSS 2.0
 *   requires the attribute, the size is unknown without fetching the PDF, and the RSS Advisory
 *   Board's Best Practices Profile says to use 0 for an unknown length;
 * - an RFC 5005 `prev-archive` link goes in as a channel extension that restates the self link
 *   (an extension named `atom:link` replaces the element `feed` wrote for `feedLinks.rss`).
 */
import { Feed } from 'feed';
import { cleanText, escapeHtml } from '../text/escape.js';
import { rfc3339 } from './entry-time.js';
import type { FeedItem, FeedMeta } from './feed-document.js';

/** Serialised `<item>`s, made once per item (with `feed`) and placed into each document it stands in. */
const itemXml = new WeakMap<FeedItem, string>();

/** Serialises a feed as RSS 2.0. */
export function rssXml(meta: FeedMeta, items: readonly FeedItem[], generator: { uri?: string; version: string }): string {
  // The channel is written with one placeholder item (so `feed` declares the dc: and content:
  // namespaces whatever the items carry), which is then replaced by the items.
  const feed = channel(meta, generator);
  feed.addItem({ title: 'placeholder', link: meta.homeUrl, date: meta.updated, content: 'placeholder' });
  const doc = feed.rss2();
  const { start, end } = itemBounds(doc);
  const body = items.map((item) => {
    let xml = itemXml.get(item);
    if (xml === undefined) itemXml.set(item, (xml = serializeItem(item, meta)));
    return xml;
  });
  return `${doc.slice(0, start)}${body.map((xml) => `${xml}\n`).join('')}${doc.slice(end)}`;
}

function channel(meta: FeedMeta, generator: { uri?: string; version: string }): Feed {
  const feed = new Feed({
    title: cleanText(meta.title),
    description: cleanText(meta.subtitle ?? meta.title),
    id: meta.selfUrl,
    link: meta.homeUrl,
    language: meta.language,
    updated: meta.updated,
    generator: `digestcast ${generator.version}${generator.uri ? ` (${generator.uri})` : ''}`,
    feedLinks: { rss: meta.selfUrl },
    copyright: '',
    ...(meta.stylesheetHref ? { stylesheet: meta.stylesheetHref } : {}),
  });
  if (meta.archive?.prev) {
    feed.addExtension({
      name: 'atom:link',
      objects: [
        { _attributes: { href: meta.selfUrl, rel: 'self', type: 'application/rss+xml' } },
        { _attributes: { href: meta.archive.prev, rel: 'prev-archive', type: 'application/atom+xml' } },
      ] as unknown as Record<string, unknown>,
    });
  }
  return feed;
}

/** One `<item>` element as `feed` writes it inside a channel (indented, without the line's end). */
function serializeItem(item: FeedItem, meta: FeedMeta): string {
  const hasBody = item.contentHtml !== undefined || item.summaryText !== undefined;
  const feed = new Feed({ title: 'x', id: meta.selfUrl, link: meta.homeUrl, copyright: '' });
  feed.addItem({
    title: escapeHtml(item.title),
    link: item.id,
    date: item.date,
    description: escapeHtml(item.summaryText ?? ''),
    ...(item.contentHtml !== undefined ? { content: cleanText(item.contentHtml) } : {}),
    category: item.categories.map((c) => ({ name: cleanText(c.label) })),
    ...(item.enclosure ? { enclosure: { url: item.enclosure.url, type: item.enclosure.type, length: 0 } } : {}),
    // One extension per element name: `feed` keys items by it. xml-js writes each { _text } as an element.
    extensions: [
      ...(item.authors.length > 0 ? [{ name: 'dc:creator', objects: item.authors.map((name) => ({ _text: cleanText(name) })) as unknown as Record<string, unknown> }] : []),
      // Not at the `links` level, the form for fitting the byte budget: there feed.xsl shows pubDate.
      ...(hasBody ? [{ name: 'dc:date', objects: { _text: rfc3339(item.date, meta.timeZone) } }] : []),
    ],
  });
  const doc = feed.rss2();
  const { start, end } = itemBounds(doc);
  const xml = doc.slice(start, end).replace(/\n$/, '');
  // Without a body (the `links` level) nothing in the item spans lines: it goes on one line.
  return hasBody ? xml : xml.replace(/\n\s*/g, '');
}

/** Where the (only) item of a document starts (its line) and ends (after `</item>` and the line end). Item text is escaped, so the tags are the element's own. */
function itemBounds(doc: string): { start: number; end: number } {
  const open = doc.indexOf('<item>');
  const close = doc.lastIndexOf('</item>') + '</item>'.length;
  return { start: doc.lastIndexOf('\n', open) + 1, end: doc[close] === '\n' ? close + 1 : close };
}
