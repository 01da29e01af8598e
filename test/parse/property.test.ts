import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDigest } from '../../src/parse/parse-digest.js';

/** Cell text made of the characters that break naive parsers. */
const nasty = fc.constantFrom(
  '|', '\\|', '\\', '\n', '\n\n', ' ', '*', '**', '_', '$', '$\\pi$', '[', ']', '(', ')', '[x](http://e.org)', '`', '<script>alert(1)</script>',
  '&amp;', '#', '## 说明', '> 引用', '1. ', '- ', '（注：说明）', '翻译说明：', '以下是这段英文的中文翻译：', '中文标题', 'Title', '。', '\u0000', '\u200b', '😀', 'N/A', '---',
);
/** Without `\r`, so the CRLF case below is the only source of carriage returns. */
const cellText = fc.array(fc.oneof(nasty, fc.string({ maxLength: 8 })), { maxLength: 12 }).map((parts) => parts.join('').replace(/\r/g, ''));

const LAYOUTS = [
  ['标题', '作者', 'PDF链接', '代码仓库', 'Title'],
  ['标题', '作者', 'PDF链接', '摘要'],
  ['标题', '作者', '发布日期', 'PDF链接', '摘要'],
  ['摘要', 'PDF链接', '标题', '作者'],
];

const table = fc.record({
  layout: fc.constantFrom(...LAYOUTS),
  rows: fc.array(fc.array(cellText, { minLength: 5, maxLength: 5 }), { minLength: 1, maxLength: 12 }),
  crlf: fc.boolean(),
});

describe('reader properties', () => {
  it('never throws and accounts for every row: each PDF link becomes a paper or a diagnostic', () => {
    fc.assert(
      fc.property(table, ({ layout, rows, crlf }) => {
        const urls: string[] = [];
        const lines = rows.map((cells, i) => {
          const url = `http://arxiv.org/pdf/2510.${String(10000 + i)}v1`;
          urls.push(url);
          const values = layout.map((h, k) => (h === 'PDF链接' ? `[PDF](${url})` : cells[k] ?? ''));
          return `| ${values.join(' | ')} |`;
        });
        const lf = `# arxiv 2025-10-17\n\n| ${layout.join(' | ')} |\n|${layout.map(() => '---').join('|')}|\n${lines.join('\n')}\n`;
        // Windows line ends: the same reading, at the same lines and columns.
        const md = crlf ? lf.replace(/\n/g, '\r\n') : lf;
        const digest = parseDigest(md, 'prop.md');
        if (crlf) expect(digest).toEqual(parseDigest(lf, 'prop.md'));
        const papers = digest.days.flatMap((d) => d.papers);
        for (const url of urls) {
          const asPaper = papers.some((p) => p.pdfUrl === url);
          const asDiagnostic = digest.diagnostics.some((d) => d.pdfUrl === url);
          expect(asPaper || asDiagnostic, `${url} lost in:\n${md}`).toBe(true);
        }
        for (const p of papers) {
          expect(p.title).not.toMatch(/\n/);
          expect(Array.from(p.title).length).toBeLessThanOrEqual(200);
          // A paper without a title says so: readers see a label (views), the owner a missing-title diagnostic.
          if (p.title === '') expect(digest.diagnostics.some((d) => d.rule === 'missing-title' && d.line === p.line), `untitled paper at line ${p.line} has no missing-title diagnostic`).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on arbitrary text, and every diagnostic points inside the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), fc.string({ maxLength: 30 }), (text, name) => {
        const digest = parseDigest(text, name);
        const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
        for (const d of digest.diagnostics) {
          expect(d.file).toBe(name);
          expect(d.line, `${d.rule} at ${d.line}:${d.column} in ${JSON.stringify(text)}`).toBeGreaterThanOrEqual(1);
          expect(d.line, `${d.rule} at ${d.line}:${d.column} in ${JSON.stringify(text)}`).toBeLessThanOrEqual(lines.length);
          expect(d.column, `${d.rule} at ${d.line}:${d.column} in ${JSON.stringify(text)}`).toBeGreaterThanOrEqual(1);
          expect(d.column, `${d.rule} at ${d.line}:${d.column} in ${JSON.stringify(text)}`).toBeLessThanOrEqual(lines[d.line - 1]!.length + 1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary tables built from digest syntax', () => {
    const piece = fc.constantFrom('| ', ' |', '\n', '|---|---|', '# arxiv 2025-10-17', '## bioRxiv', '> 抓取失败：x', '[PDF](http://arxiv.org/pdf/2510.00001v1)', '[PDF](', '标题', '作者', 'PDF链接', '摘要', '$', '\\');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const digest = parseDigest(pieces.join(''), '2025-10-17-arxiv.md');
        const links = (pieces.join('').match(/\[PDF\]\(/g) ?? []).length;
        const accounted = digest.days.reduce((n, d) => n + d.papers.length, 0) + digest.diagnostics.filter((d) => d.pdfUrl !== undefined).length;
        expect(accounted).toBeGreaterThanOrEqual(links);
      }),
      { numRuns: 500 },
    );
  });
});
