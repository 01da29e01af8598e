/**
 * `oneLine` skips the collapsing for text that has nothing to collapse: with any white space
 * (Unicode's, line breaks, runs of spaces) it is the plain collapse-and-trim.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oneLine } from '../../src/text/one-line.js';

/** Every character `\s` matches (found by trying every UTF-16 code unit), two spaces, and text that is no white space. */
const WHITE_SPACE = Array.from({ length: 0x10000 }, (_, c) => String.fromCharCode(c)).filter((c) => /\s/.test(c));
const PIECES = [...WHITE_SPACE, '  ', '\r\n', 'a', '摘要', '\u200b', '\u0085', 'x y'];

describe('oneLine', () => {
  it('is text.replace(/\\s+/g, " ").trim() for any text', () => {
    expect(WHITE_SPACE.length).toBeGreaterThan(20); // (Unicode's white space and line terminators)
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        expect(oneLine(text)).toBe(text.replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 2000 },
    );
  });
});
