/**
 * The feed entry cache's file: what `encodeEntryCache` writes, `decodeEntryCache` reads back
 * exactly (any text: tabs, line breaks, lone surrogates, the empty string), and a file cut off,
 * changed after its header, or with a length that lies is found damaged rather than read wrong.
 */
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeEntryCache, EntryCache, encodeEntryCache } from '../../src/build/entry-cache.js';
import { sha256 } from '../../src/hash.js';

const key = fc.string({ minLength: 1, maxLength: 30 }).filter((k) => !/[\t\n]/.test(k));

describe('feed entry cache file', () => {
  it('reads back exactly what it wrote, for any text', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(key, fc.string({ unit: 'binary', maxLength: 200 })), { selector: ([k]) => k, maxLength: 20 }), fc.string(), (entries, code) => {
        const read = decodeEntryCache(encodeEntryCache(code, entries));
        expect(read).toEqual({ code, entries: new Map(entries) });
      }),
      { numRuns: 500 },
    );
  });

  it('finds a file cut off at any point damaged, never a shorter cache', () => {
    const bytes = encodeEntryCache('code', [['atom Asia/Shanghai 1', '<entry>\n\t一</entry>'], ['run rss full * 2', 'x\ny'], ['size json links * 3', '123']]);
    for (let cut = 0; cut < bytes.length; cut++) expect(decodeEntryCache(bytes.subarray(0, cut))).toHaveProperty('problem');
  });

  it('finds a length that lies damaged, even where it lands on a line break of the text and the checksum is right', () => {
    const honest = encodeEntryCache('code', [['a', 'x\ny'], ['b', 'z']]);
    const text = honest.toString('utf16le');
    const headerEnd = text.indexOf('\n');
    const lyingBody = Buffer.from(text.slice(headerEnd + 1).replace('a\t3\n', 'a\t1\n'), 'utf16le');
    const header = JSON.parse(text.slice(0, headerEnd)) as Record<string, unknown>;
    const forged = Buffer.concat([Buffer.from(`${JSON.stringify({ ...header, sha256: sha256(lyingBody) })}\n`, 'utf16le'), lyingBody]);
    expect(decodeEntryCache(forged)).toEqual({ problem: 'damaged (entry 2)' });
    // Changed anywhere after the header: the checksum no longer matches.
    const flipped = Buffer.from(honest);
    flipped[flipped.length - 4]! ^= 1;
    expect(decodeEntryCache(flipped)).toEqual({ problem: 'damaged (its checksum does not match)' });
  });

  it('refuses keys it could not read back, and saving removes the JSON file of format 1', async () => {
    expect(() => encodeEntryCache('code', [['a\tb', 'x']])).toThrow(/tab or line break/);
    const dir = mkdtempSync(join(tmpdir(), 'digestcast-entry-cache-'));
    writeFileSync(join(dir, 'feed-entries.json'), '{}');
    const cache = EntryCache.load(join(dir, 'feed-entries.utf16'), 'code');
    cache.set('k', 'text');
    await cache.save();
    expect(existsSync(join(dir, 'feed-entries.json'))).toBe(false);
    expect(decodeEntryCache(readFileSync(join(dir, 'feed-entries.utf16')))).toEqual({ code: 'code', entries: new Map([['k', 'text']]) });
  });
});
