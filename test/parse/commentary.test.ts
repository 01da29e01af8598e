import { describe, expect, it } from 'vitest';
import { splitSummaryCell, splitTitleCell, unwrapTitle } from '../../src/parse/translator-commentary.js';
import { parse, papersOf, rulesOf, table2025 } from '../helpers/parse.js';
import { paperTitle } from '../../src/view/paper-title.js';
import { uiStrings } from '../../src/view/ui-strings.js';

/** Splits `cell` and checks the title and the note (exact text, or a pattern); returns the split for more checks. */
function expectSplit(cell: string, title: string, note: RegExp | string): ReturnType<typeof splitTitleCell> {
  const split = splitTitleCell(cell);
  expect(unwrapTitle(split.title)).toBe(title);
  if (typeof note === 'string') expect(split.note).toBe(note);
  else expect(split.note).toMatch(note);
  return split;
}

describe('translator commentary in title cells', () => {
  const cases: [string, string, string, RegExp | string][] = [
    ['（注：…） after a blank line', '全身条件化第一人称视频预测\n\n（注：Ponimator为专业术语。）', '全身条件化第一人称视频预测', /^（注：/],
    ['（注：…） on the same line', '湿度驱动的脱落酸耗竭（注：ABA为脱落酸的缩写）', '湿度驱动的脱落酸耗竭', '（注：ABA为脱落酸的缩写）'],
    ['（解析说明： + numbered list', 'pi-Flow：方法\n\n（解析说明：\n1. "Policy"译为"策略"\n2. 保留结构）', 'pi-Flow：方法', /^（解析说明：\n1\./],
    ['翻译说明： + dashed list', 'mTSBench：基准测试平台\n\n翻译说明：\n1. 专业术语处理：\n- "Time Series"译为"时间序列"', 'mTSBench：基准测试平台', /^翻译说明：/],
    ['这段翻译… after the title', 'KunServe：弹性高效服务\n\n这段翻译将“KunServe”保留为原文。', 'KunServe：弹性高效服务', /^这段翻译/],
    ['**…** wrapper with commentary', '**令牌空间中的弱扩展能力**\n\n在大型视觉语言模型的研究中，我们观察到了弱扩展。', '令牌空间中的弱扩展能力', /^在大型/],
    ['以下是…的中文翻译： lead-in', '以下是这段英文的中文翻译：\n\n**通过LLM代理进行可解释的数据探索**\n\n这个标题描述了一种方法。', '通过LLM代理进行可解释的数据探索', /^以下是这段英文的中文翻译：\n这个标题/],
    ['将这段翻译成中文为： prefix on the same line', '将这段翻译成中文为：基于扩散的三维重建', '基于扩散的三维重建', '将这段翻译成中文为：'],
    ['将“…”翻译成中文为： then a quoted bold title', '将“Identification of SMARCA1”翻译成中文为：\n\n**“SMARCA1被鉴定为关键调控因子”**\n\n这个翻译准确。', 'SMARCA1被鉴定为关键调控因子', /^将“Identification/],
    ['这段英文翻译成中文是：“…”', '这段英文翻译成中文是：“一种效应蛋白诱导矮化。”', '一种效应蛋白诱导矮化。', /^这段英文翻译成中文是：/],
    ['X 的中文翻译是“Y”。…', 'Uniform Kernel Prober 的中文翻译是“均匀内核探测器”。这个术语通常用于计算机科学。', '均匀内核探测器', /^Uniform Kernel Prober/],
    ['《…》 book-title wrapper', '《回放以铭记：流式语言模型中的领域知识保留》\n翻译说明：\n1. 主标题意译', '回放以铭记：流式语言模型中的领域知识保留', /^翻译说明/],
    ['## heading marker', '## 迈向模态泛化：基准与前瞻性分析\n\n**摘要：** 模态泛化是一个重要挑战。', '迈向模态泛化：基准与前瞻性分析', /摘要/],
    ['注释： and English labels', 'Translation: 大模型的对齐方法\nNote: kept the model name', '大模型的对齐方法', /^Translation:\nNote: kept/],
    ['（注释：…） on the same line', '稀疏注意力机制（注释：意译）', '稀疏注意力机制', '（注释：意译）'],
    ['**（注：…）** bold note after the title', '对比学习的新视角 **（注：这是意译）**', '对比学习的新视角', '**（注：这是意译）**'],
    ['**标题（注：…）** note inside the bold wrapper', '**稀疏专家模型（注：MoE）**', '稀疏专家模型', '（注：MoE）'],
    ['<br> before the commentary', '视觉语言模型的幻觉<br>（注：幻觉指生成与图像不符的内容）', '视觉语言模型的幻觉', '（注：幻觉指生成与图像不符的内容）'],
    ['好的，以下是翻译： lead-in line', '好的，以下是翻译：\n\n基于扩散模型的图像生成', '基于扩散模型的图像生成', '好的，以下是翻译：'],
    ['这是翻译后的标题： prefix', '好的，这是翻译后的标题：基于扩散模型的图像生成', '基于扩散模型的图像生成', '好的，这是翻译后的标题：'],
    ['**标题翻译：** bold label', '**标题翻译：** 基于扩散模型的图像生成', '基于扩散模型的图像生成', '**标题翻译：**'],
    ['English lead-in', "Here's the Chinese translation: 基于扩散模型的图像生成", '基于扩散模型的图像生成', "Here's the Chinese translation:"],
    ['【注：…】 and [注：…] on the same line', '基于扩散模型的图像生成【注：术语】', '基于扩散模型的图像生成', '【注：术语】'],
    ['(Note: …) on the same line', '基于扩散模型的图像生成 (Note: kept the term)', '基于扩散模型的图像生成', '(Note: kept the term)'],
    ['标题：/内容： labels', '标题：裸盖菇素作为治疗\n内容：\n裸盖菇素是一种天然化合物。', '裸盖菇素作为治疗', /^标题：\n内容：/],
  ];
  for (const [name, cell, title, note] of cases) it(name, () => void expectSplit(cell, title, note));

  it('leaves ordinary titles alone, including ones with 注意力, 翻译 or a question mark', () => {
    for (const title of ['通过同心因果注意力缓解对象幻觉', '分析基于大型语言模型的机器翻译中的上下文贡献', '大型语言模型能否获得驾照？面向自动驾驶的基准测试', '纤维束发育促进人类海马体的功能特化。', 'CA*：解决计算感知延迟在同时语音翻译中的评估陷阱']) {
      expect(splitTitleCell(title)).toEqual({ title, note: '' });
    }
  });

  it('uses the first sentence when a cell holds only a paragraph and there is no English title', () => {
    const long = '大型须鲸在种内存在显著的体型变化。这种变化通常与地理分布、性别、年龄以及生态因素有关。例如，南半球的蓝鲸通常比北半球的蓝鲸体型更大，雌性个体也往往比雄性更大。';
    const digest = parse(table2025(`| 以下是关于大型须鲸种内体型变化的摘要：\n\n${long} | Ann | [PDF](https://doi.org/10.1101/2025.02.07.000001) | 摘要。 |`, '# biorxiv 2025-02-11'));
    const [paper] = papersOf(digest);
    expect(paper!.title).toBe('大型须鲸在种内存在显著的体型变化。');
    expect(paper!.titleNote).toContain('这种变化通常与地理分布');
    expect(rulesOf(digest)).toContain('title-shortened');
  });

  it('labels a row with an empty title (medRxiv) as untitled, with its source and id, and an info diagnostic', () => {
    const digest = parse('# medrxiv 2025-04-27\n\n| 标题 | 作者 | PDF链接 |  摘要 |\n|------|------|--------|------|\n|  |  | [PDF](https://doi.org/10.1101/2024.10.01.24314650) |  |\n');
    const paper = papersOf(digest)[0]!;
    // The model keeps what the digest says (no title); readers see a label in the project's language.
    expect(paper).toMatchObject({ title: '', authors: [], summary: '', id: 'doi:10.1101/2024.10.01.24314650', url: 'https://doi.org/10.1101/2024.10.01.24314650' });
    expect(paperTitle(paper, uiStrings('zh-CN'))).toBe('（无标题）medRxiv 10.1101/2024.10.01.24314650');
    expect(paperTitle(paper, uiStrings('en'))).toBe('(untitled) medRxiv 10.1101/2024.10.01.24314650');
    expect(digest.diagnostics[0]).toMatchObject({ rule: 'missing-title', severity: 'info', line: 5 });
  });

  it('shows the English title of a medRxiv row whose Chinese title is empty', () => {
    const md = '# medrxiv 2024-11-12\n\n| 标题 | 作者 | PDF链接 | 代码仓库 | Title |\n|---|---|---|---|---|\n|  | Ann | [PDF](https://doi.org/10.1101/2024.11.01.24316000) | N/A | Long COVID in children: a cohort study |\n';
    const digest = parse(md);
    expect(papersOf(digest)[0]).toMatchObject({ title: 'Long COVID in children: a cohort study', titleEn: 'Long COVID in children: a cohort study' });
    expect(digest.diagnostics).toEqual([expect.objectContaining({ rule: 'title-from-english', line: 5 })]);
  });

  it('never keeps a line break in a title, and caps it at 200 characters', () => {
    const huge = '超长标题'.repeat(80);
    const [paper] = papersOf(parse(table2025(`| ${huge} | Ann | [PDF](http://arxiv.org/pdf/2510.00001v1) | 摘要 |`)));
    expect(Array.from(paper!.title).length).toBeLessThanOrEqual(200);
    expect(paper!.title).not.toMatch(/\n/);
  });
});

describe('translator commentary in abstract cells', () => {
  it('moves a trailing （翻译说明：…） paragraph out of the abstract', () => {
    expect(splitSummaryCell('多元时间序列异常检测至关重要。\n\n（翻译说明：严格遵循学术文本规范）')).toEqual({
      summary: '多元时间序列异常检测至关重要。',
      note: '（翻译说明：严格遵循学术文本规范）',
    });
  });
  it('moves a lead-in line out of the abstract', () => {
    expect(splitSummaryCell('以下是这段英文的中文翻译：\n\n本研究提出了新方法。')).toEqual({ summary: '本研究提出了新方法。', note: '以下是这段英文的中文翻译：' });
  });
  it('moves chatty lead-ins and sign-offs out of the abstract', () => {
    expect(splitSummaryCell('好的，以下是摘要的中文翻译：\n\n我们提出了一种新方法。')).toEqual({ summary: '我们提出了一种新方法。', note: '好的，以下是摘要的中文翻译：' });
    expect(splitSummaryCell('我们提出了一种新方法。\n\n---\n\n翻译说明：\n1. 术语')).toEqual({ summary: '我们提出了一种新方法。', note: '---\n\n翻译说明：\n1. 术语' });
    expect(splitSummaryCell('我们提出了一种新方法。\n\n希望这个翻译对您有帮助！')).toEqual({ summary: '我们提出了一种新方法。', note: '希望这个翻译对您有帮助！' });
    expect(splitSummaryCell('我们提出了一种新方法。\n\n如需进一步修改，请告诉我。')).toEqual({ summary: '我们提出了一种新方法。', note: '如需进一步修改，请告诉我。' });
  });
  it('moves an offer to translate out of the abstract', () => {
    expect(splitSummaryCell('好的，请提供需要翻译的英文文本，我会将其翻译成中文。')).toEqual({ summary: '', note: '好的，请提供需要翻译的英文文本，我会将其翻译成中文。' });
    expect(splitSummaryCell('您没有提供需要翻译的内容。\n\n我们提出了一种新方法。')).toEqual({ summary: '我们提出了一种新方法。', note: '您没有提供需要翻译的内容。' });
  });
  it('keeps an abstract that merely mentions notes', () => {
    const text = '我们提出一种方法（注意：代码已开源）。\n\n第二段讨论结果。';
    expect(splitSummaryCell(text)).toEqual({ summary: text, note: '' });
  });
});

describe('English title as the fallback', () => {
  it('keeps it within 200 characters too', () => {
    const longEn = `Effectiveness and cost-effectiveness of community-based screening algorithms ${'using computer-aided detection '.repeat(8)}`;
    const md = `# Arxiv 2024-09-04 Papers\n\n| 标题 | 作者 | PDF链接 | 代码仓库 | Title |\n|---|---|---|---|---|\n| （注：只有说明） | A | [PDF](http://arxiv.org/pdf/2409.00001v1) | N/A | ${longEn} |\n`;
    const [paper] = papersOf(parse(md));
    expect(Array.from(paper!.title).length).toBeLessThanOrEqual(200);
    expect(paper!.title.startsWith('Effectiveness and cost-effectiveness')).toBe(true);
    expect(paper!.titleEn).toBe(longEn.trim());
  });
});

describe('translator chatter instead of a title', () => {
  const cases: [string, string, string, RegExp | string][] = [
    ['X 可以翻译为：Y', 'Attention Is All You Need 可以翻译为：注意力就是你所需要的一切', '注意力就是你所需要的一切', 'Attention Is All You Need 可以翻译为：'],
    ['这个标题可以翻译为：(Y on the next line)', '这个标题可以翻译为：\n\n**稀疏专家模型的高效推理**\n\n其中 MoE 指专家混合。', '稀疏专家模型的高效推理', /^这个标题可以翻译为：\n其中/],
    ['X 可译为“Y”', 'Graph Transformers 可译为“图变换器”', '图变换器', 'Graph Transformers 可译为'],
    ['请帮我将以下内容翻译成中文：(Chinese after it)', '请帮我将以下内容翻译成中文：基于扩散模型的图像生成', '基于扩散模型的图像生成', '请帮我将以下内容翻译成中文：'],
    ['an offer first, then the title', '好的，请提供需要翻译的英文文本。\n\n基于扩散模型的图像生成', '基于扩散模型的图像生成', '好的，请提供需要翻译的英文文本。'],
  ];
  for (const [name, cell, title, note] of cases) {
    it(name, () => {
      const split = expectSplit(cell, title, note);
      expect(split.untranslated).toBeUndefined();
      expect(split.chatter).toBe(true);
    });
  }

  it('says when it read a title out of chatter', () => {
    const digest = parse(table2025('| Attention Is All You Need 可以翻译为：注意力就是你所需要的一切 | A | [PDF](http://arxiv.org/pdf/2510.00001v1) | 摘要。 |'));
    expect(papersOf(digest)[0]).toMatchObject({ title: '注意力就是你所需要的一切', titleNote: 'Attention Is All You Need 可以翻译为：' });
    expect(digest.diagnostics).toEqual([expect.objectContaining({ rule: 'translator-chatter', severity: 'info', line: 5 })]);
  });

  it('knows an echoed prompt followed by the English original is untranslated', () => {
    expect(splitTitleCell('请帮我将以下内容翻译成中文：Scaling Laws for Sparse Experts')).toEqual({ title: 'Scaling Laws for Sparse Experts', note: '请帮我将以下内容翻译成中文：', untranslated: true, chatter: true });
    expect(splitTitleCell('Please translate the following into Chinese: Scaling Laws')).toEqual({ title: 'Scaling Laws', note: 'Please translate the following into Chinese:', untranslated: true, chatter: true });
  });

  it('leaves titles about translation alone', () => {
    for (const title of ['将自然语言翻译为SQL：基于大模型的方法', '在未提供标签内容的情况下的学习', '面向低资源语言的机器翻译评测', '请勿打扰：移动通知的用户研究']) {
      expect(splitTitleCell(title)).toEqual({ title, note: '' });
    }
  });

  it('shows the English title, from the English column or the cell, when the cell only asks for a translation', () => {
    const en = '# Arxiv 2024-09-04 Papers\n\n| 标题 | 作者 | PDF链接 | 代码仓库 | Title |\n|---|---|---|---|---|\n| 请帮我将以下内容翻译成中文：Scaling laws for sparse experts | A | [PDF](http://arxiv.org/pdf/2409.00001v1) | N/A | Scaling Laws for Sparse Experts |\n';
    const withColumn = parse(en);
    expect(papersOf(withColumn)[0]).toMatchObject({ title: 'Scaling Laws for Sparse Experts', titleNote: '请帮我将以下内容翻译成中文：' });
    expect(withColumn.diagnostics).toEqual([expect.objectContaining({ rule: 'title-untranslated', line: 5, message: expect.stringContaining('from the English title column') })]);
    const inCell = parse(table2025('| 请帮我将以下内容翻译成中文：Scaling Laws for Sparse Experts | A | [PDF](http://arxiv.org/pdf/2510.00001v1) | 摘要。 |'));
    expect(papersOf(inCell)[0]).toMatchObject({ title: 'Scaling Laws for Sparse Experts', titleNote: '请帮我将以下内容翻译成中文：' });
    expect(rulesOf(inCell)).toEqual(['title-untranslated']);
  });

  it('never shows an offer to translate as the title: English title, else a clear label', () => {
    const offer = '好的，请提供需要翻译的英文文本，我会将其翻译成中文。';
    const withColumn = parse(`# Arxiv 2024-09-04 Papers\n\n| 标题 | 作者 | PDF链接 | 代码仓库 | Title |\n|---|---|---|---|---|\n| ${offer} | A | [PDF](http://arxiv.org/pdf/2409.00001v1) | N/A | Scaling Laws for Sparse Experts |\n`);
    expect(papersOf(withColumn)[0]).toMatchObject({ title: 'Scaling Laws for Sparse Experts', titleNote: offer });
    expect(rulesOf(withColumn)).toEqual(['title-from-english']);
    const without = parse(table2025(`| ${offer} | A | [PDF](http://arxiv.org/pdf/2510.00001v1) | 摘要。 |`));
    expect(papersOf(without)[0]).toMatchObject({ title: '', titleNote: offer });
    expect(paperTitle(papersOf(without)[0]!, uiStrings('zh-CN'))).toBe('（无标题）arXiv 2510.00001');
    expect(without.diagnostics).toEqual([expect.objectContaining({ rule: 'missing-title', line: 5, message: expect.stringContaining('only translator chatter') })]);
  });
});
