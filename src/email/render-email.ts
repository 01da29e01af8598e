/**
 * One day's email: subject, HTML and plain text, shaped to stay under the size at which Gmail
 * clips a message (and hides its footer and unsubscribe link).
 *
 * Shapes tried, in order, until the HTML fits: abstracts cut to `email.abstractChars`, then
 * shorter, then no abstracts (titles and links), then only the first papers of each source
 * (as many as fit) with a link to the day page for the rest. Every paper of the day is in the
 * email or one click away on the day page.
 */
import type { Config } from '../config/schema.js';
import type { Catalog } from '../feeds/catalog.js';
import type { Day } from '../model.js';
import type { EmailTemplates } from './email-templates.js';
import { type EmailShape, type EmailView, prepareEmailDay, shapeEmail, subjectSources, UNSUBSCRIBE_PLACEHOLDER } from './email-view.js';

/** Room kept for the per-recipient unsubscribe link, which is longer than the placeholder. */
export const UNSUBSCRIBE_LINK_RESERVE = 600;

/** Which shape the email took. */
export type EmailLayout = 'full' | 'compact' | 'truncated';

export interface RenderedEmail {
  date: string;
  subject: string;
  html: string;
  text: string;
  htmlBytes: number;
  layout: EmailLayout;
  shape: EmailShape;
  /** Papers listed in the email, and those only on the day page. */
  listedPapers: number;
  hiddenPapers: number;
}

/** Renders a day's email, shaped to fit `config.email.maxHtmlBytes`. */
export function renderDayEmail(day: Day, catalog: Catalog, config: Config, templates: EmailTemplates): RenderedEmail {
  const total = day.sources.reduce((n, s) => n + s.papers.length, 0);
  const subject = templates.subject({ sources: subjectSources(day), date: day.date, count: total, siteTitle: config.title });
  const budget = config.email.maxHtmlBytes - UNSUBSCRIBE_LINK_RESERVE;
  const prepared = prepareEmailDay(day, catalog, config, subject);
  const render = (shape: EmailShape) => {
    const view = shapeEmail(prepared, shape);
    const html = templates.html(view);
    return { view, html, bytes: Buffer.byteLength(html) };
  };
  const maxPerSource = Math.max(0, ...day.sources.map((s) => s.papers.length));
  const fits = (r: { bytes: number }) => r.bytes <= budget;

  let chosen: { view: EmailView; html: string; bytes: number; shape: EmailShape } | undefined;
  const lengths = [...new Set([config.email.abstractChars, Math.min(config.email.abstractChars, 160), Math.min(config.email.abstractChars, 100), 0])];
  for (const abstractChars of lengths) {
    const shape = { abstractChars, perSourceLimit: maxPerSource };
    const r = render(shape);
    if (fits(r)) {
      chosen = { ...r, shape };
      break;
    }
  }
  if (!chosen) {
    // Titles only, and only as many per source as fit: the largest limit that fits.
    let lo = 0;
    let hi = maxPerSource;
    let best = render({ abstractChars: 0, perSourceLimit: 0 });
    let bestShape: EmailShape = { abstractChars: 0, perSourceLimit: 0 };
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      const shape = { abstractChars: 0, perSourceLimit: mid };
      const r = render(shape);
      if (fits(r)) {
        lo = mid;
        best = r;
        bestShape = shape;
      } else hi = mid - 1;
    }
    chosen = { ...best, shape: bestShape };
  }
  const listed = chosen.view.sources.reduce((n, s) => n + s.papers.length, 0);
  const layout: EmailLayout = listed < total ? 'truncated' : chosen.shape.abstractChars === 0 && total > 0 ? 'compact' : 'full';
  return {
    date: day.date,
    subject,
    html: chosen.html,
    text: templates.text(chosen.view),
    htmlBytes: chosen.bytes,
    layout,
    shape: chosen.shape,
    listedPapers: listed,
    hiddenPapers: total - listed,
  };
}

/** Puts a recipient's unsubscribe link where the placeholder stands (HTML-escaped in the HTML part). */
export function withUnsubscribeLink(email: Pick<RenderedEmail, 'html' | 'text'>, url: string): { html: string; text: string } {
  const escaped = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return { html: email.html.split(UNSUBSCRIBE_PLACEHOLDER).join(escaped), text: email.text.split(UNSUBSCRIBE_PLACEHOLDER).join(url) };
}
