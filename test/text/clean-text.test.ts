/**
 * `cleanText` skips its full pattern when no character it could remove is there: the result is
 * the full pattern's on any text (controls, C1, U+FFFE/FFFF, paired and lone surrogates).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanStrings, cleanText } from '../../src/text/escape.js';

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

/** What `cleanStrings` was written as first: the copy `Object.fromEntries(Object.entries(…))` makes. */
function entriesCleanStrings(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map(entriesCleanStrings);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, entriesCleanStrings(v)]));
  return value;
}

describe('cleanStrings', () => {
  const text = fc.array(fc.oneof(pieces, fc.string({ maxLength: 4 })), { maxLength: 5 }).map((parts) => parts.join(''));
  const key = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'toString', 'title', '0', '10', 'a\u0001'), fc.string({ maxLength: 4 }));
  const { view } = fc.letrec<{ view: unknown }>((tie) => ({
    view: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.boolean(), fc.constant(undefined), fc.constant(null), fc.array(tie('view'), { maxLength: 4 }), fc.dictionary(key, tie('view'), { maxKeys: 5 })),
  }));

  it('makes the same copy as Object.fromEntries over Object.entries: same keys in the same order, every string cleaned', () => {
    fc.assert(
      fc.property(view, (value) => {
        // Compared as [key, value] pairs with each object's prototype and array-ness (`toStrictEqual` trips on an own `constructor` key).
        const pairs = (v: unknown): unknown => (v && typeof v === 'object' ? [Array.isArray(v), Object.getPrototypeOf(v) === Object.prototype, Object.entries(v).map(([k, x]) => [k, pairs(x)])] : v);
        expect(pairs(cleanStrings(value))).toEqual(pairs(entriesCleanStrings(value)));
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps an own `__proto__` key a key (not the prototype)', () => {
    const value = JSON.parse('{"__proto__": {"x": "a\\u0001"}, "y": "b"}') as Record<string, unknown>;
    const cleaned = cleanStrings(value);
    expect(Object.getPrototypeOf(cleaned)).toBe(Object.prototype);
    expect(Object.keys(cleaned)).toEqual(['__proto__', 'y']);
    expect(Object.getOwnPropertyDescriptor(cleaned, '__proto__')?.value).toEqual({ x: 'a' });
  });
});
