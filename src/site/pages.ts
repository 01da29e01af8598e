/**
 * The static site: index page, one page per day, style sheet, feed and OPML style sheets
 * (the OPML lists themselves are rendered with the feeds), in the words of `config.language`.
 */
import type { Config } from '../config/schema.js';
import type { Catalog } from '../project/catalog.js';
import type { OutputFile } from '../project/output-file.js';
import { sitePaths, siteUrlOf } from '../project/site-paths.js';
import { dayView, indexView, pageStrings, siteView } from './page-views.js';
import type { SiteTemplates } from './site-templates.js';
import { cleanStrings as cleanView } from '../text/escape.js';

/** Renders every page and static file of the site. */
export function renderSite(catalog: Catalog, config: Config, templates: SiteTemplates): OutputFile[] {
  const site = cleanView(siteView(config, catalog));
  const t = pageStrings(config);
  const page = (path: string, title: string, body: string, description?: string): OutputFile => ({
    path,
    content: templates.layout(cleanView({ site, t, page: { title, url: siteUrlOf(config.siteUrl, path), ...(description ? { description } : {}) }, body })),
  });
  const files: OutputFile[] = [page(sitePaths.index, config.title, templates.index(cleanView(indexView(config, catalog))), config.description)];
  catalog.days.forEach((day, i) => {
    const view = cleanView(dayView(config, catalog, i));
    files.push(page(sitePaths.dayPage(day.date), `${day.date} · ${config.title}`, templates.day(view), view.summary));
  });
  files.push({ path: sitePaths.stylesheet, content: templates.stylesheet });
  files.push({ path: sitePaths.feedStylesheet, content: templates.feedStylesheet({ lang: config.language, t }) });
  files.push({ path: sitePaths.opmlStylesheet, content: templates.opmlStylesheet({ lang: config.language, t }) });
  return files;
}
