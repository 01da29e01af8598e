/**
 * HTML bodies of feed entries: one paper, or one day's list. Every piece of digest text is
 * escaped; every link is checked to be http(s).
 */
import { fullTextLink } from '../view/full-text-link.js';
import type { Day, Paper, SourceDay } from '../model.js';
import { escapeHtml, safeHttpUrl, shorten } from '../text/escape.js';

/** Links line: abstract page, full text (PDF), code. */
export function paperLinksHtml(paper: Paper): string {
  const links: string[] = [];
  const abs = safeHttpUrl(paper.url);
  const full = fullTextLink(paper);
  const code = safeHttpUrl(paper.codeUrl);
  if (abs) links.push(`<a href="${escapeHtml(abs)}">摘要页</a>`);
  if (full) links.push(`<a href="${escapeHtml(full.href)}">${full.label}</a>`);
  if (code) links.push(`<a href="${escapeHtml(code)}">代码</a>`);
  return links.join(' · ');
}

/** Abstract paragraphs. */
function paragraphsHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('');
}

/**
 * The body of a paper's entry: meta line, English title, abstract, links. With `summaryChars`,
 * the abstract is cut to about that many characters (one paragraph).
 */
export function paperEntryHtml(paper: Paper, sourceName: string, summaryChars?: number): string {
  const meta = [paper.authors.length > 0 ? escapeHtml(paper.authors.join(', ')) : '', escapeHtml(sourceName), paper.publishedDate ? `发布于 ${escapeHtml(paper.publishedDate)}` : '']
    .filter(Boolean)
    .join(' · ');
  const parts = [`<p>${meta}</p>`];
  if (paper.titleEn) parts.push(`<p lang="en"><em>${escapeHtml(paper.titleEn)}</em></p>`);
  if (paper.summary) parts.push(summaryChars === undefined ? paragraphsHtml(paper.summary) : `<p>${escapeHtml(shorten(paper.summary.replace(/\s+/g, ' '), summaryChars))}</p>`);
  parts.push(`<p>${paperLinksHtml(paper)}</p>`);
  return parts.join('\n');
}

/** One line saying why a source has no papers today. */
export function sourceStatusText(source: SourceDay): string {
  if (source.status === 'failed') return `${source.sourceName}：${source.failure?.summary ?? '抓取失败'}`;
  if (source.status === 'empty') return `${source.sourceName}：当天没有新论文`;
  return `${source.sourceName}：${source.papers.length} 篇`;
}

/** The body of a day's issue: per source, its count and every paper (title, first author, links), or why there is none. */
export function dayIssueHtml(day: Day, dayPageUrl: string): string {
  const parts: string[] = [`<p><a href="${escapeHtml(dayPageUrl)}">在网页上查看全部摘要</a></p>`];
  for (const source of day.sources) {
    parts.push(`<h2>${escapeHtml(sourceStatusText(source))}</h2>`);
    if (source.status !== 'papers') continue;
    const items = source.papers.map((p) => {
      const title = safeHttpUrl(p.url) ? `<a href="${escapeHtml(p.url)}">${escapeHtml(p.title)}</a>` : escapeHtml(p.title);
      const author = p.authors[0] ? ` — ${escapeHtml(p.authors[0])}` : '';
      const full = fullTextLink(p);
      const pdf = full ? ` · <a href="${escapeHtml(full.href)}">${full.label}</a>` : '';
      return `<li>${title}${author}${pdf}</li>`;
    });
    parts.push(`<ol>${items.join('\n')}</ol>`);
  }
  return parts.join('\n');
}

/** Plain-text title of a day's issue: `2025-10-17 · arXiv 10 · bioRxiv 抓取失败 · medRxiv 0`. */
export function dayIssueTitle(day: Day): string {
  const parts = day.sources.map((s) => (s.status === 'papers' ? `${s.sourceName} ${s.papers.length} 篇` : s.status === 'failed' ? `${s.sourceName} 抓取失败` : `${s.sourceName} 无新论文`));
  return `${day.date} · ${parts.join(' · ')}`;
}
