/**
 * What the email templates are given for one day: plain data, URLs checked, text not yet
 * escaped (Handlebars escapes it), the language's plain strings as `t` and the words with
 * numbers in them made here. How much of the day it holds is set by `EmailShape`, which
 * `render-email.ts` shrinks until the HTML is small enough for Gmail.
 */
import type { Config } from '../config/schema.js';
import type { Catalog } from '../project/catalog.js';
import { earlierListing } from '../project/catalog.js';
import { sitePaths, siteUrlOf } from '../project/site-paths.js';
import { fullTextLink } from '../view/full-text-link.js';
import type { Day, SourceDay } from '../model.js';
import { paperAnchor, sourceAnchor } from '../view/anchors.js';
import { daySummary, type LinkView, statusText } from '../view/day-summary.js';
import { cleanStrings, safeHttpUrl, shorten } from '../text/escape.js';
import { type TemplateStrings, templateStrings, uiStrings, type UiStrings } from '../view/ui-strings.js';
import { paperTitle } from '../view/paper-title.js';

/** Stands where the sender puts each recipient's own unsubscribe link (never a real address in a preview). */
export const UNSUBSCRIBE_PLACEHOLDER = 'https://digestcast.invalid/unsubscribe-placeholder';

/**
 * The usual preheader padding (`&#847;&zwnj;&nbsp;` repeated): a combining grapheme joiner, a
 * zero-width non-joiner and a no-break space per step, which clients neither collapse nor show.
 * Inbox previews show up to about 140 characters after the subject; written as characters, not
 * entities, it costs 7 bytes a step.
 */
export const PREHEADER_PADDING = '\u034F\u200C\u00A0'.repeat(120);

/** How much of the day goes into the email. */
export interface EmailShape {
  /** Abstract length in characters; 0 leaves abstracts out (compact layout). */
  abstractChars: number;
  /** Most papers listed per source; the rest are linked on the day page. */
  perSourceLimit: number;
}

export interface EmailPaperView {
  number: number;
  title: string;
  /** Abstract page (the title's link). */
  url: string;
  /** The full-text link, labelled `PDF` only when it serves a PDF; absent when it is the abstract page. */
  fullText?: LinkView;
  codeUrl?: string;
  firstAuthor: string;
  abstract?: string;
  repeatOf?: string;
  /** `已于 2025-10-16 收录`, when `repeatOf`. */
  repeatNote?: string;
  /** The line under the title, in order: first author, full text, code, earlier listing (join with ` · `). */
  meta: EmailMetaItem[];
}

/** A piece of a paper's meta line: text, or a link when it has `href`. */
export interface EmailMetaItem {
  text: string;
  href?: string;
}

export interface EmailSourceView {
  id: string;
  name: string;
  statusText: string;
  /** The source's heading in the plain-text part (`== arXiv（2 篇）==`). */
  textHeading: string;
  failed: boolean;
  count: number;
  papers: EmailPaperView[];
  /** Papers of this source not listed in the email. */
  hidden: number;
  /** With `hidden`: the link text to the rest (HTML part), and the line before the link (text part). */
  moreLink?: string;
  moreLine?: string;
  /** The day page at the first paper not listed (at the source's section when all are listed). */
  moreUrl: string;
}

export interface EmailView {
  lang: string;
  /** The language's plain strings (`{{t.unsubscribe}}`, `{{@root.t.code}}` inside a loop). */
  t: TemplateStrings;
  /** `2025-10-17 论文速递`. */
  heading: string;
  /** Footer: why the reader got the email. */
  subscribedBecause: string;
  subject: string;
  preheader: string;
  /** Invisible characters after the preheader, so inbox previews do not run on into the header text. */
  preheaderPadding: string;
  siteTitle: string;
  siteUrl: string;
  feedUrl: string;
  issuesFeedUrl: string;
  date: string;
  summary: string;
  total: number;
  viewInBrowserUrl: string;
  unsubscribeUrl: string;
  /** The sender's postal address (`send.postalAddress`) on one line, for the footer; absent when not configured. */
  postalAddress?: string;
  /** Why the email shows less than the whole day, when it does. */
  notice?: string;
  sources: EmailSourceView[];
}

/** A day's email data before shaping: every paper with its whole abstract, text cleaned once. */
export interface EmailDay {
  /** The words the shaped views are made with. */
  words: UiStrings;
  base: Omit<EmailView, 'sources' | 'notice'>;
  sources: (Omit<EmailSourceView, 'papers' | 'hidden'> & { papers: PreparedPaper[] })[];
}

/** A paper before shaping: its whole abstract, and its anchor on the day page. */
type PreparedPaper = EmailPaperView & { fullAbstract: string; anchor: string };

/**
 * Prepares a day's email data; `shapeEmail` then cuts it to a shape cheaply (it is shaped many
 * times). `topicTitles`: the email of a topic subscriber (the day already cut to its topics'
 * papers), whose heading and footer name the topics.
 */
export function prepareEmailDay(day: Day, catalog: Catalog, config: Config, subject: string, topicTitles: readonly string[] = []): EmailDay {
  const dayUrl = siteUrlOf(config.siteUrl, sitePaths.dayPage(day.date));
  const total = day.sources.reduce((n, s) => n + s.papers.length, 0);
  const words = uiStrings(config.language);
  const data = cleanStrings({
    base: {
      lang: config.language,
      t: templateStrings(words),
      heading: topicTitles.length > 0 ? words.topicDayHeading(day.date, topicTitles) : words.dayHeading(day.date),
      subscribedBecause: topicTitles.length > 0 ? words.subscribedToTopics(config.title, topicTitles) : words.subscribedTo(config.title),
      subject,
      preheader: preheader(day, total, words),
      preheaderPadding: PREHEADER_PADDING,
      siteTitle: config.title,
      siteUrl: config.siteUrl,
      feedUrl: siteUrlOf(config.siteUrl, sitePaths.feed('atom')),
      issuesFeedUrl: siteUrlOf(config.siteUrl, sitePaths.issues('atom')),
      date: day.date,
      summary: daySummary(day, words),
      total,
      viewInBrowserUrl: dayUrl,
      unsubscribeUrl: UNSUBSCRIBE_PLACEHOLDER,
      ...(config.send.postalAddress ? { postalAddress: config.send.postalAddress.replace(/\s+/g, ' ').trim() } : {}),
    },
    sources: day.sources.map((s) => sourceData(s, day.date, catalog, dayUrl, words)),
  });
  return { words, ...data };
}

/** The view of a prepared day in the given shape. */
export function shapeEmail(day: EmailDay, shape: EmailShape): EmailView {
  const { words } = day;
  const sources = day.sources.map((s): EmailSourceView => {
    const shown = s.papers.slice(0, shape.perSourceLimit);
    const firstHidden = s.papers[shown.length];
    const hidden = s.papers.length - shown.length;
    return {
      ...s,
      papers: shown.map(({ fullAbstract, anchor: _anchor, ...paper }) => (shape.abstractChars > 0 && fullAbstract ? { ...paper, abstract: shorten(fullAbstract, shape.abstractChars) } : paper)),
      hidden,
      // "还有 N 篇" leads to the first paper the email leaves out, not to the top of the source.
      ...(firstHidden ? { moreUrl: `${day.base.viewInBrowserUrl}#${firstHidden.anchor}`, moreLink: words.moreOnline(hidden, s.count), moreLine: words.moreOnlineText(hidden, s.count) } : {}),
    };
  });
  const view: EmailView = { ...day.base, sources };
  const hidden = sources.reduce((n, s) => n + s.hidden, 0);
  const total = day.base.total;
  if (hidden > 0) view.notice = words.noticeTruncated(total, shape.perSourceLimit, hidden);
  else if (shape.abstractChars === 0 && total > 0) view.notice = words.noticeTitlesOnly(total);
  return view;
}

/** Builds the view of a day's email in the given shape (`prepareEmailDay` + `shapeEmail`). */
export function emailView(day: Day, catalog: Catalog, config: Config, shape: EmailShape, subject: string): EmailView {
  return shapeEmail(prepareEmailDay(day, catalog, config, subject), shape);
}

function sourceData(source: SourceDay, date: string, catalog: Catalog, dayUrl: string, words: UiStrings): EmailDay['sources'][number] {
  const status = statusText(source, words);
  const data: EmailDay['sources'][number] = {
    id: sourceAnchor(source.source),
    name: source.sourceName,
    statusText: status,
    textHeading: words.textSourceHeading(source.sourceName, status, source.status === 'failed'),
    failed: source.status === 'failed',
    count: source.papers.length,
    papers: source.papers.map((p, i) => {
      const paper: PreparedPaper = {
        number: i + 1,
        title: paperTitle(p, words),
        url: safeHttpUrl(p.url) ?? `${dayUrl}#${paperAnchor(p)}`,
        firstAuthor: p.authors[0] ?? '',
        fullAbstract: p.summary.replace(/\s+/g, ' ').trim(),
        anchor: paperAnchor(p),
        meta: [],
      };
      const full = fullTextLink(p, words);
      if (full) paper.fullText = { href: full.href, label: full.label };
      const code = safeHttpUrl(p.codeUrl);
      if (code) paper.codeUrl = code;
      const earlier = earlierListing(catalog, p, date);
      if (earlier) {
        paper.repeatOf = earlier;
        paper.repeatNote = words.listedEarlier(earlier);
      }
      paper.meta = metaItems(paper, words);
      return paper;
    }),
    moreUrl: `${dayUrl}#${sourceAnchor(source.source)}`,
  };
  return data;
}

function metaItems(paper: EmailPaperView, words: UiStrings): EmailMetaItem[] {
  const items: EmailMetaItem[] = [];
  if (paper.firstAuthor) items.push({ text: paper.firstAuthor });
  if (paper.fullText) items.push({ text: paper.fullText.label, href: paper.fullText.href });
  if (paper.codeUrl) items.push({ text: words.code, href: paper.codeUrl });
  if (paper.repeatNote) items.push({ text: paper.repeatNote });
  return items;
}

function preheader(day: Day, total: number, words: UiStrings): string {
  const first = day.sources.flatMap((s) => s.papers)[0];
  return `${daySummary(day, words)}${total > 0 && first ? ` — ${shorten(paperTitle(first, words), 60)}` : ''}`;
}

/** Source names for the subject: those with papers, else all (`arXiv`, `arXiv · bioRxiv`). */
export function subjectSources(day: Day): string {
  const withPapers = day.sources.filter((s) => s.papers.length > 0);
  return (withPapers.length > 0 ? withPapers : day.sources).map((s) => s.sourceName).join(' · ');
}
