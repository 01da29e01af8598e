/**
 * One day's email: subject, HTML and plain text, shaped to stay under the size at which Gmail
 * clips a message (and hides its footer and unsubscribe link).
 *
 * The budget, `email.maxHtmlBytes`, is for the HTML part as it is sent: base64-encoded (see
 * `transfer-size.ts`), about 4/3 of the decoded HTML, with room for the recipient's own
 * unsubscribe link. Shapes tried, in order, until the part fits: abstracts cut to
 * `email.abstractChars`, then shorter, then no abstracts (titles and links), then only the
 * first papers of each source (as many as fit) with a link to the first paper left out on the
 * day page. Every paper of the day is in the email or one click away on the day page.
 *
 * The plain-text part is shaped on its own, to the same budget: it is a third of the HTML's
 * size per paper, so it can list more papers than the HTML on days the HTML has to cut short,
 * but only while its distinct words stay under `MAX_TEXT_TO_HTML_WORDS` times the HTML's
 * (more, and SpamAssassin's MPART_ALT_DIFF_COUNT takes the parts for a disguised message).
 */
import type { Config } from '../config/schema.js';
import type { Catalog } from '../project/catalog.js';
import type { Day } from '../model.js';
import type { EmailTemplates } from './email-templates.js';
import { type EmailDay, type EmailShape, type EmailView, prepareEmailDay, shapeEmail, subjectSources, UNSUBSCRIBE_PLACEHOLDER } from './email-view.js';
import { distinctWords, htmlShownText, MAX_TEXT_TO_HTML_WORDS } from './part-words.js';
import { base64PartBytes, sentPartBytes } from './transfer-size.js';
import { uiStrings } from '../view/ui-strings.js';

/** Room kept per unsubscribe link for the recipient's own link, which is longer than the placeholder. */
export const UNSUBSCRIBE_LINK_RESERVE = 600;

/** Which shape the email took. */
export type EmailLayout = 'full' | 'compact' | 'truncated';

export interface RenderedEmail {
  date: string;
  subject: string;
  html: string;
  text: string;
  /** The HTML as rendered (UTF-8 bytes, decoded). */
  htmlBytes: number;
  /** The HTML part as sent (base64), with the placeholder unsubscribe link. */
  htmlSentBytes: number;
  /** The text part as sent (base64), with the placeholder unsubscribe link. */
  textSentBytes: number;
  /** Shape of the HTML part. */
  layout: EmailLayout;
  shape: EmailShape;
  /** Papers listed in the HTML part, and those only on the day page. */
  listedPapers: number;
  hiddenPapers: number;
  /** Shape of the text part, and the papers it lists. */
  textLayout: EmailLayout;
  textShape: EmailShape;
  textListedPapers: number;
}

/** Who an email is for: the whole day, or the papers of some topics (`topicTitles`, the day already cut to them). */
export interface EmailAudience {
  topicTitles?: readonly string[];
}

/**
 * Renders a day's email, each part shaped so that it is at most `config.email.maxHtmlBytes` as
 * sent. For topic subscribers (`audience.topicTitles`) the subject starts with the topics
 * (unless the subject template places `{{topics}}` itself), and the heading and footer name them.
 */
export function renderDayEmail(day: Day, catalog: Catalog, config: Config, templates: EmailTemplates, audience: EmailAudience = {}): RenderedEmail {
  const total = day.sources.reduce((n, s) => n + s.papers.length, 0);
  const words = uiStrings(config.language);
  const topicTitles = audience.topicTitles ?? [];
  const topics = topicTitles.join(words.listSeparator);
  const data = { sources: subjectSources(day), date: day.date, count: total, papers: words.papers(total), siteTitle: config.title, topics };
  const ownSubject = templates.subject(data);
  // Whether the template places the topics itself: it renders differently without them.
  const subject = topics && ownSubject === templates.subject({ ...data, topics: '' }) ? `${topics} · ${ownSubject}` : ownSubject;
  const prepared = prepareEmailDay(day, catalog, config, subject, topicTitles);
  const budget = config.email.maxHtmlBytes;
  const withinBudget = (content: string) => sentBytesWithReserve(content) <= budget;
  const html = fitShape(prepared, templates.html, withinBudget, config.email.abstractChars);
  const maxTextWords = MAX_TEXT_TO_HTML_WORDS * distinctWords(htmlShownText(html.content));
  const text = fitShape(prepared, templates.text, (content) => withinBudget(content) && distinctWords(content) <= maxTextWords, config.email.abstractChars);
  const listed = listedIn(html.view);
  const textListed = listedIn(text.view);
  return {
    date: day.date,
    subject,
    html: html.content,
    text: text.content,
    htmlBytes: Buffer.byteLength(html.content),
    htmlSentBytes: sentPartBytes(html.content),
    textSentBytes: sentPartBytes(text.content),
    layout: layoutOf(html.shape, listed, total),
    shape: html.shape,
    listedPapers: listed,
    hiddenPapers: total - listed,
    textLayout: layoutOf(text.shape, textListed, total),
    textShape: text.shape,
    textListedPapers: textListed,
  };
}

/**
 * Bytes a part will have as sent to a recipient: base64 of the rendered part with each
 * placeholder link grown by `UNSUBSCRIBE_LINK_RESERVE`.
 */
export function sentBytesWithReserve(content: string): number {
  const links = content.split(UNSUBSCRIBE_PLACEHOLDER).length - 1;
  return base64PartBytes(Buffer.byteLength(content) + links * UNSUBSCRIBE_LINK_RESERVE);
}

interface Fitted {
  view: EmailView;
  content: string;
  shape: EmailShape;
}

/** The fullest shape of the day whose part, rendered with `template`, `fits`. */
function fitShape(prepared: EmailDay, template: (view: EmailView) => string, fits: (content: string) => boolean, abstractChars: number): Fitted {
  const render = (shape: EmailShape): Fitted & { fits: boolean } => {
    const view = shapeEmail(prepared, shape);
    const content = template(view);
    return { view, content, shape, fits: fits(content) };
  };
  const maxPerSource = Math.max(0, ...prepared.sources.map((s) => s.papers.length));
  const lengths = [...new Set([abstractChars, Math.min(abstractChars, 160), Math.min(abstractChars, 100), 0])];
  for (const chars of lengths) {
    const r = render({ abstractChars: chars, perSourceLimit: maxPerSource });
    if (r.fits) return r;
  }
  // Titles only, and only as many per source as fit: the largest limit that fits.
  let lo = 0;
  let hi = maxPerSource;
  let best: Fitted = render({ abstractChars: 0, perSourceLimit: 0 });
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const r = render({ abstractChars: 0, perSourceLimit: mid });
    if (r.fits) {
      lo = mid;
      best = r;
    } else hi = mid - 1;
  }
  return best;
}

function listedIn(view: EmailView): number {
  return view.sources.reduce((n, s) => n + s.papers.length, 0);
}

function layoutOf(shape: EmailShape, listed: number, total: number): EmailLayout {
  return listed < total ? 'truncated' : shape.abstractChars === 0 && total > 0 ? 'compact' : 'full';
}

/** Puts a recipient's unsubscribe link where the placeholder stands (HTML-escaped in the HTML part). */
export function withUnsubscribeLink(email: Pick<RenderedEmail, 'html' | 'text'>, url: string): { html: string; text: string } {
  const escaped = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return { html: email.html.split(UNSUBSCRIBE_PLACEHOLDER).join(escaped), text: email.text.split(UNSUBSCRIBE_PLACEHOLDER).join(url) };
}
