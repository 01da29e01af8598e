/**
 * PDF link → canonical paper identity: arXiv id or DOI without version, plus the abstract page.
 */

/** Identity of a paper derived from its PDF link. */
export interface PaperIdentity {
  /** `arxiv:2510.14981`, `doi:10.1101/2024.12.24.629987`, or `url:<normalised link>`. */
  id: string;
  version?: number;
  /** Abstract page. */
  url: string;
  /** Source the link's host implies, when it implies one. */
  source?: 'arxiv' | 'biorxiv' | 'medrxiv';
}

const ARXIV_NEW = /^\/(?:pdf|abs|html|format)\/(\d{4}\.\d{4,5})(?:v(\d+))?(?:\.pdf)?\/?$/i;
const ARXIV_OLD = /^\/(?:pdf|abs|html|format)\/([a-z-]+(?:\.[a-z]{2})?\/\d{7})(?:v(\d+))?(?:\.pdf)?\/?$/i;
const RXIV_CONTENT = /^\/content\/(?:early\/\d{4}\/\d{2}\/\d{2}\/)?(10\.\d{4,9}\/[^?#]+?)(?:v(\d+))?(?:\.full(?:\.pdf)?|\.pdf|\.abstract|\.full-text)?\/?$/i;
const DOI_PATH = /^\/(10\.\d{4,9}\/[^?#]+?)\/?$/;

/** Parses an absolute http(s) URL; anything else (relative, `javascript:`, `data:`) is refused. */
export function parseHttpUrl(text: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
}

/**
 * A link in the simplest form, `http(s)://host/path` with only letters, digits and `._~-/` in
 * the path: its host and path are what the URL parser would give (no escapes, no port, no query).
 */
const SIMPLE_HTTP_URL = /^https?:\/\/([A-Za-z0-9.-]+)(\/[\w.~\-/]*)$/i;

/** Identifies the paper a PDF link points to. Returns undefined when the link is not an http(s) URL. */
export function identifyPaper(pdfUrl: string): PaperIdentity | undefined {
  // Most links are plain arXiv or DOI links: those need no URL parser (a whole history has tens of thousands).
  const simple = SIMPLE_HTTP_URL.exec(pdfUrl.trim());
  if (simple && !simple[2]!.includes('/.')) {
    const known = identityOf(simple[1]!.toLowerCase().replace(/^www\./, ''), simple[2]!);
    if (known) return known;
  }
  const url = parseHttpUrl(pdfUrl);
  if (!url) return undefined;
  const known = identityOf(url.hostname.toLowerCase().replace(/^www\./, ''), decodeURIComponentSafe(url.pathname));
  if (known) return known;
  url.hash = '';
  return { id: `url:${url.href}`, url: url.href };
}

/** The identity of an arXiv, bioRxiv, medRxiv or DOI link, from its host (no `www.`) and decoded path. */
function identityOf(host: string, path: string): PaperIdentity | undefined {
  if (host === 'arxiv.org' || host === 'export.arxiv.org') {
    const m = ARXIV_NEW.exec(path) ?? ARXIV_OLD.exec(path);
    if (m) {
      const id = m[1]!.toLowerCase();
      return withVersion({ id: `arxiv:${id}`, url: `https://arxiv.org/abs/${id}`, source: 'arxiv' }, m[2]);
    }
  }
  if (host === 'biorxiv.org' || host === 'medrxiv.org') {
    const m = RXIV_CONTENT.exec(path);
    if (m) {
      const doi = m[1]!.toLowerCase();
      return withVersion({ id: `doi:${doi}`, url: `https://doi.org/${doi}`, source: host === 'biorxiv.org' ? 'biorxiv' : 'medrxiv' }, m[2]);
    }
  }
  if (host === 'doi.org' || host === 'dx.doi.org') {
    const m = DOI_PATH.exec(path);
    if (m) {
      // bioRxiv/medRxiv DOIs never carry a version; a `v2` glued to one is the preprint's version.
      const versioned = /^(10\.(?:1101|64898)\/[^/]+?)v(\d+)$/i.exec(m[1]!);
      const doi = (versioned ? versioned[1]! : m[1]!).toLowerCase();
      return withVersion({ id: `doi:${doi}`, url: `https://doi.org/${doi}` }, versioned?.[2]);
    }
  }
  return undefined;
}

function withVersion(identity: PaperIdentity, version: string | undefined): PaperIdentity {
  return version === undefined ? identity : { ...identity, version: Number(version) };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
