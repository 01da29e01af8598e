/**
 * How big a message part is as it travels: after its Content-Transfer-Encoding, which is what
 * Gmail (and every other receiver) counts, not the decoded HTML.
 *
 * The HTML and text parts are sent in base64 (`BODY_TRANSFER_ENCODING`, set by the sender as
 * nodemailer's `textEncoding`). Measured on the heaviest corpus days, base64 is the cheapest
 * safe choice: quoted-printable is larger (every `=` of the markup becomes `=3D` and each
 * Chinese character nine bytes), and 8bit needs the receiver's 8BITMIME and lines of at most
 * 998 bytes, which the collapsed HTML does not have.
 */

/** The Content-Transfer-Encoding of the email's HTML and text parts. */
export const BODY_TRANSFER_ENCODING = 'base64';

/** Characters per base64 line, as nodemailer (and RFC 2045) writes them. */
const BASE64_LINE = 76;

/**
 * Bytes of a part's body in base64 as nodemailer writes it: 4 characters per 3 bytes, in lines
 * of 76 joined by CRLF (the CRLF before the next boundary belongs to the boundary).
 */
export function base64PartBytes(decodedBytes: number): number {
  if (decodedBytes <= 0) return 0;
  const chars = 4 * Math.ceil(decodedBytes / 3);
  const lines = Math.ceil(chars / BASE64_LINE);
  return chars + 2 * (lines - 1);
}

/** Bytes of a string's part as sent (UTF-8, then base64). */
export function sentPartBytes(content: string): number {
  return base64PartBytes(Buffer.byteLength(content));
}
