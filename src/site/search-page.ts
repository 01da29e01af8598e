/**
 * The search page (`search.html`, `search.html?q=…` runs the query) and its script, rendered in
 * the site layout. The page holds no index: its script loads the months' Pagefind bundles that
 * `src/search/search-index.ts` writes, listed in `pagefind/months.json`.
 */
import type { Config } from '../config/schema.js';
import type { OutputFile } from '../project/output-file.js';
import { sitePaths, siteUrlOf } from '../project/site-paths.js';
import { cleanStrings } from '../text/escape.js';
import { type TemplateStrings, templateStrings, uiStrings } from '../view/ui-strings.js';
import type { LayoutView, SiteView } from './page-views.js';

/** What `site/search.hbs` is rendered with. Paths are relative to the page (at the site root). */
export interface SearchView {
  site: SiteView;
  t: TemplateStrings;
  /** The form's target: the page itself, so `?q=…` links work without the script too. */
  action: string;
  /** `pagefind/months.json`. */
  manifest: string;
  /** `pagefind/`: each month's bundle is `pagefind/YYYY-MM/`. */
  bundles: string;
  /** `search.js`. */
  script: string;
}

/** The templates the search page needs: the site layout, `site/search.hbs` and `site/search.js` (copied as is). */
export interface SearchTemplates {
  layout: (view: LayoutView) => string;
  search: (view: SearchView) => string;
  searchScript: string;
}

/**
 * `search.html` in the site layout and `search.js`. `site` is the site-wide view every page of
 * the build is rendered with (the same `SiteView` as the index page's).
 */
export function renderSearchPage(config: Config, site: SiteView, templates: SearchTemplates): OutputFile[] {
  const t = templateStrings(uiStrings(config.language));
  const view: SearchView = {
    site,
    t,
    action: sitePaths.search,
    manifest: sitePaths.searchManifest,
    bundles: `${sitePaths.searchFolder}/`,
    script: sitePaths.searchScript,
  };
  const body = templates.search(cleanStrings(view));
  const page: LayoutView['page'] = { title: `${t.searchHeading} · ${config.title}`, url: siteUrlOf(config.siteUrl, sitePaths.search), description: t.searchHint };
  return [
    { path: sitePaths.search, content: templates.layout(cleanStrings({ site, t, page, body })) },
    { path: sitePaths.searchScript, content: templates.searchScript },
  ];
}
