import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSyntheticHistory, generateSyntheticHistory, shiftDates } from '../../bench/synthetic-history.js';
import { readDigests } from '../../src/read-digests.js';
import { CORPUS_DIR, hasCorpus } from '../helpers/corpus.js';
import { tempDir } from '../helpers/tmp.js';

describe('shiftDates', () => {
  it('moves every valid YYYY-MM-DD and leaves other digits alone', () => {
    const text = '# arXiv 2026-08-01\n| t | a | 2026-07-30 | [PDF](https://doi.org/10.1101/2026.07.30.123456) | 2026-13-01 20260801 |';
    expect(shiftDates(text, 2)).toBe('# arXiv 2026-08-03\n| t | a | 2026-08-01 | [PDF](https://doi.org/10.1101/2026.07.30.123456) | 2026-13-01 20260801 |');
    expect(shiftDates('2024-12-31', 1)).toBe('2025-01-01');
  });
});

describe.skipIf(!hasCorpus)('synthetic history from the sample corpus', () => {
  it('has consecutive days, reads like the sample file by file, and lists new papers on each pass', async () => {
    const sampleDays = new Set(readdirSync(CORPUS_DIR).filter((f) => /^\d{4}-\d{2}-\d{2}-[a-z]+\.md$/.test(f)).map((f) => f.slice(0, 10))).size;
    const days = sampleDays + 4;
    const outDir = tempDir('history-');
    const history = generateSyntheticHistory({ corpusDir: CORPUS_DIR, outDir, days, start: '2025-01-30' });
    expect(history.last).toBe('2025-02-28');
    const check = await checkSyntheticHistory(history, CORPUS_DIR);
    expect(check.mismatches).toEqual([]);
    expect(check.days).toBe(days);

    // The first sample day, copied on day 1 and again on day 1 + sampleDays: same rows, other papers.
    const set = await readDigests([outDir]);
    const first = set.days[0]!;
    const again = set.days[sampleDays]!;
    expect(again.date).toBe('2025-02-25');
    const ids = (d: typeof first) => d.sources.flatMap((s) => s.papers.map((p) => p.id));
    expect(ids(again).length).toBe(ids(first).length);
    expect(ids(again).filter((id) => ids(first).includes(id))).toEqual([]);
    expect(again.sources.flatMap((s) => s.papers.map((p) => p.date))).toEqual(ids(again).map(() => '2025-02-25'));

    // Deterministic: the same options write the same bytes.
    const twice = tempDir('history-');
    generateSyntheticHistory({ corpusDir: CORPUS_DIR, outDir: twice, days, start: '2025-01-30' });
    for (const f of history.files) expect(readFileSync(join(twice, f.name), 'utf8'), f.name).toBe(readFileSync(join(outDir, f.name), 'utf8'));
  });
});
