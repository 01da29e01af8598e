/**
 * Topic matching at the full history's scale: the corpus's papers, copied to about 61k, against
 * a handful of topics. `topicsOf` (NFKC, lower
 * case, one compiled regular expression per topic, word boundaries) vs the baseline a naive
 * implementation would be: lower-case each field and `includes` every keyword, measured in the
 * same run. Also how many papers the two disagree on (the word boundaries' work).
 */
import type { Paper } from '../src/model.js';
import { topicsOf, type Topic } from '../src/project/topics.js';
import { readDigests } from '../src/read-digests.js';
import { medianMs, printTable } from './measure.js';

/** Papers in the full history the build must match (about 530 days). */
export const FULL_HISTORY_PAPERS = 61_000;

const TOPICS: Topic[] = [
  { id: 'diffusion', title: '扩散模型', keywords: ['diffusion', '扩散'] },
  { id: 'llm', title: '大模型', keywords: ['LLM', 'large language model', '大语言模型', '大模型'] },
  { id: 'rag', title: 'RAG', keywords: ['RAG', 'retrieval-augmented', '检索增强'] },
  { id: 'protein', title: '蛋白质', keywords: ['protein', '蛋白'] },
  { id: 'robot', title: '机器人', keywords: ['robot', '机器人', 'embodied', '具身'] },
  { id: 'brain', title: '神经科学', keywords: ['neuron', 'hippocampus', '神经元', '海马体', 'fMRI'] },
];

function naiveTopicsOf(paper: Paper, topics: readonly Topic[]): Topic[] {
  const text = `${paper.title}\n${paper.titleEn ?? ''}\n${paper.summary}`.toLowerCase();
  return topics.filter((t) => t.keywords.some((k) => text.includes(k.toLowerCase())));
}

/** Prints the matcher's time per 61k papers against the naive scan's. */
export async function benchTopics(dir: string): Promise<void> {
  const { days } = await readDigests([dir]);
  const corpus = days.flatMap((d) => d.sources.flatMap((s) => s.papers));
  if (corpus.length === 0) return;
  const papers = Array.from({ length: FULL_HISTORY_PAPERS }, (_, i) => ({ ...corpus[i % corpus.length]! }));
  console.log(`\n## topics — ${TOPICS.length} topics over ${FULL_HISTORY_PAPERS} papers (the corpus's ${corpus.length}, copied)`);
  const count = (match: (p: Paper, topics: readonly Topic[]) => Topic[]) => () => {
    let n = 0;
    for (const p of papers) n += match(p, TOPICS).length;
    return n;
  };
  const naive = await medianMs(count(naiveTopicsOf), { warmup: 1, minRuns: 3, budgetMs: 4000 });
  const matcher = await medianMs(count(topicsOf), { warmup: 1, minRuns: 3, budgetMs: 4000 });
  let disagree = 0;
  let matched = 0;
  for (const p of papers) {
    const a = topicsOf(p, TOPICS).length;
    matched += a > 0 ? 1 : 0;
    if (a !== naiveTopicsOf(p, TOPICS).length) disagree++;
  }
  const ms = (x: number) => Number(x.toFixed(1));
  printTable([
    ['what', `ms per ${FULL_HISTORY_PAPERS} papers`, 'vs naive scan'],
    ['naive: toLowerCase + includes per keyword', ms(naive), '1.00×'],
    ['topicsOf (NFKC + lower case, one regex per topic)', ms(matcher), `${(matcher / naive).toFixed(2)}×`],
  ]);
  console.log(`papers on at least one topic: ${matched}; papers whose topic count differs from the naive scan (word boundaries, NFKC): ${disagree}`);
}
