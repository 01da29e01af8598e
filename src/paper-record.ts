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

/** Records per `JSON.stringify` call: large enough to keep it fast, small enough to keep memory flat. */
const RECORDS_PER_CHUNK = 1000;

/**
 * `JSON.stringify(papers.map(paperRecord), null, 2)`, byte for byte, as a sequence of pieces
 * (followed by a line end), so that a whole history's records are never one string in memory.
 */
export function* paperRecordsJson(papers: Iterable<Paper>, recordsPerChunk = RECORDS_PER_CHUNK): Generator<string> {
  let chunk: Record<string, unknown>[] = [];
  let opened = false;
  // An array's elements print the same in any array at the same depth: each chunk is printed
  // as an array of its own, and its inner text (between "[\n" and "\n]") is passed on.
  const inner = () => {
    const text = JSON.stringify(chunk, null, 2);
    const piece = `${opened ? ',\n' : '[\n'}${text.slice(2, -2)}`;
    opened = true;
    chunk = [];
    return piece;
  };
  for (const paper of papers) {
    chunk.push(paperRecord(paper));
    if (chunk.length >= recordsPerChunk) yield inner();
  }
  if (chunk.length > 0) yield inner();
  yield opened ? '\n]\n' : '[]\n';
}
