import { beforeAll, describe, expect, it } from 'vitest';
import { buildProject, DOI_LANDING, fullTextFixture, historyFixture, makeProject, readOut, RXIV_FULL_HTML } from '../helpers/project.js';

let dir: string;
beforeAll(async () => {
  dir = makeProject(historyFixture());
  await buildProject(dir);
});

describe('index page', () => {
  it('announces every feed with <link rel="alternate"> for discovery', () => {
    const html = readOut(dir, 'index.html');
    expect(html).toContain('<link rel="alternate" type="application/atom+xml" title="测试速递（Atom）" href="atom.xml">');
    expect(html).toContain('<link rel="alternate" type="application/rss+xml" title="测试速递（RSS）" href="rss.xml">');
    expect(html).toContain('<link rel="alternate" type="application/feed+json" title="测试速递（JSON Feed）" href="feed.json">');
    expect(html).toContain('href="arxiv/atom.xml"');
    expect(html).toContain('<html lang="zh-CN">');
  });

  it('shows the latest issue and lists every day', () => {
    const html = readOut(dir, 'index.html');
    expect(html).toContain('最新一期：<a href="2025-10-18.html">2025-10-18</a>');
    for (const date of ['2025-10-16', '2025-10-17', '2025-10-18']) expect(html).toContain(`<a href="${date}.html">${date}</a>`);
    // Each source's status is one unbreakable unit (white-space: nowrap), so 抓取失败 never splits across lines.
    expect(html).toContain('<span class="count count-papers">arXiv 2 篇</span> · <span class="count count-empty">bioRxiv 当天没有新论文</span> · <span class="count count-failed">medRxiv 抓取失败（超时）</span>');
  });
});

describe('day pages', () => {
  it('show every paper of the day with its full abstract and links', () => {
    const html = readOut(dir, '2025-10-16.html');
    expect(html).toContain('<article class="paper" id="arxiv-2510.00001">');
    expect(html).toContain('<p class="abstract">第一篇的摘要。</p><p class="abstract">第二段。</p>');
    expect(html).toContain('<a href="http://arxiv.org/pdf/2510.00002v1">PDF</a>');
    expect(html).toContain('<a href="https://github.com/example/pi-flow">代码</a>');
    expect(html).toContain('rel="next" href="2025-10-17.html"');
  });

  it('show empty and failed sources as such, and mark a paper listed before', () => {
    const html = readOut(dir, '2025-10-17.html');
    expect(html).toContain('<h2>bioRxiv <span class="status status-empty">当天没有新论文</span></h2>');
    // A short sentence for readers; the upstream error itself is only in the build's diagnostics.
    expect(html).toContain('<span class="status status-failed">抓取失败（超时）</span>');
    expect(html).toContain('<a href="#medrxiv">medRxiv · 抓取失败（超时）</a>');
    expect(html).not.toContain('HTTPSConnectionPool');
    expect(html).toContain('首次收录于 <a href="2025-10-16.html#arxiv-2510.00001">2025-10-16</a>');
  });

  it('escape everything that comes from digests', () => {
    const html = readOut(dir, '2025-10-16.html');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img src=x onerror=alert(1)>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });
});

describe('full-text links', () => {
  let project: string;
  beforeAll(async () => {
    project = makeProject(fullTextFixture());
    await buildProject(project);
  });

  /** The `<article>` (day page) or `<li>` (index) of the paper titled `title`. */
  const block = (html: string, tag: string, title: string) => new RegExp(`<${tag}\\b(?:(?!</${tag}>)[\\s\\S])*${title}(?:(?!</${tag}>)[\\s\\S])*</${tag}>`).exec(html)?.[0] ?? '';

  it('are called PDF on the day page only when they serve a PDF, and a doi.org link that is the abstract page is shown once', () => {
    const html = readOut(project, '2025-10-17.html');
    const arxiv = block(html, 'article', '甲：arXiv 论文');
    expect(arxiv).toContain('<a href="http://arxiv.org/pdf/2510.00001v1">PDF</a> · <a href="https://arxiv.org/abs/2510.00001">摘要页</a>');
    const doi = block(html, 'article', '乙：DOI 论文');
    expect(doi).not.toBe('');
    expect(doi).not.toContain('PDF');
    expect(doi.split(`href="${DOI_LANDING}"`)).toHaveLength(3); // the title and 摘要页, no second full-text link
    expect(block(html, 'article', '丙：全文页')).toContain(`<a href="${RXIV_FULL_HTML}">全文</a> · <a href="https://doi.org/10.1101/2024.10.19.000002">摘要页</a>`);
    expect(block(html, 'article', '丁：medRxiv PDF')).toContain('">PDF</a>');
  });

  it("are called PDF in the index's latest issue only when they serve a PDF", () => {
    const html = readOut(project, 'index.html');
    expect(block(html, 'li', '甲：arXiv 论文')).toContain('<a href="http://arxiv.org/pdf/2510.00001v1">PDF</a>');
    const doi = block(html, 'li', '乙：DOI 论文');
    expect(doi).not.toBe('');
    expect(doi).not.toContain('PDF');
    expect(doi).not.toContain(' · ');
    expect(block(html, 'li', '丙：全文页')).toContain(`· <a href="${RXIV_FULL_HTML}">全文</a></li>`);
  });
});
