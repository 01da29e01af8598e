import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeDays } from '../../src/parse/merge-days.js';
import { readDigests } from '../../src/read-digests.js';
import { FIXTURES_DIR } from '../helpers/corpus.js';
import { parse, parseFixture, rulesOf } from '../helpers/parse.js';
import { tempDir } from '../helpers/tmp.js';

describe('day status', () => {
  it('keeps empty and failed days apart; the upstream error goes to a diagnostic, readers get a short sentence', () => {
    const digest = parseFixture('combined-day.md');
    expect(digest.kind).toBe('combined');
    expect(digest.days.map((d) => [d.source, d.status, d.papers.length])).toEqual([
      ['arxiv', 'empty', 0],
      ['biorxiv', 'papers', 2],
      ['medrxiv', 'failed', 0],
    ]);
    const detail = "HTTPSConnectionPool(host='api.medrxiv.org', port=443): Read timed out. (read timeout=30.0)";
    expect(digest.days[2]!.failure).toEqual({ reason: 'timeout', detail });
    expect(digest.days[0]!.failure).toBeUndefined();
    expect(digest.diagnostics).toEqual([
      expect.objectContaining({ rule: 'fetch-failed', severity: 'info', line: 22, column: 1, message: `medRxiv fetch failed (timeout); readers see only that, the upstream error was: ${detail}` }),
    ]);
  });

  it('reads the per-source status lines', () => {
    expect(parse('# arXiv 2026-05-01\n\n> 当天没有抓取到有效论文。\n').days[0]).toMatchObject({ status: 'empty', source: 'arxiv', line: 1 });
    expect(parse('# arXiv 2026-05-30\n\n> 抓取失败：Page request resulted in HTTP 429 (https://export.arxiv.org/api/query?x=1)\n').days[0]).toMatchObject({
      status: 'failed',
      failure: { reason: 'rate-limited', httpStatus: 429, detail: 'Page request resulted in HTTP 429 (https://export.arxiv.org/api/query?x=1)' },
    });
  });

  it('shows a header-only table as empty, with an info diagnostic', () => {
    const digest = parse('# Arxiv 2024-09-28 Papers\n\n| 标题 | 作者 | PDF链接 | 代码仓库 | Title |\n|---|---|---|---|---|\n');
    expect(digest.days[0]!.status).toBe('empty');
    expect(rulesOf(digest)).toEqual(['empty-table']);
  });

  it('shows a digest with a heading and nothing else as failed, not empty', () => {
    const digest = parse('# arxiv 2025-10-17\n');
    expect(digest.days[0]).toMatchObject({ status: 'failed', failure: { reason: 'no-content', detail: 'the digest has no paper table and no status line' } });
    expect(rulesOf(digest)).toEqual(['no-content']);
  });

  it('lists a paper once when it stands twice in a file, and says so', () => {
    const row = '| T | A | [PDF](http://arxiv.org/pdf/2510.00001v1) | S |';
    const digest = parse(`# arxiv 2025-10-17\n\n| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n${row}\n${row.replace('v1', 'v2')}\n${row}\n`);
    expect(digest.days[0]!.papers).toHaveLength(1);
    // The other version's row is kept as a record of its own link, out of the paper list.
    expect(digest.days[0]!.otherListings).toEqual([expect.objectContaining({ id: 'arxiv:2510.00001', version: 2, line: 6 })]);
    expect(digest.diagnostics).toEqual([
      expect.objectContaining({ rule: 'duplicate-paper', line: 6, pdfUrl: 'http://arxiv.org/pdf/2510.00001v2', message: expect.stringContaining('another PDF link') }),
      expect.objectContaining({ rule: 'duplicate-paper', line: 7, pdfUrl: 'http://arxiv.org/pdf/2510.00001v1' }),
    ]);
  });
});

describe('per-source and combined files of one day', () => {
  it('yields each paper once when both are read, with the per-source file as the record', async () => {
    const dir = tempDir('merge-');
    copyFileSync(join(FIXTURES_DIR, 'digests/combined-day.md'), join(dir, '2026-05-01.md'));
    writeFileSync(
      join(dir, '2026-05-01-biorxiv.md'),
      `# bioRxiv 2026-05-01\n\n| 标题 | 作者 | PDF链接 | 摘要 |\n|------|------|--------|------|\n| 前额叶-下丘脑环路中的性别特异性组织与突触信号传导 | Bouchet, C. A. | [PDF](https://www.biorxiv.org/content/10.64898/2026.04.29.721673v1.full.pdf) | 从皮层到下丘脑的向下信号传递至关重要。 |\n| 纤维束发育促进人类海马体的功能特化。 | Kember, J. | [PDF](https://www.biorxiv.org/content/10.64898/2026.04.28.721442v2.full.pdf) | 纤维束沿海马体前后轴呈现不同的投射模式。 |\n`,
    );
    writeFileSync(join(dir, '2026-05-01-arxiv.md'), '# arXiv 2026-05-01\n\n> 当天没有抓取到有效论文。\n');
    const set = await readDigests([dir], { displayRoot: dir });
    expect(set.days).toHaveLength(1);
    const day = set.days[0]!;
    expect(day.sources.map((s) => [s.source, s.status, s.papers.length])).toEqual([
      ['arxiv', 'empty', 0],
      ['biorxiv', 'papers', 2],
      ['medrxiv', 'failed', 0],
    ]);
    expect(day.sources[1]!.papers.every((p) => p.file === '2026-05-01-biorxiv.md')).toBe(true);
    // Only the upstream error of the failed medRxiv fetch, kept for the build's diagnostics.
    expect(set.diagnostics.map((d) => `${d.file}:${d.line} ${d.rule}`)).toEqual(['2026-05-01.md:22 fetch-failed']);
  });

  it('keeps a paper that only the combined file lists, and says so', () => {
    const perSource = parse('# bioRxiv 2026-05-01\n\n| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n| A | X | [PDF](https://doi.org/10.1101/2026.01.01.000001) | S |\n', '2026-05-01-biorxiv.md');
    const combined = parse('# 2026-05-01 每日论文\n\n## bioRxiv\n\n| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n| A | X | [PDF](https://doi.org/10.1101/2026.01.01.000001) | S |\n| B | Y | [PDF](https://doi.org/10.1101/2026.01.01.000002) | S |\n', '2026-05-01.md');
    const { days, diagnostics } = mergeDays([combined, perSource]);
    expect(days[0]!.sources[0]!.papers.map((p) => [p.title, p.file])).toEqual([
      ['A', '2026-05-01-biorxiv.md'],
      ['B', '2026-05-01.md'],
    ]);
    expect(diagnostics.map((d) => d.rule)).toEqual(['paper-only-in-combined']);
  });

  it('reports a per-source file and a combined file that disagree on the status', () => {
    const perSource = parse('# arXiv 2026-05-01\n\n> 当天没有抓取到有效论文。\n', '2026-05-01-arxiv.md');
    const combined = parse('# 2026-05-01 每日论文\n\n## arXiv\n\n> 抓取失败：timeout\n', '2026-05-01.md');
    const { days, diagnostics } = mergeDays([combined, perSource]);
    expect(days[0]!.sources[0]!.status).toBe('empty');
    expect(diagnostics.map((d) => d.rule)).toEqual(['status-conflict']);
  });
});
