/**
 * The mark of a paper row: its `[PDF](url)` link. One pattern for every part of the reader (the
 * block scanner, row alignment, the row reader and the file-wide check that no link is lost), so
 * a row is recognised the same way with or without a header above it.
 */

/**
 * The opening of a PDF link, `[PDF](`: any case, with spaces allowed inside the brackets and
 * between `]` and `(` (`[ pdf ] (https://…)` is written by some digests and still means the link).
 */
export const PDF_LINK_OPENING = /\[\s*PDF\s*\]\s*\(/i;

const STARTS_WITH_PDF_LINK = new RegExp(`^${PDF_LINK_OPENING.source}`, 'i');
const PDF_LINK_WITH_TARGET = new RegExp(`${PDF_LINK_OPENING.source}(?=\\s*([^)\\s]*))`, 'gi');

/** Whether `text` holds a PDF link (its opening). */
export function hasPdfLink(text: string): boolean {
  return PDF_LINK_OPENING.test(text);
}

/** Whether `text` starts with a PDF link. */
export function startsWithPdfLink(text: string): boolean {
  return STARTS_WITH_PDF_LINK.test(text);
}

/** Offset of the first PDF link in `text`, or -1. */
export function pdfLinkIndex(text: string): number {
  return text.search(PDF_LINK_OPENING);
}

/** Every PDF link in `text`: the offset of its opening and the target as written (up to `)` or a space; '' when none). */
export function* pdfLinksIn(text: string): Generator<{ index: number; target: string }> {
  for (const m of text.matchAll(PDF_LINK_WITH_TARGET)) yield { index: m.index, target: m[1] ?? '' };
}
