/**
 * Anchors of papers and sources on a day page: the site renders them, emails and feeds link to them.
 */
import type { Paper } from '../model.js';

/** `#arxiv-2510.14981`-style anchor of a paper on its day page (also used by emails). */
export function paperAnchor(paper: Pick<Paper, 'source' | 'id'>): string {
  // Ids such as `arxiv:2510.14981` and sources such as `arxiv` have nothing to lower-case or replace.
  if (ANCHOR_SAFE_ID.test(paper.id) && ANCHOR_SAFE.test(paper.source)) return `${paper.source}-${paper.id.slice(paper.id.indexOf(':') + 1)}`;
  return `${paper.source}-${paper.id.replace(/^[a-z]+:/, '')}`.toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
}

/** Text an anchor keeps as it is. */
const ANCHOR_SAFE = /^[a-z0-9._-]*$/;
/** An id with a lower-case scheme and a rest the anchor keeps as it is. */
const ANCHOR_SAFE_ID = /^[a-z]+:[a-z0-9._-]*$/;

/** Anchor of a source's section on a day page. */
export function sourceAnchor(source: string): string {
  return source.toLowerCase().replace(/[^a-z0-9_-]+/g, '-') || 'source';
}

/** Anchor of a topic's place on the site's index page (`topic-diffusion`); topic ids are URL-safe slugs. */
export function topicAnchor(topicId: string): string {
  return `topic-${topicId}`;
}
