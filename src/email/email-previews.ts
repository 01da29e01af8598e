/**
 * Email previews written by every build: `out/email/YYYY-MM-DD.html` and `.txt` for the
 * newest days. They hold no recipient data: the unsubscribe link points nowhere.
 */
import type { Config } from '../config/schema.js';
import type { Catalog } from '../project/catalog.js';
import type { OutputFile } from '../project/output-file.js';
import { sitePaths } from '../project/site-paths.js';
import type { EmailTemplates } from './email-templates.js';
import { renderDayEmail, type RenderedEmail, withUnsubscribeLink } from './render-email.js';

/** Where a preview's unsubscribe link points: each real message gets its recipient's own. */
export const PREVIEW_UNSUBSCRIBE_URL = '#unsubscribe-link-added-per-recipient';

/** A preview of one day's email: its files and what was rendered. */
export interface EmailPreview {
  email: RenderedEmail;
  files: OutputFile[];
}

/** Renders the preview files of one day. */
export function emailPreview(date: string, catalog: Catalog, config: Config, templates: EmailTemplates): EmailPreview {
  const day = catalog.days.find((d) => d.date === date);
  if (!day) throw new Error(`no digest for ${date}: the days there are ${catalog.days.slice(0, 5).map((d) => d.date).join(', ')}${catalog.days.length > 5 ? ', …' : ''}`);
  const email = renderDayEmail(day, catalog, config, templates);
  const preview = withUnsubscribeLink(email, PREVIEW_UNSUBSCRIBE_URL);
  return {
    email,
    files: [
      { path: sitePaths.emailHtml(date), content: preview.html },
      { path: sitePaths.emailText(date), content: `Subject: ${email.subject}\n\n${preview.text}` },
    ],
  };
}

/** Previews of the newest `email.previewDays` days. */
export function emailPreviews(catalog: Catalog, config: Config, templates: EmailTemplates): OutputFile[] {
  return catalog.days.slice(0, config.email.previewDays).flatMap((day) => emailPreview(day.date, catalog, config, templates).files);
}
