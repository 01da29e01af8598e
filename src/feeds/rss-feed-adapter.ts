/**
 * The only module that talks to `feed` (6.0.0): RSS 2.0 channel and items as `feed` writes them,
 * with every workaround for its defects (and those of xml-js, which it writes with) in one place.
 * Each workaround is a named step below that says which defect it covers;
 * test/feeds/rss-feed-adapter.test.ts checks that each defect is still there in `feed` (and fails,
 * saying which workaround to remove, once it is gone) and that the adapter's output is right.
 *
 * Defects worked around:
 * - `CONTROL_CHARACTERS`: control characters are passed through, which makes the XML unreadable;
 * - `ENTITY_COLLAPSE`: xml-js turns a literal `&amp;` in element text into `&`;
 * - `CDATA_SPLIT`: text in CDATA (title, description) has only its first `]]>` split;
 * - `AUTHOR_NOT_EMAIL`: item authors go into RSS `<author>`, which RSS 2.0 wants to be an email;
 * - `NAMESPACES_WITH_CONTENT`: `xmlns:dc` is declared only when some item has `content`;
 * - `GUID_NOT_PERMALINK`: an item `id` is always written `isPermaLink="false"`;
 * - `ENCLOSURE_TYPE_GUESSED`: an enclosure's type is guessed as `image/<extension of the URL>`;
 * - `SELF_LINK_SHARED`: the RSS self link is taken from the `feed` option (Atom's) before `feedLinks.rss`;
 * - `ONE_ATOM_LINK`: a channel extension named `atom:link` replaces the self link `feed` wrote;
 * - `ATTRIBUTES_UNESCAPED`: extension attributes are written with only `"` escaped;
 * - `EXTENSION_OBJECTS_TYPE`: `Extension.objects` is typed as a record, though repeated elements need an array.
 *
 * Not workarounds, but also here because they depend on how `feed` lays its output out: items
 * are written once each and cut out of a one-item document (so a document is assembled from
 * cached items), and an item without a body can be put on one line.
 */
import { Feed, type Extension, type Item } from 'feed';
import { cleanText, escapeHtml } from '../text/escape.js';

/** An RSS channel: everything but its items. */
export interface RssChannel {
  title: string;
  description: string;
  /** The site page of the feed (`<link>`). */
  homeUrl: string;
  /** This document's URL (`atom:link rel="self"`). */
  selfUrl: string;
  language: string;
  /** Newest entry's date (`lastBuildDate`). */
  updated: Date;
  generator: string;
  /** Relative href of an XSLT style sheet. */
  stylesheetHref?: string;
  /** RFC 5005 `prev-archive`: the archive document before this one (an Atom document). */
  prevArchiveUrl?: string;
}

/** One RSS item. */
export interface RssItem {
  /** Plain text. */
  title: string;
  /** The entry's permanent URL: `<link>` and the `<guid isPermaLink="true">`. */
  permalink: string;
  /** `pubDate` (written in GMT). */
  date: Date;
  /** Plain text (`description`). */
  summaryText?: string;
  /** Escaped HTML (`content:encoded`). */
  contentHtml?: string;
  /** Category labels. */
  categories: string[];
  /** Author names (`dc:creator`, one element each). */
  authors: string[];
  enclosure?: { url: string; type: string };
  /** `dc:date`, as given (RFC 3339 in the feed's time zone). */
  zonedDate?: string;
}

/**
 * Defect CONTROL_CHARACTERS: `feed` (and xml-js) pass C0/C1 control characters through into the
 * document, where XML 1.0 forbids them: readers refuse the whole feed. Removed first.
 */
export function withoutControlCharacters(text: string): string {
  return cleanText(text);
}

/**
 * Defect ENTITY_COLLAPSE: xml-js "desanitizes" `&amp;` in element text before escaping it, so the
 * literal text `A &amp; B` comes out as `A &amp; B`, which reads back as `A & B`. Its `&` is
 * given pre-escaped so that xml-js's undoing of it restores the text.
 */
export function keepLiteralAmpEntity(text: string): string {
  return text.replace(/&amp;/g, '&amp;amp;');
}

/** Text for an element `feed` writes as text (not CDATA): both text workarounds. */
function elementText(text: string): string {
  return keepLiteralAmpEntity(withoutControlCharacters(text));
}

/**
 * Defect CDATA_SPLIT: `feed` puts titles and descriptions in CDATA, and xml-js splits only the
 * first `]]>` in it; a second one ends the CDATA early and breaks the document. They are given
 * entity-escaped (so no `]]>` is left), which readers decode like any HTML in these elements.
 */
export function cdataSafe(text: string): string {
  return escapeHtml(text);
}

/**
 * Defect ATTRIBUTES_UNESCAPED: xml-js escapes only `"` in attribute values, and `feed` passes
 * extension attributes to it as given; a `&` or `<` in a URL would break the document.
 */
export function attributeSafe(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}

/** One element in xml-js's compact form, as `feed` passes extension objects to it. */
interface XmlElement {
  _text?: string;
  _attributes?: Record<string, string>;
}

/**
 * Defect EXTENSION_OBJECTS_TYPE: `feed` declares `Extension.objects` as `Record<string, unknown>`,
 * but xml-js writes repeated elements (several `dc:creator`, several `atom:link`) only from an
 * array, which TypeScript does not take for a record. An array that is also declared a record
 * (which every array is at run time) passes without a cast.
 */
export class ElementList extends Array<XmlElement> {
  [key: string]: unknown;

  /** A list of the given elements. */
  static ofElements(elements: readonly XmlElement[]): ElementList {
    const list = new ElementList();
    list.push(...elements);
    return list;
  }
}

/**
 * Defect AUTHOR_NOT_EMAIL: `feed` writes item authors as RSS `<author>`, which RSS 2.0 defines
 * as an email address; names alone make the feed invalid. They go out as Dublin Core
 * `dc:creator` elements (an item extension) instead.
 */
export function creatorExtension(authors: readonly string[]): Extension[] {
  if (authors.length === 0) return [];
  return [{ name: 'dc:creator', objects: ElementList.ofElements(authors.map((name) => ({ _text: elementText(name) }))) }];
}

/**
 * Defect ENCLOSURE_TYPE_GUESSED: without a `type`, `feed` writes `image/<the URL's extension>`
 * (`image/pdf`, or `image/00001v1` for an arXiv URL), so the type is always given. The length is
 * given too, as 0: RSS 2.0 requires the attribute, the size is unknown without fetching the
 * PDF, and the RSS Advisory Board's Best Practices Profile says to use 0 for an unknown length
 * (`feed` writes 0 by default too; stated here so it does not depend on that).
 */
export function enclosureOf(enclosure: { url: string; type: string }): NonNullable<Item['enclosure']> {
  return { url: enclosure.url, type: enclosure.type, length: 0 };
}

/**
 * Defect GUID_NOT_PERMALINK: `feed` writes an item's `id` (or `guid`) as a guid with
 * `isPermaLink="false"`, even when it is the entry's permanent URL. The permalink is given as
 * `link` only, without `id`, which `feed` then writes as the guid with `isPermaLink="true"`.
 */
export function permalinkFields(permalink: string): Pick<Item, 'link'> {
  return { link: permalink };
}

/**
 * Defect SELF_LINK_SHARED: `feed` takes the RSS self link from its `feed` option first (which its
 * Atom output uses too) and only then from `feedLinks.rss`; the self link goes in
 * `feedLinks.rss` alone, so it cannot be the Atom document's.
 */
export function selfLinkOptions(selfUrl: string): { feedLinks: { rss: string } } {
  return { feedLinks: { rss: selfUrl } };
}

/**
 * Defect ONE_ATOM_LINK: `feed` has no option for other channel `atom:link`s (RFC 5005's
 * `prev-archive`), and a channel extension named `atom:link` replaces the element `feed` wrote
 * for the self link. The extension restates the self link, then adds `prev-archive`.
 */
export function archiveLinksExtension(selfUrl: string, prevArchiveUrl: string): Extension {
  return {
    name: 'atom:link',
    objects: ElementList.ofElements([
      { _attributes: { href: attributeSafe(selfUrl), rel: 'self', type: 'application/rss+xml' } },
      { _attributes: { href: attributeSafe(prevArchiveUrl), rel: 'prev-archive', type: 'application/atom+xml' } },
    ]),
  };
}

/**
 * Defect NAMESPACES_WITH_CONTENT: `feed` declares `xmlns:dc` (and `xmlns:content`) only when an
 * item has `content`, whatever extensions use the prefix; a document of items without a body
 * would use `dc:` undeclared. Channels are written with this item (and then their items put in
 * its place), so both are always declared.
 */
function namespacePlaceholder(channel: RssChannel): Item {
  return { title: 'placeholder', link: channel.homeUrl, date: channel.updated, content: 'placeholder' };
}

/** The RSS document of a channel, cut where its items go: `head + items + tail`, each item on its own line(s) ending in a line break. */
export function rssChannelParts(channel: RssChannel): { head: string; tail: string } {
  const feed = new Feed({
    title: elementText(channel.title),
    description: elementText(channel.description),
    link: channel.homeUrl,
    language: channel.language,
    updated: channel.updated,
    generator: channel.generator,
    ...selfLinkOptions(channel.selfUrl),
    ...(channel.stylesheetHref ? { stylesheet: channel.stylesheetHref } : {}),
  });
  if (channel.prevArchiveUrl) feed.addExtension(archiveLinksExtension(channel.selfUrl, channel.prevArchiveUrl));
  feed.addItem(namespacePlaceholder(channel));
  const doc = feed.rss2();
  const { start, end } = onlyItemBounds(doc);
  return { head: doc.slice(0, start), tail: doc.slice(end) };
}

/**
 * One `<item>` element as `feed` writes it inside a channel (indented, without the line's end).
 * `oneLine` puts it on one line (for items without a body, where nothing in it spans lines).
 */
export function rssItemXml(item: RssItem, options: { oneLine: boolean }): string {
  // The channel only carries the item: what it says is cut away.
  const feed = new Feed({ title: 'item' });
  feed.addItem({
    title: cdataSafe(item.title),
    ...permalinkFields(item.permalink),
    date: item.date,
    description: cdataSafe(item.summaryText ?? ''),
    ...(item.contentHtml !== undefined ? { content: withoutControlCharacters(item.contentHtml) } : {}),
    category: item.categories.map((label) => ({ name: elementText(label) })),
    ...(item.enclosure ? { enclosure: enclosureOf(item.enclosure) } : {}),
    // One extension per element name: `feed` keys items by it.
    extensions: [...creatorExtension(item.authors), ...(item.zonedDate !== undefined ? [{ name: 'dc:date', objects: { _text: item.zonedDate } }] : [])],
  });
  const doc = feed.rss2();
  const { start, end } = onlyItemBounds(doc);
  const xml = doc.slice(start, end).replace(/\n$/, '');
  return options.oneLine ? xml.replace(/\n\s*/g, '') : xml;
}

/**
 * Where the only item of a document starts (its line) and ends (after `</item>` and the line
 * end). Item text is escaped or in CDATA with `]]>` removed, so the tags found are the element's own.
 */
function onlyItemBounds(doc: string): { start: number; end: number } {
  const open = doc.indexOf('<item>');
  const close = doc.lastIndexOf('</item>') + '</item>'.length;
  return { start: doc.lastIndexOf('\n', open) + 1, end: doc[close] === '\n' ? close + 1 : close };
}
