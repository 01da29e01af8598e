/**
 * A paper's full-text link as readers see it, in feeds, on the site and in the email. The
 * digests give bioRxiv/medRxiv papers as `https://doi.org/10.1101/…`, which resolves to an HTML
 * landing page: such a link is not labelled "PDF" (and is no feed enclosure), and it is left out
 * where it is the paper's abstract page already.
 */
import type { Paper } from '../model.js';
import { parseHttpUrl } from '../parse/paper-link.js';
import { boundedMemo } from '../text/bounded-memo.js';
import { safeHttpUrl } from '../text/escape.js';
import type { UiStrings } from './ui-strings.js';

const ARXIV_HOSTS = new Set(['arxiv.org', 'export.arxiv.org']);

/** A checked http(s) full-text link and the label it is shown with. */
export interface FullTextLink {
  href: string;
  /** `strings.pdf` when the link serves a PDF, else `strings.fullText` (`全文`). */
  label: string;
  isPdf: boolean;
}

/**
 * True for links that serve a PDF: a path ending in `.pdf` (bioRxiv/medRxiv `…v1.full.pdf`,
 * `…/paper.pdf`), or arXiv's `/pdf/<id>` (which has no extension). Everything else — doi.org,
 * abstract and landing pages, `.full` HTML — is a page.
 */
export function isPdfUrl(url: string): boolean {
  return memoServesPdf(url);
}

/** `servesPdf` remembered by link: the page, the feeds and the RIS export ask about the same links. */
const memoServesPdf = boundedMemo((url: string) => servesPdf(url));

/** `isPdfUrl` without the memo. */
function servesPdf(url: string): boolean {
  const parsed = parseHttpUrl(url);
  if (!parsed) return false;
  const path = parsed.pathname.toLowerCase();
  if (path.endsWith('.pdf')) return true;
  return ARXIV_HOSTS.has(parsed.hostname.toLowerCase().replace(/^www\./, '')) && /^\/pdf\/./.test(path);
}

/**
 * The paper's full-text link as readers should see it: "PDF" only when the link serves a PDF;
 * a page (doi.org) other than the abstract page is "全文"; none when it is the abstract page,
 * or when it is not an http(s) link.
 */
export function fullTextLink(paper: Pick<Paper, 'pdfUrl' | 'url'>, strings: Pick<UiStrings, 'pdf' | 'fullText'>): FullTextLink | undefined {
  const href = safeHttpUrl(paper.pdfUrl);
  if (!href) return undefined;
  if (isPdfUrl(href)) return { href, label: strings.pdf, isPdf: true };
  return sameUrl(href, paper.url) ? undefined : { href, label: strings.fullText, isPdf: false };
}

/** Same address, ignoring case (DOIs are case-insensitive) and a trailing slash. */
function sameUrl(a: string, b: string): boolean {
  const norm = (u: string) => u.toLowerCase().replace(/\/$/, '');
  return norm(a) === norm(b);
}
