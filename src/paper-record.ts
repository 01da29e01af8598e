/**
 * A `Paper` as the JSON record `digestcast parse --json` prints: the documented field
 * names, required ones first, optional ones only when present.
 */
import type { Paper } from './model.js';

const ORDER: readonly (keyof Paper)[] = [
  'date', 'source', 'id', 'version', 'title', 'titleNote', 'titleEn', 'authors', 'pdfUrl', 'url',
  'summary', 'summaryNote', 'publishedDate', 'codeUrl', 'original', 'extra', 'file', 'line',
];

/** The paper with its keys in documentation order and undefined ones left out. */
export function paperRecord(paper: Paper): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const key of ORDER) {
    if (paper[key] !== undefined) record[key] = paper[key];
  }
  return record;
}
