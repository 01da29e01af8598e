/**
 * One subscriber's message: the day's rendered email with their own unsubscribe link, one
 * recipient in To (never a shared list), list headers (RFC 2369, 2919, 8058) and a Message-ID
 * made from the day and the recipient, so a retry is the same message.
 */
import type { SendMailOptions } from 'nodemailer';
import { type RenderedEmail, withUnsubscribeLink } from '../email/render-email.js';
import type { Subscriber } from './subscribers.js';

/** List settings for every message of a run. */
export interface ListSettings {
  from: string;
  replyTo?: string;
  /** List-Id value (a dotted name). */
  listId: string;
  /** Human name of the list (for List-Id's phrase). */
  listName: string;
  /** Receives `unsubscribe <token>` mails. */
  unsubscribeMailto: string;
  /** One-click HTTPS endpoint, if the owner has one. */
  unsubscribeUrl?: string;
  /** Domain for Message-IDs. */
  messageIdDomain: string;
}

/** The two unsubscribe links of a recipient. */
export function unsubscribeLinks(settings: ListSettings, token: string): { mailto: string; https?: string } {
  const mailto = `mailto:${settings.unsubscribeMailto}?subject=${encodeURIComponent(`unsubscribe ${token}`)}`;
  if (!settings.unsubscribeUrl) return { mailto };
  const url = new URL(settings.unsubscribeUrl);
  url.searchParams.set('token', token);
  return { mailto, https: url.href };
}

/** Message-ID of a day's message to a recipient. */
export function messageIdOf(date: string, recipientId: string, domain: string): string {
  return `<digest.${date}.${recipientId}@${domain}>`;
}

/** Builds the nodemailer message for one recipient. */
export function composeMessage(email: RenderedEmail, subscriber: Subscriber, recipientId: string, token: string, settings: ListSettings): SendMailOptions {
  const links = unsubscribeLinks(settings, token);
  const body = withUnsubscribeLink(email, links.https ?? links.mailto);
  const message: SendMailOptions = {
    from: settings.from,
    to: subscriber.name ? { name: subscriber.name, address: subscriber.address } : subscriber.address,
    subject: email.subject,
    html: body.html,
    text: body.text,
    // Chinese text in quoted-printable is three times its size; base64 is smaller and cheaper to make.
    textEncoding: 'base64',
    messageId: messageIdOf(email.date, recipientId, settings.messageIdDomain),
    envelope: { from: addressOf(settings.from), to: [subscriber.address] },
    list: { id: { url: settings.listId, comment: settings.listName } },
    // One List-Unsubscribe field with both links (nodemailer's `list.unsubscribe` writes one field per link).
    headers: {
      'List-Unsubscribe': links.https ? `<${links.mailto}>, <${links.https}>` : `<${links.mailto}>`,
      ...(links.https ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {}),
    },
  };
  if (settings.replyTo) message.replyTo = settings.replyTo;
  return message;
}

/** The bare address of `Name <addr>` or `addr`. */
export function addressOf(mailbox: string): string {
  const m = /<([^<>]+)>\s*$/.exec(mailbox);
  return (m ? m[1]! : mailbox).trim();
}
