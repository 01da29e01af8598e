/**
 * Text on one line: every run of white space (line breaks included) one space, trimmed. Pure.
 */

/** Whitespace other than a single space: a white-space character but a space, or two spaces (two white-space characters of which one is not a space match the first part: the same as `/[^\S ]|\s\s/`, with one class to try at each character instead of two). */
const SPACING_TO_COLLAPSE = /[^\S ]| {2}/;

/** Whitespace (line breaks included) collapsed to single spaces. */
export function oneLine(text: string): string {
  // Most text has single spaces only: then there is nothing to collapse.
  return SPACING_TO_COLLAPSE.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
}
