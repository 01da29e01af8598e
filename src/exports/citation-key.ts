/**
 * BibTeX citation keys made from paper ids, so a paper keeps its key from build to build and
 * from day to day (`arxiv:2510.14981` → `arxiv2510_14981`), and a document that cites it keeps
 * working when the export is downloaded again. Pure.
 */
import type { Paper } from '../model.js';
import { sha256 } from '../hash.js';

/** Letters, digits and `_` only: safe in BibTeX, biblatex, Biber and Better BibTeX keys, and in `\cite{…}`. */
const asKeyPart = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

/**
 * The key a paper's id gives: the source, then the arXiv id, the DOI's suffix (after `10.xxxx/`) or,
 * for a paper known only by its link, a short hash of the link. Not yet unique within a file
 * (`citationKeys` sees to that).
 */
export function baseCitationKey(paper: Pick<Paper, 'id' | 'source'>): string {
  const source = asKeyPart(paper.source).toLowerCase() || 'paper';
  const [scheme, ...rest] = paper.id.split(':');
  const value = rest.join(':');
  let tail: string;
  if (scheme === 'arxiv') tail = asKeyPart(value);
  else if (scheme === 'doi') tail = asKeyPart(value.replace(/^10\.\d+\//, ''));
  else tail = sha256(paper.id).slice(0, 10);
  if (tail === '') tail = sha256(paper.id).slice(0, 10);
  return /^\d/.test(tail) ? `${source}${tail}` : `${source}_${tail}`;
}

/**
 * Keys for the papers of one file, in order: each paper's `baseCitationKey`, with `b`, `c`, … (then
 * `_2`, `_3`, …) after the second and later papers that would get a key already taken. Keys are
 * compared case-insensitively, as BibTeX does.
 */
export function citationKeys(papers: readonly Pick<Paper, 'id' | 'source'>[]): string[] {
  const taken = new Set<string>();
  return papers.map((paper) => {
    const base = baseCitationKey(paper);
    let key = base;
    for (let n = 1; taken.has(key.toLowerCase()); n++) key = n < 26 ? `${base}${String.fromCharCode(97 + n)}` : `${base}_${n + 1}`;
    taken.add(key.toLowerCase());
    return key;
  });
}
