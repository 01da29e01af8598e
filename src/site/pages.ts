/**
 * The static site: index page, one page per day, style sheet, feed and OPML style sheets
 * (the OPML lists themselves are rendered with the feeds), in the words of `config.language`.
 */
import type { Config } from '../config/schema.js';
import type { Catalog } from '../project/catalog.js';
import type { OutputFile } from '../project/output-file.js';
import { sitePaths, siteUrlOf } from '../project/site-paths.js';
import { dayView, indexView, pageStrings, siteView, type SiteView } from './page-views.js';
import type { SiteTemplates } from './site-templates.js';
import { cleanStrings as cleanView } from '../text/escape.js';

/** Renders every page and static file of the site (of a catalog that holds every day). */
export function renderSite(catalog: Catalog, config: Config, templates: SiteTemplates): OutputFile[] {
  return [renderIndexPage(catalog, config, templates), ...catalog.days.map((day) => renderDayPage(catalog, config, templates, day.date)), ...renderSiteAssets(config, templates)];
}

/**
 * A page in the site's layout; `site` is cleaned already (`cleanView`), and so is `body`: a template's
 * output from a cleaned view (not scanned again: a long history's day pages are tens of MB).
 */
function page(config: Config, templates: SiteTemplates, site: SiteView, path: string, title: string, body: string, description?: string): OutputFile {
  const t = pageStrings(config);
  return { path, content: templates.layout({ site, body, ...cleanView({ t, page: { title, url: siteUrlOf(config.siteUrl, path), ...(description ? { description } : {}) } }) }) };
}

/** The index page: the newest day in full, every day in a list. */
export function renderIndexPage(catalog: Catalog, config: Config, templates: SiteTemplates): OutputFile {
  const site = cleanView(siteView(config, catalog));
  return page(config, templates, site, sitePaths.index, config.title, templates.index(cleanView(indexView(config, catalog))), config.description);
}

/** One day's page (a day the catalog holds in full). */
export function renderDayPage(catalog: Catalog, config: Config, templates: SiteTemplates, date: string): OutputFile {
  const site = cleanView(siteView(config, catalog));
  const view = cleanView(dayView(config, catalog, date));
  return page(config, templates, site, sitePaths.dayPage(date), `${date} · ${config.title}`, templates.day(view), view.summary);
}

/** The style sheets of the site, its feeds and its OPML lists. */
export function renderSiteAssets(config: Config, templates: SiteTemplates): OutputFile[] {
  const t = pageStrings(config);
  return [
    { path: sitePaths.stylesheet, content: templates.stylesheet },
    { path: sitePaths.feedStylesheet, content: templates.feedStylesheet({ lang: config.language, t }) },
    { path: sitePaths.opmlStylesheet, content: templates.opmlStylesheet({ lang: config.language, t }) },
  ];
}
