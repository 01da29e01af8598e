/**
 * How a day and its sources are summed up for readers (`arXiv 10 篇 · bioRxiv 抓取失败`): shared by
 * the site, the email and the feeds, in the words of the project's language.
 */
import type { Day, SourceDay } from '../model.js';
import type { DayOutline, SourceOutline } from '../project/day-outline.js';
import { statusWords, type UiStrings } from './ui-strings.js';

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
export function statusText(source: SourceDay | SourceOutline, strings: UiStrings): string {
  const papers = 'count' in source ? source.count : source.papers.length;
  return statusWords(strings, { status: source.status, papers, ...(source.failure ? { failure: source.failure } : {}) });
}

/** `arXiv 10 篇 · bioRxiv 抓取失败 · medRxiv 4 篇`. */
export function daySummary(day: Day | DayOutline, strings: UiStrings): string {
  return dayCounts(day, strings).map((c) => c.text).join(' · ');
}

/** The parts of `daySummary`, for pages that keep each one on a line (no break inside 抓取失败). */
export function dayCounts(day: Day | DayOutline, strings: UiStrings): SourceCountView[] {
  const sources: readonly (SourceDay | SourceOutline)[] = day.sources;
  return sources.map((s) => ({ text: strings.sourceCount(s.sourceName, statusText(s, strings)), status: s.status }));
}
