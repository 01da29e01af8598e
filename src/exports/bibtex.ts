/**
 * A day's papers as BibTeX (`export/DATE.bib`), one entry per paper, for Zotero (Better BibTeX or
 * its built-in importer), JabRef, BibDesk, biblatex/Biber and bibtex.exe. Pure.
 *
 * - arXiv papers are `@misc` with `eprint`, `archivePrefix = {arXiv}` and `url`, as arXiv's own
 *   "Export BibTeX citation" writes them (`primaryClass` is left out: the digests do not give the category).
 * - bioRxiv/medRxiv papers are `@article` with `journal = {bioRxiv}` and `doi`, as those servers'
 *   own exports write them; papers known only by a link are `@misc` with `url` and `howpublished`.
 * - `title` is the original English title where the digest has it, else the Chinese title. The
 *   Chinese title of a paper cited by its English one goes into `note` (`中文标题：…`): `note` is
 *   the one standard field every BibTeX style prints and every importer keeps (Zotero's
 *   built-in importer and Better BibTeX put it in the item's Extra field). biblatex's `titleaddon`
 *   would be printed glued to the title and is dropped by Zotero's built-in importer.
 * - `year`, `month` (the month macro) and `date` (biblatex) from the paper's publication date
 *   where the digest gives one, else the digest's day.
 * - Keys are made from the paper ids (`arxiv2510_14981`), so they are stable from build to build.
 */
import type { Config } from '../config/schema.js';
import type { Day } from '../model.js';
import { safeHttpUrl } from '../text/escape.js';
import { uiStrings, type UiStrings } from '../view/ui-strings.js';
import { bibtexName, bibtexText, bibtexVerbatim } from './bibtex-text.js';
import { citationKeys } from './citation-key.js';
import { arxivIdOf, citationDate, doiOf, citationTitles, dayPapers, type ListedPaper, oneLine } from './paper-facts.js';

const MONTH_MACROS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const PREPRINT_SERVERS = new Set(['biorxiv', 'medrxiv']);

/** The day's papers as a BibTeX file (UTF-8 text; no entries on a day without papers). */
export function renderBibtex(day: Day, config: Config): string {
  const listed = dayPapers(day);
  const keys = citationKeys(listed.map((l) => l.paper));
  const words = uiStrings(config.language);
  let text = `% ${day.date}: ${listed.length} ${listed.length === 1 ? 'entry' : 'entries'}, UTF-8. Made by digestcast from the day's digests.\n`;
  listed.forEach((l, i) => (text += `\n${bibtexEntry(l, keys[i]!, config, words)}`));
  return text;
}

function bibtexEntry({ paper, source }: ListedPaper, key: string, config: Config, words: UiStrings): string {
  const titles = citationTitles(paper, config);
  const date = citationDate(paper);
  const arxivId = arxivIdOf(paper);
  const doi = doiOf(paper);
  let body = bracedField('title', bibtexText(titles.main));
  let authors = '';
  for (const author of paper.authors) {
    const name = oneLine(author);
    if (name !== '') authors += `${authors === '' ? '' : ' and '}${bibtexName(name)}`;
  }
  if (authors !== '') body += bracedField('author', authors);
  body += bracedField('year', date.year);
  if (date.month >= 1 && date.month <= 12) body += `  month = ${MONTH_MACROS[date.month - 1]!},\n`;
  body += bracedField('date', date.iso);
  let type = 'misc';
  if (arxivId) {
    body += bracedField('eprint', bibtexVerbatim(arxivId)) + bracedField('archivePrefix', 'arXiv');
  } else if (doi && PREPRINT_SERVERS.has(paper.source)) {
    type = 'article';
    body += bracedField('journal', bibtexText(source.sourceName));
  } else {
    body += bracedField('howpublished', bibtexText(source.sourceName));
  }
  if (doi) body += bracedField('doi', bibtexVerbatim(doi));
  const url = safeHttpUrl(paper.url);
  if (url) body += bracedField('url', bibtexVerbatim(url));
  if (titles.translated) body += bracedField('note', bibtexText(`${words.translatedTitle}${words.colon}${titles.translated}`));
  if (paper.summary.trim() !== '') body += bracedField('abstract', bibtexText(paper.summary));
  return `@${type}{${key},\n${body}}\n`;
}

/** A field line with its value in braces (`  title = {…},`). */
function bracedField(name: string, value: string): string {
  return `  ${name} = {${value}},\n`;
}
