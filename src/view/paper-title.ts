/**
 * A paper's title as readers see it. The model keeps the digest's title, which is empty when
 * the digest gives none (a medRxiv row with neither a Chinese nor an English title); readers
 * then see a label in the project's language with the source and the id.
 */
import type { Paper } from '../model.js';
import { sourceDisplayName } from '../parse/digest-heading.js';
import type { UiStrings } from './ui-strings.js';

/** The title, or the label that stands for a missing one: `（无标题）medRxiv 10.1101/2024.10.01.24314650`. */
export function paperTitle(paper: Pick<Paper, 'title' | 'source' | 'id'>, words: UiStrings): string {
  return paper.title !== '' ? paper.title : words.untitled(sourceDisplayName(paper.source), paper.id.replace(/^[a-z]+:/, ''));
}
