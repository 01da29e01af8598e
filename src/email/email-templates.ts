/**
 * What the email renderer needs from its templates: compiled functions from a view to text.
 * Loading and compiling them (MJML, Handlebars, files) is I/O, in src/templates/.
 */
import type { EmailView } from './email-view.js';

/** Values the subject template may use. */
export interface SubjectData {
  sources: string;
  date: string;
  count: number;
  /** The count in words: `10 篇`, `10 papers`. */
  papers: string;
  siteTitle: string;
  /** The topics of a topic subscriber's email (`扩散模型、大模型`); empty for the whole day. */
  topics?: string;
}

/** Compiled email templates. */
export interface EmailTemplates {
  html: (view: EmailView) => string;
  text: (view: EmailView) => string;
  subject: (data: SubjectData) => string;
}
