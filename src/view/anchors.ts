/**
 * Anchors of papers and sources on a day page: the site renders them, emails and feeds link to them.
 */
import type { Paper } from '../model.js';

/** `#arxiv-2510.14981`-style anchor of a paper on its day page (also used by emails). */
export function paperAnchor(paper: Paper): string {
  return `${paper.source}-${paper.id.replace(/^[a-z]+:/, '')}`.toLowerCase().replace(/[^a-z0-9._-]+/g, '-');
}

/** Anchor of a source's section on a day page. */
export function sourceAnchor(source: string): string {
  return source.toLowerCase().replace(/[^a-z0-9_-]+/g, '-') || 'source';
}

/** Anchor of a topic's place on the site's index page (`topic-diffusion`); topic ids are URL-safe slugs. */
export function topicAnchor(topicId: string): string {
  return `topic-${topicId}`;
}
