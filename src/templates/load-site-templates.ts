/**
 * Loading the site's templates (project first, then shipped) and compiling them, once per build.
 */
import { compileTemplate, createHandlebars, readTemplate } from './template-files.js';
import type { DayView, IndexView, LayoutView } from '../site/page-views.js';
import type { SiteTemplates, StylesheetView } from '../site/site-templates.js';

/** Loads `site/layout.hbs`, `site/index.hbs`, `site/day.hbs`, `site/style.css`, `feed.xsl` and `opml.xsl`. `cacheDir` keeps the compiled templates between runs. */
export async function loadSiteTemplates(templatesDir: string, displayRoot?: string, options: { cacheDir?: string } = {}): Promise<SiteTemplates> {
  const cacheDir = options.cacheDir;
  const hb = createHandlebars();
  const [layout, index, day, css, xsl, opmlXsl] = await Promise.all(
    ['site/layout.hbs', 'site/index.hbs', 'site/day.hbs', 'site/style.css', 'feed.xsl', 'opml.xsl'].map((name) => readTemplate(templatesDir, name, displayRoot)),
  );
  return {
    layout: compileTemplate<LayoutView>(hb, layout!.source, layout!.display, { cacheDir }),
    index: compileTemplate<IndexView>(hb, index!.source, index!.display, { cacheDir }),
    day: compileTemplate<DayView>(hb, day!.source, day!.display, { cacheDir }),
    stylesheet: css!.source,
    // Handlebars' HTML escaping (&amp; &lt; &gt; &quot; &#x27; …) is valid XML escaping too.
    feedStylesheet: compileTemplate<StylesheetView>(hb, xsl!.source, xsl!.display, { cacheDir }),
    opmlStylesheet: compileTemplate<StylesheetView>(hb, opmlXsl!.source, opmlXsl!.display, { cacheDir }),
  };
}
