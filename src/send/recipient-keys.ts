/**
 * Keys derived from a subscriber's address with the list secret: the id the ledger and the
 * suppression list store (an HMAC, never the address), the unsubscribe token, the Message-ID
 * part, the shard.
 *
 * The ledger id is on the state branch, which may be public; what a message carries must not
 * lead back to it (or anyone holding one message could read that person's history there). So
 * the token carries the id encrypted (AES on its one 16-byte block, a keyed permutation only the
 * secret can undo), and the Message-ID an HMAC of the day and the id.
 */
import { createCipheriv, createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto';
import { normalizeAddress } from './address.js';

/** Derives purpose-specific keys from the one secret (`UNSUBSCRIBE_SECRET`). */
export class RecipientKeys {
  private readonly idKey: Buffer;
  private readonly tokenKey: Buffer;
  private readonly refKey: Buffer;
  private readonly refSignKey: Buffer;
  private readonly messageKey: Buffer;
  private readonly suppressionKey: Buffer;

  constructor(secret: string) {
    if (secret.length < 16) throw new Error('UNSUBSCRIBE_SECRET must be at least 16 characters (generate one with: openssl rand -hex 32)');
    const derive = (purpose: string) => createHmac('sha256', secret).update(purpose).digest();
    this.idKey = derive('digestcast recipient id v1');
    this.tokenKey = derive('digestcast unsubscribe token v1');
    this.refKey = derive('digestcast public reference v2').subarray(0, 16);
    this.refSignKey = derive('digestcast unsubscribe token v2');
    this.messageKey = derive('digestcast message id v2');
    this.suppressionKey = derive('digestcast suppression v2');
  }

  /** The subscriber's id: 32 hex characters of HMAC-SHA256 of the normalised address. */
  idOf(address: string): string {
    return createHmac('sha256', this.idKey).update(normalizeAddress(address)).digest('hex').slice(0, 32);
  }

  /**
   * Unsubscribe token `<ref>.<signature>`: `ref` is the ledger id encrypted with the secret (so
   * the token does not show the id on the state branch), the signature makes it unforgeable.
   */
  tokenOf(address: string): string {
    return this.tokenOfId(this.idOf(address));
  }

  /** `tokenOf` for a recipient whose ledger id is known already. */
  tokenOfId(id: string): string {
    const ref = this.publicRefOf(id);
    return `${ref}.${sign(this.refSignKey, ref)}`;
  }

  /** The part of a Message-ID that names the recipient of a day: unlinkable to the ledger id and to other days. */
  messageRefOf(date: string, id: string): string {
    return createHmac('sha256', this.messageKey).update(`${date} ${id}`).digest('hex').slice(0, 24);
  }

  /**
   * What the suppression list stores for a recipient: not the ledger id, so an unsubscribe whose
   * token shows in a public log, followed by the line it adds, links that token to nothing else.
   */
  suppressionRefOf(id: string): string {
    return createHmac('sha256', this.suppressionKey).update(id).digest('hex').slice(0, 32);
  }

  /** Whether a recipient is in a suppression list (as written now, or by ledger id as earlier versions wrote it). */
  isSuppressed(id: string, list: ReadonlySet<string>): boolean {
    return list.has(this.suppressionRefOf(id)) || list.has(id);
  }

  /** The ledger id a token stands for, if its signature is right (also the tokens earlier versions put in mail, which carried the id itself). */
  verifyToken(token: string): string | undefined {
    const m = /^([0-9a-f]{32})\.([A-Za-z0-9_-]{22})$/.exec(token.trim());
    if (!m) return undefined;
    if (sameText(sign(this.refSignKey, m[1]!), m[2]!)) return this.idOfPublicRef(m[1]!);
    if (sameText(sign(this.tokenKey, m[1]!), m[2]!)) return m[1];
    return undefined;
  }

  private publicRefOf(id: string): string {
    const cipher = createCipheriv('aes-128-ecb', this.refKey, null).setAutoPadding(false);
    return Buffer.concat([cipher.update(Buffer.from(id, 'hex')), cipher.final()]).toString('hex');
  }

  private idOfPublicRef(ref: string): string {
    const decipher = createDecipheriv('aes-128-ecb', this.refKey, null).setAutoPadding(false);
    return Buffer.concat([decipher.update(Buffer.from(ref, 'hex')), decipher.final()]).toString('hex');
  }
}

function sign(key: Buffer, value: string): string {
  return createHmac('sha256', key).update(value).digest('base64url').slice(0, 22);
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** `--shard k/n`: which of n parallel senders handles this id (1-based k). */
export function shardOf(id: string, count: number): number {
  return (Number.parseInt(id.slice(0, 8), 16) % count) + 1;
}

/** Parses `k/n` (1 ≤ k ≤ n ≤ 256). */
export function parseShard(text: string): { index: number; count: number } | undefined {
  const m = /^(\d{1,3})\/(\d{1,3})$/.exec(text.trim());
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return count >= 1 && count <= 256 && index >= 1 && index <= count ? { index, count } : undefined;
}
