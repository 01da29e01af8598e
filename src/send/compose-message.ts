/**
 * One subscriber's message: the day's rendered email with their own unsubscribe link, one
 * recipient in To (never a shared list), list headers (RFC 2369, 2919, 8058) and a Message-ID
 * made from the day and the recipient (not their ledger id), so a retry is the same message.
 */
import type { SendMailOptions } from 'nodemailer';
import addressparser from 'nodemailer/lib/addressparser';
import { type RenderedEmail, withUnsubscribeLink } from '../email/render-email.js';
import { BODY_TRANSFER_ENCODING } from '../email/transfer-size.js';
import type { Subscriber } from './subscribers.js';

/** List settings for every message of a run. */
export interface ListSettings {
  from: string;
  /** The bare address of `from`, for the SMTP envelope (MAIL FROM): parsed once, not per recipient. */
  envelopeFrom: string;
  replyTo?: string;
  /** List-Id value (a dotted name). */
  listId: string;
  /** Human name of the list (for List-Id's phrase). */
  listName: string;
  /** Receives `unsubscribe <token>` mails. */
  unsubscribeMailto: string;
  /** Unsubscribe page for people (the footer link, a GET), if the owner has one. */
  unsubscribeUrl?: string;
  /** RFC 8058 one-click endpoint (POST), if the owner has one; else `unsubscribeUrl` serves as both. */
  oneClickUrl?: string;
  /** The site (List-Archive, List-Help). */
  siteUrl: string;
  /** Domain for Message-IDs. */
  messageIdDomain: string;
}

/** A recipient's unsubscribe links: mailto, the page a person opens (footer) and the one-click endpoint (header). */
export function unsubscribeLinks(settings: ListSettings, token: string): { mailto: string; page?: string; oneClick?: string } {
  const mailto = `mailto:${settings.unsubscribeMailto}?subject=${encodeURIComponent(`unsubscribe ${token}`)}`;
  const withToken = (base: string | undefined) => {
    if (!base) return undefined;
    const url = new URL(base);
    url.searchParams.set('token', token);
    return url.href;
  };
  const page = withToken(settings.unsubscribeUrl);
  const oneClick = withToken(settings.oneClickUrl) ?? page;
  return { mailto, ...(page ? { page } : {}), ...(oneClick ? { oneClick } : {}) };
}

/** Message-ID of a day's message; `ref` names the recipient without their ledger id (RecipientKeys.messageRefOf). */
export function messageIdOf(date: string, ref: string, domain: string): string {
  return `<digest.${date}.${ref}@${domain}>`;
}

/** Builds the nodemailer message for one recipient. */
export function composeMessage(email: RenderedEmail, subscriber: Subscriber, messageId: string, token: string, settings: ListSettings): SendMailOptions {
  const links = unsubscribeLinks(settings, token);
  // The footer is a link a person (or a link scanner) opens with GET: the page, never the POST-only one-click endpoint.
  const body = withUnsubscribeLink(email, links.page ?? links.mailto);
  const message: SendMailOptions = {
    from: settings.from,
    to: subscriber.name ? { name: subscriber.name, address: subscriber.address } : subscriber.address,
    subject: email.subject,
    html: body.html,
    text: body.text,
    // Chinese text in quoted-printable is three times its size; base64 is smaller and cheaper to make.
    textEncoding: BODY_TRANSFER_ENCODING,
    messageId,
    envelope: { from: settings.envelopeFrom, to: [subscriber.address] },
    list: { id: { url: settings.listId, comment: settings.listName }, archive: settings.siteUrl, help: settings.siteUrl },
    // One List-Unsubscribe field with both links (nodemailer's `list.unsubscribe` writes one field per link).
    headers: {
      'List-Unsubscribe': links.oneClick ? `<${links.mailto}>, <${links.oneClick}>` : `<${links.mailto}>`,
      ...(links.oneClick ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
    },
  };
  if (settings.replyTo) message.replyTo = settings.replyTo;
  return message;
}

/** The bare address of `Name <addr>`, `"Last, First" <addr>` or `addr` (the text itself when it holds none). */
export function addressOf(mailbox: string): string {
  const [first] = addressparser(mailbox, { flatten: true });
  return (first?.address || mailbox).trim();
}
