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
import { uiStrings } from '../view/ui-strings.js';
import { bibtexName, bibtexText, bibtexVerbatim } from './bibtex-text.js';
import { citationKeys } from './citation-key.js';
import { arxivIdOf, citationDate, doiOf, citationTitles, dayPapers, type ListedPaper, oneLine } from './paper-facts.js';

const MONTH_MACROS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const PREPRINT_SERVERS = new Set(['biorxiv', 'medrxiv']);

/** A BibTeX field: braced text, or a bare macro name (`month = oct`). */
type Field = [name: string, value: string, bare?: 'bare'];

/** The day's papers as a BibTeX file (UTF-8 text; no entries on a day without papers). */
export function renderBibtex(day: Day, config: Config): string {
  const listed = dayPapers(day);
  const keys = citationKeys(listed.map((l) => l.paper));
  const header = `% ${day.date}: ${listed.length} ${listed.length === 1 ? 'entry' : 'entries'}, UTF-8. Made by digestcast from the day's digests.\n`;
  return header + listed.map((l, i) => `\n${bibtexEntry(l, keys[i]!, config)}`).join('');
}

function bibtexEntry({ paper, source }: ListedPaper, key: string, config: Config): string {
  const words = uiStrings(config.language);
  const titles = citationTitles(paper, config);
  const date = citationDate(paper);
  const arxivId = arxivIdOf(paper);
  const doi = doiOf(paper);
  const authors = paper.authors.map(oneLine).filter((a) => a !== '');
  const fields: Field[] = [['title', bibtexText(titles.main)]];
  if (authors.length > 0) fields.push(['author', authors.map(bibtexName).join(' and ')]);
  fields.push(['year', date.year]);
  if (date.month >= 1 && date.month <= 12) fields.push(['month', MONTH_MACROS[date.month - 1]!, 'bare']);
  fields.push(['date', date.iso]);
  let type = 'misc';
  if (arxivId) {
    fields.push(['eprint', bibtexVerbatim(arxivId)], ['archivePrefix', 'arXiv']);
  } else if (doi && PREPRINT_SERVERS.has(paper.source)) {
    type = 'article';
    fields.push(['journal', bibtexText(source.sourceName)]);
  } else {
    fields.push(['howpublished', bibtexText(source.sourceName)]);
  }
  if (doi) fields.push(['doi', bibtexVerbatim(doi)]);
  const url = safeHttpUrl(paper.url);
  if (url) fields.push(['url', bibtexVerbatim(url)]);
  if (titles.translated) fields.push(['note', bibtexText(`${words.translatedTitle}${words.colon}${titles.translated}`)]);
  if (paper.summary.trim() !== '') fields.push(['abstract', bibtexText(paper.summary)]);
  const body = fields.map(([name, value, bare]) => `  ${name} = ${bare ? value : `{${value}}`},`).join('\n');
  return `@${type}{${key},\n${body}\n}\n`;
}
