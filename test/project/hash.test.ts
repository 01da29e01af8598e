/**
 * `sha256`: Node's one-shot hash gives the digest `createHash` gives, for any text (lone
 * surrogates included: both encode them as UTF-8 replacement characters) and any bytes. Every
 * cache and manifest key depends on that.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/hash.js';

const reference = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

describe('sha256', () => {
  it('is createHash("sha256") in hex, for text and bytes', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => sha256(text) === reference(text)), { numRuns: 2000 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => sha256(bytes) === reference(bytes)), { numRuns: 500 });
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256('\uD800 中文')).toBe(reference('\uD800 中文'));
  });
});
