/**
 * HTML bodies of feed entries: one paper, or one day's list, in the words of the project's
 * language. Every piece of digest text is escaped; every link is checked to be http(s).
 */
import { fullTextLink } from '../view/full-text-link.js';
import type { Day, Paper, SourceDay } from '../model.js';
import { escapeHtml, safeHttpUrl, shorten } from '../text/escape.js';
import { daySummary, statusText } from '../view/day-summary.js';
import type { UiStrings } from '../view/ui-strings.js';
import { paperTitle } from '../view/paper-title.js';

/** Links line: abstract page, full text (PDF), code. */
export function paperLinksHtml(paper: Paper, words: UiStrings): string {
  const links: string[] = [];
  const abs = safeHttpUrl(paper.url);
  const full = fullTextLink(paper, words);
  const code = safeHttpUrl(paper.codeUrl);
  if (abs) links.push(`<a href="${escapeHtml(abs)}">${escapeHtml(words.abstractPage)}</a>`);
  if (full) links.push(`<a href="${escapeHtml(full.href)}">${escapeHtml(full.label)}</a>`);
  if (code) links.push(`<a href="${escapeHtml(code)}">${escapeHtml(words.code)}</a>`);
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
export function paperEntryHtml(paper: Paper, sourceName: string, words: UiStrings, summaryChars?: number): string {
  const meta = [paper.authors.length > 0 ? escapeHtml(paper.authors.join(', ')) : '', escapeHtml(sourceName), paper.publishedDate ? `${escapeHtml(words.publishedOn)} ${escapeHtml(paper.publishedDate)}` : '']
    .filter(Boolean)
    .join(' · ');
  const parts = [`<p>${meta}</p>`];
  if (paper.titleEn) parts.push(`<p lang="en"><em>${escapeHtml(paper.titleEn)}</em></p>`);
  if (paper.summary) parts.push(summaryChars === undefined ? paragraphsHtml(paper.summary) : `<p>${escapeHtml(shorten(paper.summary.replace(/\s+/g, ' '), summaryChars))}</p>`);
  parts.push(`<p>${paperLinksHtml(paper, words)}</p>`);
  return parts.join('\n');
}

/** One line with a source's count, or why it has no papers today (`bioRxiv：当天没有新论文`). */
export function sourceStatusText(source: SourceDay, words: UiStrings): string {
  return words.sourceStatusLine(source.sourceName, statusText(source, words));
}

/** The body of a day's issue: per source, its count and every paper (title, first author, links), or why there is none. */
export function dayIssueHtml(day: Day, dayPageUrl: string, words: UiStrings): string {
  const parts: string[] = [`<p><a href="${escapeHtml(dayPageUrl)}">${escapeHtml(words.allAbstractsOnline)}</a></p>`];
  for (const source of day.sources) {
    parts.push(`<h2>${escapeHtml(sourceStatusText(source, words))}</h2>`);
    if (source.status !== 'papers') continue;
    const items = source.papers.map((p) => {
      const title = safeHttpUrl(p.url) ? `<a href="${escapeHtml(p.url)}">${escapeHtml(paperTitle(p, words))}</a>` : escapeHtml(paperTitle(p, words));
      const author = p.authors[0] ? ` — ${escapeHtml(p.authors[0])}` : '';
      const full = fullTextLink(p, words);
      const pdf = full ? ` · <a href="${escapeHtml(full.href)}">${escapeHtml(full.label)}</a>` : '';
      return `<li>${title}${author}${pdf}</li>`;
    });
    parts.push(`<ol>${items.join('\n')}</ol>`);
  }
  return parts.join('\n');
}

/** Plain-text title of a day's issue: the day and its summary (`2025-10-17 · arXiv 10 篇 · bioRxiv 当天没有新论文`), as pages and emails say it. */
export function dayIssueTitle(day: Day, words: UiStrings): string {
  return `${day.date} · ${daySummary(day, words)}`;
}
