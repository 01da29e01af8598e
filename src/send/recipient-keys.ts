/**
 * Keys derived from a subscriber's address with the list secret: the id the ledger and the
 * suppression list store (an HMAC, never the address), the unsubscribe token, the shard.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { normalizeAddress } from './address.js';

/** Derives purpose-specific keys from the one secret (`UNSUBSCRIBE_SECRET`). */
export class RecipientKeys {
  private readonly idKey: Buffer;
  private readonly tokenKey: Buffer;

  constructor(secret: string) {
    if (secret.length < 16) throw new Error('UNSUBSCRIBE_SECRET must be at least 16 characters (generate one with: openssl rand -hex 32)');
    this.idKey = createHmac('sha256', secret).update('digestcast recipient id v1').digest();
    this.tokenKey = createHmac('sha256', secret).update('digestcast unsubscribe token v1').digest();
  }

  /** The subscriber's id: 32 hex characters of HMAC-SHA256 of the normalised address. */
  idOf(address: string): string {
    return createHmac('sha256', this.idKey).update(normalizeAddress(address)).digest('hex').slice(0, 32);
  }

  /** Unsubscribe token `<id>.<signature>`: names the subscriber by id, and cannot be forged without the secret. */
  tokenOf(address: string): string {
    const id = this.idOf(address);
    return `${id}.${this.signature(id)}`;
  }

  /** The id a token stands for, if its signature is right. */
  verifyToken(token: string): string | undefined {
    const m = /^([0-9a-f]{32})\.([A-Za-z0-9_-]{22})$/.exec(token.trim());
    if (!m) return undefined;
    const expected = Buffer.from(this.signature(m[1]!));
    const given = Buffer.from(m[2]!);
    return expected.length === given.length && timingSafeEqual(expected, given) ? m[1] : undefined;
  }

  private signature(id: string): string {
    return createHmac('sha256', this.tokenKey).update(id).digest('base64url').slice(0, 22);
  }
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
