import { beforeAll, describe, expect, it } from 'vitest';
import { buildProject, HOSTILE_TITLE, historyFixture, makeProject, readOut } from '../helpers/project.js';

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
    expect(HOSTILE_TITLE).toContain('<script>');
  });
});
