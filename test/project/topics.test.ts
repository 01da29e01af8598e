import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/model.js';
import { foldForMatch, matchesTopic, topicsOf, type Topic } from '../../src/project/topics.js';
import { readDigests } from '../../src/read-digests.js';
import { CORPUS_DIR, hasCorpus } from '../helpers/corpus.js';

function paper(title: string, summary = '', titleEn?: string): Paper {
  return { id: `arxiv:${title}`, date: '2025-10-17', source: 'arxiv', title, ...(titleEn ? { titleEn } : {}), authors: [], pdfUrl: 'https://arxiv.org/pdf/1', url: 'https://arxiv.org/abs/1', summary, file: 'x.md', line: 1 };
}
const topic = (keywords: string[], id = 't'): Topic => ({ id, title: id, keywords });

describe('topic matching', () => {
  it('is case-insensitive over the Chinese title, the English title and the abstract', () => {
    const diffusion = topic(['Diffusion', '扩散']);
    expect(matchesTopic(paper('基于扩散的采样'), diffusion)).toBe(true);
    expect(matchesTopic(paper('新方法', '', 'Coupled DIFFUSION Sampling'), diffusion)).toBe(true);
    expect(matchesTopic(paper('新方法', '我们提出一种 diffusion 模型。'), diffusion)).toBe(true);
    expect(matchesTopic(paper('新方法', '与主题无关。', 'Unrelated'), diffusion)).toBe(false);
  });

  it('reads full-width Latin as Latin (NFKC), and phrases across any white space', () => {
    expect(foldForMatch('ＧＰＴ－４ Ｍｏｄｅｌ')).toBe('gpt-4 model');
    expect(matchesTopic(paper('基于ＧＰＴ的评测'), topic(['gpt']))).toBe(true);
    expect(matchesTopic(paper('x', 'a large\n  language model'), topic(['Large Language Model']))).toBe(true);
    expect(matchesTopic(paper('x', 'ﬁne-tuning'), topic(['fine-tuning']))).toBe(true);
  });

  it('matches short Latin keywords as whole words (plural s allowed), longer ones at the start of a word', () => {
    const rag = topic(['RAG']);
    expect(matchesTopic(paper('x', 'efficient storage of data'), rag)).toBe(false);
    expect(matchesTopic(paper('x', 'ragged arrays'), rag)).toBe(false);
    for (const text of ['RAG-based QA', '基于RAG的问答', 'two RAGs compared', '(RAG)', 'rag.']) expect(matchesTopic(paper('x', text), rag), text).toBe(true);
    expect(matchesTopic(paper('x', 'ALBERT is small'), topic(['bert']))).toBe(false);
    expect(matchesTopic(paper('x', 'BERT4Rec'), topic(['bert']))).toBe(true);
    const diffusion = topic(['diffusion']);
    expect(matchesTopic(paper('x', 'Diffusions and diffusion-based models'), diffusion)).toBe(true);
    expect(matchesTopic(paper('x', 'nondiffusion'), diffusion)).toBe(false);
    expect(matchesTopic(paper('x', 'transformers'), topic(['transformer']))).toBe(true);
    // Chinese has no word boundaries: a substring anywhere.
    expect(matchesTopic(paper('图扩散模型'), topic(['扩散']))).toBe(true);
  });

  it('takes keywords literally: regular-expression characters, quotes and LaTeX', () => {
    expect(matchesTopic(paper('x', 'a (C++) library'), topic(['c++']))).toBe(true);
    expect(matchesTopic(paper('x', 'cpp library'), topic(['c++']))).toBe(false);
    expect(matchesTopic(paper('x', 'the $\\ell_2$ loss'), topic(['$\\ell_2$']))).toBe(true);
    expect(matchesTopic(paper('x', 'a.b'), topic(['a|b', '.*']))).toBe(false);
    expect(matchesTopic(paper('<script>alert(1)</script>'), topic(['<script>']))).toBe(true);
  });

  it.skipIf(!hasCorpus)('lists the topics of a paper in the order given, each match the same as matchesTopic, over the corpus', async () => {
    const topics = [topic(['diffusion', '扩散'], 'diffusion'), topic(['llm', 'language model', '大语言模型', '大模型'], 'llm'), topic(['protein', '蛋白'], 'protein')];
    expect(topicsOf(paper('扩散与大模型'), topics).map((t) => t.id)).toEqual(['diffusion', 'llm']);
    const { days } = await readDigests([CORPUS_DIR]);
    const papers = days.flatMap((d) => d.sources.flatMap((s) => s.papers));
    expect(papers.length).toBeGreaterThan(1000);
    const counts = topics.map((t) => papers.filter((p) => matchesTopic(p, t)).length);
    for (const count of counts) expect(count).toBeGreaterThan(0);
    for (const p of papers.slice(0, 500)) expect(topicsOf(p, topics)).toEqual(topics.filter((t) => matchesTopic(p, t)));
    // A plain case-insensitive substring scan finds at least as many (word boundaries only remove matches).
    const naive = papers.filter((p) => `${p.title} ${p.titleEn ?? ''} ${p.summary}`.toLowerCase().includes('diffusion') || `${p.title}${p.summary}`.includes('扩散')).length;
    expect(counts[0]).toBeLessThanOrEqual(naive);
  });
});
