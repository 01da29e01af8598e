/**
 * Atom (RFC 4287) documents, with RFC 5005 archive links: the document with fast-xml-parser's
 * XMLBuilder, its entries written directly in the same form (see `atomEntryXml`).
 *
 * Not with `feed` 6.0.0: its Atom has no `xml:lang`, rewrites ids as URLs, ignores the
 * enclosure `type`, leaves attribute values unescaped, and ties both self links to one
 * option — none of which can be fixed from outside it. Text and attributes are escaped
 * (`xmlEscaped`, as XMLBuilder escapes them); control characters are removed before (`cleanText`).
 * (xmlbuilder2 was tried first and took 0.2 ms an entry, which alone broke the 2 s build budget.)
 *
 * An entry appears in two subscription feeds (all sources and its source's), so entries are
 * serialised once (`atomEntryXml`) and placed into each document; archive pages hold shorter
 * pointer entries (`atomArchiveEntryXml`).
 */
import { XMLBuilder } from 'fast-xml-parser';
import { cleanText } from '../text/escape.js';
import { rfc3339 } from './entry-time.js';
import { XML_BUILDER_OPTIONS } from './xml-builder-options.js';
import type { FeedItem, FeedMeta } from './feed-document.js';

const ATOM = 'http://www.w3.org/2005/Atom';
const FH = 'http://purl.org/syndication/history/1.0';
const ENTRIES_MARK = 'digestcast:entries';

const builder = new XMLBuilder({ ...XML_BUILDER_OPTIONS, commentPropName: '#comment', indentBy: '  ', format: true });

type XmlNode = Record<string, unknown>;

const text = (value: string, attributes: Record<string, string> = {}): XmlNode => ({ ...prefixed(attributes), '#text': cleanText(value) });
const empty = (attributes: Record<string, string | undefined>): XmlNode => prefixed(attributes);

function prefixed(attributes: Record<string, string | undefined>): XmlNode {
  const out: XmlNode = {};
  for (const [k, v] of Object.entries(attributes)) if (v !== undefined) out[`@_${k}`] = cleanText(v);
  return out;
}

/**
 * One `<entry>`, serialised. It is only ever placed inside a `<feed>` whose default
 * namespace is Atom's, so it declares none itself. An entry without a body (the `links`
 * level) is written on one line and without `published` (optional; `updated` says the same).
 *
 * Written directly, byte for byte as XMLBuilder writes the same nodes with the document's
 * options (indented by two spaces, an element without text closed as `<name/>`, text and
 * attributes escaped by `xmlEscaped`): a cold build of a long history serialises thousands of
 * entries at each content level, and XMLBuilder took about four times as long.
 * test/feeds/atom-entry.test.ts holds XMLBuilder's serialisation of the same nodes and checks
 * that both agree on arbitrary items.
 */
export function atomEntryXml(item: FeedItem, timeZone: string): string {
  const date = rfc3339(item.date, timeZone);
  const full = item.contentHtml !== undefined;
  // Without a body, attributes that only restate Atom's defaults (text titles) or the obvious are left out.
  const parts = [xmlElement('id', item.id), full ? xmlElement('title', item.title, ' type="text"') : xmlElement('title', item.title)];
  if (full) parts.push(xmlElement('published', date));
  parts.push(xmlElement('updated', date));
  const [open, close] = full ? ['<author>\n    ', '\n  </author>'] : ['<author>', '</author>'];
  for (const name of item.authors) parts.push(`${open}${xmlElement('name', name)}${close}`);
  parts.push(`<link${xmlAttributes({ rel: 'alternate', type: full ? 'text/html' : undefined, href: item.url })}/>`);
  if (item.enclosure) parts.push(`<link${xmlAttributes({ rel: 'enclosure', type: item.enclosure.type, href: item.enclosure.url, title: full ? item.enclosure.title : undefined })}/>`);
  for (const r of item.related ?? []) parts.push(`<link${xmlAttributes({ rel: 'related', type: full ? 'text/html' : undefined, href: r.href, title: full ? r.title : undefined })}/>`);
  for (const c of item.categories) parts.push(`<category${xmlAttributes({ term: c.term, label: c.label })}/>`);
  if (full) parts.push(xmlElement('content', item.contentHtml!, ' type="html"'));
  return full ? `<entry>\n  ${parts.join('\n  ')}\n</entry>` : `<entry>${parts.join('')}</entry>`;
}

/** `<name attributes>text</name>`, or `<name attributes/>` when the text is empty (once cleaned), as XMLBuilder writes it. */
function xmlElement(name: string, text: string, attributes = ''): string {
  const escaped = xmlEscaped(text);
  return escaped === '' ? `<${name}${attributes}/>` : `<${name}${attributes}>${escaped}</${name}>`;
}

/** ` name="value"` for each attribute that has a value, in order. */
function xmlAttributes(attributes: Record<string, string | undefined>): string {
  let out = '';
  for (const [name, value] of Object.entries(attributes)) if (value !== undefined) out += ` ${name}="${xmlEscaped(value)}"`;
  return out;
}

/** Serialises a feed as an Atom document from already-serialised entries (`atomEntryXml`). */
export function atomXml(meta: FeedMeta, entries: readonly string[], generator: { uri?: string; version?: string }): string {
  return atomDocument(meta, entries.join('\n'), generator);
}

/** An Atom document around its entries' text (`<entry>`s joined by line breaks, as `atomXml` joins them). */
export function atomDocument(meta: FeedMeta, body: string, generator: { uri?: string; version?: string }): string {
  const links = [empty({ rel: 'self', type: 'application/atom+xml', href: meta.selfUrl }), empty({ rel: 'alternate', type: 'text/html', href: meta.homeUrl })];
  const archive = meta.archive;
  if (archive?.current) links.push(empty({ rel: 'current', type: 'application/atom+xml', href: archive.current }));
  if (archive?.prev) links.push(empty({ rel: 'prev-archive', type: 'application/atom+xml', href: archive.prev }));
  if (archive?.next) links.push(empty({ rel: 'next-archive', type: 'application/atom+xml', href: archive.next }));
  const author: XmlNode = { name: text(meta.author.name) };
  if (meta.author.email) author.email = text(meta.author.email);
  if (meta.author.url) author.uri = text(meta.author.url);
  const feed: XmlNode = {
    // An archive page's entries link to the day pages relatively: xml:base makes them resolve in a
    // copy stored away from the page's address as well (RFC 4287 §2, XML Base).
    ...prefixed({ xmlns: ATOM, 'xml:lang': meta.language, ...(archive?.current ? { 'xml:base': meta.selfUrl } : {}), ...(archive ? { 'xmlns:fh': FH } : {}) }),
    id: text(meta.selfUrl),
    title: text(meta.title, { type: 'text' }),
    ...(meta.subtitle ? { subtitle: text(meta.subtitle, { type: 'text' }) } : {}),
    updated: rfc3339(meta.updated, meta.timeZone),
    author,
    link: links,
    ...(archive?.isArchive ? { 'fh:archive': '' } : {}),
    generator: text('digestcast', { ...(generator.uri ? { uri: generator.uri } : {}), ...(generator.version ? { version: generator.version } : {}) }),
    '#comment': ENTRIES_MARK,
  };
  const doc: XmlNode = { '?xml': prefixed({ version: '1.0', encoding: 'utf-8' }) };
  if (meta.stylesheetHref) doc['?xml-stylesheet'] = prefixed({ type: 'text/xsl', href: meta.stylesheetHref });
  doc.feed = feed;
  const xml = builder.build(doc) as string;
  const mark = `<!--${ENTRIES_MARK}-->`;
  const at = xml.indexOf(mark);
  return `${xml.slice(0, at).trimEnd()}\n${body}${body ? '\n' : ''}${xml.slice(at + mark.length).replace(/^\n/, '')}`;
}

/** What an archive entry carries: a pointer to the paper, its abstract being on the day page. */
export interface AtomArchiveEntry {
  /** The paper's id, as in the subscription feeds. */
  id: string;
  title: string;
  date: Date;
  /** Its abstract on the day page (`../2025-10-17.html#arxiv-2510.14981`, relative to the archive page). */
  href: string;
  /** Source id (`category` term), so a reader of one source's archive can pick its papers. */
  source: string;
}

/**
 * One archive `<entry>`, on one line: id, title, `updated`, the link to the abstract on the day
 * page and the source as `category` — what RFC 5005 clients need to rebuild the feed's history
 * (ids and dates) and what a person needs to find the paper, at about a quarter of a full entry.
 */
export function atomArchiveEntryXml(entry: AtomArchiveEntry, timeZone: string): string {
  // Written directly (a history holds tens of thousands of these), escaped as XMLBuilder escapes.
  return `<entry><id>${xmlEscaped(entry.id)}</id><title>${xmlEscaped(entry.title)}</title><updated>${rfc3339(entry.date, timeZone)}</updated><link href="${xmlEscaped(entry.href)}"/><category term="${xmlEscaped(entry.source)}"/></entry>`;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text or attribute value as XMLBuilder writes it: `cleanText`, then the five XML entities. */
function xmlEscaped(value: string): string {
  return cleanText(value).replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}
