/**
 * Where each output lives under `out/`, and its absolute URL under the site URL.
 * One place, so feeds, pages, OPML and emails link to the same addresses.
 */

/** Feed formats written for every feed. */
export type FeedFormat = 'atom' | 'rss' | 'json';

/** Formats of a day's citation exports: BibTeX, RIS, CSV. */
export type ExportFormat = 'bib' | 'ris' | 'csv';

const FEED_FILES: Record<FeedFormat, string> = { atom: 'atom.xml', rss: 'rss.xml', json: 'feed.json' };
const RESERVED = new Set(['archive', 'email', 'assets', 'issues', 'export', 'topics', 'api', 'pagefind']);
/** Folder of a source's feeds (`arxiv`); ids that would clash with site folders are prefixed. */
export function sourceFolder(source: string): string {
  const safe = source.toLowerCase().replace(/[^\p{L}\p{N}-]+/gu, '-');
  return RESERVED.has(safe) ? `source-${safe}` : safe;
}

/** Paths (relative to `out/`) of everything the build writes. */
export const sitePaths = {
  index: 'index.html',
  stylesheet: 'style.css',
  feedStylesheet: 'feed.xsl',
  /** The OPML lists' view in a browser, for hosts that serve OPML as XML (the lists sit beside it, at the root). */
  opmlStylesheet: 'opml.xsl',
  /** OPML of the all-sources feed alone. */
  opmlAll: 'all.opml',
  /** OPML of one feed per source. */
  opmlSources: 'sources.opml',
  /** The same list as `opmlSources`, at the address earlier versions published. */
  opml: 'feeds.opml',
  /** OPML of one Atom feed per topic (topics overlap: a paper on two topics is in both). */
  opmlTopics: 'topics.opml',
  /** A topic's feed (`topics/diffusion.atom`); topic ids are URL-safe slugs (the config checks them). */
  topicFeed: (format: FeedFormat, topicId: string) => `topics/${topicId}.${format}`,
  dayPage: (date: string) => `${date}.html`,
  feed: (format: FeedFormat, source?: string) => (source ? `${sourceFolder(source)}/${FEED_FILES[format]}` : FEED_FILES[format]),
  issues: (format: 'atom' | 'json') => (format === 'atom' ? 'issues.xml' : 'issues.json'),
  archive: (month: string, source?: string) => (source ? `${sourceFolder(source)}/archive/${month}.xml` : `archive/${month}.xml`),
  emailHtml: (date: string) => `email/${date}.html`,
  emailText: (date: string) => `email/${date}.txt`,
  /** A day's papers for reference managers and spreadsheets: `export/2025-10-17.bib`, `.ris`, `.csv`. */
  export: (date: string, format: ExportFormat) => `export/${date}.${format}`,
  /** The static JSON API (README "API"): the newest day, in brief. */
  apiLatest: 'api/latest.json',
  /** The API's list of days: the newest page of days and the list of pages. */
  apiIndex: 'api/index.json',
  /** A page of the API's list of days, numbered from the oldest (`api/index/page-1.json`). */
  apiIndexPage: (page: number) => `api/index/page-${page}.json`,
  /** Every paper of a day, with every field the model has. */
  apiDaily: (date: string) => `api/daily/${date}.json`,
  /** The JSON Schema of an API document, published with the API (`api/schemas/daily.schema.json`). */
  apiSchema: (name: string) => `api/schemas/${name}.schema.json`,
  /** One source's list of days: its newest page and the list of pages. */
  apiSourceIndex: (source: string) => `api/sources/${sourceFolder(source)}.json`,
  /** A page of one source's list of days, numbered from the oldest. */
  apiSourceIndexPage: (source: string, page: number) => `api/sources/${sourceFolder(source)}/page-${page}.json`,
  /** The search page (`search.html?q=…` runs a query) and its script. */
  search: 'search.html',
  searchScript: 'search.js',
  /** Folder of the search bundles: one Pagefind bundle per month, `pagefind/2025-10/`. */
  searchFolder: 'pagefind',
  searchBundle: (month: string) => `pagefind/${month}/`,
  /** The months that have a search bundle, newest first (`{"version":1,"months":[…]}`). */
  searchManifest: 'pagefind/months.json',
};

/** Whether a name is a search bundle's month (`2025-10`), as `sitePaths.searchBundle` takes it. */
export function isSearchMonth(name: string): boolean {
  return /^\d{4}-\d{2}$/.test(name);
}

/** Absolute URL of an output path under the site URL (which ends in `/`). */
export function siteUrlOf(siteUrl: string, path: string): string {
  // A path of plain segments (every output path: `2025-10-17.html`, `api/daily/2025-10-17.json`)
  // resolves to the site URL's folder with the path appended, as the URL parser would make it:
  // no segment is a dot segment or has a character the parser or `encodeURIComponent` would change.
  if (PLAIN_PATH.test(path)) {
    const prefix = siteFolderOf(siteUrl);
    if (prefix !== undefined) return prefix + path;
  }
  return new URL(path.split('/').map(encodeURIComponent).join('/'), siteUrl).href;
}

/** One or more `/`-separated segments, each of unreserved characters and not starting with `.`. */
const PLAIN_PATH = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*(?:\/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*$/;

/** The last site URL's folder (`siteFolderOf`), so a build computes it once. */
let lastSiteFolder: { siteUrl: string; prefix: string | undefined } | undefined;

/**
 * The href a plain relative path is appended to under an http(s) site URL: the URL parser's
 * resolution of `x` against it, without the `x`. Undefined for any other site URL (or one the
 * parser refuses), which `siteUrlOf` resolves with the parser.
 */
function siteFolderOf(siteUrl: string): string | undefined {
  if (lastSiteFolder?.siteUrl !== siteUrl) {
    let prefix: string | undefined;
    try {
      const probe = new URL('x', siteUrl);
      if ((probe.protocol === 'http:' || probe.protocol === 'https:') && probe.href.endsWith('/x')) prefix = probe.href.slice(0, -1);
    } catch {
      prefix = undefined;
    }
    lastSiteFolder = { siteUrl, prefix };
  }
  return lastSiteFolder.prefix;
}

/** Relative link from one output path to another (`arxiv/atom.xml` → `../feed.xsl`). */
export function relativePath(from: string, to: string): string {
  const depth = from.split('/').length - 1;
  return `${'../'.repeat(depth)}${to}`;
}
