/**
 * What the three exports (BibTeX, RIS, CSV) read off a paper alike: its arXiv id or DOI, the
 * title to cite it by and the title in the other language, the date to cite it with, and the
 * day's papers in page order. Pure.
 */
import type { Config } from '../config/schema.js';
import type { Day, Paper, SourceDay } from '../model.js';
import { siteUrlOf, sitePaths } from '../project/site-paths.js';
import { isIsoDate } from '../parse/digest-heading.js';
import { cleanText } from '../text/escape.js';
import { oneLine as collapseSpaces } from '../text/one-line.js';
import { paperAnchor } from '../view/anchors.js';
import { paperTitle } from '../view/paper-title.js';
import { uiStrings } from '../view/ui-strings.js';

/** A paper of a day with the source section it is listed under. */
export interface ListedPaper {
  paper: Paper;
  source: SourceDay;
}

/** Every paper of the day once per source section, in the order of the day page (other listings left out, as on the page). */
export function dayPapers(day: Day): ListedPaper[] {
  return day.sources.flatMap((source) => source.papers.map((paper) => ({ paper, source })));
}

/** The arXiv identifier (`2510.14981`, `hep-th/9901001`), without version, for arXiv papers. */
export function arxivIdOf(paper: Pick<Paper, 'id'>): string | undefined {
  return paper.id.startsWith('arxiv:') ? paper.id.slice('arxiv:'.length) : undefined;
}

/** The DOI (`10.1101/2024.10.01.24314650`) for papers known by one (bioRxiv, medRxiv). */
export function doiOf(paper: Pick<Paper, 'id'>): string | undefined {
  return paper.id.startsWith('doi:') ? paper.id.slice('doi:'.length) : undefined;
}

/** The date a paper is cited with: its own publication date where the digest gives one, else the digest's day. */
export function citationDate(paper: Pick<Paper, 'publishedDate' | 'date'>): { year: string; month: number; day: number; iso: string } {
  const iso = paper.publishedDate && isIsoDate(paper.publishedDate) ? paper.publishedDate : paper.date;
  const [year, month, day] = iso.split('-');
  return { year: year!, month: Number(month), day: Number(day), iso };
}

/**
 * Titles to cite a paper by. `main`: the original English title where the digest has it (what
 * the paper is known by), else the Chinese title, else the project's label for a missing one.
 * `translated`: the Chinese title when `main` is the English one (and they differ).
 */
export function citationTitles(paper: Pick<Paper, 'title' | 'titleEn' | 'source' | 'id'>, config: Pick<Config, 'language'>): { main: string; translated?: string } {
  const english = oneLine(paper.titleEn ?? '');
  const chinese = oneLine(paper.title);
  if (english === '') return { main: oneLine(paperTitle(paper, uiStrings(config.language))) };
  return chinese !== '' && chinese !== english ? { main: english, translated: chinese } : { main: english };
}

/** Absolute address of the paper on its day page (`https://…/2025-10-17.html#arxiv-2510.14981`). */
export function paperPageUrl(paper: Paper, day: Pick<Day, 'date'>, config: Pick<Config, 'siteUrl'>): string {
  return `${siteUrlOf(config.siteUrl, sitePaths.dayPage(day.date))}#${paperAnchor(paper)}`;
}

/** Text on one line: controls removed, every run of white space (newlines, paragraph breaks) one space. For fields that cannot hold a line break. */
export function oneLine(text: string): string {
  // (NEL, U+0085, is a C1 control: `cleanText` removes it; `\s` covers U+2028 and U+2029.)
  return collapseSpaces(cleanText(text));
}
