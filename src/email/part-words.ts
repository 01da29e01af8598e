/**
 * Distinct words of the email's parts, as spam filters compare them. SpamAssassin's
 * MPART_ALT_DIFF_COUNT (2.8 points of the 5 that mark spam) fires when the text part of a
 * multipart/alternative has more than 3 times as many distinct whitespace-separated words as
 * the HTML part shows. The text part may list more papers than the HTML, but only so far.
 */

/** Most distinct words the text part may have per distinct word the HTML shows (SpamAssassin's limit is 3). */
export const MAX_TEXT_TO_HTML_WORDS = 2.5;

/** Distinct whitespace-separated words with a word character in them, as SpamAssassin counts. */
export function distinctWords(text: string): number {
  const words = new Set<string>();
  for (const w of text.split(/\s+/)) if (/[\p{L}\p{N}_]/u.test(w)) words.add(w);
  return words.size;
}

const BLOCK_TAGS = /^(?:p|div|h[1-6]|li|ul|ol|br|td|th|tr|table|tbody|thead|section|article|header|footer|body|html|center|hr|title)$/i;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

/** The text a mail client shows for an HTML part (roughly as SpamAssassin renders it): body only, no styles or comments. */
export function htmlShownText(html: string): string {
  const bodyAt = html.search(/<body\b/i);
  return (bodyAt >= 0 ? html.slice(bodyAt) : html)
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(style|script)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<\/?([a-zA-Z][\w-]*)\b[^>]*>/g, (_tag, name: string) => (BLOCK_TAGS.test(name) ? ' ' : ''))
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, code: string) => {
      if (code[0] === '#') return String.fromCodePoint(code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : Number(code.slice(1)));
      return ENTITIES[code.toLowerCase()] ?? entity;
    });
}
