/**
 * How a day and its sources are summed up for readers (`arXiv 10 篇 · bioRxiv 抓取失败`): shared by
 * the site, the email and the feeds.
 */
import type { Day, SourceDay } from '../model.js';

/** A checked link and its label. */
export interface LinkView {
  href: string;
  label: string;
}

/** One source's count or status in a day's summary. */
export interface SourceCountView {
  text: string;
  status: SourceDay['status'];
}

/** A short status like `10 篇`, `当天没有新论文`, `抓取失败（HTTP 429，限流）` (never the upstream error text). */
export function statusText(source: SourceDay): string {
  if (source.status === 'papers') return `${source.papers.length} 篇`;
  return source.status === 'failed' ? (source.failure?.summary ?? '抓取失败') : '当天没有新论文';
}

/** `arXiv 10 篇 · bioRxiv 抓取失败 · medRxiv 4 篇`. */
export function daySummary(day: Day): string {
  return dayCounts(day).map((c) => c.text).join(' · ');
}

/** The parts of `daySummary`, for pages that keep each one on a line (no break inside 抓取失败). */
export function dayCounts(day: Day): SourceCountView[] {
  return day.sources.map((s) => ({ text: `${s.sourceName} ${statusText(s)}`, status: s.status }));
}
