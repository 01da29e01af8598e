/**
 * Loading the site's templates (project first, then shipped) and compiling them, once per build.
 */
import { compileTemplate, createHandlebars, readTemplate } from './template-files.js';
import type { DayView, IndexView, LayoutView } from '../site/page-views.js';
import type { SiteTemplates, StylesheetView } from '../site/site-templates.js';

/** Loads `site/layout.hbs`, `site/index.hbs`, `site/day.hbs`, `site/style.css`, `feed.xsl` and `opml.xsl`. */
export async function loadSiteTemplates(templatesDir: string, displayRoot?: string): Promise<SiteTemplates> {
  const hb = createHandlebars();
  const [layout, index, day, css, xsl, opmlXsl] = await Promise.all(
    ['site/layout.hbs', 'site/index.hbs', 'site/day.hbs', 'site/style.css', 'feed.xsl', 'opml.xsl'].map((name) => readTemplate(templatesDir, name, displayRoot)),
  );
  return {
    layout: compileTemplate<LayoutView>(hb, layout!.source, layout!.display),
    index: compileTemplate<IndexView>(hb, index!.source, index!.display),
    day: compileTemplate<DayView>(hb, day!.source, day!.display),
    stylesheet: css!.source,
    // Handlebars' HTML escaping (&amp; &lt; &gt; &quot; &#x27; …) is valid XML escaping too.
    feedStylesheet: compileTemplate<StylesheetView>(hb, xsl!.source, xsl!.display),
    opmlStylesheet: compileTemplate<StylesheetView>(hb, opmlXsl!.source, opmlXsl!.display),
  };
}
