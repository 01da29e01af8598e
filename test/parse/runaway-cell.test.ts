import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDigest } from '../../src/index.js';
import { FIXTURES_DIR } from '../helpers/corpus.js';
import { papersOf, parseFixture, rulesOf, table2025 } from '../helpers/parse.js';

/** `count` well-formed rows of the 2025 layout, arXiv ids from 2511.20000. */
function wellFormedRows(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `| 第 ${i + 1} 篇论文的标题 | Author ${i + 1} | [PDF](http://arxiv.org/pdf/2511.${20000 + i}v1) | 第 ${i + 1} 篇的摘要。 |`);
}

/** A title cell the translator turned into a whole paper, ending in a table of its own; the row never closes. */
const UNCLOSED_RUNAWAY = [
  '| 稀疏专家混合模型的高效推理',
  '',
  '## 摘要',
  '',
  '本文提出一种动态路由方法。',
  '',
  '## 实验',
  '',
  '| 模型 | 吞吐量 |',
  '|------|--------|',
  '| 基线 | 1.0× |',
  '| 本文方法 | 1.8× |',
];

describe('a cell the translator ran away with', () => {
  it('reads the runaway row as one paper, its title cut to the title, the rest kept as titleNote, with a diagnostic', () => {
    const digest = parseFixture('runaway-title-cell.md');
    const papers = papersOf(digest);
    expect(papers.map((p) => p.id)).toEqual(['arxiv:2511.15001', 'arxiv:2511.15002', 'arxiv:2511.15003', 'arxiv:2511.15004', 'arxiv:2511.15005']);
    expect(papers[1]).toMatchObject({
      title: '稀疏专家混合模型的高效推理：一种动态路由方法',
      authors: ['Li Na'],
      summary: '稀疏专家混合模型在推理时的通信开销很大，我们提出动态路由以降低开销。',
      line: 6,
    });
    // The cell's own tables stay in the note; their pipes did not split the row.
    expect(papers[1]!.titleNote).toContain('2.2 负载均衡');
    expect(papers[1]!.titleNote).toContain('本文方法\n1.8×');
    expect(papers[2]).toMatchObject({ title: '基于图神经网络的分子性质预测', authors: ['Chen Hao'], line: 56 });
    expect(digest.diagnostics).toEqual([
      expect.objectContaining({ rule: 'runaway-cell', severity: 'warning', line: 6, column: 1, message: expect.stringContaining('50 lines, 9 of them table lines') }),
    ]);
  });

  it('resumes the paper table after a runaway cell that ends in its own table and never closes (115 rows after it)', () => {
    const rows = wellFormedRows(115);
    const md = table2025(['| 引言 | Ann | [PDF](http://arxiv.org/pdf/2511.10000v1) | 摘要。 |', ...UNCLOSED_RUNAWAY, ...rows].join('\n'));
    const digest = parseDigest(md, '2025-10-17-arxiv.md');
    const papers = papersOf(digest);
    expect(papers).toHaveLength(116);
    expect(papers[1]).toMatchObject({ id: 'arxiv:2511.20000', title: '第 1 篇论文的标题', authors: ['Author 1'], line: 18 });
    expect(papers[115]).toMatchObject({ id: 'arxiv:2511.20114', summary: '第 115 篇的摘要。' });
    // The runaway row itself has no PDF link: it is reported where it starts, never dropped silently.
    expect(digest.diagnostics).toEqual([
      expect.objectContaining({ rule: 'runaway-cell', line: 6, message: expect.stringContaining('12 lines, 4 of them table lines') }),
      expect.objectContaining({ rule: 'row-without-pdf-link', line: 6, message: expect.stringContaining('稀疏专家混合模型的高效推理') }),
    ]);
    expect(rulesOf(digest)).not.toContain('stray-pdf-link');
  });

  it('resumes the paper table when rows of its shape follow a table that broke it', () => {
    const md = table2025(
      [
        '| 第一篇 | Ann | [PDF](http://arxiv.org/pdf/2511.10000v1) | 摘要一。 |',
        '我们的符号如下：',
        '| 符号 | 含义 |',
        '|------|------|',
        '| $E$ | 专家数量 |',
        '| 第二篇 | Bob | [PDF](http://arxiv.org/pdf/2511.10001v1) | 摘要二。 |',
        '| 第三篇 | Cat | [PDF](http://arxiv.org/pdf/2511.10002v1) | 摘要三。 |',
      ].join('\n'),
    );
    const digest = parseDigest(md, '2025-10-17-arxiv.md');
    expect(papersOf(digest).map((p) => [p.title, p.authors[0], p.line])).toEqual([
      ['第一篇', 'Ann', 5],
      ['第二篇', 'Bob', 10],
      ['第三篇', 'Cat', 11],
    ]);
    expect(digest.diagnostics.find((d) => d.rule === 'table-resumed')).toMatchObject({ line: 7, severity: 'warning', message: expect.stringContaining('2 paper rows after a table with columns "符号", "含义"') });
    expect(rulesOf(digest)).not.toContain('stray-pdf-link');
  });

  it('starts a new table at a second paper header, not resuming the first', () => {
    const md = `${table2025('| 第一篇 | Ann | [PDF](http://arxiv.org/pdf/2511.10000v1) | 摘要一。 |')}\n| 标题 | 作者 | 发布日期 | PDF链接 | 摘要 |\n|---|---|---|---|---|\n| 第二篇 | Bob | 2025-11-19 | [PDF](http://arxiv.org/pdf/2511.10001v1) | 摘要二。 |\n`;
    const digest = parseDigest(md, '2025-10-17-arxiv.md');
    expect(papersOf(digest)[1]).toMatchObject({ title: '第二篇', publishedDate: '2025-11-19' });
    expect(rulesOf(digest)).not.toContain('table-resumed');
  });
});

describe('line ends', () => {
  const lf = readFileSync(join(FIXTURES_DIR, 'digests/runaway-title-cell.md'), 'utf8');

  it('gives the public parseDigest the same result for CRLF, CR and LF text', () => {
    const expected = parseDigest(lf, 'd.md');
    expect(papersOf(expected)).toHaveLength(5);
    expect(parseDigest(lf.replace(/\n/g, '\r\n'), 'd.md')).toEqual(expected);
    expect(parseDigest(lf.replace(/\n/g, '\r'), 'd.md')).toEqual(expected);
  });

  it('reads a digest that starts with a byte-order mark', () => {
    expect(parseDigest(`\uFEFF${lf}`, 'd.md')).toEqual(parseDigest(lf, 'd.md'));
  });
});
