/**
 * Content hashes (cache keys, build fingerprints, "did this output change").
 */
import { createHash } from 'node:crypto';

/** SHA-256 of text or bytes, hex. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
