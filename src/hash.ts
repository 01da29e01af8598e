/**
 * Content hashes (cache keys, build fingerprints, "did this output change").
 */
import { hash } from 'node:crypto';

/**
 * SHA-256 of text or bytes, hex: Node's one-shot hash (Node 20.12 and later, as `engines` says),
 * the same digest as a `createHash` object without one per call, which is most of the cost of
 * hashing the many small texts a build keys on.
 */
export function sha256(data: string | Uint8Array): string {
  return hash('sha256', data, 'hex');
}
