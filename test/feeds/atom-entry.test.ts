/**
 * Atom entries are written directly (`atomEntryXml`), for speed, and must be the bytes
 * fast-xml-parser's XMLBuilder writes for the same nodes (what they were written with before,
 * and what the document around them is written with). The reference below is that earlier
 * serialisation, kept as the test's oracle; the property runs both on arbitrary items. And no
 * XMLBuilder output writes an attribute without its value.
 */
import fc from 'fast-check';
import { XMLBuilder, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.js';
import { atomDocument, atomEntryXml } from '../../src/feeds/atom-feed.js';
import { rfc3339 } from '../../src/feeds/entry-time.js';
import type { FeedItem, FeedMeta } from '../../src/feeds/feed-document.js';
import { opmlXml } from '../../src/feeds/opml.js';
import { buildCatalog } from '../../src/project/catalog.js';
import { cleanText } from '../../src/text/escape.js';

// The document's options (`src/feeds/atom-feed.ts`): 0.7.2 wrote entries without `suppressBooleanAttributes: false`, and so an attribute `true` bare.
const options = { ignoreAttributes: false, attributeNamePrefix: '@_', commentPropName: '#comment', indentBy: '  ', processEntities: true, suppressEmptyNode: true, suppressBooleanAttributes: false };
const builder = new XMLBuilder({ ...options, format: true });
const compactBuilder = new XMLBuilder({ ...options, format: false });
type XmlNode = Record<string, unknown>;
const text = (value: string, attributes: Record<string, string> = {}): XmlNode => ({ ...prefixed(attributes), '#text': cleanText(value) });
const empty = (attributes: Record<string, string | undefined>): XmlNode => prefixed(attributes);
function prefixed(attributes: Record<string, string | undefined>): XmlNode {
  const out: XmlNode = {};
  for (const [k, v] of Object.entries(attributes)) if (v !== undefined) out[`@_${k}`] = cleanText(v);
  return out;
}

/** `atomEntryXml` as it was written with XMLBuilder (0.7.2, but for the options above). */
function referenceEntryXml(item: FeedItem, timeZone: string): string {
  const date = rfc3339(item.date, timeZone);
  const full = item.contentHtml !== undefined;
  const links = [empty({ rel: 'alternate', type: full ? 'text/html' : undefined, href: item.url })];
  if (item.enclosure) links.push(empty({ rel: 'enclosure', type: item.enclosure.type, href: item.enclosure.url, title: full ? item.enclosure.title : undefined }));
  for (const r of item.related ?? []) links.push(empty({ rel: 'related', type: full ? 'text/html' : undefined, href: r.href, title: full ? r.title : undefined }));
  const entry: XmlNode = {
    id: text(item.id),
    title: full ? text(item.title, { type: 'text' }) : text(item.title),
    ...(full ? { published: date } : {}),
    updated: date,
    ...(item.authors.length > 0 ? { author: item.authors.map((name) => ({ name: text(name) })) } : {}),
    link: links,
    ...(item.categories.length > 0 ? { category: item.categories.map((c) => empty({ term: c.term, label: c.label })) } : {}),
    ...(full ? { content: text(item.contentHtml!, { type: 'html' }) } : {}),
  };
  return ((full ? builder : compactBuilder).build({ entry }) as string).trimEnd();
}

const tricky = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('', ' ', '  x  ', 'true', 'tr\u0000ue', '\n', '\r\n', '\t', '<b>', '&amp;', '&', '<', '>', '"', "'", ']]>', '\u0000', '\u0001', '\u007f', '\u0085', '\ufffe', '\ud800', '\u2028', '论文', '$&', '$1'),
);
const field = fc.array(tricky, { maxLength: 4 }).map((parts) => parts.join(''));

const item: fc.Arbitrary<FeedItem> = fc.record(
  {
    id: field,
    url: field,
    title: field,
    contentHtml: field,
    summaryText: field,
    date: fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
    authors: fc.array(field, { maxLength: 3 }),
    // A label may be missing altogether (topic categories have one; a hand-made item need not).
    categories: fc.array(fc.record({ term: field, label: field }, { requiredKeys: ['term'] }), { maxLength: 3 }) as fc.Arbitrary<FeedItem['categories']>,
    enclosure: fc.record({ url: field, type: field, title: field }),
    related: fc.array(fc.record({ href: field, title: field }), { maxLength: 2 }),
  },
  { requiredKeys: ['id', 'url', 'title', 'date', 'authors', 'categories'] },
);

describe('atomEntryXml', () => {
  it('writes what XMLBuilder writes for the same entry, with a body and without (links level)', () => {
    fc.assert(
      fc.property(item, fc.constantFrom('UTC', 'Asia/Shanghai', 'America/St_Johns'), (entry, zone) => {
        expect(atomEntryXml(entry, zone)).toBe(referenceEntryXml(entry, zone));
      }),
      { numRuns: 3000 },
    );
  });

  it('indents a full entry and writes a links-level entry on one line', () => {
    const entry: FeedItem = {
      id: 'https://example.org/a?b=1&c=2',
      url: 'https://example.org/2025-10-17.html#arxiv-1',
      title: 'T <b> & "q"',
      contentHtml: '&lt;p&gt;x&lt;/p&gt;',
      date: new Date('2025-10-17T00:00:01Z'),
      authors: ['A & B'],
      categories: [{ term: 'arxiv', label: 'arXiv' }],
      enclosure: { url: 'https://arxiv.org/pdf/1', type: 'application/pdf', title: 'PDF' },
    };
    expect(atomEntryXml(entry, 'UTC')).toBe(
      [
        '<entry>',
        '  <id>https://example.org/a?b=1&amp;c=2</id>',
        '  <title type="text">T &lt;b&gt; &amp; &quot;q&quot;</title>',
        '  <published>2025-10-17T00:00:01Z</published>',
        '  <updated>2025-10-17T00:00:01Z</updated>',
        '  <author>',
        '    <name>A &amp; B</name>',
        '  </author>',
        '  <link rel="alternate" type="text/html" href="https://example.org/2025-10-17.html#arxiv-1"/>',
        '  <link rel="enclosure" type="application/pdf" href="https://arxiv.org/pdf/1" title="PDF"/>',
        '  <category term="arxiv" label="arXiv"/>',
        '  <content type="html">&amp;lt;p&amp;gt;x&amp;lt;/p&amp;gt;</content>',
        '</entry>',
      ].join('\n'),
    );
    const { contentHtml: _, ...links } = entry;
    expect(atomEntryXml(links, 'UTC')).toBe(
      '<entry><id>https://example.org/a?b=1&amp;c=2</id><title>T &lt;b&gt; &amp; &quot;q&quot;</title><updated>2025-10-17T00:00:01Z</updated><author><name>A &amp; B</name></author><link rel="alternate" href="https://example.org/2025-10-17.html#arxiv-1"/><link rel="enclosure" type="application/pdf" href="https://arxiv.org/pdf/1"/><category term="arxiv" label="arXiv"/></entry>',
    );
  });
});

describe('an attribute whose value is the text "true"', () => {
  // XMLBuilder's default (`suppressBooleanAttributes`) writes such an attribute bare (`<outline text/>`), which is not XML.
  it('keeps its value in an entry, an Atom document and an OPML list', () => {
    const entry: FeedItem = { id: 'i', url: 'true', title: 't', date: new Date(0), authors: [], categories: [{ term: 'true', label: 'true' }] };
    expect(atomEntryXml(entry, 'UTC')).toContain('<link rel="alternate" href="true"/><category term="true" label="true"/>');
    const meta: FeedMeta = { title: 'true', language: 'true', timeZone: 'UTC', selfUrl: 'true', homeUrl: 'https://example.org/', author: { name: 'true' }, updated: new Date(0) };
    const atom = atomDocument(meta, '', { version: 'true' });
    expect(XMLValidator.validate(atom)).toBe(true);
    expect(atom).toContain('xml:lang="true"');
    expect(atom).toContain('<generator version="true">digestcast</generator>');
    const config = { ...defaultConfig(), title: 'true' };
    for (const kind of ['all', 'sources'] as const) {
      const opml = opmlXml(config, buildCatalog([{ date: '2025-10-17', sources: [{ date: '2025-10-17', source: 'arxiv', sourceName: 'true', status: 'papers', papers: [], file: 'x.md', line: 1 }] }]), kind);
      expect(XMLValidator.validate(opml), kind).toBe(true);
      expect(opml, kind).toContain('text="true"');
    }
  });
});
