/**
 * Writing the per-month Pagefind bundles: only the months given are rewritten, a month left
 * without papers loses its bundle, and months.json lists the bundles on disk, newest first.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.js';
import type { Day } from '../../src/model.js';
import { searchIndexFormat, writeSearchIndex } from '../../src/search/search-index.js';
import { tempDir } from '../helpers/tmp.js';

const day = (date: string, titles: string[]): Day => ({
  date,
  sources: [
    {
      date,
      source: 'arxiv',
      sourceName: 'arXiv',
      status: titles.length > 0 ? 'papers' : 'empty',
      file: `digests/${date}-arxiv.md`,
      line: 1,
      papers: titles.map((title, i) => ({ id: `arxiv:2510.${date.slice(8)}${i}`, date, source: 'arxiv', title, authors: ['A'], pdfUrl: 'https://arxiv.org/pdf/x', url: 'https://arxiv.org/abs/x', summary: '摘要', file: 'x.md', line: i + 3 })),
    },
  ],
});
const manifest = (out: string) => JSON.parse(readFileSync(join(out, 'pagefind/months.json'), 'utf8')) as { version: number; months: string[] };

describe('writeSearchIndex', () => {
  it('rewrites only the months it is given, removes a month without papers, and lists the bundles newest first', async () => {
    const out = tempDir('search-index-');
    const first = await writeSearchIndex(out, [{ month: '2025-09', days: [day('2025-09-30', ['九月论文'])] }, { month: '2025-10', days: [day('2025-10-01', ['十月论文', '扩散模型'])] }], defaultConfig());
    expect(first.written.map((w) => [w.month, w.records])).toEqual([['2025-09', 1], ['2025-10', 2]]);
    expect(manifest(out)).toEqual({ version: 1, months: ['2025-10', '2025-09'] });
    const bundle = readdirSync(join(out, 'pagefind/2025-10'));
    expect(bundle).toEqual(expect.arrayContaining(['pagefind.js', 'pagefind-entry.json', 'pagefind-worker.js', 'index', 'fragment']));
    expect(bundle.filter((f) => /ui|highlight/.test(f))).toEqual([]);
    const septemberWritten = statSync(join(out, 'pagefind/2025-09/pagefind-entry.json')).mtimeMs;

    const second = await writeSearchIndex(out, [{ month: '2025-10', days: [day('2025-10-01', [])] }, { month: '2025-11', days: [day('2025-11-02', ['十一月'])] }], defaultConfig());
    expect(second.removed).toEqual(['2025-10']);
    expect(existsSync(join(out, 'pagefind/2025-10'))).toBe(false);
    expect(manifest(out).months).toEqual(['2025-11', '2025-09']);
    expect(statSync(join(out, 'pagefind/2025-09/pagefind-entry.json')).mtimeMs).toBe(septemberWritten);
    expect(readdirSync(join(out, 'pagefind')).filter((f) => /\.(new|old)-/.test(f))).toEqual([]);
  }, 60_000);

  it('names the Pagefind version and record format the bundles are made with', () => {
    expect(searchIndexFormat()).toMatch(/^pagefind \d+\.\d+\.\d+, records \d+$/);
  });

  it('refuses a day given under another month, naming both', async () => {
    await expect(writeSearchIndex(tempDir('search-index-'), [{ month: '2025-10', days: [day('2025-09-30', ['x'])] }], defaultConfig())).rejects.toThrow('day 2025-09-30 was given for month 2025-10');
  });
});
