import { describe, expect, it } from 'vitest';
import { decodeDigestBytes } from '../../src/parse/decode-text.js';
import { parse, papersOf, parseFixture, rulesOf, table2025 } from '../helpers/parse.js';

describe('row repair', () => {
  it('keeps a row whose title cell goes on over several lines of commentary', () => {
    const papers = papersOf(parseFixture('layout-abstract.md'));
    expect(papers[1]).toMatchObject({ title: 'Ponimator：展开交互姿态以实现多样化人-人互动动画', authors: ['Shaowei Liu'], line: 6 });
    expect(papers[1]!.titleNote).toBe('（注：Ponimator为专业术语，采用音译加意译的复合译法。）');
    expect(papers[2]!.title).toBe('pi-Flow：基于策略的模仿蒸馏少步生成方法');
    expect(papers[2]!.titleNote).toMatch(/^（解析说明：\n1\. "Policy-Based"/);
  });

  it('keeps blank lines inside an abstract cell as paragraphs', () => {
    const paper = papersOf(parseFixture('layout-abstract.md'))[2]!;
    expect(paper.summary).toBe('基于扩散或流的少步生成模型通常会将预测速度的教师模型蒸馏。\n\n为使策略的常微分方程轨迹与教师模型对齐，我们提出新型模仿蒸馏方法：通过标准的ℓ₂流匹配损失实现。');
    expect(paper.original?.summary).toContain('$\\ell_2$');
    expect(papersOf(parseFixture('layout-abstract.md'))[3]!.line).toBe(17);
  });

  it('reads escaped pipes as literal pipes', () => {
    const [paper] = papersOf(parse(table2025('| A \\| B：一个标题 | Ann | [PDF](http://arxiv.org/pdf/2510.00001v1) | 条件 p(x \\| y) 的估计。 |')));
    expect(paper).toMatchObject({ title: 'A | B：一个标题', summary: '条件 p(x | y) 的估计。' });
  });

  it('joins a literal pipe in the title back into the title, not into the author', () => {
    const digest = parse(table2025('| A | B 的比较 | Ann | [PDF](http://arxiv.org/pdf/2510.00001v1) | 摘要。 |'));
    expect(papersOf(digest)[0]).toMatchObject({ title: 'A | B 的比较', authors: ['Ann'], summary: '摘要。' });
    expect(rulesOf(digest)).toContain('merged-extra-cells');
  });

  it('joins a literal pipe in the abstract back into the abstract', () => {
    const digest = parse(table2025('| 标题 | Ann | [PDF](http://arxiv.org/pdf/2510.00001v1) | 用 a | b 表示。 |'));
    expect(papersOf(digest)[0]).toMatchObject({ title: '标题', summary: '用 a | b 表示。' });
  });

  it('does not split on pipes inside $…$ math when that fixes the cell count', () => {
    const digest = parse(table2025('| 标题 | Ann | [PDF](http://arxiv.org/pdf/2510.00001v1) | 范数 $|x|$ 很小。 |'));
    expect(papersOf(digest)[0]!.summary).toBe('范数 |x| 很小。');
    expect(rulesOf(digest)).not.toContain('merged-extra-cells');
  });

  it('splits two rows that stand on one line', () => {
    const digest = parse(table2025('| T1 | A1 | [PDF](http://arxiv.org/pdf/2510.00001v1) | S1 | | T2 | A2 | [PDF](http://arxiv.org/pdf/2510.00002v1) | S2 |'));
    expect(papersOf(digest).map((p) => [p.title, p.authors[0], p.summary])).toEqual([
      ['T1', 'A1', 'S1'],
      ['T2', 'A2', 'S2'],
    ]);
    expect(rulesOf(digest)).toContain('split-joined-rows');
  });

  it('fills missing cells with nothing and says so', () => {
    const digest = parse(table2025('| 只有标题 | [PDF](http://arxiv.org/pdf/2510.00001v1) |'));
    expect(papersOf(digest)[0]).toMatchObject({ title: '只有标题', authors: [], summary: '' });
    expect(rulesOf(digest)).toContain('missing-cells');
  });

  it('handles BOM and CRLF line ends', () => {
    const md = '\uFEFF' + table2025('| 标题一 | Ann | [PDF](http://arxiv.org/pdf/2510.00001v1) | 第一段。\n\n第二段。 |\n| 标题二 | Bob | [PDF](http://arxiv.org/pdf/2510.00002v1) | 摘要。 |').replace(/\n/g, '\r\n');
    // The reader gets decoded text; decoding strips the BOM and normalises line ends.
    const decoded = decodeDigestBytes(new TextEncoder().encode(md));
    expect(decoded.ok && decoded.bom).toBe(true);
    if (!decoded.ok) throw new Error('decode failed');
    const papers = papersOf(parse(decoded.text));
    expect(papers.map((p) => p.title)).toEqual(['标题一', '标题二']);
    expect(papers[0]!.summary).toBe('第一段。\n\n第二段。');
    expect(papers[1]!.line).toBe(8);
  });

  it('keeps a "### heading" written inside a cell in the cell, but ends the table at "## bioRxiv"', () => {
    const md = `# 2025-02-11 每日论文

## bioRxiv

| 标题 | 作者 | PDF链接 | 代码仓库 | Title |
|---|---|---|---|---|
| 通过生物图像分析提高可重复性

### 效应大小的重要性

效应大小是指研究中观察到的效应。 | Barry, D. J. | [PDF](https://doi.org/10.1101/2025.02.07.637000) | N/A | Enhancing Reproducibility Through Bioimage Analysis |
| 第二篇 | Lee, K. | [PDF](https://doi.org/10.1101/2025.02.07.637001) | N/A | Second |

## medRxiv

| 标题 | 作者 | PDF链接 | 代码仓库 | Title |
|---|---|---|---|---|
| 第三篇 | Wu, Q. | [PDF](https://doi.org/10.1101/2025.02.07.25321000) | N/A | Third |
`;
    const digest = parse(md, '2025-02-11.md');
    expect(digest.kind).toBe('combined');
    expect(digest.days.map((d) => [d.source, d.papers.length])).toEqual([
      ['biorxiv', 2],
      ['medrxiv', 1],
    ]);
    expect(digest.days[0]!.papers[0]!.titleNote).toContain('效应大小的重要性');
  });

  it('adds text between two complete rows to the abstract above, with a diagnostic', () => {
    const digest = parse(table2025('| 标题一 | Ann | [PDF](http://arxiv.org/pdf/2510.00001v1) | 摘要一。 |\n补充的一句话。\n| 标题二 | Bob | [PDF](http://arxiv.org/pdf/2510.00002v1) | 摘要二。 |'));
    const papers = papersOf(digest);
    expect(papers[0]!.summary).toBe('摘要一。\n\n补充的一句话。');
    expect(papers[1]!.summary).toBe('摘要二。');
    expect(digest.diagnostics.find((d) => d.rule === 'text-between-rows')).toMatchObject({ line: 6 });
  });

  it('reads a row that is cut off at the end of the file', () => {
    const digest = parse(table2025('| 标题 | Ann | [PDF](http://arxiv.org/pdf/2510.00001v1) | 摘要写到一半'));
    expect(papersOf(digest)[0]).toMatchObject({ title: '标题', summary: '摘要写到一半' });
  });

  it('reads rows that stand without a header row, with a diagnostic', () => {
    const digest = parse('# arxiv 2025-10-17\n\n| 标题 | Ann | [PDF](http://arxiv.org/pdf/2510.00001v1) | 摘要。 |\n');
    expect(papersOf(digest)[0]).toMatchObject({ title: '标题', authors: ['Ann'], summary: '摘要。' });
    expect(rulesOf(digest)).toContain('table-without-header');
  });

  it('reads `[PDF] (url)` (a space before the parenthesis) the same with or without a header row', () => {
    const row = '| 标题 | Ann | [PDF] (http://arxiv.org/pdf/2510.00001v1) | 摘要。 |';
    const read = (markdown: string) => {
      const digest = parse(markdown);
      return { papers: papersOf(digest).map((p) => ({ title: p.title, pdfUrl: p.pdfUrl, summary: p.summary, line: p.line })), rules: rulesOf(digest) };
    };
    const withHeader = read(table2025(row));
    const withoutHeader = read(`# arxiv 2025-10-17\n\n${row}\n| 标题二 | Bo | [PDF](http://arxiv.org/pdf/2510.00002v1) | 摘要二。 |\n`);
    const alone = read(`# arxiv 2025-10-17\n\n${row}\n`);
    expect(withHeader.papers).toEqual([{ title: '标题', pdfUrl: 'http://arxiv.org/pdf/2510.00001v1', summary: '摘要。', line: withHeader.papers[0]!.line }]);
    expect(withoutHeader.papers.map((p) => p.pdfUrl)).toEqual(['http://arxiv.org/pdf/2510.00001v1', 'http://arxiv.org/pdf/2510.00002v1']);
    expect(alone.papers).toEqual([{ ...withHeader.papers[0]!, line: 3 }]);
    for (const { rules } of [withHeader, withoutHeader, alone]) expect(rules).not.toContain('stray-pdf-link');
    expect(alone.rules).toEqual(['table-without-header']);
  });
});
