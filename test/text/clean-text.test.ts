/**
 * `cleanText` skips its full pattern when no character it could remove is there: the result is
 * the full pattern's on any text (controls, C1, U+FFFE/FFFF, paired and lone surrogates).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText } from '../../src/text/escape.js';

const NOT_XML_TEXT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const pieces = fc.constantFrom('\u0000', '\u0008', '\t', '\n', '\r', '\u000B', '\u001F', '\u007F', '\u0085', '\u009F', '\uFFFE', '\uFFFF', '\uD835', '\uDC00', '\uD835\uDF0B', '😀', 'π', '扩散', 'a');

describe('cleanText', () => {
  it('removes exactly what the full pattern removes, with or without such characters', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(pieces, fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 20 }), (parts) => {
        const text = parts.join('');
        expect(cleanText(text)).toBe(text.replace(NOT_XML_TEXT, ''));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps paired surrogates (𝜋, emoji) and drops lone ones', () => {
    expect(cleanText('a\uD835\uDF0Bb😀')).toBe('a\uD835\uDF0Bb😀');
    expect(cleanText('a\uD835b\uDC00c\u0001')).toBe('abc');
  });
});
