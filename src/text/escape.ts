/**
 * Escaping and cleaning of text that comes from digests, before it goes into HTML, XML or JSON.
 */
import { boundedMemo } from './bounded-memo.js';

/** Characters XML 1.0 forbids (C0 controls but tab/LF/CR, U+FFFE/FFFF, lone surrogates), plus C1 controls, which it discourages. */
const NOT_XML_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Any character `NOT_XML_TEXT` could remove (any surrogate, paired or not): text without one, nearly all text, is returned as it is without the slower full pattern. */
const MAYBE_NOT_XML_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF\uD800-\uDFFF]/;

/** Removes characters that cannot stand in XML text (and would make a feed unreadable). */
export function cleanText(text: string): string {
  return MAYBE_NOT_XML_TEXT.test(text) ? text.replace(NOT_XML_TEXT, '') : text;
}

/** A copy of a plain-data value with `cleanText` applied to every string in it (for template views). */
export function cleanStrings<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map(cleanStrings) as T;
  if (value && typeof value === 'object') {
    // What `Object.fromEntries(Object.entries(value))` makes, without the pairs: own enumerable keys, in order.
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const cleaned = cleanStrings((value as Record<string, unknown>)[key]);
      if (key === '__proto__') Object.defineProperty(copy, key, { value: cleaned, enumerable: true, writable: true, configurable: true });
      else copy[key] = cleaned;
    }
    return copy as T;
  }
  return value;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values (after `cleanText`). */
export function escapeHtml(text: string): string {
  return cleanText(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** `parseSafeHttpUrl` remembered by link: the renderers of a day (page, exports, API document, feeds) check the same few links each. */
const memoSafeHttpUrl = boundedMemo(parseSafeHttpUrl);

/** Returns the URL if it is absolute http(s), else undefined: no `javascript:` or other scheme reaches a link. */
export function safeHttpUrl(url: string | undefined): string | undefined {
  return url ? (memoSafeHttpUrl(url) ?? undefined) : undefined;
}

/** `safeHttpUrl` without the memo: the URL parser's `href` of an absolute http(s) URL, else null. */
function parseSafeHttpUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Text cut to at most `max` characters (code points) at a word or sentence boundary where one is near, with `…`. */
export function shorten(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  let cut = chars.slice(0, max - 1).join('');
  const boundary = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('；'), cut.lastIndexOf('. '), cut.lastIndexOf('，'), cut.lastIndexOf(' '));
  if (boundary > cut.length * 0.7) cut = cut.slice(0, boundary + 1);
  return `${cut.trimEnd()}…`;
}
