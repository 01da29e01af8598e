import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, type Config } from '../../src/config/schema.js';
import type { EmailTemplates } from '../../src/email/email-templates.js';
import { loadEmailTemplates } from '../../src/templates/load-email-templates.js';
import { PREHEADER_PADDING, UNSUBSCRIBE_PLACEHOLDER } from '../../src/email/email-view.js';
import { renderDayEmail, withUnsubscribeLink } from '../../src/email/render-email.js';
import { buildCatalog } from '../../src/project/catalog.js';
import { base64PartBytes } from '../../src/email/transfer-size.js';
import { readDigests } from '../../src/read-digests.js';
import { paperAnchor } from '../../src/view/anchors.js';
import { PROJECT_DIR } from '../helpers/corpus.js';
import { DOI_LANDING, fullTextFixture, HOSTILE_TITLE, historyFixture, makeProject, RXIV_FULL_HTML } from '../helpers/project.js';
import { tempDir } from '../helpers/tmp.js';

let templates: EmailTemplates;
const config: Config = { ...defaultConfig(), siteUrl: 'https://feeds.example.org/papers/', title: '测试速递' };

beforeAll(async () => {
  templates = await loadEmailTemplates(join(PROJECT_DIR, 'templates'), config.email.subject, { cacheDir: tempDir('email-cache-') });
});

async function catalogOf(dir: string) {
  return buildCatalog((await readDigests([dir])).days);
}

describe('email for the example digest', () => {
  it('matches the snapshot (HTML and text)', async () => {
    const catalog = await catalogOf(join(PROJECT_DIR, 'digests'));
    const email = renderDayEmail(catalog.days[0]!, catalog, config, templates);
    expect(email.subject).toBe('arXiv 每日速递 · 2025-10-17 · 10 篇');
    expect(email.layout).toBe('full');
    await expect(normalize(email.html)).toMatchFileSnapshot('./__snapshots__/example-2025-10-17.html');
    await expect(email.text).toMatchFileSnapshot('./__snapshots__/example-2025-10-17.txt');
  });

  it('has lang, preheader, view-in-browser link, footer links and dark-mode support', async () => {
    const catalog = await catalogOf(join(PROJECT_DIR, 'digests'));
    const { html } = renderDayEmail(catalog.days[0]!, catalog, config, templates);
    expect(html).toMatch(/<html lang="zh-CN"/);
    expect(html).toContain('<title>arXiv 每日速递 · 2025-10-17 · 10 篇</title>');
    // The preheader is padded, so that inbox previews stop after it instead of running into "测试速递 2025-10-17 论文速递".
    expect(html).toMatch(new RegExp(`<div class="dc-preheader" style="display:none;[^"]*">arXiv 10 篇 — 耦合扩散采样实现免训练的多视角图像编辑${PREHEADER_PADDING}</div>`));
    expect(html).toContain('href="https://feeds.example.org/papers/2025-10-17.html"');
    expect(html).toContain(`href="${UNSUBSCRIBE_PLACEHOLDER}"`);
    expect(html).toContain('href="https://feeds.example.org/papers/atom.xml"');
    expect(html).toContain('<meta name="color-scheme" content="light dark">');
    expect(html).toContain('@media (prefers-color-scheme: dark)');
    expect(html).toContain('href="https://github.com/EvolvingLMMs-Lab/NEO"');
  });
});

describe('escaping hostile cells', () => {
  it('keeps <script>, javascript: links and </mj-text> as text', async () => {
    const dir = makeProject({
      ...historyFixture(),
      'digests/2025-10-19-arxiv.md': `# arxiv 2025-10-19\n\n| 标题 | 作者 | PDF链接 | 代码仓库 | Title |\n|---|---|---|---|---|\n| <script>alert(1)</script>标题 | <img src=x onerror=alert(1)> | [PDF](javascript:alert(1)) | N/A | t |\n| 正常标题 | A | [PDF](http://arxiv.org/pdf/2510.00077v1) | [Code](javascript:alert(2)) | </mj-text></mj-column><mj-raw><script>x</script></mj-raw> |\n`,
    });
    const catalog = await catalogOf(join(dir, 'digests'));
    for (const day of catalog.days) {
      const { html, text } = renderDayEmail(day, catalog, config, templates);
      expect(html, day.date).not.toMatch(/<script|javascript:|onerror=|<img src=x/i);
      expect(text, day.date).not.toMatch(/javascript:/i);
    }
    const day16 = renderDayEmail(catalog.days.find((d) => d.date === '2025-10-16')!, catalog, config, templates);
    expect(day16.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(day16.html).toContain('&lt;/mj-text&gt;');
    expect(day16.text).toContain(HOSTILE_TITLE.replace(/[\u0001\u0008]/g, ''));
  });

  it('escapes the per-recipient unsubscribe link in HTML and keeps it plain in text', () => {
    const out = withUnsubscribeLink({ html: `<a href="${UNSUBSCRIBE_PLACEHOLDER}">x</a>`, text: `退订：${UNSUBSCRIBE_PLACEHOLDER}` }, 'https://x.example/u?t=a&b="c"');
    expect(out.html).toBe('<a href="https://x.example/u?t=a&amp;b=&quot;c&quot;">x</a>');
    expect(out.text).toBe('退订：https://x.example/u?t=a&b="c"');
  });
});

describe('plain-text part', () => {
  it('is made from the data, not the HTML: no tags, every listed paper with its links', async () => {
    const dir = makeProject(historyFixture());
    const catalog = await catalogOf(join(dir, 'digests'));
    const email = renderDayEmail(catalog.days.find((d) => d.date === '2025-10-17')!, catalog, config, templates);
    expect(email.text).not.toMatch(/<\/?(p|a|div|span|table)\b/);
    expect(email.text).toContain('== arXiv（2 篇）==');
    expect(email.text).toContain('1. 第三篇：新的方法\n   Nupur Kumari · https://arxiv.org/abs/2510.00003\n   PDF：http://arxiv.org/pdf/2510.00003v1');
    expect(email.text).toContain('已于 2025-10-16 收录');
    expect(email.text).toContain('== bioRxiv（当天没有新论文）==');
    // A short sentence for readers, never the upstream error text.
    expect(email.text).toContain('== medRxiv · 抓取失败（超时） ==\n');
    expect(email.text).not.toContain('HTTPSConnectionPool');
    expect(email.html).toContain('抓取失败（超时）');
    expect(email.html).not.toContain('HTTPSConnectionPool');
    expect(email.text).toContain(`退订：${UNSUBSCRIBE_PLACEHOLDER}`);
  });
});

describe('full-text links', () => {
  it('are called PDF only when they serve a PDF, and a doi.org link that is the abstract page is shown once', async () => {
    const catalog = await catalogOf(join(makeProject(fullTextFixture()), 'digests'));
    const { html, text } = renderDayEmail(catalog.days[0]!, catalog, config, templates);
    /** The HTML of the paper titled `title`, up to the next paper, without inlined styles. */
    const htmlOf = (title: string) => {
      const start = html.indexOf(`${title}</a>`);
      const end = html.indexOf('class="dc-title"', start);
      return html.slice(start, end === -1 ? undefined : end).replace(/ style="[^"]*"/g, '');
    };
    /** The text part's lines of the paper titled `title`, up to the next blank line. */
    const textOf = (title: string) => text.slice(text.indexOf(title)).split('\n\n')[0]!;

    expect(htmlOf('甲：arXiv 论文')).toContain('A · <a class="dc-link" href="http://arxiv.org/pdf/2510.00001v1">PDF</a></p>');
    expect(textOf('甲：arXiv 论文')).toBe('甲：arXiv 论文\n   A · https://arxiv.org/abs/2510.00001\n   PDF：http://arxiv.org/pdf/2510.00001v1\n   摘要甲。');

    const doiHtml = htmlOf('乙：DOI 论文');
    expect(doiHtml).not.toContain('PDF');
    expect(doiHtml).toContain('<p class="dc-meta">B</p>');
    expect(html.split(`href="${DOI_LANDING}"`)).toHaveLength(2); // the title's link only
    expect(textOf('乙：DOI 论文')).toBe(`乙：DOI 论文\n   B · ${DOI_LANDING}\n   摘要乙。`);

    expect(htmlOf('丙：全文页')).toContain(`C · <a class="dc-link" href="${RXIV_FULL_HTML}">全文</a></p>`);
    expect(textOf('丙：全文页')).toContain(`\n   全文：${RXIV_FULL_HTML}`);
    expect(textOf('丁：medRxiv PDF')).toContain('\n   PDF：https://www.medrxiv.org/content/10.1101/2025.05.13.25327498v1.full.pdf');
  });
});

describe('postal address (send.postalAddress)', () => {
  const address = 'Example Lab, 1 Rue "Haute" & <Co>,\n  75001 Paris';
  const withAddress: Config = { ...config, send: { ...config.send, postalAddress: address } };

  it('is one line at the end of the footer and of the text part, escaped in HTML', async () => {
    const catalog = await catalogOf(join(PROJECT_DIR, 'digests'));
    const { html, text } = renderDayEmail(catalog.days[0]!, catalog, withAddress, templates);
    expect(html).toMatch(/<p class="dc-footer" style="[^"]*">Example Lab, 1 Rue &quot;Haute&quot; &amp; &lt;Co&gt;, 75001 Paris<\/p>/);
    expect(html).not.toContain('<Co>');
    expect(text.endsWith('\nExample Lab, 1 Rue "Haute" & <Co>, 75001 Paris\n')).toBe(true);
  });

  it('leaves no empty paragraph or line when not set', async () => {
    const catalog = await catalogOf(join(PROJECT_DIR, 'digests'));
    const { postalAddress: _, ...send } = config.send;
    const { html, text } = renderDayEmail(catalog.days[0]!, catalog, { ...config, send }, templates);
    expect(html.match(/<p class="dc-footer"/g)).toHaveLength(2);
    expect(html).not.toMatch(/<p class="dc-footer"[^>]*>\s*<\/p>/);
    expect(text).toMatch(/\n网站：https:\/\/feeds\.example\.org\/papers\/\n$/);
  });

  it('counts in the size budget: a big day still fits, address included', async () => {
    const rows = Array.from({ length: 600 }, (_, i) => `| 一个相当长的中文论文标题，第 ${i} 篇 | Author ${i} | [PDF](http://arxiv.org/pdf/2510.${String(10000 + i)}v1) | ${'这是一段很长的摘要。'.repeat(30)} |`);
    const dir = makeProject({ 'digests/2025-10-18-arxiv.md': `# arxiv 2025-10-18\n\n| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n${rows.join('\n')}\n` });
    const catalog = await catalogOf(join(dir, 'digests'));
    const tight: Config = { ...withAddress, send: { ...withAddress.send, postalAddress: 'P'.repeat(300) }, email: { ...config.email, maxHtmlBytes: 60_000 } };
    const email = renderDayEmail(catalog.days[0]!, catalog, tight, templates);
    expect(email.layout).toBe('truncated');
    expect(email.htmlSentBytes).toBeLessThanOrEqual(60_000);
    expect(email.textSentBytes).toBeLessThanOrEqual(60_000);
    expect(email.html).toContain('P'.repeat(300));
    expect(email.text).toContain('P'.repeat(300));
  });
});

describe('size', () => {
  it('switches to compact, then truncated layouts on big days, and keeps every paper reachable', async () => {
    const rows = Array.from({ length: 1200 }, (_, i) => `| 一个相当长的中文论文标题，第 ${i} 篇，讨论大模型与扩散模型 | Author Name ${i} | [PDF](http://arxiv.org/pdf/2510.${String(10000 + i)}v1) | ${'这是一段很长的摘要。'.repeat(40)} |`);
    const dir = makeProject({ 'digests/2025-10-17-arxiv.md': `# arxiv 2025-10-17\n\n| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n${rows.slice(0, 60).join('\n')}\n`, 'digests/2025-10-18-arxiv.md': `# arxiv 2025-10-18\n\n| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n${rows.join('\n').replaceAll('2510.', '2511.')}\n` });
    const catalog = await catalogOf(join(dir, 'digests'));
    const medium = renderDayEmail(catalog.days.find((d) => d.date === '2025-10-17')!, catalog, config, templates);
    const big = renderDayEmail(catalog.days.find((d) => d.date === '2025-10-18')!, catalog, config, templates);
    for (const e of [medium, big]) {
      expect(e.htmlSentBytes).toBe(base64PartBytes(Buffer.byteLength(e.html)));
      expect(e.htmlSentBytes).toBeLessThanOrEqual(config.email.maxHtmlBytes);
      expect(e.textSentBytes).toBeLessThanOrEqual(config.email.maxHtmlBytes);
    }
    expect(['full', 'compact']).toContain(medium.layout);
    expect(medium.hiddenPapers).toBe(0);
    expect(big.layout).toBe('truncated');
    expect(big.listedPapers + big.hiddenPapers).toBe(1200);
    expect(big.html).toContain(`还有 ${big.hiddenPapers} 篇未在邮件中列出，在网页上查看全部 1200 篇`);
    // "还有 N 篇" leads to the first paper not listed, on the day page.
    const firstHidden = catalog.days.find((d) => d.date === '2025-10-18')!.sources[0]!.papers[big.listedPapers]!;
    expect(big.html).toContain(`href="https://feeds.example.org/papers/2025-10-18.html#${paperAnchor(firstHidden)}"`);
    // The text part is shaped on its own and lists more than the HTML.
    expect(big.textListedPapers).toBeGreaterThan(big.listedPapers);
    expect(big.text).toContain(`还有 ${1200 - big.textListedPapers} 篇未在邮件中列出`);
  });
});

describe('templates', () => {
  it('reports an MJML error with the template file and line, and stops', async () => {
    const dir = makeProject({
      'templates/email/layout.mjml': '<mjml>\n  <mj-body>\n    <mj-section>\n      <mj-column>\n        <mj-text>hi</mj-text>\n        <mj-bogus>no</mj-bogus>\n      </mj-column>\n    </mj-section>\n  </mj-body>\n</mjml>\n',
    });
    await expect(loadEmailTemplates(join(dir, 'templates'), '{{date}}', { displayRoot: dir })).rejects.toThrow(/^templates\/email\/layout\.mjml:6: /);
  });

  it('uses mj-include on purpose: a missing partial is an error, not a silently empty email', async () => {
    const dir = makeProject({
      'templates/email/layout.mjml': '<mjml>\n  <mj-body>\n    <mj-include path="./partials/missing.mjml" />\n  </mj-body>\n</mjml>\n',
    });
    await expect(loadEmailTemplates(join(dir, 'templates'), '{{date}}', { displayRoot: dir })).rejects.toThrow(/templates\/email\/layout\.mjml/);
  });

  it('reports a Handlebars error in the text template with its line', async () => {
    const layout = readFileSync(resolve(PROJECT_DIR, 'templates/email/layout.mjml'), 'utf8');
    const dir = makeProject({ 'templates/email/text.hbs': 'line one\n{{#each sources}}\n{{name}\n' });
    void layout;
    await expect(loadEmailTemplates(join(dir, 'templates'), '{{date}}', { displayRoot: dir })).rejects.toThrow(/^templates\/email\/text\.hbs:3: /);
  });

  it('keeps line breaks out of the subject', async () => {
    const t = await loadEmailTemplates(join(PROJECT_DIR, 'templates'), '{{sources}}\r\nBcc: x@evil.example {{date}}');
    expect(t.subject({ sources: 'arXiv', date: '2025-10-17', count: 1, papers: '1 篇', siteTitle: 's' })).toBe('arXiv Bcc: x@evil.example 2025-10-17');
  });
});

/** Snapshot form: line ends and runs of spaces normalised, so formatting-only changes in MJML do not matter. */
function normalize(html: string): string {
  return html.replace(/\r\n/g, '\n').replace(/[ \t]+/g, ' ').replace(/\n\s*\n/g, '\n').trim();
}
