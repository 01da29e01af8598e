/**
 * A project with `language: "en"` and English digests: every word digestcast writes in out/
 * (pages, feeds, OPML, the XSLT views, email previews) is English, so no Han character is
 * left anywhere. The zh-CN words are checked by the other build tests and the corpus diff.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProject, makeProject, readOut } from '../helpers/project.js';

const HAN = /\p{Script=Han}/u;
const HEADER = '| Title | Authors | Published | PDF | Code | Abstract |\n|---|---|---|---|---|---|';

function row(title: string, author: string, pdf: string, abstract: string, code = 'N/A'): string {
  return `| ${title} | ${author} | 2025-10-15 | [PDF](${pdf}) | ${code} | ${abstract} |`;
}

function digest(source: string, date: string, rows: string[]): string {
  return `# ${source} ${date}\n\n${HEADER}\n${rows.join('\n')}\n`;
}

/** Three days: a repeat, an empty and a failed source, a full-text page link, and a day too big for one email or one feed page. */
function englishFixture(): Record<string, string> {
  const many = Array.from({ length: 150 }, (_, i) =>
    row(`Scaling study number ${i} of sparse mixture models`, `Author ${i}`, `http://arxiv.org/pdf/2510.${String(10000 + i)}v1`, 'We study how sparse experts scale with data and compute. '.repeat(12)),
  );
  return {
    'digests/2025-10-16-arxiv.md': digest('arxiv', '2025-10-16', [
      row('Coupled diffusion sampling for multi-view editing', 'Hadi Alzayer', 'http://arxiv.org/pdf/2510.00001v1', 'First paragraph.\n\nSecond paragraph.', '[Code](https://github.com/example/cds)'),
      row('pi-Flow: policy-based few-step generation', 'Haiwen Diao', 'http://arxiv.org/pdf/2510.00002v1', 'An imitation distillation approach.'),
    ]),
    'digests/2025-10-17-arxiv.md': digest('arxiv', '2025-10-17', [
      row('Coupled diffusion sampling for multi-view editing (revised)', 'Hadi Alzayer', 'http://arxiv.org/pdf/2510.00001v2', 'The revised version.'),
    ]),
    'digests/2025-10-17-biorxiv.md': '# biorxiv 2025-10-17\n\n> No new papers.\n',
    'digests/2025-10-17-medrxiv.md': '# medrxiv 2025-10-17\n\n> Fetch failed: Page request resulted in HTTP 429 (https://api.medrxiv.org/details)\n',
    'digests/2025-10-18-arxiv.md': digest('arxiv', '2025-10-18', many),
    'digests/2025-10-18-biorxiv.md': digest('biorxiv', '2025-10-18', [row('Hippocampal replay in mice', 'Kember, J.', 'https://www.biorxiv.org/content/10.1101/2025.10.16.000005v1.full', 'A full-text page, not a PDF.')]),
    // A medRxiv row with no title at all: readers see a label in the project's language.
    'digests/2025-10-18-medrxiv.md': digest('medrxiv', '2025-10-18', [row('', '', 'https://doi.org/10.1101/2024.10.01.24314650', '')]),
    'digestcast.config.json': JSON.stringify({
      siteUrl: 'https://feeds.example.org/papers/',
      language: 'en',
      author: { name: 'Test Owner' },
      feeds: { maxBytes: 40_000 },
      email: { maxHtmlBytes: 30_000 },
    }),
  };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

let dir: string;
beforeAll(async () => {
  dir = makeProject(englishFixture());
  await buildProject(dir);
});

describe('an English project (language: "en")', () => {
  it('writes no Han character anywhere in out/: pages, feeds, archives, OPML, XSLT views, email previews', () => {
    // The search bundles are binary (compressed), bytes read as text would show any script; their words are the digests' own.
    const files = filesUnder(join(dir, 'out')).filter((f) => !/\/pagefind\/\d{4}-\d\d\//.test(f));
    expect(files.some((f) => f.endsWith('search.html'))).toBe(true);
    const kinds = new Set(files.map((f) => f.replace(/^.*\./, '')));
    for (const kind of ['html', 'xml', 'json', 'opml', 'xsl', 'css', 'txt']) expect(kinds, kind).toContain(kind);
    expect(files.some((f) => /archive/.test(f))).toBe(true);
    const offending = files.flatMap((file) => {
      const m = HAN.exec(readFileSync(file, 'utf8'));
      return m ? [`${relative(dir, file)}: …${readFileSync(file, 'utf8').slice(Math.max(0, m.index - 40), m.index + 40)}…`] : [];
    });
    expect(offending).toEqual([]);
  });

  it('says statuses, counts and defaults in English', () => {
    const index = readOut(dir, 'index.html');
    expect(index).toContain('<html lang="en">');
    expect(index).toContain('<title>Daily papers</title>');
    expect(index).toContain('<span class="count count-papers">arXiv: 150 papers</span> · <span class="count count-papers">bioRxiv: 1 paper</span>');
    expect(index).toContain('title="Daily papers (Atom)"');
    const day = readOut(dir, '2025-10-17.html');
    expect(day).toContain('<h1>Papers of 2025-10-17</h1>');
    expect(day).toContain('<span class="status status-empty">no new papers</span>');
    expect(day).toContain('<a href="#medrxiv">medRxiv · fetch failed (HTTP 429, rate limited)</a>');
    expect(day).toContain('First listed on <a href="2025-10-16.html#arxiv-2510.00001">');
    expect(readOut(dir, '2025-10-16.html')).toContain('<a href="https://github.com/example/cds">Code</a>');
    expect(readOut(dir, '2025-10-18.html')).toContain('>Full text</a>');
    expect(readOut(dir, '2025-10-18.html')).toContain('(untitled) medRxiv 10.1101/2024.10.01.24314650');
    expect(readOut(dir, 'medrxiv/atom.xml')).toContain('<title type="text">(untitled) medRxiv 10.1101/2024.10.01.24314650</title>');
    expect(readOut(dir, 'issues.xml')).toContain('<title type="text">2025-10-17 · arXiv: 1 paper · bioRxiv: no new papers · medRxiv: fetch failed (HTTP 429, rate limited)</title>');
    expect(readOut(dir, 'all.opml')).toContain('<title>Daily papers (all papers)</title>');
    expect(readOut(dir, 'archive/2025-10-p2.xml')).toContain('<title type="text">Daily papers · archive 2025-10, page 2</title>');
  });

  it('renders the XSLT views in English, still well-formed XML', () => {
    for (const file of ['feed.xsl', 'opml.xsl']) {
      const xsl = readOut(dir, file);
      expect(XMLValidator.validate(xsl), file).toBe(true);
      expect(xsl).toContain('<html lang="en">');
      expect(xsl).not.toContain('{{');
    }
    expect(readOut(dir, 'feed.xsl')).toContain('This is a feed: copy the address');
    expect(readOut(dir, 'feed.xsl')).toContain('<xsl:text> et al.</xsl:text>');
    expect(readOut(dir, 'opml.xsl')).toContain('This is an OPML subscription list');
  });

  it('writes the email in English, notices and links to the papers left out included', () => {
    const text = readOut(dir, 'email/2025-10-18.txt');
    expect(text).toMatch(/^Subject: arXiv · bioRxiv · medRxiv daily · 2025-10-18 · 152 papers\n/);
    expect(text).toContain('Daily papers · Papers of 2025-10-18\n');
    expect(text).toMatch(/\n== arXiv \(150 papers\) ==\n/);
    expect(text).toMatch(/\d+ more not listed in this email; all 150: https:\/\/feeds\.example\.org\/papers\/2025-10-18\.html#arxiv-/);
    expect(text).toContain('Unsubscribe: ');
    const html = readOut(dir, 'email/2025-10-18.html');
    expect(html).toContain('Many papers today (152 in all)');
    expect(html).toMatch(/\d+ more not listed in this email: see all 150 on the website →/);
    expect(html).toContain('You are receiving this email because you subscribed to “Daily papers”.');
    expect(readOut(dir, 'email/2025-10-17.txt')).toContain('== medRxiv · fetch failed (HTTP 429, rate limited) ==');
    expect(readOut(dir, 'email/2025-10-17.txt')).toContain('   first listed on 2025-10-16');
  });
});

describe('a zh-CN project keeps its words in the XSLT views', () => {
  it('renders feed.xsl and opml.xsl with the Chinese words and lang', async () => {
    const zh = makeProject({ 'digests/2025-10-17-biorxiv.md': '# biorxiv 2025-10-17\n\n> 当天没有抓取到有效论文。\n' });
    await buildProject(zh);
    const feedXsl = readOut(zh, 'feed.xsl');
    expect(feedXsl).toContain('<html lang="zh-CN">');
    expect(feedXsl).toContain('<title><xsl:value-of select="$title"/>（订阅源）</title>');
    expect(feedXsl).toContain('<xsl:text> 等</xsl:text>');
    expect(readOut(zh, 'opml.xsl')).toContain('（OPML 订阅列表）');
    expect(readOut(zh, 'index.html')).toContain('<title>论文每日速递</title>');
  });
});
