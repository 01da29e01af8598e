/**
 * The site's templates, loaded and compiled once per build.
 */
import { compileTemplate, createHandlebars, readTemplate } from '../view/template-files.js';
import type { TemplateStrings } from '../view/ui-strings.js';
import type { DayView, IndexView, LayoutView } from './page-views.js';

/** What the XSLT style sheets are rendered with at build time: the page language and its words. */
export interface StylesheetView {
  lang: string;
  t: TemplateStrings;
}

/** Compiled site templates and the static files that go with them. */
export interface SiteTemplates {
  layout: (view: LayoutView) => string;
  index: (view: IndexView) => string;
  day: (view: DayView) => string;
  /** `style.css`, copied as is. */
  stylesheet: string;
  /** `feed.xsl`: a Handlebars template for its words (`{{t.feedNotice}}`); XSLT's own `{…}` are single braces. */
  feedStylesheet: (view: StylesheetView) => string;
  /** `opml.xsl`, rendered like `feed.xsl`: any OPML file of the site may reference it. */
  opmlStylesheet: (view: StylesheetView) => string;
}

/** Where `opml.xsl` goes in the output (an OPML file at `a/b.opml` references it as `../opml.xsl`). */
export const OPML_STYLESHEET_PATH = 'opml.xsl';

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
