/**
 * Markdown of one table cell → plain text and links, with remark + remark-gfm for the
 * Markdown semantics (escapes, emphasis, links, entities, autolinks).
 *
 * Most cells are plain text; those skip the parser (the reader's speed depends on it).
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
  if (!MARKDOWN_SYNTAX.test(markdown)) return { text: markdown, links: [] };
  // The PDF and code cells are one plain link; that needs no parser.
  const single = SINGLE_LINK.exec(markdown);
  if (single) return { text: single[1]!, links: [{ text: single[1]!, url: single[2]! }] };
  const math: string[] = [];
  const protectedText = markdown
    .replace(HTML_SCRIPT, (_, tag: string, content: string) => `$${tag.toLowerCase() === 'sup' ? '^' : '_'}{${content}}$`)
    .replace(INLINE_MATH, (span) => `\uE000${math.push(span) - 1}\uE001`)
    // A cell is inline content: block syntax at a line start (lists, headings, quotes) is literal.
    .replace(/^([ \t]*)([#>+*-]|\d{1,9}[.)])(?=[ \t]|$)/gm, (_, indent: string, marker: string) => `${indent}${escapeMarker(marker)}`)
    .replace(/^[ \t]+/gm, '');
  const tree = processor.parse(protectedText);
  const links: CellLink[] = [];
  const text = blocksToText(tree, links);
  const restore = (s: string) => (math.length === 0 ? s : s.replace(PLACEHOLDER, (_, n: string) => math[Number(n)] ?? ''));
  return { text: restore(text), links: links.map((l) => ({ text: restore(l.text), url: l.url })) };
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
