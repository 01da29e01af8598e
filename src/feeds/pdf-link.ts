/**
 * Whether a paper's "PDF" link really is a PDF. The digests give bioRxiv/medRxiv papers as
 * `https://doi.org/10.1101/…`, which resolves to an HTML landing page: such a link is no
 * enclosure (feeds) and is not labelled "PDF" (entry bodies).
 */
import { parseHttpUrl } from '../parse/paper-link.js';

const ARXIV_HOSTS = new Set(['arxiv.org', 'export.arxiv.org']);

/**
 * True for links that serve a PDF: a path ending in `.pdf` (bioRxiv/medRxiv `…v1.full.pdf`,
 * `…/paper.pdf`), or arXiv's `/pdf/<id>` (which has no extension). Everything else — doi.org,
 * abstract and landing pages, `.full` HTML — is a page.
 */
export function isPdfUrl(url: string): boolean {
  const parsed = parseHttpUrl(url);
  if (!parsed) return false;
  const path = parsed.pathname.toLowerCase();
  if (path.endsWith('.pdf')) return true;
  return ARXIV_HOSTS.has(parsed.hostname.toLowerCase().replace(/^www\./, '')) && /^\/pdf\/./.test(path);
}
