/**
 * Loading the search page's template and script (project first, then shipped).
 */
import type { SearchTemplates, SearchView } from '../site/search-page.js';
import { compileTemplate, createHandlebars, readTemplate } from './template-files.js';

/** Loads `site/search.hbs` and `site/search.js`; the layout comes from `loadSiteTemplates`. */
export async function loadSearchTemplates(templatesDir: string, displayRoot?: string): Promise<Omit<SearchTemplates, 'layout'>> {
  const hb = createHandlebars();
  const [page, script] = await Promise.all(['site/search.hbs', 'site/search.js'].map((name) => readTemplate(templatesDir, name, displayRoot)));
  return { search: compileTemplate<SearchView>(hb, page!.source, page!.display), searchScript: script!.source };
}
