/**
 * `oneLine` skips the collapsing for text that has nothing to collapse: with any white space
 * (Unicode's, line breaks, runs of spaces) it is the plain collapse-and-trim.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oneLine } from '../../src/text/one-line.js';

/** Every character `\s` matches, and some that it does not. */
const PIECES = [' ', '  ', '\t', '\n', '\r\n', '\v', '\f', '\u00a0', '\u1680', '\u2003', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', 'a', '摘要', '\u200b', '\u0085', 'x y'];

describe('oneLine', () => {
  it('is text.replace(/\\s+/g, " ").trim() for any text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        expect(oneLine(text)).toBe(text.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 2000 },
    );
  });
});
