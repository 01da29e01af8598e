/**
 * Markdown of one table cell → plain text and links, with remark + remark-gfm for the
 * Markdown semantics (escapes, emphasis, links, entities, autolinks).
 *
 * Most cells are plain text, and many more are paragraphs of literal text (a `!`, `&`, `<` or
 * `[ ]` used as such); those skip the parser (the reader's speed depends on it).
 */
import type { Nodes, Root } from 'mdast';
import { remark } from 'remark';
import remarkGfm from 'remark-gfm';

/** A link found in a cell. */
export interface CellLink {
  text: string;
  url: string;
}

/** Plain text of a cell and the links in it. */
export interface CellText {
  text: string;
  links: CellLink[];
}

const processor = remark().use(remarkGfm).freeze();

/** Characters that can make Markdown mean something other than the literal text. */
const MARKDOWN_SYNTAX = /[\\*_[\]`<>&~!]|https?:|www\./i;

/** `$…$` inline math, Pandoc's rule: no space just inside the dollars, no digit right after. */
export const INLINE_MATH = /\$(?=[^\s$])((?:\\.|[^$\\\n])*?)(?<=[^\s\\])\$(?!\d)/g;

/** A cell that is exactly `[Label](https://…)` with no other syntax in label or URL. */
const SINGLE_LINK = /^\[([\p{L}\p{N} ]{1,40})\]\((https?:\/\/[^\s()<>\\[\]`&]+)\)$/u;

/** An inline `<br>` tag, the way Markdown tables break a line inside a cell. */
const HTML_BREAK = /^<br\s*\/?>$/i;
const HTML_BREAKS_IN_TEXT = /[ \t]*<br\s*\/?>[ \t]*/gi;
/** Opening or closing inline formatting tags whose content is plain text. */
const HTML_FORMATTING_TAG = /^<\/?(?:b|i|em|strong|u|small|span|font|mark)(?:\s[^<>]*)?>$/i;
/** `<sup>…</sup>` / `<sub>…</sub>` with short plain content, written as LaTeX so it becomes Unicode. */
const HTML_SCRIPT = /<(sup|sub)>([^<>$\n]{1,20})<\/\1>/gi;

/** Placeholders for math spans are private-use characters, which Markdown leaves alone. */
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

/**
 * Converts a cell's Markdown to text. Paragraph breaks stay as `\n\n`, line breaks as `\n`;
 * `$…$` math is passed through untouched (for the LaTeX step).
 */
export function cellToText(markdown: string): CellText {
  return readCell(markdown, true);
}

/**
 * `cellToText(markdown).text`, for callers that need no links: a URL or e-mail address, which
 * GFM makes a link without changing the text, then needs no parser either.
 */
export function cellText(markdown: string): string {
  return readCell(markdown, false).text;
}

function readCell(markdown: string, withLinks: boolean): CellText {
  if (!MARKDOWN_SYNTAX.test(markdown)) return { text: markdown, links: [] };
  // The PDF and code cells are one plain link; that needs no parser.
  const single = SINGLE_LINK.exec(markdown);
  if (single) return { text: single[1]!, links: [{ text: single[1]!, url: single[2]! }] };
  const math: string[] = [];
  const withMath = markdown
    .replace(HTML_SCRIPT, (_, tag: string, content: string) => `$${tag.toLowerCase() === 'sup' ? '^' : '_'}{${content}}$`)
    .replace(INLINE_MATH, (span) => `\uE000${math.push(span) - 1}\uE001`);
  const plain = plainParagraphsText(withMath, { withLinks });
  const { text, links } = plain === undefined ? remarkCellText(withMath) : { text: plain, links: [] };
  const restore = (s: string) => (math.length === 0 ? s : s.replace(PLACEHOLDER, (_, n: string) => math[Number(n)] ?? ''));
  return { text: restore(text), links: links.map((l) => ({ text: restore(l.text), url: l.url })) };
}

/**
 * What remark + remark-gfm read in a cell (math already set aside): its text and links.
 * Exported for the test that holds `plainParagraphsText` to it.
 */
export function remarkCellText(markdown: string): CellText {
  const protectedText = markdown
    // A cell is inline content: block syntax at a line start (lists, headings, quotes) is literal.
    .replace(/^([ \t]*)([#>+*-]|\d{1,9}[.)])(?=[ \t]|$)/gm, (_, indent: string, marker: string) => `${indent}${escapeMarker(marker)}`)
    .replace(/^[ \t]+/gm, '');
  const tree = processor.parse(protectedText);
  const links: CellLink[] = [];
  const text = blocksToText(tree, links);
  return { text, links };
}

/**
 * Characters and sequences with which remark could read a cell as more than paragraphs of
 * literal text: escapes, code, HTML and autolinks (a URI's scheme starts with a letter; an
 * e-mail address, whose `<…>` remark drops, may start with a digit or a sign: CommonMark's
 * local part), entities, links and images, tables, characters Markdown replaces (NUL, BOM), and
 * line ends other than `\n` (also those a JavaScript `^` sees, U+2028/U+2029).
 */
const PLAIN_HAZARD = /[\\`|\0\r\uFEFF\u2028\u2029]|<[A-Za-z/!?]|<[A-Za-z0-9.!#$%&'*+/=?^_{}~-]+@|&(?:#|[A-Za-z0-9]+;)|\]\(|!\[/;
/** GFM autolink literals (URLs, `www.`, e-mail addresses): links whose text is the literal text. */
const AUTOLINK_LITERAL = /@|https?:|www\./i;
/**
 * A line starting like a block (list, heading, quote, fence, table, setext underline, thematic
 * break, definition, HTML). A list, heading or quote marker followed by a space is not one: the
 * reader escapes it (see `remarkCellText`); nor is `**` before a word.
 */
const BLOCK_START = /^[ \t]*(?:[=_~`[<:|]|[-+#>](?![ \t]|$)|\*(?!\*[^\s*]))/m;
/** Runs of emphasis and strikethrough delimiters. */
const DELIMITER_RUN = /\*+|_+|~+/g;
const STAR_RUN = /\*+/g;
/** A letter or digit: an `_` run between two of them can neither open nor close emphasis. */
const WORD_CHARACTER = /^[\p{L}\p{N}]$/u;
/** Whitespace and punctuation as micromark classes the characters around emphasis (per UTF-16 unit). */
const WHITESPACE = /\s/;
const PUNCTUATION = /\p{P}|\p{S}/u;

/**
 * The text remark gives for a cell that can only be paragraphs of literal text and `**strong**`
 * spans, without running remark; `undefined` when the cell may hold more (then remark reads it).
 * Such a cell has no Markdown but `!`, `&`, `<`, `>`, `[ ]` used literally, an `_` inside a word,
 * one lone run of `*`, `_` or `~` (emphasis needs two), and `**` around strong text.
 * Paragraphs are the runs of non-blank lines, joined by a blank line; each line loses its
 * leading and trailing spaces and tabs. Without `withLinks`, URLs and e-mail addresses are
 * taken as text too (GFM links them, as they stand).
 */
export function plainParagraphsText(markdown: string, { withLinks = true } = {}): string | undefined {
  if (PLAIN_HAZARD.test(markdown) || BLOCK_START.test(markdown) || (withLinks && AUTOLINK_LITERAL.test(markdown))) return undefined;
  const runs = new Set<string>();
  let starRuns = 0;
  for (const { 0: run, index } of markdown.matchAll(DELIMITER_RUN)) {
    const kind = run[0]!;
    if (kind === '*') {
      starRuns++;
      continue;
    }
    if (kind === '_' && WORD_CHARACTER.test(markdown[index - 1] ?? '') && WORD_CHARACTER.test(markdown[index + run.length] ?? '')) continue;
    if (runs.has(kind)) return undefined;
    runs.add(kind);
  }
  // Several runs of `*`: only `**` pairs are read here, with no `~` (GFM lets it open one) and no
  // URL or address (GFM may take a `**` into the link).
  const strong = starRuns > 1;
  if (strong && (runs.has('~') || AUTOLINK_LITERAL.test(markdown))) return undefined;
  const paragraphs: string[] = [];
  let lines: string[] = [];
  const endParagraph = (): boolean => {
    const text = lines.join('\n');
    lines = [];
    const read = strong ? withoutStrongMarkers(text) : text;
    if (read === undefined) return false;
    paragraphs.push(read);
    return true;
  };
  for (const line of markdown.split('\n')) {
    const trimmed = line.replace(/^[ \t]+|[ \t]+$/g, '');
    if (trimmed !== '') lines.push(trimmed);
    else if (lines.length > 0 && !endParagraph()) return undefined;
  }
  if (lines.length > 0 && !endParagraph()) return undefined;
  return paragraphs.join('\n\n');
}

/**
 * A paragraph's text with its `**…**` markers removed, as remark reads them; `undefined` unless
 * every `*` run is `**`. Which runs open and close follows CommonMark (left- and right-flanking
 * runs, with micromark's character classes); a closer takes the nearest opener before it, the
 * others stay literal. With runs all of length 2 no other rule applies.
 */
function withoutStrongMarkers(paragraph: string): string | undefined {
  const kind = (char: string | undefined) => (char === undefined || WHITESPACE.test(char) ? 'space' : PUNCTUATION.test(char) ? 'punctuation' : 'other');
  const openers: number[] = [];
  const matched: number[] = [];
  for (const { 0: run, index } of paragraph.matchAll(STAR_RUN)) {
    if (run.length !== 2) return undefined;
    const before = kind(paragraph[index - 1]);
    const after = kind(paragraph[index + 2]);
    const opens = after === 'other' || (after === 'punctuation' && before !== 'other');
    const closes = before === 'other' || (before === 'punctuation' && after !== 'other');
    if (closes && openers.length > 0) matched.push(openers.pop()!, index);
    else if (opens) openers.push(index);
  }
  if (matched.length === 0) return paragraph;
  matched.sort((a, b) => a - b);
  let text = '';
  let from = 0;
  for (const index of matched) {
    text += paragraph.slice(from, index);
    from = index + 2;
  }
  return text + paragraph.slice(from);
}

/**
 * `<br>` tags as real line breaks, for code that reads a cell's raw Markdown line by line
 * (`cellToText` already reads them as breaks).
 */
export function htmlBreaksToNewlines(markdown: string): string {
  return markdown.includes('<') ? markdown.replace(HTML_BREAKS_IN_TEXT, '\n') : markdown;
}

function escapeMarker(marker: string): string {
  return /^\d/.test(marker) ? `${marker.slice(0, -1)}\\${marker.slice(-1)}` : `\\${marker}`;
}

function blocksToText(root: Root, links: CellLink[]): string {
  return root.children.map((block) => inlineText(block, links)).join('\n\n');
}

function inlineText(node: Nodes, links: CellLink[]): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'code':
      return node.value;
    case 'html':
      // `<br>` is how Markdown tables break lines in a cell; formatting tags add nothing to
      // text. Any other HTML stays literal text (and is escaped wherever it is shown).
      if (HTML_BREAK.test(node.value)) return '\n';
      return HTML_FORMATTING_TAG.test(node.value) ? '' : node.value;
    case 'break':
      return '\n';
    case 'image':
      return node.alt ?? '';
    case 'thematicBreak':
      return '---';
    case 'link': {
      const text = node.children.map((c) => inlineText(c, links)).join('');
      links.push({ text, url: node.url });
      return text;
    }
    case 'linkReference':
    case 'imageReference':
    case 'footnoteReference':
      // Without definitions these are literal text in the source; keep the label.
      return 'children' in node ? `[${node.children.map((c) => inlineText(c, links)).join('')}]` : `[^${node.identifier}]`;
    default:
      if ('children' in node) {
        const sep = node.type === 'list' || node.type === 'table' || node.type === 'tableRow' ? '\n' : '';
        return (node.children as Nodes[]).map((c) => inlineText(c, links)).join(sep);
      }
      return '';
  }
}
