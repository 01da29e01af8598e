/**
 * A day's papers as RIS (`export/DATE.ris`), one record per paper, for EndNote, Zotero, Mendeley,
 * RefWorks and Citavi. Pure.
 *
 * The RIS specification (Research Information Systems, 2001 and 2011) has every tag line
 * `XX  - value` end in a carriage return and line feed, the first tag of a record be `TY` and
 * the last `ER`; so lines end in CRLF here, and every value is kept on one line (white space
 * runs, newlines in abstracts included, become one space), so no value can end a record early.
 * The file is UTF-8 without a byte-order mark (Zotero, EndNote X9+ and Mendeley read UTF-8).
 *
 * Papers are `JOUR` records with the server as the publication (`T2`), as bioRxiv's own RIS export
 * and Google Scholar write preprints (Zotero reads them as journal articles); papers known only
 * by a link are `GEN`. `TI` is the original English title where the digest has it, else the
 * Chinese title; the Chinese title of a paper cited by its English one is `TT` (the 2011
 * specification's translated title; Zotero keeps a tag it has no field for as a note).
 * `DB` names the server, `AN` holds the arXiv id, `DO` the DOI, `UR` the abstract page, `L1` the
 * PDF (Zotero attaches it), `N1` the translator's notes the digest had in the title or abstract cell.
 */
import type { Config } from '../config/schema.js';
import type { Day } from '../model.js';
import { safeHttpUrl } from '../text/escape.js';
import { isPdfUrl } from '../view/full-text-link.js';
import { arxivIdOf, citationDate, citationTitles, doiOf, type ListedPaper, oneLine } from './paper-facts.js';

/** RIS lines end in CR LF (the specification's "carriage return/line feed", ANSI 13 10). */
export const RIS_EOL = '\r\n';

/** The day's papers as RIS text (empty on a day without papers). */
export function renderRis(day: Day, config: Config): string {
  let text = '';
  for (const source of day.sources) for (const paper of source.papers) text += risRecord({ paper, source }, config);
  return text;
}

function risRecord({ paper, source }: ListedPaper, config: Config): string {
  const titles = citationTitles(paper, config);
  const date = citationDate(paper);
  const arxivId = arxivIdOf(paper);
  const doi = doiOf(paper);
  let record = risLine('TY', arxivId || doi ? 'JOUR' : 'GEN') + risLine('TI', titles.main) + risLine('TT', titles.translated);
  for (const author of paper.authors) record += risLine('AU', author);
  record += risLine('PY', date.year) + risLine('DA', date.iso.replaceAll('-', '/')) + risLine('T2', source.sourceName) + risLine('DB', source.sourceName);
  if (arxivId) record += risLine('AN', `arXiv:${arxivId}`);
  record += risLine('DO', doi) + risLine('UR', safeHttpUrl(paper.url));
  const pdf = safeHttpUrl(paper.pdfUrl);
  if (pdf && isPdfUrl(pdf)) record += risLine('L1', pdf);
  record += risLine('AB', paper.summary) + risLine('N1', paper.titleNote) + risLine('N1', paper.summaryNote);
  return `${record}ER  - ${RIS_EOL}`;
}

/** A tag line with its line end, the value on one line; none for a value that is empty (or absent). */
function risLine(tag: string, value: string | undefined): string {
  const text = value === undefined ? '' : oneLine(value);
  return text === '' ? '' : `${tag}  - ${text}${RIS_EOL}`;
}
