/**
 * A day's email as a real message (the sender's `composeMessage`, built by nodemailer with
 * CRLF line ends, as it goes over SMTP), split into its MIME parts with each body exactly as
 * sent: still in its Content-Transfer-Encoding.
 */
import nodemailer from 'nodemailer';
import type { RenderedEmail } from '../../src/email/render-email.js';
import { composeMessage, type ListSettings, messageIdOf } from '../../src/send/compose-message.js';
import { RecipientKeys } from '../../src/send/recipient-keys.js';

/** One leaf part of a message: its content type, transfer encoding and body as sent. */
export interface SentPart {
  contentType: string;
  transferEncoding: string;
  /** The body between the part's header and the next boundary, encoded. */
  body: string;
}

/** List settings with the longest links the sender makes (an HTTPS one-click link). */
export const LONG_LINK_SETTINGS: ListSettings = {
  from: '论文速递 <papers@lists.example.org>',
  envelopeFrom: 'papers@lists.example.org',
  listId: 'papers.lists.example.org',
  listName: '论文速递',
  unsubscribeMailto: 'unsubscribe+papers@lists.example.org',
  unsubscribeUrl: 'https://lists.example.org/digestcast/unsubscribe/one-click-endpoint',
  siteUrl: 'https://lists.example.org/digestcast/',
  messageIdDomain: 'lists.example.org',
};

/** Builds the message one subscriber would get for `email`, as raw bytes. */
export async function composeRaw(email: RenderedEmail, address = 'reader.with.a.long.name@subscriber.example.com', settings = LONG_LINK_SETTINGS): Promise<Buffer> {
  const keys = new RecipientKeys('a-test-secret-of-enough-length-0123456789');
  const messageId = messageIdOf(email.date, keys.messageRefOf(email.date, keys.idOf(address)), settings.messageIdDomain);
  const message = composeMessage(email, { address, name: '读者' }, messageId, keys.tokenOf(address), settings);
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = (await transporter.sendMail(message)) as { message: Buffer };
  return info.message;
}

/** The leaf parts of a raw message (multipart nesting followed), bodies as sent. */
export function sentParts(raw: Buffer | string): SentPart[] {
  const text = typeof raw === 'string' ? raw : raw.toString('latin1');
  return leaves(text);
}

function leaves(entity: string): SentPart[] {
  const split = entity.indexOf('\r\n\r\n');
  const head = split < 0 ? entity : entity.slice(0, split);
  const body = split < 0 ? '' : entity.slice(split + 4);
  const headers = head.replace(/\r\n[ \t]+/g, ' ');
  const contentType = /^content-type:\s*([^;\r\n]+)/im.exec(headers)?.[1]?.trim().toLowerCase() ?? 'text/plain';
  if (contentType.startsWith('multipart/')) {
    const boundary = /boundary="?([^";\r\n]+)"?/i.exec(headers)?.[1];
    if (!boundary) throw new Error(`multipart without a boundary: ${headers.slice(0, 200)}`);
    const sections = body.split(`--${boundary}`);
    // Drop the preamble and what follows the closing delimiter; each part ends before the CRLF that starts the next delimiter.
    return sections
      .slice(1, -1)
      .map((s) => s.replace(/^\r\n/, '').replace(/\r\n$/, ''))
      .flatMap(leaves);
  }
  const transferEncoding = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase() ?? '7bit';
  return [{ contentType, transferEncoding, body }];
}
