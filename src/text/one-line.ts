/**
 * Text on one line: every run of white space (line breaks included) one space, trimmed. Pure.
 */

/** Whitespace other than a single space. */
const SPACING_TO_COLLAPSE = /[^\S ]|\s\s/;

/** Whitespace (line breaks included) collapsed to single spaces. */
export function oneLine(text: string): string {
  // Most text has single spaces only: then there is nothing to collapse.
  return SPACING_TO_COLLAPSE.test(text) ? text.replace(/\s+/g, ' ').trim() : text.trim();
}
