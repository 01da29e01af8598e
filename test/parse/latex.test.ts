import { describe, expect, it } from 'vitest';
import { readableLatex, replaceInlineMath } from '../../src/parse/latex.js';
import { parse, papersOf, table2025 } from '../helpers/parse.js';

describe('inline LaTeX → Unicode', () => {
  const cases: [string, string][] = [
    ['$\\pi$-Flow', 'π-Flow'],
    ['$\\ell_2$ 流匹配', 'ℓ₂ 流匹配'],
    ['256$^2$ 分辨率', '256² 分辨率'],
    ['${\\bf MASK}$ 令牌', 'MASK 令牌'],
    ['快 $8.7\\times$', '快 8.7×'],
    ['$\\ell_2^2$ 最小和', 'ℓ₂² 最小和'],
    ['冗长性 $\\neq$ 真实性', '冗长性 ≠ 真实性'],
    ['（$\\text{F}^3$）', '（F³）'],
    ['99% $\\uparrow\\downarrow$', '99% ↑↓'],
    ['$O(n\\log n)$ 时间', 'O(n log n) 时间'],
    ['$\\frac{1}{2}$', '1/2'],
    ['$\\mathcal{O}(\\sqrt{n})$', '𝒪(√n)'],
    ['G$^2$VLM', 'G²VLM'],
  ];
  for (const [tex, text] of cases) it(`${tex} → ${text}`, () => expect(replaceInlineMath(tex)).toBe(text));

  it('leaves dollar amounts alone', () => {
    expect(replaceInlineMath('costs $5 and $10 a month')).toBe('costs $5 and $10 a month');
    expect(replaceInlineMath('仅需 $ 5 美元')).toBe('仅需 $ 5 美元');
  });

  it('keeps the LaTeX original next to the readable title', () => {
    const [paper] = papersOf(parse(table2025('| $\\pi$-Flow：少步生成 | Ann | [PDF](http://arxiv.org/pdf/2510.14974v1) | 用 $\\ell_2$ 损失。 |')));
    expect(paper).toMatchObject({ title: 'π-Flow：少步生成', summary: '用 ℓ₂ 损失。', original: { title: '$\\pi$-Flow：少步生成', summary: '用 $\\ell_2$ 损失。' } });
  });

  it('does not let Markdown read LaTeX (underscores and stars inside $…$ stay)', () => {
    const [paper] = papersOf(parse(table2025('| 关于 $a*b*c$ 与 $x_1 * y_1$ 的 **研究** | Ann | [PDF](http://arxiv.org/pdf/2510.00001v1) | 摘要 |')));
    expect(paper!.original?.title).toBe('关于 $a*b*c$ 与 $x_1 * y_1$ 的 研究');
  });
});

describe('LaTeX outside $…$ → text', () => {
  const cases: [string, string][] = [
    ['本文提出\\textbf{Matrix}——一种去中心化框架', '本文提出Matrix——一种去中心化框架'],
    ['\\textsc{Sam}：分割一切', 'Sam：分割一切'],
    ['\\emph{稀疏}注意力与 \\textit{\\textbf{嵌套}} 命令', '稀疏注意力与 嵌套 命令'],
    ['干扰素-{lambda}-中和性自身抗体', '干扰素-λ-中和性自身抗体'],
    ['{tau}蛋白与{alpha}-突触核蛋白', 'τ蛋白与α-突触核蛋白'],
    ['快 8.7\\times，误差 \\leq 1%', '快 8.7×，误差 ≤ 1%'],
    ['加速 $\\times$10 倍', '加速 ×10 倍'],
    ['未知命令 \\foo 保持原样，{braces} 也是', '未知命令 \\foo 保持原样，{braces} 也是'],
  ];
  for (const [tex, text] of cases) it(`${tex} → ${text}`, () => expect(readableLatex(tex)).toBe(text));

  it('is applied to titles, English titles and abstracts, with the original kept', () => {
    const md = '# Arxiv 2024-11-12 Papers\n\n| 标题 | 作者 | PDF链接 | 代码仓库 | Title |\n|---|---|---|---|---|\n| 干扰素-{lambda}-中和性自身抗体 | A | [PDF](https://doi.org/10.1101/2024.11.01.24316000) | N/A | Interferon-{lambda}-Neutralizing Autoantibodies |\n';
    const [paper] = papersOf(parse(md));
    expect(paper).toMatchObject({ title: '干扰素-λ-中和性自身抗体', titleEn: 'Interferon-λ-Neutralizing Autoantibodies', original: { title: '干扰素-{lambda}-中和性自身抗体', titleEn: 'Interferon-{lambda}-Neutralizing Autoantibodies' } });
  });
});
