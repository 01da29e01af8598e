/**
 * Every word digestcast itself writes for readers (site pages, feeds, OPML, the XSLT views,
 * the email), in one table per language: `strings/zh-CN.ts` and `strings/en.ts`. The config's
 * `language` picks the table (`uiStrings`); templates get the plain strings as `t`
 * (`templateStrings`), views call the functions for the words that carry numbers or names.
 */
import type { FetchFailureReason, SourceStatus } from '../model.js';
import { en } from './strings/en.js';
import { zhCN } from './strings/zh-CN.js';

/** What a status text is made from: a source's status, its paper count and, when it failed, why. */
export interface StatusFacts {
  status: SourceStatus;
  papers: number;
  failure?: { reason: FetchFailureReason; httpStatus?: number };
}

/** The words of one language. Plain strings go to templates as `t.<key>`; functions are for views. */
export interface UiStrings {
  // ---- Counts and statuses: one wording each, shared by site, email and feeds.
  /** `10 篇`, `1 paper`. */
  papers(count: number): string;
  /** A source that had nothing new on a day. */
  noNewPapers: string;
  /** A source whose fetch failed: `抓取失败（HTTP 429，限流）`; the reason's words only, never the upstream error. */
  fetchFailed(reason: FetchFailureReason, httpStatus?: number): string;
  /** `arXiv 10 篇`: a source and its status in a day's summary. */
  sourceCount(sourceName: string, status: string): string;
  /** `arXiv（10 篇）`, `medRxiv · 抓取失败（超时）`: a source named with its status, as a link or heading. */
  sourceWithStatus(sourceName: string, status: string, failed: boolean): string;
  /** `bioRxiv：当天没有新论文`: a source's status as a sentence (daily-issue entries). */
  sourceStatusLine(sourceName: string, status: string): string;
  /** `2025-10-17 论文速递`: a day's heading (day page, email). */
  dayHeading(date: string): string;
  /** `2025-10-17：共 12 篇论文`: plain summary of a daily issue. */
  issueSummary(date: string, count: number): string;
  /** `测试速递（Atom）`: a name with a note after it. */
  withNote(text: string, note: string): string;
  /** Between a label and its value on one line (`代码：https://…`). */
  colon: string;
  /** `2025-10 存档`, `2025-10 存档 第 2 页`: title of a feed's archive page (`page` from 2). */
  archiveName(month: string, page?: number): string;

  // ---- Paper links and meta.
  /** Label of a link that serves a PDF. */
  pdf: string;
  /** Label of a full-text link that is a page (doi.org landing page, `.full` HTML). */
  fullText: string;
  /** Link to the paper's abstract page. */
  abstractPage: string;
  /** Link to the paper's code. */
  code: string;
  /** Before a paper's publication date. */
  publishedOn: string;
  /** Label of the title in the digest's language where an export cites a paper by its English title (BibTeX `note`). */
  translatedTitle: string;
  /** Before the links to a day's BibTeX, RIS and CSV files (day page). */
  exportDay: string;
  /** Before the link to the day a paper was first listed (site). */
  firstListedOn: string;
  /** `已于 2025-10-16 收录`: a paper listed on an earlier day (email). */
  listedEarlier(date: string): string;
  /** Heading of a translator's note. */
  translatorNote: string;
  /** What stands for the title of a paper the digest gives none for: `（无标题）medRxiv 10.1101/…`. */
  untitled(sourceName: string, id: string): string;

  // ---- Site pages.
  /** Label of the site's feed navigation. */
  subscribe: string;
  /** The daily-issue feed (one entry a day). */
  dailyIssue: string;
  /** Note to `dailyIssue` in the list of feeds. */
  oneEntryADay: string;
  /** Link to the list of every feed. */
  allFeeds: string;
  /** The feeds of every source. */
  allSources: string;
  /** Every day's list; also the link back to it. */
  allDays: string;
  /** Label of the navigation between days. */
  dayNavigation: string;
  /** Label of a day page's list of sources. */
  sourcesNavigation: string;
  /** Before the date of the newest issue on the index page. */
  latestIssue: string;
  /** Link from the index's newest issue to its page. */
  wholeIssue: string;
  /** With no digests yet: before `digests/`, between it and `digestcast build`, after that. */
  noIssuesPut: string;
  noIssuesThenRun: string;
  noIssuesEnd: string;
  /** Before the two OPML links, after `all.opml`, after `sources.opml`. */
  opmlPick: string;
  opmlAllIs: string;
  opmlSourcesIs: string;
  /** The site's footer note. */
  siteFooterNote: string;
  /** Note to the site's feed titles in `<link rel="alternate">` and the OPML lists. */
  allPapers: string;
  bySource: string;

  // ---- Topics (`topics` in the config): the site's section, feeds, OPML, email.
  /** Heading of the site's topics section. */
  topics: string;
  /** Before a topic's keywords on the site. */
  keywords: string;
  /** The site's topics section: what a topic feed holds; then the link to `topics.opml` follows. */
  topicsIntro: string;
  /** After the `topics.opml` link. */
  topicsOpmlIs: string;
  /** Note to the site's title in the topics OPML list. */
  byTopic: string;
  /** A topic feed's subtitle when the topic has no description. */
  topicFeedSubtitle(title: string, keywords: readonly string[]): string;
  /** A topic email's heading: `2025-10-17 论文速递 · 扩散模型、大模型`. */
  topicDayHeading(date: string, topicTitles: readonly string[]): string;
  /** A topic email's footer: why the reader got it, and that it lists only the topics' papers. */
  subscribedToTopics(siteTitle: string, topicTitles: readonly string[]): string;
  // ---- Search page (the script reads these from the page; `{count}` is filled in the browser).
  /** Link to the search page, its title and its button. */
  search: string;
  /** The search page's heading. */
  searchHeading: string;
  /** Label of the search box. */
  searchLabel: string;
  /** Example queries in the empty box. */
  searchPlaceholder: string;
  /** What the search covers. */
  searchHint: string;
  searchLoading: string;
  searchNoResults: string;
  /** `找到 {count} 篇论文`: `{count}` is replaced by the number of results in the browser. */
  searchResultCount: string;
  /** Button that shows the next results. */
  searchMore: string;
  /** The index is missing or could not be loaded. */
  searchUnavailable: string;
  /** Shown when the browser runs no JavaScript. */
  searchNeedsJs: string;

  // ---- Email.
  viewInBrowser: string;
  /** Footer: the texts are machine translations. */
  machineTranslated: string;
  /** Footer: why the reader got the email. */
  subscribedTo(siteTitle: string): string;
  unsubscribe: string;
  website: string;
  feedSubscription: string;
  issueFeedSubscription: string;
  /** A source's heading in the plain-text part: `== arXiv（2 篇）==`. */
  textSourceHeading(sourceName: string, status: string, failed: boolean): string;
  /** Link to the papers of a source left out of the HTML email. */
  moreOnline(hidden: number, count: number): string;
  /** The same in the plain-text part (the link follows after `labelled`). */
  moreOnlineText(hidden: number, count: number): string;
  /** Why the email lists only the first papers of each source. */
  noticeTruncated(total: number, perSource: number, hidden: number): string;
  /** Why the email lists titles without abstracts. */
  noticeTitlesOnly(total: number): string;

  // ---- Feeds (entry bodies made by code; the XSLT views of feeds and OPML).
  /** Link from a daily issue to its day page. */
  allAbstractsOnline: string;
  /** After a feed's title in the browser view. */
  feedPageSuffix: string;
  feedNotice: string;
  /** Archive page notice: before the link, the link, after it. */
  archiveNoticeBefore: string;
  archiveNoticeLink: string;
  archiveNoticeAfter: string;
  openWebsite: string;
  /** After the first author when there are more. */
  andOthers: string;
  /** Between items of a short list (sources of an issue). */
  listSeparator: string;
  /** After an OPML list's title in the browser view. */
  opmlPageSuffix: string;
  opmlNotice: string;

  // ---- Config defaults that are words.
  defaultTitle: string;
  defaultDescription: string;
  /** Default email subject (Handlebars: {{sources}}, {{date}}, {{count}}, {{papers}}, {{siteTitle}}). */
  defaultSubject: string;
}

/** The plain-string entries of `UiStrings`: what templates see as `t`. */
export type TemplateStrings = { readonly [K in keyof UiStrings as UiStrings[K] extends string ? K : never]: UiStrings[K] };

/** The string tables digestcast ships, by the tag it reports. */
export const UI_LANGUAGES = { 'zh-CN': zhCN, en } as const satisfies Record<string, UiStrings>;

/** A language digestcast has strings for. */
export type UiLanguage = keyof typeof UI_LANGUAGES;

/** Tags accepted for each table (any region of English; Simplified Chinese only). */
export const SUPPORTED_LANGUAGE_TAGS = 'zh, zh-CN, zh-Hans (and zh-SG, zh-Hans-*), en, en-US, en-GB (any en-*)';

/**
 * Which table a BCP 47 tag reads: `zh`, `zh-CN`, `zh-Hans`, `zh-SG`, `zh-Hans-…` → `zh-CN`;
 * `en` and any `en-…` → `en`; anything else (Traditional Chinese included) → undefined.
 */
export function uiLanguageOf(tag: string): UiLanguage | undefined {
  let canonical: string;
  try {
    canonical = Intl.getCanonicalLocales(tag)[0] ?? '';
  } catch {
    return undefined;
  }
  const locale = new Intl.Locale(canonical);
  if (locale.language === 'en') return 'en';
  if (locale.language !== 'zh') return undefined;
  if (locale.script) return locale.script === 'Hans' ? 'zh-CN' : undefined;
  return !locale.region || locale.region === 'CN' || locale.region === 'SG' ? 'zh-CN' : undefined;
}

const tablesByTag = new Map<string, UiStrings>();
const templateTables = new WeakMap<UiStrings, TemplateStrings>();

/**
 * The strings for a config's `language` (validated by the config schema; throws on a tag with
 * no strings). Views ask for them once per page or document: the tag is read once per tag.
 */
export function uiStrings(language: string): UiStrings {
  let table = tablesByTag.get(language);
  if (!table) {
    const lang = uiLanguageOf(language);
    if (!lang) throw new Error(`digestcast has no strings for language "${language}"; supported: ${SUPPORTED_LANGUAGE_TAGS}`);
    tablesByTag.set(language, (table = UI_LANGUAGES[lang]));
  }
  return table;
}

/** The plain strings of a table, for templates (`{{t.allDays}}`); functions left out. Made once per table. */
export function templateStrings(strings: UiStrings): TemplateStrings {
  let plain = templateTables.get(strings);
  if (!plain) {
    plain = Object.freeze(Object.fromEntries(Object.entries(strings).filter(([, v]) => typeof v === 'string'))) as unknown as TemplateStrings;
    templateTables.set(strings, plain);
  }
  return plain;
}

/** A source's status in the readers' words: `10 篇`, `当天没有新论文`, `抓取失败（HTTP 429，限流）`. */
export function statusWords(strings: UiStrings, facts: StatusFacts): string {
  if (facts.status === 'papers') return strings.papers(facts.papers);
  if (facts.status === 'empty') return strings.noNewPapers;
  return strings.fetchFailed(facts.failure?.reason ?? 'unknown', facts.failure?.httpStatus);
}
