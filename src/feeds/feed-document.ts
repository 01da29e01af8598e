/**
 * A format-neutral feed: what Atom, RSS and JSON Feed writers are given.
 * All text in it is plain (not yet escaped); `contentHtml` is already-escaped HTML.
 */

export interface FeedAuthor {
  name: string;
  email?: string;
  url?: string;
}

/** RFC 5005 links of a feed document. */
export interface ArchiveLinks {
  /** This document is an archive (`fh:archive`), not a subscription feed. */
  isArchive: boolean;
  prev?: string;
  next?: string;
  /** The subscription feed, from an archive. */
  current?: string;
}

export interface FeedMeta {
  title: string;
  subtitle?: string;
  /** Language tag of the content (`zh-CN`). */
  language: string;
  /** Zone the dates are written in. */
  timeZone: string;
  /** Absolute URL of this document (rel="self", feed_url). */
  selfUrl: string;
  /** Site page this feed belongs to (rel="alternate", home_page_url). */
  homeUrl: string;
  author: FeedAuthor;
  /** Newest entry's date (never the build time). */
  updated: Date;
  /** Relative href of the XSLT that styles the XML in browsers. */
  stylesheetHref?: string;
  archive?: ArchiveLinks;
}

/**
 * How much a paper's entry carries, richest first. Subscription feeds step down a level (for
 * every entry of the document) rather than leave papers out when they are over the size limit.
 * - `full`: meta line, English title, whole abstract, links; plain-text summary;
 * - `short`: the same with the abstract cut to a sentence or two, no separate summary;
 * - `links`: title, authors, date and links only (no body in Atom and RSS).
 */
export type ContentLevel = 'full' | 'short' | 'links';

export interface FeedItem {
  /** Stable id, identical in every format (an absolute URL). */
  id: string;
  /** Page the entry is about (rel="alternate"). */
  url: string;
  title: string;
  /** Escaped HTML body; absent at the `links` level. */
  contentHtml?: string;
  /** Plain-text summary (RSS description, JSON summary). */
  summaryText?: string;
  date: Date;
  authors: string[];
  categories: { term: string; label: string }[];
  /** The PDF: only a link that serves a PDF (never a doi.org landing page). */
  enclosure?: { url: string; type: string; title: string };
  /** Related pages: a full-text landing page other than `url`, the code repository. */
  related?: { href: string; title: string }[];
  /** JSON Feed extension data (`_digestcast`). */
  extension?: Record<string, unknown>;
}
