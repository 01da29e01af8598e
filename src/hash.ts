/**
 * Content hashes (cache keys, build fingerprints, "did this output change").
 */
import * as crypto from 'node:crypto';

/**
 * Node's one-shot hash (Node 20.12 and later): the same digest as `createHash`, without a Hash
 * object per call, which is most of the cost of hashing the many small texts a build keys on.
 */
const oneShot: typeof crypto.hash | undefined = typeof crypto.hash === 'function' ? crypto.hash : undefined;

/** SHA-256 of text or bytes, hex. */
export function sha256(data: string | Uint8Array): string {
  return oneShot ? oneShot('sha256', data, 'hex') : crypto.createHash('sha256').update(data).digest('hex');
}
