/**
 * The diagnostic rules no other test produced: for each, a minimal digest that triggers it, and
 * the rule asserted where it points (file:line:column) and what the reader did about it.
 */
import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_DIGEST_BYTES, readDigests } from '../../src/read-digests.js';
import { parse, papersOf, table2025 } from '../helpers/parse.js';
import { tempDir } from '../helpers/tmp.js';

const ROW = '| T | A | [PDF](http://arxiv.org/pdf/2510.00001v1) | S |';
const EMPTY_STATUS = '> 当天没有抓取到有效论文。';

/** The diagnostics of one rule, as `file:line:column severity`. */
function located(digest: ReturnType<typeof parse>, rule: string): string[] {
  return digest.diagnostics.filter((d) => d.rule === rule).map((d) => `${d.file}:${d.line}:${d.column} ${d.severity}`);
}

describe('diagnostic rules', () => {
  it('file-too-large: a file over the size limit is reported, not read', async () => {
    const dir = tempDir('rules-');
    writeFileSync(join(dir, '2025-10-17-arxiv.md'), table2025(ROW));
    const big = join(dir, '2025-10-18-arxiv.md');
    writeFileSync(big, '');
    truncateSync(big, MAX_DIGEST_BYTES + 1); // sparse: takes no room on disk
    const set = await readDigests([dir], { displayRoot: dir });
    expect(set.days.map((d) => d.date)).toEqual(['2025-10-17']);
    expect(set.diagnostics).toEqual([
      expect.objectContaining({ file: '2025-10-18-arxiv.md', line: 1, column: 1, severity: 'error', rule: 'file-too-large', message: expect.stringContaining('64.0 MB') }),
    ]);
  });

  it('source-mismatch: the heading names another source than the file name; the heading wins', () => {
    const digest = parse(table2025(ROW), '2025-10-17-biorxiv.md');
    expect(located(digest, 'source-mismatch')).toEqual(['2025-10-17-biorxiv.md:1:1 warning']);
    expect(digest.days.map((d) => d.source)).toEqual(['arxiv']);
  });

  it('second-date: a later heading names another day; its papers stay under the file day', () => {
    const digest = parse(`# arxiv 2025-10-17\n\n## arxiv 2025-10-18\n\n| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n${ROW}\n`);
    expect(located(digest, 'second-date')).toEqual(['digest.md:3:1 warning']);
    expect(papersOf(digest).map((p) => [p.id, p.date])).toEqual([['arxiv:2510.00001', '2025-10-17']]);
  });

  it('repeated-column: a second title column points at its own header cell and its cells go to extra', () => {
    const md = '# arxiv 2025-10-17\n\n| 标题 | 作者 | PDF链接 | 标题 |\n|---|---|---|---|\n| T | A | [PDF](http://arxiv.org/pdf/2510.00001v1) | Again |\n';
    const digest = parse(md);
    expect(located(digest, 'repeated-column')).toEqual(['digest.md:3:21 warning']); // where the second 标题 starts
    expect(papersOf(digest)[0]).toMatchObject({ title: 'T', extra: { 标题: 'Again' } });
  });

  it('table-outside-section: a paper table before any source heading takes its source from the links', () => {
    const digest = parse(`# 2025-10-17 每日论文\n\n| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n${ROW}\n`);
    expect(digest.kind).toBe('combined');
    expect(located(digest, 'table-outside-section')).toEqual(['digest.md:3:1 warning']);
    expect(digest.diagnostics.find((d) => d.rule === 'table-outside-section')!.message).toContain('taken as arxiv');
    expect(papersOf(digest).map((p) => p.source)).toEqual(['arxiv']);
  });

  it('second-status: of two status lines the first counts', () => {
    const digest = parse(`# arxiv 2025-10-17\n\n${EMPTY_STATUS}\n\n> 抓取失败：Read timed out.\n`);
    expect(located(digest, 'second-status')).toEqual(['digest.md:5:1 warning']);
    expect(digest.days[0]!.status).toBe('empty');
  });

  it('status-outside-section: a status line before any source heading is ignored', () => {
    const digest = parse(`# 2025-10-17 每日论文\n\n> 抓取失败：Read timed out.\n\n## arXiv\n\n${EMPTY_STATUS}\n`);
    expect(located(digest, 'status-outside-section')).toEqual(['digest.md:3:1 warning']);
    expect(digest.days.map((d) => [d.source, d.status])).toEqual([['arxiv', 'empty']]);
  });

  it('status-with-papers: a section with papers and a status line keeps the papers', () => {
    const digest = parse(`${table2025(ROW)}\n${EMPTY_STATUS}\n`);
    expect(located(digest, 'status-with-papers')).toEqual(['digest.md:1:1 warning']);
    expect(digest.days[0]).toMatchObject({ status: 'papers', papers: [{ id: 'arxiv:2510.00001' }] });
  });

  it('ignored-quote: a quoted line that is no status line is ignored', () => {
    const digest = parse(`# arxiv 2025-10-17\n\n> 以下为机器翻译\n\n${EMPTY_STATUS}\n`);
    expect(located(digest, 'ignored-quote')).toEqual(['digest.md:3:1 info']);
    expect(digest.days[0]!.status).toBe('empty');
  });

  it('ignored-table: a table with no title or PDF column is ignored, the paper table after it is read', () => {
    const digest = parse(`# arxiv 2025-10-17\n\n| 统计 | 数量 |\n|---|---|\n| 总数 | 1 |\n\n| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n${ROW}\n`);
    expect(located(digest, 'ignored-table')).toEqual(['digest.md:3:1 info']);
    expect(papersOf(digest).map((p) => p.id)).toEqual(['arxiv:2510.00001']);
  });
});
