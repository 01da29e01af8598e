/**
 * Random text in every field of a paper: the feeds stay well-formed XML and valid JSON, and
 * readers get back exactly the text (minus characters XML cannot carry), never markup.
 */
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.js';
import { buildCatalog } from '../../src/project/catalog.js';
import { renderFeeds } from '../../src/feeds/feed-set.js';
import type { Day, Paper } from '../../src/model.js';
import { cleanText } from '../../src/text/escape.js';
import { xmlWellFormedness } from '../helpers/feed-validation.js';
import { paperTitle } from '../../src/view/paper-title.js';
import { uiStrings } from '../../src/view/ui-strings.js';

const tricky = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('<script>alert(1)</script>', ']]>', ']]]]>', '&amp;', '&', '<', '>', '"', "'", '\u0000', '\u0001', '\ufffe', '\ud800', '\u2028', '</content>', '<![CDATA[', '--><!--', 'javascript:alert(1)', "$'s", '$&', '$`', '$$', '$1'),
);
const text = fc.array(tricky, { minLength: 1, maxLength: 6 }).map((parts) => parts.join(''));

function paper(i: number, title: string, summary: string, author: string, titleEn: string): Paper {
  return {
    id: `arxiv:2510.${String(10000 + i)}`,
    date: '2025-10-17',
    source: 'arxiv',
    title,
    titleEn,
    authors: [author],
    pdfUrl: `http://arxiv.org/pdf/2510.${String(10000 + i)}v1`,
    url: `https://arxiv.org/abs/2510.${String(10000 + i)}`,
    summary,
    file: 'x.md',
    line: i + 1,
  };
}

/** What an XML reader gets back for a text we wrote: XML-forbidden characters gone, line ends normalised. */
const expected = (s: string) => cleanText(s).replace(/\r\n?/g, '\n');

describe('feeds with random text', () => {
  it('stay well-formed and give back the text, in Atom, RSS and JSON Feed', async () => {
    let checkedWithLibxml = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(text, text, text, text), { minLength: 1, maxLength: 4 }), async (rows) => {
        const papers = rows.map(([t, s, a, e], i) => paper(i, t, s, a, e));
        const day: Day = { date: '2025-10-17', sources: [{ date: '2025-10-17', source: 'arxiv', sourceName: 'arXiv', status: 'papers', papers, file: 'x.md', line: 1 }] };
        const { files } = renderFeeds(buildCatalog([day]), defaultConfig(), { uri: 'https://example.org', version: '0' });
        const byPath = new Map(files.map((f) => [f.path, f.content]));
        for (const [path, content] of byPath) {
          // The OPML lists are rendered with the feeds: XML as well.
          if (path.endsWith('.xml') || path.endsWith('.opml')) expect(XMLValidator.validate(content), path).toBe(true);
          else JSON.parse(content);
        }
        if (checkedWithLibxml++ < 10) expect(await xmlWellFormedness(byPath.get('atom.xml')!)).toEqual([]);

        const atom = parseAtomFeed(byPath.get('atom.xml')!);
        const rss = parseRssFeed(byPath.get('rss.xml')!);
        const json = parseJsonFeed(byPath.get('feed.json')!);
        papers.forEach((p, i) => {
          const a = atom.entries![i]!;
          const title = typeof a.title === 'string' ? a.title : (a.title as { value?: string } | undefined)?.value;
          // An empty title reaches readers as the label that says so.
          const shown = paperTitle(p, uiStrings('zh-CN'));
          expect((title ?? '').trim()).toBe(expected(shown).trim());
          expect((json.items![i]!.title ?? '').trim()).toBe(cleanText(shown).trim());
          expect(rss.items![i]!.guid?.value).toBe(p.url);
          // Content is HTML built by us: the paper's text is in it only as escaped text.
          const html = (a.content as { value?: string }).value ?? '';
          expect(html).not.toMatch(/<(?!\/?(p|a|em)\b)[a-z!/]/i);
        });
      }),
      { numRuns: 60 },
    );
  });
});
