import { describe, expect, it } from 'vitest';
import { mapColumns } from '../../src/parse/columns.js';
import { readHeading } from '../../src/parse/digest-heading.js';
import { parse, papersOf, parseFixture, rulesOf, table2025 } from '../helpers/parse.js';

describe('table layouts', () => {
  it('reads layout 1 (标题 | 作者 | PDF链接 | 代码仓库 | Title) with code links and English titles', () => {
    const digest = parseFixture('layout-english-title.md');
    expect(digest.date).toBe('2024-09-04');
    expect(digest.kind).toBe('source');
    const papers = papersOf(digest);
    expect(papers).toHaveLength(4);
    expect(papers[0]).toMatchObject({
      id: 'arxiv:2409.02920',
      version: 1,
      source: 'arxiv',
      date: '2024-09-04',
      title: 'RoboTwin：配备生成式数字孪生的双臂机器人基准测试',
      titleEn: 'RoboTwin: Dual-Arm Robot Benchmark with Generative Digital Twins',
      authors: ['Yao Mu'],
      pdfUrl: 'http://arxiv.org/pdf/2409.02920v1',
      url: 'https://arxiv.org/abs/2409.02920',
      summary: '',
      file: 'layout-english-title.md',
      line: 5,
    });
    expect(papers[0]!.codeUrl).toBeUndefined();
    expect(papers[1]).toMatchObject({ version: 2, codeUrl: 'https://github.com/Liuxinyv/HiPrompt' });
  });

  it('uses the English title when the title cell holds only commentary', () => {
    const paper = papersOf(parseFixture('layout-english-title.md'))[2]!;
    expect(paper.title).toBe('Orient Anything: Learning Robust Object Orientation Estimation from Rendering 3D Models');
    expect(paper.titleNote).toContain('这段文字可以翻译为');
  });

  it('reads layout 2 (标题 | 作者 | PDF链接 | 摘要)', () => {
    const papers = papersOf(parseFixture('layout-abstract.md'));
    expect(papers.map((p) => p.id)).toEqual(['arxiv:2510.14981', 'arxiv:2510.14976', 'arxiv:2510.14974', 'arxiv:2510.14973']);
    expect(papers[0]!.summary).toBe('我们提出一种推理时扩散采样方法。');
    expect(papers[0]!.titleEn).toBeUndefined();
  });

  it('reads layout 3 (with 发布日期) into publishedDate', () => {
    const papers = papersOf(parseFixture('layout-published-date.md'));
    expect(papers).toHaveLength(2);
    expect(papers[0]).toMatchObject({ date: '2026-06-27', publishedDate: '2026-06-25', title: 'DanceOPD：基于策略的生成场蒸馏' });
  });

  it('reads HTML inside cells: <br> breaks lines, formatting tags go, <sup>/<sub> become Unicode', () => {
    const [paper] = papersOf(parse(table2025('| <b>稀疏</b>注意力<br>（注：意译） | Ann | [PDF](http://arxiv.org/pdf/2510.00001v1) | 第一段<br><br>256<sup>2</sup> 像素，x<sub>i</sub>，<i>E. coli</i>，<script>x</script> |')));
    expect(paper).toMatchObject({ title: '稀疏注意力', titleNote: '（注：意译）' });
    expect(paper!.summary).toBe('第一段\n\n256² 像素，xᵢ，E. coli，<script>x</script>');
  });

  it('reads a GFM table without outer pipes, repairing a row that goes on over two lines', () => {
    const digest = parse('# arxiv 2026-09-03\n\n标题 | 作者 | PDF链接 | 摘要\n--- | --- | --- | ---\n无外框表格（注：说明\n续行） | Ann | [PDF](https://arxiv.org/pdf/2609.00011v1) | 摘要甲\n第二行 | Ben | [PDF](https://arxiv.org/pdf/2609.00012v2) | 摘要乙\n\n表格之后 | 不是一行\n');
    expect(papersOf(digest).map((p) => [p.id, p.title, p.summary, p.line])).toEqual([
      ['arxiv:2609.00011', '无外框表格', '摘要甲', 5],
      ['arxiv:2609.00012', '第二行', '摘要乙', 7],
    ]);
    expect(rulesOf(digest)).toEqual(['ignored-text']);
  });

  it('maps columns by name, in any order, with Chinese and English aliases', () => {
    const md = `# arXiv 2026-06-27

| PDF | Abstract | Authors | Title | Published |
|---|---|---|---|---|
| [PDF](https://arxiv.org/pdf/2606.27377v1) | An abstract. | Wei Zhou | A Title | 2026-06-25 |
`;
    const [paper] = papersOf(parse(md));
    expect(paper).toMatchObject({ title: 'A Title', summary: 'An abstract.', authors: ['Wei Zhou'], publishedDate: '2026-06-25' });
    expect(mapColumns(['标题', '作者', 'PDF 链接', '代码', 'Title']).fields).toEqual(['title', 'authors', 'pdf', 'code', 'titleEn']);
    expect(mapColumns(['**Title**', 'First Author', 'pdf_link', 'Summary']).fields).toEqual(['title', 'authors', 'pdf', 'summary']);
  });

  it('keeps an unknown extra column under "extra" with a diagnostic, without shifting the others', () => {
    const md = `# arxiv 2025-10-17

| 标题 | 备注 | 作者 | PDF链接 | 摘要 |
|------|------|------|--------|------|
| 一个标题 | 重点推荐 | Ann Lee | [PDF](http://arxiv.org/pdf/2510.00001v1) | 摘要文字。 |
`;
    const digest = parse(md);
    const [paper] = papersOf(digest);
    expect(paper).toMatchObject({ title: '一个标题', authors: ['Ann Lee'], summary: '摘要文字。', extra: { 备注: '重点推荐' } });
    const d = digest.diagnostics.find((x) => x.rule === 'unknown-column')!;
    expect(d).toMatchObject({ line: 3, severity: 'warning' });
    expect(d.message).toContain('备注');
  });

  it('reads every heading spelling of the history, and other sources by name', () => {
    expect(readHeading('Arxiv 2024-09-04 Papers')).toEqual({ date: '2024-09-04', sourceName: 'Arxiv' });
    expect(readHeading('arxiv 2025-10-17')).toEqual({ date: '2025-10-17', sourceName: 'arxiv' });
    expect(readHeading('arXiv 2026-05-22')).toEqual({ date: '2026-05-22', sourceName: 'arXiv' });
    expect(readHeading('BioRxiv 2024-09-04 Papers')).toEqual({ date: '2024-09-04', sourceName: 'BioRxiv' });
    expect(readHeading('2024-09-04 每日论文')).toEqual({ date: '2024-09-04' });
    expect(readHeading('bioRxiv')).toEqual({ sourceName: 'bioRxiv' });
    expect(readHeading('medRxiv 2025年3月1日')).toEqual({ date: '2025-03-01', sourceName: 'medRxiv' });
    // Counts, emoji and Chinese words around the name do not hide it.
    expect(readHeading('arXiv (12 篇)')).toEqual({ sourceName: 'arXiv' });
    expect(readHeading('🧬 medRxiv：共 3 篇')).toEqual({ sourceName: 'medRxiv' });
    expect(readHeading('bioRxiv 最新论文')).toEqual({ sourceName: 'bioRxiv' });
    expect(readHeading('arXiv 12 papers')).toEqual({ sourceName: 'arXiv' });
    expect(readHeading('今日精选')).toEqual({});

    const spellings = ['# Arxiv 2024-09-04 Papers', '# arxiv 2024-09-04', '# arXiv 2024-09-04', '# ARXIV 2024-09-04'];
    for (const heading of spellings) {
      const digest = parse(`${heading}\n\n| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n| T | A | [PDF](http://arxiv.org/pdf/2409.00001v1) | S |\n`, 'x.md');
      expect(digest.days[0], heading).toMatchObject({ source: 'arxiv', sourceName: 'arXiv', date: '2024-09-04', status: 'papers' });
    }
    const chem = parse('# chemRxiv 2026-01-02\n\n> 当天没有抓取到有效论文。\n', 'x.md');
    expect(chem.days[0]).toMatchObject({ source: 'chemrxiv', sourceName: 'ChemRxiv', status: 'empty' });
    const other = parse('# SocArXiv 2026-01-02\n\n> 当天没有抓取到有效论文。\n', 'x.md');
    expect(other.days[0]).toMatchObject({ source: 'socarxiv', sourceName: 'SocArXiv' });
  });

  it('takes source and date from the file name when the heading lacks them, and says so', () => {
    const digest = parse('| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n| T | A | [PDF](https://doi.org/10.1101/2024.01.01.000001) | S |\n', 'digests/2024-01-02-biorxiv.md');
    expect(digest.days[0]).toMatchObject({ source: 'biorxiv', date: '2024-01-02', status: 'papers' });
    expect(papersOf(digest)[0]!.id).toBe('doi:10.1101/2024.01.01.000001');
    expect(rulesOf(digest)).toContain('no-heading');
  });

  it('prefers the heading date over the file name, with a diagnostic', () => {
    const digest = parse('# arxiv 2025-10-18\n\n> 当天没有抓取到有效论文。\n', 'digests/2025-10-17-arxiv.md');
    expect(digest.date).toBe('2025-10-18');
    expect(digest.diagnostics.find((d) => d.rule === 'date-mismatch')).toMatchObject({ line: 1, column: 1 });
  });
});

describe('sub-headings that are not sources', () => {
  it('ignores a Chinese sub-heading instead of taking it for a source', () => {
    const digest = parse('# arxiv 2025-10-17\n\n## 说明\n\n今天的说明文字。\n\n| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n| T | A | [PDF](http://arxiv.org/pdf/2510.00001v1) | S |\n');
    expect(digest.days.map((d) => [d.source, d.status, d.papers.length])).toEqual([['arxiv', 'papers', 1]]);
    expect(rulesOf(digest)).toContain('ignored-heading');
  });
});
