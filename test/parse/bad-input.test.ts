import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeDigestBytes } from '../../src/parse/decode-text.js';
import { readDigests } from '../../src/read-digests.js';
import { parse, papersOf, rulesOf, table2025 } from '../helpers/parse.js';
import { tempDir as makeTemp } from '../helpers/tmp.js';

const GOOD = '# arxiv 2025-10-17\n\n| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n| T | A | [PDF](http://arxiv.org/pdf/2510.00001v1) | S |\n';

function tempDir(): string {
  return makeTemp('bad-');
}

describe('bad input', () => {
  it('reports each broken file by name and still reads the others', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '2025-10-17-arxiv.md'), GOOD);
    writeFileSync(join(dir, '2025-10-18-arxiv.md'), '');
    writeFileSync(join(dir, '2025-10-19-arxiv.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
    writeFileSync(join(dir, '2025-10-20-arxiv.md'), Buffer.concat([Buffer.from('# arxiv 2025-10-20\n\n| 标题 '), Buffer.from([0xff, 0xfe, 0x41])]));
    writeFileSync(join(dir, 'notes.md'), '| 标题 | 作者 | PDF链接 | 摘要 |\n|---|---|---|---|\n| T | A | [PDF](http://arxiv.org/pdf/2510.00009v1) | S |\n');
    mkdirSync(join(dir, '2025-10-21-arxiv.md'));
    const set = await readDigests([dir, join(dir, 'missing.md')], { displayRoot: dir });

    expect(set.days.map((d) => d.date)).toEqual(['2025-10-17']);
    expect(set.readableFiles).toBe(1);
    const byFile = Object.fromEntries(set.diagnostics.map((d) => [d.file, d]));
    expect(byFile['2025-10-18-arxiv.md']).toMatchObject({ rule: 'empty-file', severity: 'error' });
    expect(byFile['2025-10-19-arxiv.md']).toMatchObject({ rule: 'binary-file', severity: 'error', line: 3, column: 1 });
    expect(byFile['2025-10-20-arxiv.md']).toMatchObject({ rule: 'not-utf8', line: 3 });
    expect(byFile['2025-10-20-arxiv.md']!.message).toMatch(/re-save it as UTF-8/);
    expect(byFile['2025-10-21-arxiv.md']).toMatchObject({ rule: 'unreadable-file' });
    expect(byFile['missing.md']).toMatchObject({ rule: 'unreadable-file', message: 'cannot read: no such file or folder' });
    // A file with no heading and no date in its name: one error, and each PDF link accounted for.
    const notes = set.diagnostics.filter((d) => d.file === 'notes.md').map((d) => d.rule);
    expect(notes).toEqual(['no-heading', 'no-date', 'paper-not-read']);
  });

  it('reads a legacy GB18030 file that has a dated heading, with a warning', async () => {
    const dir = tempDir();
    const gbk = Buffer.from([0x23, 0x20, 0x61, 0x72, 0x78, 0x69, 0x76, 0x20, ...Buffer.from('2025-10-17\n\n'), 0xb1, 0xea, 0xcc, 0xe2]); // "# arxiv 2025-10-17\n\n标题"
    writeFileSync(join(dir, '2025-10-17-arxiv.md'), gbk);
    const set = await readDigests([dir], { displayRoot: dir });
    expect(set.files[0]!.diagnostics[0]).toMatchObject({ rule: 'not-utf8', severity: 'warning' });
    expect(set.readableFiles).toBe(1);
  });

  it('reads UTF-16 files with a BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(GOOD, 'utf16le')]);
    const decoded = decodeDigestBytes(bytes);
    expect(decoded.ok && decoded.encoding).toBe('utf-16le');
  });

  it('reads a 10 MB single line to its end: reported as ignored text, its PDF link accounted for, no paper', () => {
    // (How fast this goes is measured by `npm run bench -- parse`, not asserted here.)
    const line = `${'x|'.repeat(5 * 1024 * 1024)} [PDF](http://arxiv.org/pdf/2510.00001v1)`;
    const digest = parse(`# arxiv 2025-10-17\n${line}`);
    expect(papersOf(digest)).toEqual([]);
    expect(digest.days[0]!.status).toBe('failed');
    const ignored = digest.diagnostics.find((d) => d.rule === 'ignored-text');
    expect(ignored).toMatchObject({ file: 'digest.md', line: 2, column: 1, severity: 'info' });
    expect(ignored!.message.length).toBeLessThan(200); // the line is quoted clipped, not whole
    // The link at the very end of the line: found, and placed by its column on that line.
    expect(digest.diagnostics.find((d) => d.rule === 'stray-pdf-link')).toMatchObject({ line: 2, column: 10 * 1024 * 1024 + 2, pdfUrl: 'http://arxiv.org/pdf/2510.00001v1' });
    expect(digest.diagnostics.find((d) => d.rule === 'no-content')).toMatchObject({ line: 1 });
  });

  it('survives a 10 MB cell inside a real row and caps the title', () => {
    const cell = '长'.repeat(10 * 1024 * 1024);
    const digest = parse(table2025(`| ${cell} | Ann | [PDF](http://arxiv.org/pdf/2510.00001v1) | 摘要 |`));
    const [paper] = papersOf(digest);
    expect(Array.from(paper!.title).length).toBeLessThanOrEqual(200);
    expect(paper!.titleNote?.length).toBe(cell.length); // the whole cell is kept, as the note
    expect(digest.diagnostics).toMatchObject([{ rule: 'title-shortened', line: 5, pdfUrl: 'http://arxiv.org/pdf/2510.00001v1' }]);
  });

  it('refuses javascript: PDF links with a diagnostic that carries the link', () => {
    const digest = parse(table2025('| T | A | [PDF](javascript:alert(1)) | S |'));
    expect(papersOf(digest)).toEqual([]);
    expect(digest.diagnostics.map((d) => d.rule)).toContain('unsafe-pdf-link');
  });

  it('reports a PDF link outside any table', () => {
    const digest = parse('# arxiv 2025-10-17\n\nSee [PDF](http://arxiv.org/pdf/2510.00001v1) for details.\n\n> 当天没有抓取到有效论文。\n');
    expect(digest.diagnostics.find((d) => d.rule === 'stray-pdf-link')).toMatchObject({ line: 3, column: 5, pdfUrl: 'http://arxiv.org/pdf/2510.00001v1' });
  });

  it('reports a row without a PDF link', () => {
    const digest = parse(table2025('| 只有标题 | Ann | N/A | 摘要 |'));
    expect(papersOf(digest)).toEqual([]);
    const d = digest.diagnostics.find((x) => x.rule === 'row-without-pdf-link');
    expect(d).toMatchObject({ line: 5, severity: 'warning' });
    expect(d!.message).toContain('只有标题');
  });

  it('reports bad dates and code links without dropping the paper', () => {
    const md = '# arXiv 2026-06-27\n\n| 标题 | 作者 | 发布日期 | PDF链接 | 代码仓库 |\n|---|---|---|---|---|\n| T | A | soon | [PDF](https://arxiv.org/pdf/2606.00001v1) | javascript:alert(1) |\n';
    const digest = parse(md);
    expect(papersOf(digest)[0]!.publishedDate).toBeUndefined();
    expect(papersOf(digest)[0]!.codeUrl).toBeUndefined();
    expect(rulesOf(digest)).toEqual(['bad-published-date', 'bad-code-link']);
  });
});
