import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellText, cellToText, plainParagraphsText, remarkCellText } from '../../src/parse/cell-markdown.js';

/** Pieces that are Markdown somewhere and literal elsewhere, plus plain words and odd whitespace. */
const piece = fc.constantFrom(
  'a', 'Ab', 'é', '中文', '1', '42', '_', '__', '*', '**', '~', '~~', '!', '[', ']', '(', ')', '[cls]', '](', '![', '&', '&amp;', '&#65;', '&x;', '& ',
  '<', '<1', '<a>', '</b>', '<br>', '>', '#', '# ', '-', '- ', '+ ', '=', '===', '---', '***', '|', ':', '`', '\\', ' ', '  ', '\t', '\n', '\n\n', '\n  \n',
  '1. ', '1) ', '1234567890. ', '@', 'a@b.co', 'www.', 'www.x.org', 'http://e.org', 'https://e.org/a_b', '\u3000', '\u00a0', '\u2028', '\u2029', '\uFEFF',
  '\u0000', '\r', '\uE0000\uE001', '$', '。', '：', '（注：', '😀', '𝑥_1',
  '**', '**', ' **', '** ', '**x**', '**摘要：**', '：**', '**“', '”**', '\n- **', '\n1. **', '\n# ', '\n> ', '\n+ ', '\n-', '\n**',
  'https://github.com/a/b', 'http://x.y/a_b_(c)', 'www.e.org.', 'a.b@c.d', 'mailto:a@b.co', 'xmpp:a@b.co/r', '<1a.b@c.d>', '<+x@e.org>', '<a:b>', '.', ',', '?', '/', '-',
  // Symbols and punctuation outside ASCII next to `**` and `_`: where micromark's character classes changed between versions.
  '→', '©', '＋', '※', '‼', '€', '°', 'x**→', '→**x', '**©**', '_→_', '※**', '**‼',
);
const cell = fc
  .array(fc.oneof({ weight: 4, arbitrary: piece }, fc.string({ maxLength: 4 }), fc.string({ maxLength: 3, unit: 'binary' })), { maxLength: 14 })
  .map((parts) => parts.join(''));

describe('cell Markdown without the parser', () => {
  it('gives exactly what remark + remark-gfm give whenever it answers', () => {
    let answered = 0;
    fc.assert(
      fc.property(cell, (markdown) => {
        const plain = plainParagraphsText(markdown);
        if (plain === undefined) return;
        answered++;
        expect({ text: plain, links: [] }).toEqual(remarkCellText(markdown));
      }),
      { numRuns: 4000 },
    );
    // The property says something only if many cells take the short way.
    expect(answered).toBeGreaterThan(400);
  });

  it('gives exactly the text remark gives when links are not wanted, URLs and addresses included', () => {
    let withAutolinks = 0;
    fc.assert(
      fc.property(cell, (markdown) => {
        const plain = plainParagraphsText(markdown, { withLinks: false });
        if (plain === undefined) return;
        if (remarkCellText(markdown).links.length > 0) withAutolinks++;
        expect(plain).toBe(remarkCellText(markdown).text);
      }),
      { numRuns: 4000 },
    );
    expect(withAutolinks).toBeGreaterThan(100);
  });

  it('reads the literal Markdown characters of real titles and notes without the parser', () => {
    const cells = [
      'OpenFact at CheckThat! 2024: Combining Multiple Attack Methods',
      'LEA_4 motifs function alone',
      'TLS_Finder：一种算法',
      'CA*: Addressing Evaluation Pitfalls',
      'AdaS&S: a One-Shot Supernet; Tasks 3, 5 & 6',
      'Beyond [cls]: Exploring the true potential',
      'Training diffusion models at the scale of\noutdoor scenes is chall [翻译失败]',
      '当前>140/90 mmHg的排除标准。建议放宽至<160/100 mmHg',
      '（翻译说明：\n1. 保留术语"RGB videos"\n2. 使用中文书名号《》替代英文尖括号<>）',
      'Verbosity \uE0000\uE001 Veracity',
      '**摘要：** 模态泛化是一个重要挑战。\n\n**6. 结论**\n\n模态泛化是重要方向。',
      '以下是这段文字的中文翻译：\n解释：\n- **Sampling Bag of Views**：指的是从多个视角采样。\n- **Open-Vocabulary Object Detection**：开放词汇目标检测。',
      '1. **\"The Dark Side\"** 翻译为 **\"光合共生的阴暗面\"**，保留原意。',
      '**a** **b',
      'a** b**',
      '**a **b** c**',
      '**摘要：**\u3000模态泛化',
    ];
    for (const markdown of cells) {
      expect(plainParagraphsText(markdown), markdown).toBe(remarkCellText(markdown).text);
    }
  });

  it('leaves to remark what may be Markdown', () => {
    for (const markdown of ['*a* b', 'a_b_ c _d_', '[x](https://e.org)', 'see https://e.org', 'a@b.co', 'x &amp; y', 'a\\*b', '`code`', '<b>x</b>', 'a\n---', '>quote', '## title', 'a | b\n--|--', 'a ~b~ c', 'a ~~b~~ c', 'x*y*', '** **', '* x', '## x', '>x', '***x***', '**a**~b~', 'a**~b**', 'a\u2028  - b', ' x\u2029# y']) {
      expect(plainParagraphsText(markdown), markdown).toBeUndefined();
    }
  });

  it('leaves an e-mail autolink to remark when no link is wanted: remark drops its angle brackets (fast-check found `\\u000e<1a.b@c.d>`)', () => {
    for (const markdown of ['\u000e<1a.b@c.d>', 'x<1a.b@c.d>', 'mail <-x@e.org> now', 'x <a.b@c.d>']) {
      expect(plainParagraphsText(markdown, { withLinks: false }), markdown).toBeUndefined();
      expect(cellText(markdown), markdown).toBe(remarkCellText(markdown).text);
    }
    // A `<` before what cannot be an address stays literal text, read without the parser.
    expect(plainParagraphsText('a <1 and b> 2', { withLinks: false })).toBe('a <1 and b> 2');
  });

  it('reads an abstract with a URL without the parser when no link is wanted', () => {
    const summary = '项目代码已开源：https://github.com/Quyans/DeOcc123。详见 www.e.org 或 a@b.co';
    expect(plainParagraphsText(summary)).toBeUndefined();
    expect(plainParagraphsText(summary, { withLinks: false })).toBe(summary);
    expect(cellText(summary)).toBe(cellToText(summary).text);
    expect(cellToText(summary).links).toHaveLength(3);
  });

  it('keeps math and HTML scripts out of the Markdown', () => {
    expect(cellToText('Verbosity $\\neq$ Veracity!')).toEqual({ text: 'Verbosity $\\neq$ Veracity!', links: [] });
    expect(cellToText('H<sub>2</sub>O & *x*')).toEqual({ text: 'H$_{2}$O & x', links: [] });
  });
});
