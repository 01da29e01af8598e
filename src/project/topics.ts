/**
 * Topics: named sets of keywords a reader follows across sources (`topics` in the config).
 * A paper is on a topic when any keyword occurs in its Chinese title, English title or abstract.
 *
 * How text is compared (keywords and papers alike, see `foldForMatch`):
 * - NFKC first, so full-width Latin and digits (`ＧＰＴ－４`) read as `GPT-4` and ligatures (`ﬁ`)
 *   as their letters; then `toLowerCase()` (Unicode's default mapping, the same whatever the
 *   machine's locale: no Turkish dotless-i surprises). A space in a keyword matches any run of
 *   white space (a line break in an abstract included).
 * - Keywords of Chinese (or any script without spaces between words) match anywhere: `扩散`
 *   matches `扩散模型`.
 * - A keyword that begins with a Latin letter or digit matches only at the start of a word:
 *   `rag` does not match `storage`, `bert` does not match `ALBERT`. CJK characters, hyphens and
 *   punctuation end words (`基于RAG的` and `RAG-based` match `rag`).
 * - A keyword that ends with a Latin letter matches only at the end of a word when it is short
 *   (up to `SHORT_KEYWORD` characters: acronyms such as `rag`, `llm`, `moe`), allowing a plural
 *   `s` (`LLMs`), so `rag` does not match `ragged`. Longer keywords may be followed by more
 *   letters, so `diffusion` matches `diffusions` and `transformer` matches `transformers`.
 * Pure; each topic is compiled once into one regular expression.
 */
import type { Paper } from '../model.js';

/** A topic as the config gives it. */
export interface Topic {
  /** URL-safe slug: its feeds are `topics/<id>.atom` and so on. */
  id: string;
  /** Name shown to readers (feed titles, site, email subject). */
  title: string;
  /** Words or phrases, any of which puts a paper on the topic. */
  keywords: string[];
  description?: string;
}

/** Latin keywords up to this many characters must match whole words (with an optional plural `s`). */
const SHORT_KEYWORD = 4;

/** Text as it is compared: NFKC, then lower case. */
export function foldForMatch(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** A keyword as it is compared: folded, trimmed, its runs of white space one space (what makes two keywords the same). */
export function foldKeyword(keyword: string): string {
  return foldForMatch(keyword).trim().replace(/\s+/g, ' ');
}

const LATIN_OR_DIGIT = /[\p{Script=Latin}\p{Nd}]/u;
const LATIN_LETTER = /\p{Script=Latin}/u;

/** The regular-expression source of one folded keyword, with the word boundaries its ends need. */
function keywordPattern(keyword: string): string {
  const folded = foldKeyword(keyword);
  const escaped = folded.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&').replace(/ /g, '\\s+');
  const first = folded[0] ?? '';
  const last = folded[folded.length - 1] ?? '';
  const start = LATIN_OR_DIGIT.test(first) ? '(?<![\\p{Script=Latin}\\p{Nd}])' : '';
  const end = LATIN_LETTER.test(last) && [...folded].length <= SHORT_KEYWORD ? '(?:s)?(?!\\p{Script=Latin})' : '';
  return `${start}${escaped}${end}`;
}

const compiled = new WeakMap<Topic, RegExp>();

/** The topic's one regular expression over folded text (made once per topic object). */
function topicPattern(topic: Topic): RegExp {
  let re = compiled.get(topic);
  if (!re) {
    // Longer keywords first, so an alternation tries `diffusion model` before `diffusion` (either matches; order only saves work).
    const keywords = [...new Set(topic.keywords.map(foldKeyword).filter(Boolean))].sort((a, b) => b.length - a.length);
    re = keywords.length > 0 ? new RegExp(keywords.map(keywordPattern).join('|'), 'u') : /(?!)/;
    compiled.set(topic, re);
  }
  return re;
}

/**
 * A paper's searchable text, folded: Chinese title, English title, abstract. Folding is most of
 * the cost of matching: to test several topics, fold once (`topicsOf`, `matchesAnyTopic`).
 */
function paperMatchText(paper: Paper): string {
  // U+0000 between fields: not white space, so no keyword spans two fields; a word boundary.
  return foldForMatch(`${paper.title}\u0000${paper.titleEn ?? ''}\u0000${paper.summary}`);
}

/** A topic feed's title, wherever it is named (the feed, the page's feed links, the OPML list): `论文每日速递 · 扩散模型`. */
export function topicFeedTitle(site: { title: string }, topic: Pick<Topic, 'title'>): string {
  return `${site.title} · ${topic.title}`;
}

/** Whether a paper is on a topic: any keyword in its Chinese title, English title or abstract (`topicsOf` for several topics). */
export function matchesTopic(paper: Paper, topic: Topic): boolean {
  return topicPattern(topic).test(paperMatchText(paper));
}

/** The topics (of those given, in their order) a paper is on. */
export function topicsOf<T extends Topic>(paper: Paper, topics: readonly T[]): T[] {
  if (topics.length === 0) return [];
  const text = paperMatchText(paper);
  return topics.filter((topic) => topicPattern(topic).test(text));
}

/** Whether a paper is on any of the topics. */
export function matchesAnyTopic(paper: Paper, topics: readonly Topic[]): boolean {
  if (topics.length === 0) return false;
  const text = paperMatchText(paper);
  return topics.some((topic) => topicPattern(topic).test(text));
}
