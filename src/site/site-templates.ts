/**
 * What the site renderer needs from its templates: compiled functions from a view to text, and
 * the static files that go with them. Loading them is I/O, in src/templates/.
 */
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
